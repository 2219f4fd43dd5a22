"""`import FILING` takes only what verify proves, and filings of an older renderer are reported
plainly: which version made them, what the data check found, never a silent "一致"."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from app.cli import run
from app.filing import verify_filing
from app.filing.xlsx import CARRY_SHEET
from assessments.document import parse_document
from assessments.fingerprint import legacy_fingerprint, legacy_result_core
from assessments.scoring import score

from .conftest import ROOT, example
from .filing_helpers import carried_json, export_example, replace_pdf_envelope

RENDERER1 = ROOT / "tests" / "fixtures" / "filings" / "renderer1-0.2.0.xlsx"


@pytest.fixture(scope="module")
def filed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return export_example(tmp_path_factory.mktemp("import"))


def _assessments(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        return int(conn.execute("select count(*) from assessments").fetchone()[0])


def _journal(db: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(db) as conn:
        return list(conn.execute("select key, action, coalesce(new_json, '') from journal order by id"))


def _forge_workbook(src: Path, dst: Path, old: str, new: str) -> None:
    """Edit the carried document inside the very-hidden sheet (what a forger would do)."""
    shutil.copyfile(src, dst)
    wb = load_workbook(dst)
    carry = wb[CARRY_SHEET]
    for row in range(4, 4 + int(carry["A3"].value)):
        cell = carry.cell(row=row, column=1)
        cell.value = cell.value.replace(old, new)
    wb.save(dst)


def test_verified_filing_imports(filed: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "db.sqlite3"
    assert run(["--db", str(db), "import", str(filed[1])]) == 0
    assert _assessments(db) == 1
    assert "已从备案文件导入为评估" in capsys.readouterr().err


def test_forged_carried_document_is_refused_and_nothing_imported(
    filed: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forged = tmp_path / "forged.xlsx"
    _forge_workbook(filed[0], forged, '"P4":82', '"P4":95')
    db = tmp_path / "db.sqlite3"
    assert run(["--db", str(db), "import", str(forged)]) == 2
    err = capsys.readouterr().err
    assert "未导入：备案文件未通过核验，没有导入任何内容" in err
    assert "指纹不一致" in err and "指标明细 E15（P4 · 回答）显示 82，按携带的数据应为 95" in err
    assert _assessments(db) == 0
    out = tmp_path / "out.json"
    assert run(["import", str(forged), "--json", str(out)]) == 2
    assert not out.exists()


def test_force_imports_and_journals_the_failed_verification(
    filed: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forged = tmp_path / "forged.xlsx"
    _forge_workbook(filed[0], forged, '"P4":82', '"P4":95')
    db = tmp_path / "db.sqlite3"
    assert run(["--db", str(db), "import", str(forged), "--force"]) == 0
    assert "未通过核验，已记入修改记录" in capsys.readouterr().err
    assert _assessments(db) == 1
    flagged = [row for row in _journal(db) if row[0] == "filing.unverified"]
    assert len(flagged) == 1 and flagged[0][1] == "import-unverified"
    assert "forged.xlsx" in flagged[0][2] and "指纹不一致" in json.loads(flagged[0][2])


def test_two_carried_documents_are_refused_even_with_force(filed: tuple[Path, Path], tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(filed[1]))
    envelope = carried_json(filed[1])
    envelope["document"]["answers"]["P4"] = 95
    writer.add_attachment("dnz-answers.json", json.dumps(envelope).encode("ascii"))
    path = tmp_path / "two.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    db = tmp_path / "db.sqlite3"
    assert run(["--db", str(db), "import", str(path), "--force"]) == 2
    assert _assessments(db) == 0


def test_pdf_with_forged_attachment_imports_nothing(filed: tuple[Path, Path], tmp_path: Path) -> None:
    envelope = carried_json(filed[1])
    envelope["document"]["answers"]["P4"] = 95
    path = tmp_path / "forged.pdf"
    replace_pdf_envelope(filed[1], path, json.dumps(envelope).encode("ascii"))
    db = tmp_path / "db.sqlite3"
    assert run(["--db", str(db), "import", str(path)]) == 2
    assert _assessments(db) == 0


# --------------------------------------------------------------------------- renderer 1 (0.2.0)


def test_renderer1_workbook_is_reported_plainly() -> None:
    result = verify_filing(RENDERER1)
    assert result.status == "unverifiable" and result.exit_code == 2
    assert result.summary.startswith("无法完全核验：renderer1-0.2.0.xlsx 由 dnz-assess 0.2.0 生成")
    assert "外观需用 dnz-assess 0.2.0 核验" in result.summary
    assert result.data_verified and result.renderer == 1
    assert result.notes == ("携带的答卷经本版本重新评分，结果与文件记录的指纹一致（答卷与得分未被修改）。",)
    assert "一致（原样）" not in result.text()


def test_renderer1_pdf_is_reported_plainly(filed: tuple[Path, Path], tmp_path: Path) -> None:
    """A PDF carrying a renderer-1 envelope (the one of the old workbook)."""
    from app.filing import read_filing

    path = tmp_path / "old.pdf"
    replace_pdf_envelope(filed[1], path, read_filing(RENDERER1).raw)
    result = verify_filing(path)
    assert result.status == "unverifiable" and result.data_verified
    assert "由 dnz-assess 0.2.0 生成（备案文件格式 dnz-filing/1，渲染版本 1）" in result.summary


def _rewrite_renderer1(tmp_path: Path, change_envelope: Any, change_book: Any = None) -> Path:
    path = tmp_path / "old.xlsx"
    shutil.copyfile(RENDERER1, path)
    wb = load_workbook(path)
    carry = wb[CARRY_SHEET]
    count = int(carry["A3"].value)
    text = "".join(carry.cell(row=4 + i, column=1).value for i in range(count))
    envelope = change_envelope(json.loads(text))
    text = json.dumps(envelope, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    for i in range(count):
        carry.cell(row=4 + i, column=1).value = text[i * 30000 : (i + 1) * 30000]
    if change_book is not None:
        change_book(wb)
    wb.save(path)
    return path


def test_renderer1_figures_rounded_by_the_old_engine_are_reported_truthfully(tmp_path: Path) -> None:
    """An old filing whose fingerprint hashed a total the old engine rounded differently (57.1,
    say, where this version computes 57.0): the document is intact, the file shows what the old
    version computed, and the report says what this version computes — neither "tampered" nor "一致"."""
    doc = parse_document(example())
    result = score(doc)
    old_core = legacy_result_core(result)
    old_core["total"] = 57.1
    fingerprint = legacy_fingerprint(doc, result.criteria_id, result.criteria_version, old_core)

    def cover(wb: Any) -> None:
        for row in wb["封面"].iter_rows():
            if row[0].value == "总分":
                row[1].value = 57.1
            if row[0].value == "文件指纹（SHA-256）":
                row[1].value = fingerprint

    path = _rewrite_renderer1(tmp_path, lambda e: {**e, "fingerprint": fingerprint}, cover)
    verdict = verify_filing(path)
    assert verdict.status == "unverifiable" and verdict.data_verified, verdict.text()
    assert verdict.notes[0].startswith("携带的答卷未被修改")
    assert "  总分：文件中为 57.1，本版本计算为 57" in verdict.notes


def test_renderer1_with_an_edited_document_says_it_cannot_tell(tmp_path: Path) -> None:
    def edit(envelope: dict[str, Any]) -> dict[str, Any]:
        envelope["document"]["answers"]["P4"] = 92
        return envelope

    verdict = verify_filing(_rewrite_renderer1(tmp_path, edit))
    assert verdict.status == "unverifiable" and not verdict.data_verified
    assert verdict.differences[0].startswith("文件记录的指纹与携带的答卷及本版本重新计算的结果不一致")
    assert "只有用生成该文件的程序版本才能区分" in verdict.differences[0]


def test_renderer1_import_takes_the_checked_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "db.sqlite3"
    assert run(["--db", str(db), "import", str(RENDERER1)]) == 0
    assert _assessments(db) == 1
    assert "外观需用 dnz-assess 0.2.0 核验" in capsys.readouterr().err
