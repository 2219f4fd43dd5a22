"""The pre-filing check (app/prefiling.py): evidence the criteria expect, duplicates, files over the
limit, missing or changed files, empty cover fields — warnings naming what and where, never a block."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from app.evidence_store import MAX_EVIDENCE_BYTES
from app.prefiling import check
from app.services import AssessmentService
from assessments.criteria import load_criteria
from assessments.document import parse_document
from tests.conftest import example

CRITERIA = load_criteria("binzhou-dnz-2025.1")


@pytest.fixture
def setup(tmp_path: Path):  # type: ignore[no-untyped-def]
    service = AssessmentService.open(tmp_path / "data")
    aid = service.import_document(parse_document(example()))
    yield service, aid, tmp_path
    service.close()


def _pdf(folder: Path, name: str, body: bytes) -> Path:
    path = folder / name
    path.write_bytes(b"%PDF-1.4 " + body)
    return path


def test_claims_without_evidence_are_named_with_the_evidence_expected(setup) -> None:  # type: ignore[no-untyped-def]
    service, aid, tmp = setup
    report = service.prefiling_check(aid)
    assert report.files == 0 and not report.ok
    by_target = {f.target: f for f in report.findings if f.kind == "no_evidence"}
    v1 = by_target["V1"].text.zh
    assert v1.startswith("V1 排污许可：回答“是”，但没有附佐证材料。应提供：") and "排污许可证" in v1
    assert "G5" in by_target and "仅依法披露" in by_target["G5"].text.zh  # the option's label, not "statutory"
    assert by_target["V1"].page == "evidence"
    # N/A questions (V5, P8) and questions whose answer claims nothing need no evidence
    assert "V5" not in by_target and "P8" not in by_target
    assert "E5_coal_fired" not in by_target  # a sub-answer has no evidence of its own
    # computed indicators that earn points from the figures (M1 from the outlets) need their reports;
    # one that earns nothing (E2: 8% non-fossil scores 0, M7: no offsets) has nothing to prove
    assert "M1" in by_target and "E1" in by_target
    assert "E2" not in by_target and "M7" not in by_target
    service.attach_evidence(aid, "V1", _pdf(tmp, "许可证.pdf", b"permit"))
    again = service.prefiling_check(aid)
    assert again.files == 1 and "V1" not in {f.target for f in again.findings}
    assert len(again.findings) == len(report.findings) - 1


def test_a_no_answer_claims_nothing(setup) -> None:  # type: ignore[no-untyped-def]
    service, aid, _tmp = setup
    service.set_answer(aid, "answers.G7", False)
    service.set_answer(aid, "answers.G1", "none")
    targets = {f.target for f in service.prefiling_check(aid).findings}
    assert "G7" not in targets and "G1" not in targets and "G2" in targets


def test_missing_changed_and_oversized_files(setup) -> None:  # type: ignore[no-untyped-def]
    service, aid, tmp = setup
    a = service.attach_evidence(aid, "V3", _pdf(tmp, "监测报告.pdf", b"monitoring"))
    b = service.attach_evidence(aid, "M1", _pdf(tmp, "在线数据.pdf", b"cems data"))
    c = service.attach_evidence(aid, "M2", _pdf(tmp, "水质.pdf", b"water"))
    service.evidence_file(a).unlink()  # gone from the data folder
    service.evidence_file(b).write_bytes(b"%PDF-1.4 edited afterwards")  # changed on disk
    kinds = {(f.kind, f.target) for f in service.prefiling_check(aid).findings}
    assert ("file_missing", "V3") in kinds and ("file_changed", "M1") in kinds
    assert not any(t == "M2" for _k, t in kinds)
    del c
    # a file over the limit (stored before the limit was lowered, or copied in by hand): a sparse file
    big = tmp / "big.pdf"
    with big.open("wb") as fh:
        fh.truncate(MAX_EVIDENCE_BYTES + 1)

    @dataclass
    class Row:
        question: str
        original_name: str
        stored_name: str
        sha256: str
        size: int

    rows = [Row("V1", "big.pdf", "big.pdf", "a" * 64, MAX_EVIDENCE_BYTES + 1)]
    report = check(CRITERIA, {}, None, rows, tmp, MAX_EVIDENCE_BYTES)
    too_large = [f for f in report.findings if f.kind == "too_large"]
    assert len(too_large) == 1 and "20 MB" in too_large[0].text.zh and "big.pdf" in too_large[0].text.zh


def test_duplicates_and_unknown_questions_in_old_data(tmp_path: Path) -> None:
    @dataclass
    class Row:
        question: str
        original_name: str
        stored_name: str
        sha256: str
        size: int

    for name in ("a.pdf", "b.pdf", "c.pdf"):
        (tmp_path / name).write_bytes(b"x")
    rows = [
        Row("V1", "许可证.pdf", "a.pdf", "1" * 64, 1),
        Row("V1", "许可证（副本）.pdf", "b.pdf", "1" * 64, 1),  # the same content twice on one question
        Row("general", "说明.pdf", "c.pdf", "2" * 64, 1),
        Row("X9", "别的.pdf", "missing.pdf", "3" * 64, 1),  # a question of another criteria version
    ]
    report = check(CRITERIA, {}, None, rows, tmp_path, MAX_EVIDENCE_BYTES)
    kinds = [(f.kind, f.target) for f in report.findings]
    assert ("duplicate", "V1") in kinds and ("file_missing", "X9") in kinds
    dup = next(f for f in report.findings if f.kind == "duplicate")
    assert "2 次" in dup.text.zh and "许可证（副本）.pdf" in dup.text.zh
    assert report.files == 4


def test_empty_cover_fields_are_named(setup) -> None:  # type: ignore[no-untyped-def]
    service, aid, _tmp = setup
    for field in ("address", "phone"):
        service.set_answer(aid, f"enterprise.{field}", None)
    cover = [f for f in service.prefiling_check(aid).findings if f.kind == "cover"]
    assert len(cover) == 1 and cover[0].page == "profile" and cover[0].target == "enterprise.address"
    assert cover[0].text.zh == "封面信息未填写：地址、联系电话（会印在备案文件封面上）"
    assert "address" in cover[0].text.en


def test_an_empty_draft_is_checked_without_a_score(tmp_path: Path) -> None:
    report = check(CRITERIA, {}, None, [], tmp_path, MAX_EVIDENCE_BYTES)
    assert [f.kind for f in report.findings] == ["cover"] and report.files == 0
