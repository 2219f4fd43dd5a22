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
from xml.etree.ElementTree import Element

from .xlsx_compare import CellLook, SheetLook, WorkbookLook, theme_palette, tinted
from .xlsx_package import SheetRef, XlsxPackage, _local

MAX_ROW: Final = 1_048_576
MAX_COL: Final = 16_384
# Number formats Excel knows by id (ECMA-376 §18.8.30; ids 5–8, 23–36, 41–44 are locale
# currency formats that a filing never uses: their codes do not matter, only that they differ).
BUILTIN_FORMATS: Final = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00",
    12: "# ?/?", 13: "# ??/??", 14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm", 37: "#,##0 ;(#,##0)",
    38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)", 45: "mm:ss",
    46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
}  # fmt: skip
INDEXED: Final = (
    "000000", "FFFFFF", "FF0000", "00FF00", "0000FF", "FFFF00", "FF00FF", "00FFFF", "000000", "FFFFFF",
    "FF0000", "00FF00", "0000FF", "FFFF00", "FF00FF", "00FFFF", "800000", "008000", "000080", "808000",
    "800080", "008080", "C0C0C0", "808080", "9999FF", "993366", "FFFFCC", "CCFFFF", "660066", "FF8080",
    "0066CC", "CCCCFF", "000080", "FF00FF", "FFFF00", "00FFFF", "800080", "800000", "008080", "0000FF",
    "00CCFF", "CCFFFF", "CCFFCC", "FFFF99", "99CCFF", "FF99CC", "CC99FF", "FFCC99", "3366FF", "33CCCC",
    "99CC00", "FFCC00", "FF9900", "FF6600", "666699", "969696", "003366", "339966", "003300", "333300",
    "993300", "993366", "333399", "333333",
)  # fmt: skip
_SYMBOL_FONTS: Final = re.compile(r"wingdings|webdings|symbol|marlett|dingbat|bookshelf|mt extra|ms outlook", re.I)
_REF: Final = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")


def _true(value: str | None, default: bool = False) -> bool:
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "on")


def _int(value: str | None, default: int = 0, low: int = 0, high: int = 2**31) -> int:
    try:
        number = int(float(value)) if value is not None else default
    except (ValueError, OverflowError):
        return default
    return min(max(number, low), high)


def _float(value: str | None) -> float | None:
    try:
        number = float(value) if value is not None else None
    except ValueError:
        return None
    return number if number is not None and number == number and abs(number) < 1e300 else None


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


def _child(element: Element, name: str) -> Element | None:
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


class Palette:
    def __init__(self, theme: list[str]) -> None:
        self.theme = theme

    def hex(self, colour: Element | dict[str, str] | None) -> str | None:
        """A colour element as 6 hex digits; None for automatic / absent."""
        if colour is None or _true(colour.get("auto")):
            return None
        tint = _float(colour.get("tint")) or 0.0
        base: str | None = None
        if colour.get("rgb") is not None:
            rgb = colour.get("rgb") or ""
            base = rgb[-6:].upper() if re.fullmatch(r"[0-9A-Fa-f]{6,8}", rgb) else None
        elif colour.get("theme") is not None:
            index = _int(colour.get("theme"), -1, -1, 64)
            base = self.theme[index] if 0 <= index < len(self.theme) else None
        elif colour.get("indexed") is not None:
            index = _int(colour.get("indexed"), -1, -1, 1000)
            if index == 64:
                return None  # system foreground: automatic
            base = INDEXED[index] if 0 <= index < len(INDEXED) else ("FFFFFF" if index == 65 else None)
        return tinted(base, tint) if base is not None and tint else base


def font_family(name: str) -> str:
    """Any font name reads the same (a PC without the named font substitutes a similar one, and
    LibreOffice saves the substitute's name), except fonts whose glyphs are pictures."""
    return name if _SYMBOL_FONTS.search(name or "") else "text"


Parts = dict[str, dict[str, str]]  # a font's child elements by local name: their attributes


def _parts(element: Element) -> Parts:
    return {_local(child.tag): dict(child.attrib) for child in element}


def _on(attrs: dict[str, str] | None) -> bool:
    """A boolean font element (<b/>, <b val="0"/>)."""
    return attrs is not None and _true(attrs.get("val"), True)


def _font(parts: Parts, palette: Palette, base: tuple[Any, ...] | None = None) -> tuple[Any, ...]:
    """name, size, bold, italic, underline, strike, vertical align, colour. A rich-text run
    (``base`` given) takes size and colour from the cell when it does not name them."""
    name = parts.get("name") or parts.get("rFont")
    size = _float(parts["sz"].get("val")) if "sz" in parts else None
    colour = palette.hex(parts.get("color")) if "color" in parts else None
    underline = (parts["u"].get("val") or "single") if "u" in parts else None
    if underline == "none":
        underline = None
    vert = parts["vertAlign"].get("val") if "vertAlign" in parts else None
    return (
        font_family((name.get("val") or "") if name is not None else ""),
        size if size is not None else (base[1] if base is not None else 11.0),
        _on(parts.get("b")),
        _on(parts.get("i")),
        underline,
        _on(parts.get("strike")),
        None if vert in (None, "baseline") else vert,
        colour or (base[7] if base is not None and "color" not in parts else "000000"),
    )


@dataclass(frozen=True)
class _Format:
    number_format: str
    font: tuple[Any, ...]
    fill: str | None
    align: tuple[Any, ...]


class _Styles:
    def __init__(self, root: Element | None, palette: Palette) -> None:
        default_font = ("text", 11.0, False, False, None, False, None, "000000")
        default_align = ("general", "bottom", False, False, 0, 0)
        self.formats: list[_Format] = []
        if root is None:
            self.default = _Format("General", default_font, None, default_align)
            return
        codes = dict(BUILTIN_FORMATS)
        fonts: list[tuple[Any, ...]] = []
        fills: list[str | None] = []
        xfs: list[Element] = []
        for section in root:
            name = _local(section.tag)
            if name == "numFmts":
                for fmt in section:
                    codes[_int(fmt.get("numFmtId"), -1, -1)] = fmt.get("formatCode") or ""
            elif name == "fonts":
                fonts = [_font(_parts(f), palette) for f in section]
            elif name == "fills":
                fills = [self._fill(f, palette) for f in section]
            elif name == "cellXfs":
                xfs = list(section)
        for xf in xfs[:65_536]:
            code = codes.get(_int(xf.get("numFmtId"), 0), "General") or "General"
            font_id, fill_id = _int(xf.get("fontId")), _int(xf.get("fillId"))
            alignment = _child(xf, "alignment")
            align = default_align
            if alignment is not None:
                align = (
                    alignment.get("horizontal") or "general",
                    alignment.get("vertical") or "bottom",
                    _true(alignment.get("wrapText")),
                    _true(alignment.get("shrinkToFit")),
                    _int(alignment.get("indent"), 0, 0, 250),
                    _int(alignment.get("textRotation"), 0, 0, 255),
                )
            self.formats.append(
                _Format(
                    "General" if code.lower() == "general" else code,
                    fonts[font_id] if font_id < len(fonts) else default_font,
                    fills[fill_id] if fill_id < len(fills) else None,
                    align,
                )
            )
        self.default = self.formats[0] if self.formats else _Format("General", default_font, None, default_align)

    @staticmethod
    def _fill(fill: Element, palette: Palette) -> str | None:
        pattern = _child(fill, "patternFill")
        if pattern is None:
            return "gradient" if _child(fill, "gradientFill") is not None else None
        kind = pattern.get("patternType")
        fg, bg = _child(pattern, "fgColor"), _child(pattern, "bgColor")
        if kind is None and fg is None:
            return None  # an absent pattern with no colour is no fill
        kind = kind or "solid"
        if kind == "none":
            return None
        if kind == "solid":
            return palette.hex(fg) or palette.hex(bg) or "000000"
        return f"{kind}:{palette.hex(fg)}:{palette.hex(bg)}"

    def get(self, index: int) -> _Format:
        return self.formats[index] if 0 <= index < len(self.formats) else self.default


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

    def __init__(self, package: XlsxPackage, sheet: SheetRef, styles: _Styles, strings: list[_String],
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
            self.row = _int(attrs.get("r"), self.row + 1, 1, MAX_ROW)
            self.col = 0
            if _true(attrs.get("hidden")):
                self.hidden_rows.add(self.row)
            height = _float(attrs.get("ht"))
            if height is not None:
                self.heights[self.row] = height
        elif tag == "col":
            low = _int(attrs.get("min"), 1, 1, MAX_COL)
            high = _int(attrs.get("max"), low, low, MAX_COL)
            width = _float(attrs.get("width"))
            hidden = _true(attrs.get("hidden"))
            for col in range(low, min(high, low + 1024) + 1):  # beyond that: default columns
                if hidden:
                    self.hidden_cols.add(col)
                if width is not None:
                    self.widths[col] = width
        elif tag == "mergeCell":
            self.merged.add((attrs.get("ref") or "").upper())
        elif tag == "sheetView":
            self.page["显示零值"] = _true(attrs.get("showZeros"), True)
        elif tag == "sheetFormatPr":
            self.page["未设行高的行高度为零"] = _true(attrs.get("zeroHeight"))
        elif tag == "pageSetUpPr":
            self.page["按页宽缩放打印"] = _true(attrs.get("fitToPage"))
        elif tag == "pageSetup":
            self.page["打印方向"] = "landscape" if attrs.get("orientation") == "landscape" else "portrait"
            self.page["纸张"] = _int(attrs.get("paperSize"), 9)
            self.page["打印缩放比例"] = _int(attrs.get("scale"), 100)
            self.page["按页宽缩放打印（宽、高页数）"] = (
                _int(attrs.get("fitToWidth"), 1),
                _int(attrs.get("fitToHeight"), 1),
            )
        elif tag == "headerFooter":
            self.different = (_true(attrs.get("differentFirst")), _true(attrs.get("differentOddEven")))
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
        fmt = self.styles.get(_int(attrs.get("s"), 0))
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

    def _value(self, kind: str, raw: str, fmt: _Format) -> CellLook | None:
        if raw == "":
            return None
        if kind == "s":
            index = _int(raw, -1, -1)
            if not 0 <= index < len(self.strings):
                return CellLook(
                    "error", f"（不存在的共享字符串 {raw[:12]}）", fmt.number_format, fmt.font, fmt.fill, fmt.align
                )
            return self._string(self.strings[index], fmt)
        if kind in ("str", "inlineStr"):
            return CellLook("text", _text(raw), fmt.number_format, fmt.font, fmt.fill, fmt.align)
        if kind == "b":
            return CellLook("bool", _true(raw), fmt.number_format, fmt.font, fmt.fill, fmt.align)
        if kind == "e":
            return CellLook("error", raw[:40], fmt.number_format, fmt.font, fmt.fill, fmt.align)
        if kind == "d":
            return CellLook("date", raw[:40], fmt.number_format, fmt.font, fmt.fill, fmt.align)
        number = _float(raw)
        if number is None:
            return CellLook("error", raw[:40], fmt.number_format, fmt.font, fmt.fill, fmt.align)
        return CellLook("number", float(f"{number:.15g}"), fmt.number_format, fmt.font, fmt.fill, fmt.align)

    def _string(self, item: _String, fmt: _Format) -> CellLook | None:
        if item.text == "":
            return None  # an empty string is an empty cell
        kind = "text"
        # LibreOffice saves mixed Latin/Chinese text as runs that differ only in font name: the
        # same to a reader. A run of another size, colour or style is rich text.
        if item.runs is not None and any(_font(run, self.palette, fmt.font) != fmt.font for run in item.runs):
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
            index = _int(local, -1, -1)
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
    styles = _Styles(package.xml(styles_part) if styles_part else None, palette)
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
