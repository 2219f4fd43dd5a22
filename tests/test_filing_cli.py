"""`python -m app export | verify | import --json` on filings (in-process, through app.cli.run)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.cli import run
from assessments import jsonnum
from assessments.document import document_to_dict, parse_document

from .conftest import EXAMPLE_PATH, example


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("中文 输出")
    code = run(
        ["export", str(EXAMPLE_PATH), "--xlsx", str(folder / "备案 表.xlsx"), "--pdf", str(folder / "备案 表.pdf")]
    )
    assert code == 0
    return folder


def test_export_writes_both_files(exported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (exported / "备案 表.xlsx").is_file() and (exported / "备案 表.pdf").is_file()


@pytest.mark.parametrize("name", ["备案 表.xlsx", "备案 表.pdf"])
def test_verify_ok_exit_0(exported: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["verify", str(exported / name)]) == 0
    assert capsys.readouterr().out.startswith("一致")


def test_verify_differences_exit_1(exported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wb = load_workbook(exported / "备案 表.xlsx")
    for row in wb["封面"].iter_rows():
        if row[0].value == "总分":
            row[1].value = 88.0
    wb.save(tmp_path / "t.xlsx")
    assert run(["verify", str(tmp_path / "t.xlsx")]) == 1
    out = capsys.readouterr().out
    assert out.startswith("不一致") and "封面 B16（总分）显示 88.0，按携带的数据应为 57.0" in out


@pytest.mark.parametrize("name", ["备案 表.xlsx", "备案 表.pdf"])
def test_import_to_json_round_trip(exported: Path, name: str, tmp_path: Path) -> None:
    out = tmp_path / "back.json"
    assert run(["import", str(exported / name), "--json", str(out)]) == 0
    back = jsonnum.loads(out.read_text(encoding="utf-8"))  # decimals as carried
    assert back == document_to_dict(parse_document(example()))
    assert run(["score", str(out)]) == 0


def test_invalid_inputs_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["export", str(EXAMPLE_PATH)]) == 2
    assert "--xlsx 或 --pdf" in capsys.readouterr().err
    assert run(["--db", str(tmp_path / "empty.sqlite3"), "export", "7", "--xlsx", str(tmp_path / "a.xlsx")]) == 2
    assert "没有编号为 7 的评估" in capsys.readouterr().err
    assert run(["export", str(EXAMPLE_PATH), "--pdf", str(tmp_path / "无此目录" / "a.pdf")]) == 2
    assert "文件夹不存在" in capsys.readouterr().err
    (tmp_path / "x.txt").write_text("hello", encoding="utf-8")
    assert run(["verify", str(tmp_path / "x.txt")]) == 2
    assert run(["verify", str(tmp_path / "missing.pdf")]) == 2
    assert "找不到该文件" in capsys.readouterr().out
    assert run(["import", str(EXAMPLE_PATH), "--json", str(tmp_path / "o.json")]) == 2


def test_verify_json_and_exit_codes(exported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["verify", str(exported / "备案 表.pdf"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "verified" and data["identical"] and data["renderer"] == 2
    wb = load_workbook(exported / "备案 表.xlsx")
    wb["封面"]["B16"].number_format = '"88.0"'
    wb.save(tmp_path / "t.xlsx")
    assert run(["verify", str(tmp_path / "t.xlsx"), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "modified" and data["differences"][0].startswith("封面 B16（总分）的数字格式被改为")
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.7\n garbage")
    assert run(["verify", str(tmp_path / "x.pdf")]) == 2
    assert capsys.readouterr().out.startswith("无法核验：不是有效的 PDF 文件")


def test_verify_never_raises_on_an_unexpected_error(
    exported: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.filing import verify as verify_module

    def broken(*args: object) -> None:
        raise ZeroDivisionError("a bug, or a file nobody foresaw")

    monkeypatch.setattr(verify_module, "_open", broken)
    assert run(["verify", str(exported / "备案 表.xlsx")]) == 2
    out = capsys.readouterr()
    assert "无法核验：读取文件时出错（ZeroDivisionError）" in out.out and "Traceback" not in out.err


def test_stored_value_differing_beyond_the_shown_places(exported: Path, tmp_path: Path) -> None:
    from app.filing import verify_filing

    wb = load_workbook(exported / "备案 表.xlsx")
    wb["封面"]["B16"].value = 57.0000001
    wb.save(tmp_path / "t.xlsx")
    result = verify_filing(tmp_path / "t.xlsx")
    assert result.differences == ("封面 B16（总分）显示 57.0（单元格中保存的值为 57.0000001），按携带的数据应为 57.0",)


def test_import_of_a_hostile_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "x.xlsx").write_bytes(b"PK\x03\x04" + b"\0" * 64)
    assert run(["--db", str(tmp_path / "db.sqlite3"), "import", str(tmp_path / "x.xlsx")]) == 2
    assert "未导入：无法核验：不是有效的 Excel（.xlsx）文件" in capsys.readouterr().err
