"""Excel and PDF filings: read back, round trip, tamper detection, injection safety, fonts."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from app.filing import carried_document, export_filing, read_filing, verify_filing
from app.filing.xlsx import CARRY_SHEET, DETAIL_HEAD
from assessments.document import document_to_dict, parse_document
from assessments.errors import DocumentError
from assessments.report import EvidenceItem, clean_text

from .conftest import example


@pytest.fixture(scope="module")
def filed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("filing")
    out = export_filing(parse_document(example()), xlsx_path=folder / "f.xlsx", pdf_path=folder / "f.pdf")
    assert out.files == (folder / "f.xlsx", folder / "f.pdf")
    return folder / "f.xlsx", folder / "f.pdf"


def _copy(src: Path, tmp_path: Path) -> Path:
    dst = tmp_path / src.name
    shutil.copyfile(src, dst)
    return dst


@pytest.mark.parametrize("kind", [0, 1], ids=["xlsx", "pdf"])
def test_round_trip_gives_back_the_same_document(filed: tuple[Path, Path], kind: int) -> None:
    original = parse_document(example())
    back = carried_document(read_filing(filed[kind]))
    assert back == original
    assert document_to_dict(back) == document_to_dict(original)


@pytest.mark.parametrize("kind", [0, 1], ids=["xlsx", "pdf"])
def test_untouched_filing_verifies(filed: tuple[Path, Path], kind: int) -> None:
    report = verify_filing(filed[kind])
    assert report.ok, report.differences
    assert report.text().startswith("一致")


def test_workbook_cells_numbers_and_carried_sheet(filed: tuple[Path, Path]) -> None:
    wb = load_workbook(filed[0])
    assert wb.sheetnames == [
        "封面",
        "得分汇总",
        "指标明细",
        "能源与碳排放",
        "排放监测",
        "佐证材料",
        "承诺书",
        CARRY_SHEET,
    ]
    cover = {row[0].value: row[1] for row in wb["封面"].iter_rows(min_row=4) if row[0].value}
    assert cover["总分"].value == 57.0 and cover["总分"].data_type == "n" and cover["总分"].number_format == "0.0"
    assert cover["等级"].value == "合规"
    assert cover["报告年度"].value == 2025 and cover["报告年度"].data_type == "n"
    assert len(cover["文件指纹（SHA-256）"].value) == 64
    detail = wb["指标明细"]
    head = [c.value for c in detail[3]]
    assert tuple(head) == DETAIL_HEAD
    rows = {r[0].value: r for r in detail.iter_rows(min_row=4)}
    assert rows["P4"][4].value == 82 and rows["P4"][4].data_type == "n"
    assert rows["P4"][7].value == 2.1 and rows["P4"][7].data_type == "n"
    assert rows["P1"][4].value == "Ⅱ级（国内清洁生产先进水平）"
    energy = {r[0].value: r for r in wb["能源与碳排放"].iter_rows(min_row=4)}
    assert energy["原煤"][1].value == 12000 and energy["原煤"][5].value == 8571.6
    assert energy["合计"][5].value == 16906.75 and energy["合计"][8].value == 50430.9
    assert energy["电网排放因子"][1].value == 0.6096 and energy["电网排放因子年份"][1].value == 2023
    carry = wb[CARRY_SHEET]
    assert carry.sheet_state == "veryHidden" and carry.protection.sheet
    ws = wb["指标明细"]
    assert ws.freeze_panes == "C4" and ws.print_title_rows == "$3:$3"
    assert ws.page_setup.paperSize == 9 and ws.page_setup.fitToWidth == 1  # 9 = A4
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text


def _set_cell(path: Path, sheet: str, row_key: str, column: int, value: Any) -> None:
    wb = load_workbook(path)
    ws = wb[sheet]
    for row in ws.iter_rows():
        if row[0].value == row_key:
            row[column].value = value
            break
    else:
        raise AssertionError(row_key)
    wb.save(path)


def test_tampered_score_cell_is_named(filed: tuple[Path, Path], tmp_path: Path) -> None:
    path = _copy(filed[0], tmp_path)
    _set_cell(path, "封面", "总分", 1, 88.0)
    report = verify_filing(path)
    assert report.status == "modified"
    assert report.differences == ("封面 B16（总分）显示 88.0，按携带的数据应为 57.0",)


def test_tampered_answer_cell_is_named(filed: tuple[Path, Path], tmp_path: Path) -> None:
    path = _copy(filed[0], tmp_path)
    _set_cell(path, "指标明细", "P4", 4, 95)
    _set_cell(path, "得分汇总", "总分", 1, 60.0)
    report = verify_filing(path)
    assert report.status == "modified"
    assert report.differences == (
        "得分汇总 B8（总分 · 得分）显示 60.0，按携带的数据应为 57.0",
        "指标明细 E15（P4 · 回答）显示 95，按携带的数据应为 82",
    )


def test_tampered_carried_document_in_workbook_breaks_the_fingerprint(filed: tuple[Path, Path], tmp_path: Path) -> None:
    path = _copy(filed[0], tmp_path)
    wb = load_workbook(path)
    cell = wb[CARRY_SHEET]["A4"]
    assert '"P4":82' in cell.value
    cell.value = cell.value.replace('"P4":82', '"P4":92')
    wb.save(path)
    report = verify_filing(path)
    assert report.status == "modified" and not report.data_verified
    assert report.differences[0].startswith("指纹不一致")
    assert "指标明细 E15（P4 · 回答）显示 82，按携带的数据应为 92" in report.differences


def test_byte_change_in_pdf_carried_document_is_named(filed: tuple[Path, Path], tmp_path: Path) -> None:
    data = filed[1].read_bytes()
    assert data.count(b'"P4":82') == 1  # the embedded file is stored uncompressed
    path = tmp_path / "t.pdf"
    path.write_bytes(data.replace(b'"P4":82', b'"P4":92'))
    report = verify_filing(path)
    assert report.status == "modified"
    assert report.differences[0].startswith("指纹不一致")
    joined = "\n".join(report.differences)
    assert re.search(r"第 2 页：文字为“总分：57\.0 分.*”，按携带的数据重新生成应为“总分：5\d\.\d 分", joined), joined
    assert re.search(r"第 \d 页：文字为“.*82%.*”，按携带的数据重新生成应为“.*92%", joined), joined


def test_byte_change_that_breaks_the_pdf_carried_json(filed: tuple[Path, Path], tmp_path: Path) -> None:
    data = filed[1].read_bytes()
    assert data.count(b'"format":"dnz-filing/2"') == 1
    path = tmp_path / "t.pdf"
    path.write_bytes(data.replace(b'"format":"dnz-filing/2"', b'"format":"dnz-filing/2!'))
    report = verify_filing(path)
    assert report.status == "unverifiable"
    assert "携带的答卷数据已损坏或被修改" in report.summary


def test_pdf_text_fonts_metadata(filed: tuple[Path, Path]) -> None:
    text = subprocess.run(["pdftotext", str(filed[1]), "-"], capture_output=True, text=True, check=True).stdout
    assert "滨州示例化工有限公司" in text
    assert "合规" in text
    assert "第 1 页" in text and "共 8 页" in text
    assert "材料真实性承诺书" in text and "企业公章" in text
    fonts = subprocess.run(["pdffonts", str(filed[1])], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts  # emb column
    assert all("WenQuanYiMicroHei" in row for row in rows)
    info = subprocess.run(["pdfinfo", str(filed[1])], capture_output=True, text=True, check=True).stdout
    assert "Title:" in info and "滨州示例化工有限公司" in info and "Subject:" in info


HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)"]


def test_formula_like_names_stay_text(tmp_path: Path) -> None:
    data = example()
    data["enterprise"]["name"] = HOSTILE[0]
    outlets = data["outlets"]
    outlets[0]["name"], outlets[1]["name"] = HOSTILE[1], HOSTILE[2]
    outlets.append(dict(outlets[1], name=HOSTILE[3]))
    doc = parse_document(data)
    export_filing(doc, xlsx_path=tmp_path / "h.xlsx", pdf_path=tmp_path / "h.pdf")
    wb = load_workbook(tmp_path / "h.xlsx")
    name = wb["封面"]["B4"]
    assert (name.value, name.data_type, name.quotePrefix) == (HOSTILE[0], "s", True)
    cells = [row[0] for row in wb["排放监测"].iter_rows(min_row=4, max_row=6)]
    assert [(c.value, c.data_type, c.quotePrefix) for c in cells] == [(v, "s", True) for v in HOSTILE[1:]]
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            assert all(c.data_type != "f" for c in row), ws.title
    assert verify_filing(tmp_path / "h.xlsx").ok
    assert verify_filing(tmp_path / "h.pdf").ok
    assert carried_document(read_filing(tmp_path / "h.pdf")) == doc


def test_control_characters_in_evidence_are_removed_and_listed(tmp_path: Path) -> None:
    evidence = [EvidenceItem("P1", "清洁生产\x0b审核\x16报告.pdf", "c" * 64, 2048)]
    export_filing(
        parse_document(example()), xlsx_path=tmp_path / "e.xlsx", pdf_path=tmp_path / "e.pdf", evidence=evidence
    )
    wb = load_workbook(tmp_path / "e.xlsx")
    listed = {r[1].value: r for r in wb["佐证材料"].iter_rows(min_row=4)}
    assert listed["P1"][2].value == "清洁生产审核报告.pdf" and listed["P1"][3].value == "c" * 64
    cover = {row[0].value: row[1].value for row in wb["封面"].iter_rows(min_row=4)}
    assert "佐证材料 P1 文件名：删除 \\x0b、\\x16" in cover["导出时清理的字符"]
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "e.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "清洁生产审核报告.pdf" in text and "c" * 64 in text.replace("\n", "")
    assert verify_filing(tmp_path / "e.xlsx").ok and verify_filing(tmp_path / "e.pdf").ok
    assert read_filing(tmp_path / "e.pdf").evidence[0].original_name == "清洁生产\x0b审核\x16报告.pdf"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(min_size=1, max_size=60))
def test_hostile_enterprise_names_never_break_the_workbook(tmp_path: Path, name: str) -> None:
    data = example()
    data["enterprise"]["name"] = name
    try:
        doc = parse_document(data)
    except DocumentError:
        return
    path = tmp_path / "n.xlsx"
    export_filing(doc, xlsx_path=path)
    cell = load_workbook(path)["封面"]["B4"]
    assert doc.enterprise.name is not None
    assert (cell.data_type, cell.value) == ("s", clean_text(doc.enterprise.name))
    assert carried_document(read_filing(path)) == doc


def test_not_a_filing(tmp_path: Path) -> None:
    from app.filing import FilingReadError

    other = tmp_path / "other.xlsx"
    from openpyxl import Workbook

    Workbook().save(other)
    with pytest.raises(FilingReadError, match="不是本程序导出的备案表"):
        read_filing(other)
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(FilingReadError, match="不是有效的 PDF"):
        read_filing(tmp_path / "x.pdf")


@pytest.mark.parametrize("name", ["0\r0", "甲\r\n乙", "a\rb\r\nc"])
def test_carriage_returns_in_names_show_as_line_breaks_and_verify(tmp_path: Path, name: str) -> None:
    # A bare CR read back from a workbook's XML is LF: the filing shows LF from the start, carries
    # the name exactly as typed, and verifies.
    from app.filing import verify_filing

    data = example()
    data["enterprise"]["name"] = name
    doc = parse_document(data)
    path = tmp_path / "n.xlsx"
    export_filing(doc, xlsx_path=path)
    assert load_workbook(path)["封面"]["B4"].value == name.replace("\r\n", "\n").replace("\r", "\n")
    assert carried_document(read_filing(path)).enterprise.name == name
    assert verify_filing(path).status == "verified"
