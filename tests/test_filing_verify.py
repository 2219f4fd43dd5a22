"""verify rebuilds the filing from its carried envelope and compares: determinism, re-saves that
must still verify, every visible cell of every sheet edited once, and the named attacks."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from app.filing import verify_filing
from app.filing.render import render_filing
from app.filing.xlsx import CARRY_SHEET
from assessments.document import parse_document
from assessments.fingerprint import compute_fingerprint
from assessments.scoring import score

from .conftest import ROOT, example
from .filing_helpers import EVIDENCE, EXPORTED_AT, JOURNAL, export_example, rewrite_members


@pytest.fixture(scope="module")
def filed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return export_example(tmp_path_factory.mktemp("verify"))


def _copy(src: Path, folder: Path, name: str | None = None) -> Path:
    dst = folder / (name or src.name)
    shutil.copyfile(src, dst)
    return dst


def _edit(src: Path, folder: Path, change: Any, name: str = "edited.xlsx") -> Path:
    path = _copy(src, folder, name)
    wb = load_workbook(path, rich_text=True)
    change(wb)
    wb.save(path)
    return path


def _row(ws: Any, label: str) -> int:
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == label:
            return int(row[0].row)
    raise AssertionError(label)


# --------------------------------------------------------------------------- untouched and re-saved


@pytest.mark.parametrize("kind", [0, 1], ids=["xlsx", "pdf"])
def test_untouched_filing_is_identical_to_its_rebuild(filed: tuple[Path, Path], kind: int) -> None:
    result = verify_filing(filed[kind])
    assert result.status == "verified" and result.identical and result.data_verified, result.text()
    assert result.summary.startswith("一致（原样）")
    assert result.exit_code == 0 and result.differences == ()


def test_two_exports_are_byte_identical_across_processes(tmp_path: Path) -> None:
    """Same data and export time → the same bytes, also in fresh interpreters with other hash seeds."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from tests.filing_helpers import export_example\n"
        "export_example(Path(sys.argv[1]))\n"
    )
    for seed in ("1", "2"):
        folder = tmp_path / seed
        folder.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", code, str(folder)], cwd=ROOT, env=env, check=True)
    here = tmp_path / "here"
    here.mkdir()
    export_example(here)
    for name in ("filing.xlsx", "filing.pdf"):
        data = (here / name).read_bytes()
        assert (tmp_path / "1" / name).read_bytes() == data
        assert (tmp_path / "2" / name).read_bytes() == data


def test_pdf_dates_and_id_come_from_the_export_time(filed: tuple[Path, Path], tmp_path: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(filed[1])
    assert reader.metadata is not None
    assert reader.metadata["/CreationDate"] == reader.metadata["/ModDate"] == "D:20250303150000"
    later = export_example(tmp_path, name="later")  # same data, same time: same id
    assert PdfReader(later[1]).trailer["/ID"] == reader.trailer["/ID"]
    doc = parse_document(example())
    other = render_filing(doc, exported_at="2025-03-04 09:00:00", program="dnz-assess 0.2.0", evidence=EVIDENCE,
                          journal=JOURNAL, pdf=True)  # fmt: skip
    assert other.pdf is not None
    assert PdfReader(BytesIO(other.pdf)).trailer["/ID"] != reader.trailer["/ID"]


def test_openpyxl_resave_still_verifies(filed: tuple[Path, Path], tmp_path: Path) -> None:
    path = _copy(filed[0], tmp_path)
    load_workbook(path).save(path)
    result = verify_filing(path)
    assert result.status == "verified" and not result.identical, result.text()
    assert "重新保存" in result.notes[0]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_resave_still_verifies(filed: tuple[Path, Path], tmp_path: Path) -> None:
    """A no-op open-and-save in LibreOffice (it substitutes fonts, splits mixed text into runs,
    writes the carried sheet as "hidden") must still verify."""
    out = tmp_path / "lo"
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx", "--outdir", str(out),
         str(filed[0])],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    result = verify_filing(out / filed[0].name)
    assert result.status == "verified", result.text()


def test_text_with_crlf_verifies(tmp_path: Path) -> None:
    """An untouched workbook whose text holds \\r\\n must not fail (the XML parser turns it into \\n)."""
    data = example()
    data["enterprise"]["address"] = "山东省滨州市\r\n邹平市示例路1号"
    data["outlets"][0]["name"] = "1#锅炉\r排放口"
    xlsx, pdf = export_example(tmp_path, data=data)
    assert verify_filing(xlsx).status == "verified"
    assert verify_filing(pdf).status == "verified"
    path = _copy(xlsx, tmp_path, "resaved.xlsx")
    load_workbook(path).save(path)
    assert verify_filing(path).status == "verified", verify_filing(path).text()


def test_the_look_reader_agrees_with_openpyxl(filed: tuple[Path, Path]) -> None:
    """verify reads workbooks with its own streaming reader: cross-checked against openpyxl on
    every cell's value, number format, font size, bold and fill, and on merged ranges and rows."""
    from app.filing.xlsx_package import open_package
    from app.filing.xlsx_read import read_look

    look = read_look(open_package(filed[0], filed[0].read_bytes()))
    book = load_workbook(filed[0])
    assert [(s.name, s.state) for s in look.sheets] == [(ws.title, ws.sheet_state) for ws in book.worksheets]
    for sheet, ws in zip(look.sheets, book.worksheets, strict=True):
        expected = {}
        for row in ws.iter_rows():
            for cell in row:
                if cell.value in (None, "") or cell.__class__.__name__ == "MergedCell":
                    continue
                fill = cell.fill.fgColor.rgb[-6:] if cell.fill.fill_type == "solid" else None
                expected[(cell.row, cell.column)] = (
                    float(cell.value) if isinstance(cell.value, int | float) else cell.value.replace("\r\n", "\n"),
                    cell.number_format, float(cell.font.sz), bool(cell.font.b), fill,
                )  # fmt: skip
        got = {key: (c.value, c.number_format, c.font[1], c.font[2], c.fill) for key, c in sheet.cells.items()}
        assert got == expected, sheet.name
        assert sheet.merged == {str(r) for r in ws.merged_cells.ranges}
        assert sheet.heights == {r: d.ht for r, d in ws.row_dimensions.items() if d.ht is not None}


# --------------------------------------------------------------------------- every visible cell


_CELL = re.compile(rb'<c r="([A-Z]+[0-9]+)"[^>]*?(?:/>|>.*?</c>)', re.S)


def _bump_cell(xml: bytes) -> bytes:
    """One cell's XML with its value changed: a number +1, a text's last character replaced."""
    number = re.search(rb"<v>([^<]*)</v>", xml)
    if number is not None and b't="inlineStr"' not in xml and b't="s"' not in xml:
        value = float(number.group(1)) + 1
        return xml[: number.start(1)] + repr(value).encode() + xml[number.end(1) :]
    text = re.search(rb"<t[^>]*>([^<]*)</t>", xml)
    assert text is not None, xml
    body = text.group(1).decode("utf-8")
    body = body[:-1] + ("甲" if not body.endswith("甲") else "乙")
    return xml[: text.start(1)] + body.encode("utf-8") + xml[text.end(1) :]


VISIBLE_SHEETS = ("封面", "得分汇总", "指标明细", "能源与碳排放", "排放监测", "佐证材料", "承诺书")


def _cell_edit_targets(xlsx: Path) -> tuple[dict[str, bytes], list[tuple[str, str, str, re.Match[bytes]]]]:
    """The package's parts and every visible value cell of every visible sheet: (sheet, part, ref, match)."""
    package = zipfile.ZipFile(xlsx)
    members = {info.filename: package.read(info) for info in package.infolist()}
    book = load_workbook(xlsx)
    visible = [(ws.title, f"xl/worksheets/sheet{i}.xml") for i, ws in enumerate(book.worksheets, 1)
               if ws.sheet_state == "visible"]  # fmt: skip
    targets: list[tuple[str, str, str, re.Match[bytes]]] = []
    for title, part in visible:
        assert part in members
        merged_away = {ref for r in book[title].merged_cells.ranges for ref in _cells(r)[1:]}  # all but top-left
        for match in _CELL.finditer(members[part]):
            ref = match.group(1).decode()
            if ref not in merged_away and (b"<v>" in match.group(0) or b"<t" in match.group(0)):
                targets.append((title, part, ref, match))
    return members, targets


def test_every_visible_cell_of_every_sheet_is_a_target(filed: tuple[Path, Path]) -> None:
    _, targets = _cell_edit_targets(filed[0])
    assert len(targets) > 700  # every sheet of a filing with evidence and a journal
    assert {t[0] for t in targets} == set(VISIBLE_SHEETS)


# One sheet per test (the whole file is over 700 verifications): the same edits, in parts that each
# stay well inside the per-test time limit and that pytest-xdist can spread over the cores.
@pytest.mark.parametrize("sheet", VISIBLE_SHEETS)
def test_every_visible_cell_of_every_sheet_edited_once_is_reported(
    filed: tuple[Path, Path], tmp_path: Path, sheet: str
) -> None:
    """Numbers +1, text one character changed, one cell per file, in the sheet XML itself: 100 %
    are reported, each naming the sheet and the cell."""
    members, targets = _cell_edit_targets(filed[0])
    mine = [t for t in targets if t[0] == sheet]
    assert mine
    missed: list[tuple[str, str, tuple[str, ...]]] = []
    path = tmp_path / "m.xlsx"
    for title, part, ref, match in mine:
        xml = members[part]
        edited = xml[: match.start()] + _bump_cell(match.group(0)) + xml[match.end() :]
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for name, data in members.items():
                out.writestr(name, edited if name == part else data)
        result = verify_filing(path)
        if result.status != "modified" or not any(d.startswith(f"{title} {ref}") for d in result.differences):
            missed.append((title, ref, result.differences))
    assert missed == [], f"{len(missed)} of {len(mine)} edits not reported: {missed[:5]}"


def _cells(cell_range: Any) -> list[str]:
    from openpyxl.utils import get_column_letter

    return [
        f"{get_column_letter(col)}{row}"
        for row in range(cell_range.min_row, cell_range.max_row + 1)
        for col in range(cell_range.min_col, cell_range.max_col + 1)
    ]


# --------------------------------------------------------------------------- named Excel attacks


def _cover_total(wb: Any) -> Any:
    ws = wb["封面"]
    return ws.cell(row=_row(ws, "总分"), column=2)


def test_attack_number_format_88(filed: tuple[Path, Path], tmp_path: Path) -> None:
    path = _edit(filed[0], tmp_path, lambda wb: setattr(_cover_total(wb), "number_format", '"88.0"'))
    result = verify_filing(path)
    assert result.status == "modified" and result.exit_code == 1
    assert result.differences == (
        '封面 B16（总分）的数字格式被改为 "88.0"（应为 0.0），显示的内容与单元格中保存的值不一致',
    )


def test_attack_hidden_failed_veto_row_and_grade_row(filed: tuple[Path, Path], tmp_path: Path) -> None:
    def hide(wb: Any) -> None:
        ws = wb["得分汇总"]
        ws.row_dimensions[_row(ws, "V5")].hidden = True
        ws.row_dimensions[_row(ws, "等级")].hidden = True

    result = verify_filing(_edit(filed[0], tmp_path, hide))
    assert result.status == "modified"
    assert result.differences == (
        "得分汇总 第 9 行（等级）被隐藏，打开和打印时都看不到",
        "得分汇总 第 18 行（V5）被隐藏，打开和打印时都看不到",
    )


def test_attack_zero_height_row(filed: tuple[Path, Path], tmp_path: Path) -> None:
    def squash(wb: Any) -> None:
        ws = wb["封面"]
        ws.row_dimensions[_row(ws, "等级")].height = 0.5

    result = verify_filing(_edit(filed[0], tmp_path, squash))
    assert result.differences == ("封面 第 17 行的行高被设为 0.5 磅，内容几乎看不见",)


def test_attack_hidden_sheet(filed: tuple[Path, Path], tmp_path: Path) -> None:
    result = verify_filing(_edit(filed[0], tmp_path, lambda wb: setattr(wb["得分汇总"], "sheet_state", "hidden")))
    assert result.differences == ("工作表“得分汇总”被设为隐藏（应为可见）",)


def test_attack_extra_visible_sheet_first_showing_95(filed: tuple[Path, Path], tmp_path: Path) -> None:
    def extra(wb: Any) -> None:
        ws = wb.create_sheet("汇总", 0)
        ws["A1"], ws["B1"] = "总分", 95
        wb.active = 0

    result = verify_filing(_edit(filed[0], tmp_path, extra))
    assert result.status == "modified"
    assert result.differences == ("多出工作表“汇总”（第 1 个，可见，2 个有内容的单元格），本程序生成的文件中没有",)


def test_attack_pledge_sheet_deleted(filed: tuple[Path, Path], tmp_path: Path) -> None:
    result = verify_filing(_edit(filed[0], tmp_path, lambda wb: wb.remove(wb["承诺书"])))
    assert result.differences == ("缺少工作表“承诺书”",)


def test_attack_evidence_hash_changed_in_carried_data_and_sheet(filed: tuple[Path, Path], tmp_path: Path) -> None:
    """The fingerprint covers the evidence manifest: a consistent edit of both still fails."""

    def swap(wb: Any) -> None:
        ws = wb["佐证材料"]
        ws.cell(row=_row(ws, 1), column=4).value = "d" * 64
        carry = wb[CARRY_SHEET]
        count = int(carry["A3"].value)
        for row in range(4, 4 + count):
            carry.cell(row=row, column=1).value = carry.cell(row=row, column=1).value.replace("a" * 64, "d" * 64)

    result = verify_filing(_edit(filed[0], tmp_path, swap))
    assert result.status == "modified" and not result.data_verified
    assert result.differences[0].startswith("指纹不一致：文件记录的指纹为")


def test_fingerprint_covers_evidence_and_journal() -> None:
    doc = parse_document(example())
    result = score(doc)
    bare = compute_fingerprint(doc, result)
    assert compute_fingerprint(doc, result, evidence=EVIDENCE) != bare
    assert compute_fingerprint(doc, result, evidence=EVIDENCE[:2]) != compute_fingerprint(
        doc, result, evidence=EVIDENCE
    )
    assert compute_fingerprint(doc, result, journal=JOURNAL) != bare
    renamed = (EVIDENCE[0].__class__("P1", "别的文件.pdf", "a" * 64, 204_800, EVIDENCE[0].added_at), *EVIDENCE[1:])
    assert compute_fingerprint(doc, result, evidence=renamed) != compute_fingerprint(doc, result, evidence=EVIDENCE)


@pytest.mark.parametrize(
    ("name", "change", "expected"),
    [
        ("white font", lambda wb: setattr(_cover_total(wb), "font", __import__("openpyxl").styles.Font(color="FFFFFF", size=14, bold=True)),
         "封面 B16（总分）的字体被改动：字体颜色 FFFFFF（应为 000000）"),
        ("symbol font", lambda wb: setattr(_cover_total(wb), "font", __import__("openpyxl").styles.Font(name="Wingdings", size=14, bold=True)),
         "封面 B16（总分）的字体被改动：字体 Wingdings（应为 普通文字字体）"),
        ("formula", lambda wb: setattr(_cover_total(wb), "value", "=57+38"),
         "封面 B16（总分）的类型为公式（应为数字），内容为 公式 =57+38"),
        ("merge hides a cell", lambda wb: wb["封面"].merge_cells("A16:B16"), "工作表“封面”的单元格 A16:B16 被合并（合并后只显示左上角单元格的内容）"),
        ("narrow column", lambda wb: setattr(wb["封面"].column_dimensions["B"], "width", 2), "封面 第 B 列的列宽被改为 2（应为 80），内容可能显示不全"),
        ("zeros hidden", lambda wb: setattr(wb["能源与碳排放"].sheet_view, "showZeros", False), "工作表“能源与碳排放”的显示零值被改为 否（应为 是）"),
        ("print area", lambda wb: setattr(wb["封面"], "print_area", "A1:B10"), "工作表“封面”的打印区域被设为 封面!$A$1:$B$10（本程序生成的文件中没有）"),
        ("footer fingerprint", lambda wb: setattr(wb["封面"].oddFooter.left, "text", "指纹 0000"), "工作表“封面”的奇数页页脚（左）被改为 “指纹 0000”"),
        ("comment", lambda wb: setattr(_cover_total(wb), "comment", __import__("openpyxl").comments.Comment("实为 95", "x")), "封面 B16 有批注“实为 95”"),
        ("conditional format", lambda wb: wb["封面"].conditional_formatting.add("B16", __import__("openpyxl").formatting.rule.CellIsRule(operator="greaterThan", formula=["0"])),
         "工作表“封面”有条件格式（B16），可按条件改变单元格的显示，本程序生成的文件中没有"),
        ("veto column text", lambda wb: setattr(wb["得分汇总"].cell(row=_row(wb["得分汇总"], "V5"), column=2), "value", "是（满足）"),
         "得分汇总 B18（V5 · 是否满足）显示 “是（满足）”，按携带的数据应为 “不适用”"),
        ("pledge USCC", lambda wb: setattr(wb["承诺书"].cell(row=_row(wb["承诺书"], "统一社会信用代码"), column=2), "value", "91370000000000000X"),
         "（统一社会信用代码）显示 “91370000000000000X”，按携带的数据应为 “91371600MA3C5K2X7K”"),
        ("pledge name", lambda wb: setattr(wb["承诺书"].cell(row=_row(wb["承诺书"], "企业名称"), column=2), "value", "别的公司"),
         "（企业名称）显示 “别的公司”，按携带的数据应为 “滨州示例化工有限公司”"),
        ("energy total", lambda wb: setattr(wb["能源与碳排放"].cell(row=_row(wb["能源与碳排放"], "合计"), column=6), "value", 12000),
         "（合计 · 折标煤（tce））显示 12,000.00，按携带的数据应为 16,906.75"),
        ("emission factor source", lambda wb: setattr(wb["能源与碳排放"]["E4"], "value", "自定"), "能源与碳排放 E4（原煤 · 折标系数来源）显示 “自定”"),
        ("complete flag", lambda wb: setattr(wb["封面"].cell(row=_row(wb["封面"], "评估是否完整"), column=2), "value", "不完整"),
         "封面 B20（评估是否完整）显示 “不完整”，按携带的数据应为 “完整”"),
    ],
)  # fmt: skip
def test_named_excel_attacks(filed: tuple[Path, Path], tmp_path: Path, name: str, change: Any, expected: str) -> None:
    result = verify_filing(_edit(filed[0], tmp_path, change))
    assert result.status == "modified", name
    assert any(expected in d for d in result.differences), (name, result.differences)


def test_picture_added_to_a_sheet_is_reported(filed: tuple[Path, Path], tmp_path: Path) -> None:
    """openpyxl drops pictures it cannot read (no Pillow): the package parts show them."""
    png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")
    path = tmp_path / "picture.xlsx"
    rewrite_members(filed[0], path, lambda name, data: data, add={"xl/media/image1.png": png})
    result = verify_filing(path)
    assert "文件中多出图片或媒体文件：xl/media/image1.png" in result.differences


# --------------------------------------------------------------------------- named PDF attacks


def _pdf_attack(src: Path, folder: Path, change: Any, *, incremental: bool = False, name: str = "a.pdf") -> Path:
    from pypdf import PdfReader, PdfWriter

    if incremental:
        writer = PdfWriter(BytesIO(src.read_bytes()), incremental=True)
    else:
        writer = PdfWriter(clone_from=PdfReader(src))
    change(writer)
    path = folder / name
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def test_pdf_rewritten_without_change_verifies(filed: tuple[Path, Path], tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(filed[1]))
    writer.compress_identical_objects()
    path = tmp_path / "rewritten.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    assert path.read_bytes() != filed[1].read_bytes()
    result = verify_filing(path)
    assert result.status == "verified" and not result.identical, result.text()


def test_attack_freetext_annotation_over_the_total(filed: tuple[Path, Path], tmp_path: Path) -> None:
    from pypdf.annotations import FreeText

    def annotate(writer: Any) -> None:
        writer.add_annotation(page_number=1, annotation=FreeText(text="94.1", rect=(100, 600, 200, 630)))

    result = verify_filing(_pdf_attack(filed[1], tmp_path, annotate, incremental=True))
    assert result.status == "modified"
    assert result.differences == (
        "文件在导出后被追加修改了 1 次（PDF 增量更新），追加的内容会覆盖或改变原有页面",
        "第 2 页：多出批注（FreeText，内容“94.1”），本程序生成的文件中没有批注",
    )


def test_attack_white_box_and_vector_digits(filed: tuple[Path, Path], tmp_path: Path) -> None:
    from pypdf.generic import ArrayObject, DecodedStreamObject, NameObject

    def overlay(writer: Any) -> None:
        page = writer.pages[1]
        cover = DecodedStreamObject()
        # a white rectangle over the total, then "9" drawn as lines
        cover.set_data(b"q 1 1 1 rg 95 690 60 22 re f 0 0 0 RG 1 w 100 695 m 110 710 l 110 695 l S Q")
        page[NameObject("/Contents")] = ArrayObject([page.raw_get("/Contents"), writer._add_object(cover)])

    result = verify_filing(_pdf_attack(filed[1], tmp_path, overlay))
    assert result.differences == ("第 2 页：绘图内容被改动（文字相同，但图形、颜色、位置或覆盖物不同）",)


def test_attack_copied_font_with_a_lying_tounicode_map(filed: tuple[Path, Path], tmp_path: Path) -> None:
    def lie(writer: Any) -> None:
        font = writer.pages[0]["/Resources"]["/Font"]["/F1+0"].get_object()
        cmap = font["/ToUnicode"].get_object()
        data = cmap.get_data()
        assert b"<0035>" in data
        cmap.set_data(data.replace(b"<0035>", b"<0039>", 1))

    result = verify_filing(_pdf_attack(filed[1], tmp_path, lie))
    assert result.status == "modified"
    assert len(result.differences) == 1
    assert "字体 /F1+0" in result.differences[0] and "ToUnicode 映射" in result.differences[0]


def test_attack_widened_chart_bar(filed: tuple[Path, Path], tmp_path: Path) -> None:
    import re

    def widen(writer: Any) -> None:
        page = writer.pages[1]
        contents = page.get_contents()
        data = contents.get_data()
        bar = re.search(rb"(\d+\.?\d*) (\d+\.?\d*) (\d+\.?\d*) (\d+\.?\d*) re f", data)
        assert bar is not None
        contents.set_data(data[: bar.start(3)] + b"400" + data[bar.end(3) :])
        page.replace_contents(contents)

    result = verify_filing(_pdf_attack(filed[1], tmp_path, widen))
    assert result.differences == ("第 2 页：绘图内容被改动（文字相同，但图形、颜色、位置或覆盖物不同）",)


def test_attack_changed_metadata(filed: tuple[Path, Path], tmp_path: Path) -> None:
    result = verify_filing(
        _pdf_attack(filed[1], tmp_path, lambda w: w.add_metadata({"/Subject": "总分 95；等级 先进"}))
    )
    assert result.differences == (
        "文档属性“主题”被改为“总分 95；等级 先进”（应为“评价标准 binzhou-dnz-2025.1；总分 57.0；等级 合规”）",
    )


def test_attack_second_attachment(filed: tuple[Path, Path], tmp_path: Path) -> None:
    result = verify_filing(_pdf_attack(filed[1], tmp_path, lambda w: w.add_attachment("说明.txt", b"total 95")))
    assert result.differences == (
        "附件被改动：文件中有 dnz-answers.json、说明.txt，应只有 dnz-answers.json（多出 说明.txt）",
    )


def test_attack_second_carried_document_is_refused(filed: tuple[Path, Path], tmp_path: Path) -> None:
    forged = json.loads(verify_filing(filed[1]).carried.raw)  # type: ignore[union-attr]
    forged["document"]["answers"]["P4"] = 95

    def second(writer: Any) -> None:
        writer.add_attachment("dnz-answers.json", json.dumps(forged).encode("ascii"))

    result = verify_filing(_pdf_attack(filed[1], tmp_path, second))
    assert result.status == "unverifiable" and result.exit_code == 2
    assert "携带了 2 份答卷数据" in result.summary


def test_attack_page_removed_and_text_changed(filed: tuple[Path, Path], tmp_path: Path) -> None:
    def drop(writer: Any) -> None:
        del writer.pages[-1]

    result = verify_filing(_pdf_attack(filed[1], tmp_path, drop))
    assert "页数被改为 7 页（按携带的数据重新生成为 8 页）" in result.differences


# --------------------------------------------------------------------------- the entry point


def test_verification_shape_for_the_desk(filed: tuple[Path, Path]) -> None:
    result = verify_filing(filed[0])
    data = result.to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["status"] == "verified" and data["program"].startswith("dnz-assess ")
    assert data["renderer"] == 2 and len(data["fingerprint"]) == 64
    assert data["exported_at"] == EXPORTED_AT.strftime("%Y-%m-%d %H:%M:%S")
    assert result.carried is not None and result.carried.evidence == EVIDENCE and result.carried.journal == JOURNAL
