"""Comparing a received workbook with the one rebuilt from its envelope, at the level a reader sees.

Both workbooks are described by ``xlsx_read.read_look`` — every sheet in order with its state, every
cell's value and type, number format, font, fill and alignment, hidden and resized rows and
columns, merged ranges, print settings and header/footer texts, defined names and the objects
the program never writes (comments, hyperlinks, conditional formats, data validations, filters)
— and ``compare_looks`` lists every difference in Chinese, by sheet, cell and label. Package
parts that carry pictures, drawings, charts, comments or macros are found by ``extra_parts``.

What a no-op re-save by Excel, LibreOffice or openpyxl changes is not a difference: how the XML
is written, shared or inline strings, integer or float for the same number, colours written as
theme/indexed/ARGB for the same colour, column widths and row heights within rounding, the
carried sheet ``_dnz`` becoming "hidden" instead of "very hidden", inert parts (themes, printer
settings, document properties).
"""

from __future__ import annotations

import colorsys
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Final

from assessments.report import number_text

from .xlsx import CARRY_SHEET

MAX_DIFFERENCES: Final = 400
WIDTH_TOLERANCE: Final = 0.75  # characters
HEIGHT_TOLERANCE: Final = 1.0  # points
TINY_HEIGHT: Final = 3.0  # a row this low shows nothing
TINY_WIDTH: Final = 1.0
HEAD_FILL: Final = "DCE6F1"

# Parts a no-op re-save may add or rename; anything else the rebuilt package does not have is
# something a reader may see (a picture, drawing, chart, comment, control, macro, link…).
_INERT_PARTS: Final = re.compile(
    r"^(\[Content_Types\]\.xml|_rels/\.rels|docProps/[^/]+\.xml|customXml/.*|xl/theme/[^/]+\.xml"
    r"|xl/theme/_rels/[^/]+\.rels|xl/printerSettings/[^/]+\.bin|xl/calcChain\.xml|xl/styles\.xml"
    r"|xl/sharedStrings\.xml|xl/workbook\.xml|xl/_rels/workbook\.xml\.rels|xl/worksheets/sheet\d+\.xml"
    r"|xl/worksheets/_rels/sheet\d+\.xml\.rels|xl/metadata\.xml|xl/persons/person\.xml)$",
    re.IGNORECASE,
)
_PART_KINDS: Final = (
    ("media/", "图片或媒体文件"),
    ("drawings/", "绘图对象（图形、文本框、图片的位置）"),
    ("charts/", "图表"),
    ("comments", "批注"),
    ("threadedcomments", "批注"),
    ("vmldrawing", "批注框或控件"),
    ("embeddings/", "嵌入对象"),
    ("activex", "ActiveX 控件"),
    ("ctrlprops", "表单控件"),
    ("vbaproject", "宏"),
    ("externallinks", "外部链接"),
    ("pivot", "数据透视表"),
    ("tables/", "表格对象"),
    ("slicer", "切片器"),
    ("richdata", "单元格中的图片"),
    ("querytables", "外部数据查询"),
    ("connections", "外部数据连接"),
)

# Office's default theme colours (lt1, dk1, lt2, dk2, accent1–6, hlink, folHlink), used when a
# package has no theme: theme colour n is the n-th of these.
_DEFAULT_THEME: Final = (
    "FFFFFF", "000000", "EEECE1", "1F497D", "4F81BD", "C0504D", "9BBB59", "8064A2", "4BACC6", "F79646",
    "0000FF", "800080",
)  # fmt: skip


@dataclass(frozen=True)
class CellLook:
    kind: str  # text | number | bool | formula | date | error | rich
    value: Any
    number_format: str
    font: tuple[Any, ...]  # name, size, bold, italic, underline, strike, vertAlign, colour
    fill: str | None  # background colour (hex) or None
    align: tuple[Any, ...]  # horizontal, vertical, wrap, shrink, indent, rotation


@dataclass
class SheetLook:
    name: str
    state: str
    cells: dict[tuple[int, int], CellLook] = field(default_factory=dict)
    merged: frozenset[str] = frozenset()
    hidden_rows: frozenset[int] = frozenset()
    hidden_cols: frozenset[int] = frozenset()
    heights: dict[int, float] = field(default_factory=dict)
    widths: dict[int, float] = field(default_factory=dict)
    page: dict[str, Any] = field(default_factory=dict)
    objects: list[str] = field(default_factory=list)  # Chinese descriptions of extra objects


@dataclass
class WorkbookLook:
    sheets: list[SheetLook]
    names: dict[str, str]


# --------------------------------------------------------------------------- colours


def theme_palette(theme_xml: bytes | None) -> list[str]:
    """The theme's colours in theme-index order (lt1, dk1, lt2, dk2, accent1–6, hlink, folHlink);
    Office's defaults when the package has no readable theme."""
    return (_theme_colours(theme_xml) if theme_xml else []) or list(_DEFAULT_THEME)


def _theme_colours(theme_xml: bytes) -> list[str]:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(theme_xml, forbid_dtd=True)
    except (DefusedXmlException, ValueError, SyntaxError):
        return []
    scheme = next((e for e in root.iter() if e.tag.endswith("}clrScheme")), None)
    if scheme is None:
        return []
    found: dict[str, str] = {}
    for slot in scheme:
        name = slot.tag.rpartition("}")[2]
        for value in slot:
            text = value.get("lastClr") or value.get("val") or ""
            if re.fullmatch(r"[0-9A-Fa-f]{6}", text):
                found[name] = text.upper()
    order = ("lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
             "hlink", "folHlink")  # fmt: skip
    return [found.get(name, _DEFAULT_THEME[i]) for i, name in enumerate(order)]


def tinted(base: str, tint: float) -> str:
    """A colour lightened (tint > 0) or darkened (tint < 0) as spreadsheets apply a tint."""
    r, g, b = (int(base[i : i + 2], 16) / 255 for i in (0, 2, 4))
    h, lum, s = colorsys.rgb_to_hls(r, g, b)
    lum = lum * (1 + tint) if tint < 0 else lum * (1 - tint) + tint
    r, g, b = colorsys.hls_to_rgb(h, min(max(lum, 0.0), 1.0), s)
    return "".join(f"{round(c * 255):02X}" for c in (r, g, b))


# --------------------------------------------------------------------------- comparing


def _short(text: str, limit: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[:limit] + "…"


_FIXED_FORMAT: Final = re.compile(r"^[#,0]*0(?:\.(0+)|\.?#*)$")


def _places(number_format: str | None) -> int | None:
    """Decimal places a plain number format ("0.0", "#,##0.00") shows; None for others."""
    match = _FIXED_FORMAT.match(number_format or "")
    if match is None:
        return None
    return len(match.group(1) or "")


def _shown(kind: str, value: Any, number_format: str | None = None) -> str:
    if value is None or value == "":
        return "（空白）"
    if kind == "number":
        return number_text(float(value), _places(number_format))
    if kind == "bool":
        return "TRUE" if value else "FALSE"
    if kind == "formula":
        return f"公式 {_short(str(value))}"
    return f"“{_short(str(value))}”"


_KIND_ZH: Final = {
    "text": "文本", "number": "数字", "bool": "逻辑值", "formula": "公式", "date": "日期", "error": "错误值",
    "rich": "富文本（部分文字的字体或颜色可不同）",
}  # fmt: skip


def column_letters(col: int) -> str:
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _coordinate(row: int, col: int) -> str:
    return f"{column_letters(col)}{row}"


class _Labels:
    """Chinese labels for cells of a rebuilt sheet: the row's first-column text and the column
    header of the table the cell is in."""

    def __init__(self, sheet: SheetLook) -> None:
        self.sheet = sheet
        heads: dict[int, int] = {}
        for (r, _), c in sheet.cells.items():
            if c.fill == HEAD_FILL:
                heads[r] = heads.get(r, 0) + 1
        self.header_rows = sorted(r for r, n in heads.items() if n >= 3)

    def row(self, row: int) -> str:
        """The row's first-column text in brackets, or nothing."""
        first = self.sheet.cells.get((row, 1))
        return (
            f"（{_short(str(first.value), 30)}）" if first is not None and first.kind == "text" and first.value else ""
        )

    def __call__(self, row: int, col: int) -> str:
        parts: list[str] = []
        first = self.sheet.cells.get((row, 1))
        if col != 1 and first is not None and first.kind == "text" and first.value:
            parts.append(_short(str(first.value), 20))
        above = [r for r in self.header_rows if r < row]
        if above and row not in self.header_rows:
            head = self.sheet.cells.get((above[-1], col))
            if head is not None and head.kind == "text" and head.value and head.value not in parts:
                parts.append(_short(str(head.value), 16))
        return "（" + " · ".join(parts) + "）" if parts else ""


_FONT_FIELDS: Final = ("字体", "字号", "加粗", "倾斜", "下划线", "删除线", "上下标", "字体颜色")
_ALIGN_FIELDS: Final = ("水平对齐", "垂直对齐", "自动换行", "缩小字体填充", "缩进", "文字方向")


def _font_value(value: Any) -> str:
    """A font property in words ("text" is any ordinary letter font, see xlsx_read.font_family)."""
    if value == "text":
        return "普通文字字体"
    if value is True or value is False:
        return "是" if value else "否"
    return "无" if value is None else str(value)


def _changed(names: tuple[str, ...], got: tuple[Any, ...], want: tuple[Any, ...]) -> str:
    """The properties that differ, in words: "字体颜色 FFFFFF（应为 000000）；…"."""
    return "；".join(
        f"{name} {_font_value(a)}（应为 {_font_value(b)}）"
        for name, a, b in zip(names, got, want, strict=True)
        if a != b
    )


def _of(where: str) -> str:
    """``where`` ready for "的": no space after a closing bracket (``封面 B16（总分）的值``)."""
    return where if where.endswith("）") else where + " "


def _cell_differences(where: str, got: CellLook | None, want: CellLook | None) -> list[str]:
    if got is None and want is not None:
        return [f"{_of(where)}为空，按携带的数据应为 {_shown(want.kind, want.value, want.number_format)}"]
    if want is None and got is not None:
        return [f"{where} 多出内容 {_shown(got.kind, got.value, got.number_format)}，按携带的数据此处应为空"]
    assert got is not None and want is not None
    out: list[str] = []
    if got.kind != want.kind:
        out.append(
            f"{_of(where)}的类型为{_KIND_ZH.get(got.kind, got.kind)}（应为{_KIND_ZH.get(want.kind, want.kind)}），"
            f"内容为 {_shown(got.kind, got.value, got.number_format)}"
        )
    elif got.value != want.value:
        shown, wanted = (
            _shown(got.kind, got.value, got.number_format),
            _shown(want.kind, want.value, want.number_format),
        )
        if shown == wanted:  # the same on screen at this format: name the stored values
            shown, wanted = f"{shown}（单元格中保存的值为 {got.value!r}）", repr(want.value)
        out.append(f"{_of(where)}显示 {shown}，按携带的数据应为 {wanted}")
    if got.number_format != want.number_format:
        out.append(
            f"{_of(where)}的数字格式被改为 {_short(got.number_format)}（应为 {want.number_format}），"
            "显示的内容与单元格中保存的值不一致"
        )
    if changed := _changed(_FONT_FIELDS, got.font, want.font):
        out.append(f"{_of(where)}的字体被改动：{changed}")
    if got.fill != want.fill:
        out.append(f"{_of(where)}的填充颜色被改为 {got.fill or '无'}（应为 {want.fill or '无'}）")
    if moved := _changed(_ALIGN_FIELDS, got.align, want.align):
        out.append(f"{_of(where)}的对齐方式被改动：{moved}")
    return out


def _sheet_differences(got: SheetLook, want: SheetLook) -> list[str]:
    name = got.name
    labels = _Labels(want)
    out: list[str] = []
    for key in sorted(set(got.cells) | set(want.cells)):
        a, b = got.cells.get(key), want.cells.get(key)
        if a == b:
            continue
        out += _cell_differences(f"{name} {_coordinate(*key)}{labels(*key)}", a, b)
        if len(out) > MAX_DIFFERENCES:
            return out
    for ref in sorted(got.merged - want.merged):
        out.append(f"工作表“{name}”的单元格 {ref} 被合并（合并后只显示左上角单元格的内容）")
    for ref in sorted(want.merged - got.merged):
        out.append(f"工作表“{name}”的单元格 {ref} 被取消合并")
    for row in sorted(got.hidden_rows - want.hidden_rows):
        out.append(f"{name} 第 {row} 行{labels.row(row)}被隐藏，打开和打印时都看不到")
    for row in sorted(want.hidden_rows - got.hidden_rows):
        out.append(f"{name} 第 {row} 行被取消隐藏")
    for col in sorted(got.hidden_cols - want.hidden_cols):
        out.append(f"{name} 第 {column_letters(col)} 列被隐藏")
    for col in sorted(want.hidden_cols - got.hidden_cols):
        out.append(f"{name} 第 {column_letters(col)} 列被取消隐藏")
    used_rows = {r for r, _ in want.cells}
    for row in sorted(used_rows):
        height = got.heights.get(row)
        wanted = want.heights.get(row)
        if row in got.hidden_rows:
            continue
        if height is not None and height < TINY_HEIGHT:
            out.append(f"{name} 第 {row} 行的行高被设为 {height:g} 磅，内容几乎看不见")
        elif wanted is not None and height is not None and abs(height - wanted) > HEIGHT_TOLERANCE:
            out.append(f"{name} 第 {row} 行的行高被改为 {height:g} 磅（应为 {wanted:g} 磅），内容可能显示不全")
    for col, wanted in sorted(want.widths.items()):
        width = got.widths.get(col)
        letter = column_letters(col)
        if col in got.hidden_cols:
            continue
        if width is not None and width < TINY_WIDTH:
            out.append(f"{name} 第 {letter} 列的列宽被设为 {width:g}，内容看不见")
        elif width is None or abs(width - wanted) > max(WIDTH_TOLERANCE, 0.03 * wanted):
            shown = "默认" if width is None else f"{width:g}"
            out.append(f"{name} 第 {letter} 列的列宽被改为 {shown}（应为 {wanted:g}），内容可能显示不全")
    for setting in sorted(set(got.page) | set(want.page)):
        a, b = got.page.get(setting), want.page.get(setting)
        if a != b:
            out.append(f"工作表“{name}”的{setting}被改为 {_setting(a)}（应为 {_setting(b)}）")
    for item in got.objects:
        if item not in want.objects:
            at_cell = re.match(r"[A-Z]{1,3}\d+ ", item) is not None
            out.append(
                f"{name} {item}，本程序生成的文件中没有" if at_cell else f"工作表“{name}”{item}，本程序生成的文件中没有"
            )
    return out


def _setting(value: Any) -> str:
    if value is None or value == "" or value == ("", None):
        return "（空）"
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str):
        text = f"“{_short(value[0])}”"
        return text + (f"，颜色 {value[1]}" if value[1] else "")
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _state_zh(state: str) -> str:
    return {"visible": "可见", "hidden": "隐藏", "veryHidden": "深度隐藏"}.get(state, state)


def compare_looks(got: WorkbookLook, want: WorkbookLook) -> list[str]:
    """Chinese sentences, one per difference; empty when a reader sees the same workbook."""
    out: list[str] = []
    got_by_name = {s.name: s for s in got.sheets}
    want_by_name = {s.name: s for s in want.sheets}
    for i, sheet in enumerate(got.sheets, 1):
        if sheet.name not in want_by_name:
            out.append(
                f"多出工作表“{_short(sheet.name)}”（第 {i} 个，{_state_zh(sheet.state)}，"
                f"{len(sheet.cells)} 个有内容的单元格），本程序生成的文件中没有"
            )
    for sheet in want.sheets:
        if sheet.name not in got_by_name:
            out.append(f"缺少工作表“{sheet.name}”")
    visible_got = [s.name for s in got.sheets if s.state == "visible" and s.name in want_by_name]
    visible_want = [s.name for s in want.sheets if s.state == "visible" and s.name in got_by_name]
    if sorted(visible_got) == sorted(visible_want) and visible_got != visible_want:
        out.append(f"工作表顺序被改为 {'、'.join(visible_got)}（应为 {'、'.join(visible_want)}）")
    for want_sheet in want.sheets:
        got_sheet = got_by_name.get(want_sheet.name)
        if got_sheet is None:
            continue
        hidden = ("hidden", "veryHidden")
        same_state = got_sheet.state == want_sheet.state or (
            want_sheet.name == CARRY_SHEET and got_sheet.state in hidden and want_sheet.state in hidden
        )
        if not same_state:
            out.append(
                f"工作表“{want_sheet.name}”被设为{_state_zh(got_sheet.state)}（应为{_state_zh(want_sheet.state)}）"
            )
        out += _sheet_differences(got_sheet, want_sheet)
        if len(out) > MAX_DIFFERENCES:
            break
    for name in sorted(set(got.names) | set(want.names)):
        a, b = got.names.get(name), want.names.get(name)
        if a == b:
            continue
        if b is None:
            out.append(f"{name}被设为 {_short(a or '')}（本程序生成的文件中没有）")
        elif a is None:
            out.append(f"缺少{name}（应为 {_short(b)}）")
        else:
            out.append(f"{name}被改为 {_short(a)}（应为 {_short(b)}）")
    return out


def extra_parts(received: Iterable[str], rebuilt: Iterable[str]) -> list[str]:
    """Package parts the rebuilt workbook does not have and a re-save does not add."""
    own = {name.lower() for name in rebuilt}
    out: list[str] = []
    for name in sorted(received):
        if name.endswith("/") or name.lower() in own or _INERT_PARTS.match(name):
            continue
        lowered = name.lower()
        kind = next((zh for key, zh in _PART_KINDS if key in lowered), "本程序不生成的部件")
        out.append(f"文件中多出{kind}：{_short(name, 60)}")
    return out
