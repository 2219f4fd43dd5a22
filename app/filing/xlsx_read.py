"""What a reader sees in a workbook package, read straight from its XML (no openpyxl).

``read_look(package)`` streams every sheet of a checked ``XlsxPackage`` and returns the
``WorkbookLook`` that ``xlsx_compare`` compares. verify reads the received file *and* the file
rebuilt from its envelope with this one reader, so a difference is never an artefact of two
readers. Reading our own XML also keeps hostile content cheap: a merged range over a whole sheet
is one string here (openpyxl would create seventeen billion cells), a DTD is refused by the
package, rows and columns are bounded, and the parse streams.

The parts read: workbook (sheets, states, defined names), styles (number formats, fonts, fills,
alignment of every cell format), theme colours, shared strings with their rich-text runs, each
sheet (cells, rows, columns, merged ranges, views, page setup, header/footer, conditional
formats, validations, hyperlinks, filters, drawings) and its comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

from .xlsx_compare import CellLook, SheetLook, WorkbookLook, theme_palette
from .xlsx_package import SheetRef, XlsxPackage, _local
from .xlsx_styles import CellFormat, Palette, Parts, Styles, run_font, xml_bool, xml_float, xml_int

MAX_ROW: Final = 1_048_576
MAX_COL: Final = 16_384
_REF: Final = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")


def column_number(letters: str) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + (ord(ch) - 64)
    return number


def split_ref(ref: str) -> tuple[int, int] | None:
    """``B16`` → (16, 2); None for anything else."""
    match = _REF.match(ref.strip())
    if match is None:
        return None
    row, col = int(match.group(2)), column_number(match.group(1))
    return (row, col) if 1 <= row <= MAX_ROW and 1 <= col <= MAX_COL else None


@dataclass(frozen=True)
class _String:
    text: str
    runs: tuple[Parts, ...] | None  # the font parts of each rich-text run; None for plain text


class _StringCollector:
    """Shared strings or an inline string (<si>/<is>): text, and the fonts of rich-text runs.
    Phonetic guides (<rPh>) are not part of the string."""

    def __init__(self) -> None:
        self.items: list[_String] = []
        self._text: list[str] = []
        self._runs: list[Parts] = []
        self._rich = False
        self._in_t = False
        self._phonetic = 0
        self._run_font: Parts | None = None

    def begin(self) -> None:
        self._text, self._runs, self._rich = [], [], False

    def finish(self) -> _String:
        return _String("".join(self._text), tuple(self._runs) if self._rich else None)

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "si":
            self.begin()
        elif tag == "rPh":
            self._phonetic += 1
        elif tag == "t":
            self._in_t = not self._phonetic
        elif tag == "r":
            self._rich = True
        elif tag == "rPr":
            self._run_font = {}
        elif self._run_font is not None:
            self._run_font[tag] = attrs

    def end(self, tag: str) -> None:
        if tag == "si":
            self.items.append(self.finish())
        elif tag == "rPh":
            self._phonetic -= 1
        elif tag == "t":
            self._in_t = False
        elif tag == "rPr" and self._run_font is not None:
            self._runs.append(self._run_font)
            self._run_font = None

    def text(self, data: str) -> None:
        if self._in_t:
            self._text.append(data)


def _text(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n")


_HF_CODE: Final = re.compile(r'&"[^"]*"|&K(?:[0-9A-Fa-f]{6}|\d\d[+-]\d{3})|&\d{1,3}\s?')


def header_footer_parts(text: str | None) -> dict[str, tuple[str, str | None]]:
    """A header/footer string split into its left, centre and right sections: (text, colour)."""
    sections = {"L": "", "C": "", "R": ""}
    if text:
        current = "C"  # text before any section code is centred
        i = 0
        while i < len(text):
            if text.startswith("&&", i):
                sections[current] += "&&"
                i += 2
            elif text[i] == "&" and i + 1 < len(text) and text[i + 1] in "LCR":
                current = text[i + 1]
                i += 2
            else:
                sections[current] += text[i]
                i += 1
    out: dict[str, tuple[str, str | None]] = {}
    for key, body in sections.items():
        colours = re.findall(r"&K([0-9A-Fa-f]{6})", body)
        colour = colours[-1].upper() if colours else None
        out[key] = (_text(_HF_CODE.sub("", body)), None if colour in (None, "000000") else colour)
    return out


_OBJECTS: Final = {
    "drawing": "有图片、图形或图表", "legacyDrawing": "有批注框或控件", "legacyDrawingHF": "页眉页脚中有图片",
    "picture": "有背景图片", "oleObjects": "有嵌入对象", "controls": "有控件",
}  # fmt: skip
_HEADERS: Final = frozenset({"oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter"})


class _SheetReader:
    """One sheet's XML, parsed by expat event by event into a SheetLook (nothing kept but the look)."""

    def __init__(self, package: XlsxPackage, sheet: SheetRef, styles: Styles, strings: list[_String],
                 palette: Palette) -> None:  # fmt: skip
        self.package, self.sheet, self.styles, self.strings, self.palette = package, sheet, styles, strings, palette
        self.look = SheetLook(sheet.name, sheet.state)
        self.page: dict[str, Any] = {
            "打印方向": "portrait", "纸张": 9, "按页宽缩放打印": False, "打印缩放比例": 100, "显示零值": True,
            "未设行高的行高度为零": False,
        }  # fmt: skip
        self.headers: dict[str, str] = {}
        self.different = (False, False)
        self.widths: dict[int, float] = {}
        self.hidden_cols: set[int] = set()
        self.heights: dict[int, float] = {}
        self.hidden_rows: set[int] = set()
        self.merged: set[str] = set()
        self.objects: list[str] = []
        self.row = 0
        self.col = 0
        self.cell: dict[str, str] | None = None  # attributes of the open <c>
        self.value: list[str] = []
        self.formula: dict[str, str] | None = None
        self.formula_text: list[str] = []
        self.inline: _StringCollector | None = None
        self.capture: list[str] | None = None  # where character data goes
        self.header_text: list[str] = []
        self._inline_item = _String("", None)

    def read(self) -> SheetLook:
        self.package.parse(self.sheet.part, self)
        page = self.page
        if not page["按页宽缩放打印"]:
            page.pop("按页宽缩放打印（宽、高页数）", None)
        else:
            page["打印缩放比例"] = 100  # ignored when fitting to pages
        page["页眉页脚（首页不同、奇偶页不同）"] = self.different
        groups = [("奇数页", "odd")]
        if self.different[0]:
            groups.append(("首页", "first"))
        if self.different[1]:
            groups.append(("偶数页", "even"))
        for label, prefix in groups:
            for what, suffix in (("页眉", "Header"), ("页脚", "Footer")):
                parts = header_footer_parts(self.headers.get(prefix + suffix))
                for key, zh in (("L", "左"), ("C", "中"), ("R", "右")):
                    page[f"{label}{what}（{zh}）"] = parts[key]
        look = self.look
        look.merged = frozenset(self.merged)
        look.widths, look.hidden_cols = self.widths, frozenset(self.hidden_cols)
        look.heights, look.hidden_rows = self.heights, frozenset(self.hidden_rows)
        look.page = page
        look.objects = self.objects + self._comments()
        return look

    # expat events

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if self.inline is not None:
            self.inline.start(tag, attrs)
            return
        if tag == "c":
            self.cell, self.value, self.formula, self.formula_text = attrs, [], None, []
        elif tag == "v" and self.cell is not None:
            self.capture = self.value
        elif tag == "f" and self.cell is not None:
            self.formula, self.capture = attrs, self.formula_text
        elif tag == "is" and self.cell is not None:
            self.inline = _StringCollector()
            self.inline.begin()
        elif tag == "row":
            self.row = xml_int(attrs.get("r"), self.row + 1, 1, MAX_ROW)
            self.col = 0
            if xml_bool(attrs.get("hidden")):
                self.hidden_rows.add(self.row)
            height = xml_float(attrs.get("ht"))
            if height is not None:
                self.heights[self.row] = height
        elif tag == "col":
            low = xml_int(attrs.get("min"), 1, 1, MAX_COL)
            high = xml_int(attrs.get("max"), low, low, MAX_COL)
            width = xml_float(attrs.get("width"))
            hidden = xml_bool(attrs.get("hidden"))
            for col in range(low, min(high, low + 1024) + 1):  # beyond that: default columns
                if hidden:
                    self.hidden_cols.add(col)
                if width is not None:
                    self.widths[col] = width
        elif tag == "mergeCell":
            self.merged.add((attrs.get("ref") or "").upper())
        elif tag == "sheetView":
            self.page["显示零值"] = xml_bool(attrs.get("showZeros"), True)
        elif tag == "sheetFormatPr":
            self.page["未设行高的行高度为零"] = xml_bool(attrs.get("zeroHeight"))
        elif tag == "pageSetUpPr":
            self.page["按页宽缩放打印"] = xml_bool(attrs.get("fitToPage"))
        elif tag == "pageSetup":
            self.page["打印方向"] = "landscape" if attrs.get("orientation") == "landscape" else "portrait"
            self.page["纸张"] = xml_int(attrs.get("paperSize"), 9)
            self.page["打印缩放比例"] = xml_int(attrs.get("scale"), 100)
            self.page["按页宽缩放打印（宽、高页数）"] = (
                xml_int(attrs.get("fitToWidth"), 1),
                xml_int(attrs.get("fitToHeight"), 1),
            )
        elif tag == "headerFooter":
            self.different = (xml_bool(attrs.get("differentFirst")), xml_bool(attrs.get("differentOddEven")))
        elif tag in _HEADERS:
            self.header_text = []
            self.capture = self.header_text
        elif tag == "conditionalFormatting":
            self.objects.append(f"有条件格式（{_short(attrs.get('sqref') or '')}），可按条件改变单元格的显示")
        elif tag == "dataValidation":
            self.objects.append(f"有数据验证（{_short(attrs.get('sqref') or '')}），选中单元格时会弹出提示或下拉列表")
        elif tag == "hyperlink":
            self.objects.append(f"{(attrs.get('ref') or '').upper()} 有超链接")
        elif tag == "autoFilter":
            self.objects.append(f"有筛选（{_short(attrs.get('ref') or '')}），可隐藏行")
        elif tag in _OBJECTS:
            self.objects.append(_OBJECTS[tag])

    def end(self, tag: str) -> None:
        if self.inline is not None:
            if tag == "is":
                self._inline_done()
            else:
                self.inline.end(tag)
            return
        if tag in ("v", "f"):
            self.capture = None
        elif tag == "c" and self.cell is not None:
            self._cell_done()
        elif tag in _HEADERS:
            self.headers[tag] = "".join(self.header_text)
            self.capture = None

    def text(self, data: str) -> None:
        if self.inline is not None:
            self.inline.text(data)
        elif self.capture is not None:
            self.capture.append(data)

    # cells

    def _position(self) -> tuple[int, int]:
        assert self.cell is not None
        ref = self.cell.get("r")
        where = split_ref(ref) if ref else None
        row, col = where if where is not None else (self.row, self.col + 1)
        self.col = col
        return row, col

    def _inline_done(self) -> None:
        assert self.inline is not None
        self.value = ["\0inline"]
        self._inline_item = self.inline.finish()
        self.inline = None

    def _cell_done(self) -> None:
        attrs = self.cell
        assert attrs is not None
        row, col = self._position()
        fmt = self.styles.get(xml_int(attrs.get("s"), 0))
        kind = attrs.get("t") or "n"
        raw = "".join(self.value)
        look: CellLook | None
        if self.formula is not None and ("".join(self.formula_text) or self.formula.get("t") == "shared"):
            text = "".join(self.formula_text) or f"（共享公式 {self.formula.get('si')}）"
            look = CellLook("formula", "=" + text, fmt.number_format, fmt.font, fmt.fill, fmt.align)
        elif raw == "\0inline":
            look = self._string(self._inline_item, fmt) if kind == "inlineStr" else None
        else:
            look = self._value(kind, raw, fmt)
        if look is not None:
            self.look.cells[(row, col)] = look
        self.cell = None

    def _value(self, kind: str, raw: str, fmt: CellFormat) -> CellLook | None:
        if raw == "":
            return None
        if kind == "s":
            index = xml_int(raw, -1, -1)
            if not 0 <= index < len(self.strings):
                return CellLook(
                    "error", f"（不存在的共享字符串 {raw[:12]}）", fmt.number_format, fmt.font, fmt.fill, fmt.align
                )
            return self._string(self.strings[index], fmt)
        if kind in ("str", "inlineStr"):
            return CellLook("text", _text(raw), fmt.number_format, fmt.font, fmt.fill, fmt.align)
        if kind == "b":
            return CellLook("bool", xml_bool(raw), fmt.number_format, fmt.font, fmt.fill, fmt.align)
        if kind == "e":
            return CellLook("error", raw[:40], fmt.number_format, fmt.font, fmt.fill, fmt.align)
        if kind == "d":
            return CellLook("date", raw[:40], fmt.number_format, fmt.font, fmt.fill, fmt.align)
        number = xml_float(raw)
        if number is None:
            return CellLook("error", raw[:40], fmt.number_format, fmt.font, fmt.fill, fmt.align)
        return CellLook("number", float(f"{number:.15g}"), fmt.number_format, fmt.font, fmt.fill, fmt.align)

    def _string(self, item: _String, fmt: CellFormat) -> CellLook | None:
        if item.text == "":
            return None  # an empty string is an empty cell
        kind = "text"
        # LibreOffice saves mixed Latin/Chinese text as runs that differ only in font name: the
        # same to a reader. A run of another size, colour or style is rich text.
        if item.runs is not None and any(run_font(run, self.palette, fmt.font) != fmt.font for run in item.runs):
            kind = "rich"
        return CellLook(kind, _text(item.text), fmt.number_format, fmt.font, fmt.fill, fmt.align)

    def _comments(self) -> list[str]:
        out: list[str] = []
        for kind, target in self.package.relationships(self.sheet.part).values():
            if not kind.endswith("/comments") or target not in self.package.members:
                continue
            for element in self.package.xml(target).iter():
                if _local(element.tag) == "comment":
                    text = "".join(t.text or "" for t in element.iter() if _local(t.tag) == "t")
                    out.append(f"{(element.get('ref') or '').upper()} 有批注“{_short(text)}”")
        return out


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def _shared_strings(package: XlsxPackage) -> list[_String]:
    if package.shared_strings is None:
        return []
    collector = _StringCollector()
    package.parse(package.shared_strings, collector)
    return collector.items


def _defined_names(package: XlsxPackage, sheets: list[SheetRef]) -> dict[str, str]:
    names: dict[str, str] = {}
    zh = {"_xlnm.Print_Area": "打印区域", "_xlnm.Print_Titles": "打印标题", "_xlnm._FilterDatabase": "筛选范围"}
    for element in package.xml(package.workbook_part).iter():
        if _local(element.tag) != "definedName":
            continue
        name = element.get("name") or ""
        local = element.get("localSheetId")
        label = zh.get(name, name)
        if local is not None:
            index = xml_int(local, -1, -1)
            owner = sheets[index].name if 0 <= index < len(sheets) else f"#{local}"
            label = f"工作表“{owner}”的{label}"
        # 'Sheet'!$A$1 and Sheet!$A$1 are one reference (LibreOffice drops the quotes).
        names[label] = re.sub(
            r"'((?:[^']|'')+)'!", lambda m: m.group(1).replace("''", "'") + "!", (element.text or "").strip()
        )
    return names


def read_look(package: XlsxPackage) -> WorkbookLook:
    """Everything a reader of the package can see, in the form ``xlsx_compare`` compares."""
    theme = None
    for kind, target in package.relationships(package.workbook_part).values():
        if kind.endswith("/theme") and target in package.members:
            theme = package.read(target)
    palette = Palette(theme_palette(theme))
    styles_part = next(
        (
            t
            for k, t in package.relationships(package.workbook_part).values()
            if k.endswith("/styles") and t in package.members
        ),
        None,
    )
    styles = Styles(package.xml(styles_part) if styles_part else None, palette)
    strings = _shared_strings(package)
    sheets: list[SheetLook] = []
    for sheet in package.sheets:
        if sheet.part in package.members and _attr_ok(sheet):
            sheets.append(_SheetReader(package, sheet, styles, strings, palette).read())
        else:
            sheets.append(SheetLook(sheet.name, sheet.state, objects=["不是普通工作表（图表工作表或缺少内容）"]))
    return WorkbookLook(sheets, _defined_names(package, package.sheets))


def _attr_ok(sheet: SheetRef) -> bool:
    return "worksheets/" in sheet.part or sheet.part.endswith(".xml")
