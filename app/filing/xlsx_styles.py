"""The look of a workbook's cell formats, read from its styles and theme XML (no openpyxl):
number format, font, fill and alignment of every cell format, colours resolved to hex."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final
from xml.etree.ElementTree import Element

from .xlsx_compare import tinted
from .xlsx_package import _local

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


def xml_bool(value: str | None, default: bool = False) -> bool:
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "on")


def xml_int(value: str | None, default: int = 0, low: int = 0, high: int = 2**31) -> int:
    try:
        number = int(float(value)) if value is not None else default
    except (ValueError, OverflowError):
        return default
    return min(max(number, low), high)


def xml_float(value: str | None) -> float | None:
    try:
        number = float(value) if value is not None else None
    except ValueError:
        return None
    return number if number is not None and number == number and abs(number) < 1e300 else None


def child(element: Element, name: str) -> Element | None:
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


class Palette:
    def __init__(self, theme: list[str]) -> None:
        self.theme = theme

    def hex(self, colour: Element | dict[str, str] | None) -> str | None:
        """A colour element as 6 hex digits; None for automatic / absent."""
        if colour is None or xml_bool(colour.get("auto")):
            return None
        tint = xml_float(colour.get("tint")) or 0.0
        base: str | None = None
        if colour.get("rgb") is not None:
            rgb = colour.get("rgb") or ""
            base = rgb[-6:].upper() if re.fullmatch(r"[0-9A-Fa-f]{6,8}", rgb) else None
        elif colour.get("theme") is not None:
            index = xml_int(colour.get("theme"), -1, -1, 64)
            base = self.theme[index] if 0 <= index < len(self.theme) else None
        elif colour.get("indexed") is not None:
            index = xml_int(colour.get("indexed"), -1, -1, 1000)
            if index == 64:
                return None  # system foreground: automatic
            base = INDEXED[index] if 0 <= index < len(INDEXED) else ("FFFFFF" if index == 65 else None)
        return tinted(base, tint) if base is not None and tint else base


def font_family(name: str) -> str:
    """Any font name reads the same (a PC without the named font substitutes a similar one, and
    LibreOffice saves the substitute's name), except fonts whose glyphs are pictures."""
    return name if _SYMBOL_FONTS.search(name or "") else "text"


Parts = dict[str, dict[str, str]]  # a font's child elements by local name: their attributes


def font_parts(element: Element) -> Parts:
    return {_local(child.tag): dict(child.attrib) for child in element}


def _on(attrs: dict[str, str] | None) -> bool:
    """A boolean font element (<b/>, <b val="0"/>)."""
    return attrs is not None and xml_bool(attrs.get("val"), True)


def run_font(parts: Parts, palette: Palette, base: tuple[Any, ...] | None = None) -> tuple[Any, ...]:
    """name, size, bold, italic, underline, strike, vertical align, colour. A rich-text run
    (``base`` given) takes size and colour from the cell when it does not name them."""
    name = parts.get("name") or parts.get("rFont")
    size = xml_float(parts["sz"].get("val")) if "sz" in parts else None
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
class CellFormat:
    number_format: str
    font: tuple[Any, ...]
    fill: str | None
    align: tuple[Any, ...]


class Styles:
    def __init__(self, root: Element | None, palette: Palette) -> None:
        default_font = ("text", 11.0, False, False, None, False, None, "000000")
        default_align = ("general", "bottom", False, False, 0, 0)
        self.formats: list[CellFormat] = []
        if root is None:
            self.default = CellFormat("General", default_font, None, default_align)
            return
        codes = dict(BUILTIN_FORMATS)
        fonts: list[tuple[Any, ...]] = []
        fills: list[str | None] = []
        xfs: list[Element] = []
        for section in root:
            name = _local(section.tag)
            if name == "numFmts":
                for fmt in section:
                    codes[xml_int(fmt.get("numFmtId"), -1, -1)] = fmt.get("formatCode") or ""
            elif name == "fonts":
                fonts = [run_font(font_parts(f), palette) for f in section]
            elif name == "fills":
                fills = [self._fill(f, palette) for f in section]
            elif name == "cellXfs":
                xfs = list(section)
        for xf in xfs[:65_536]:
            code = codes.get(xml_int(xf.get("numFmtId"), 0), "General") or "General"
            font_id, fill_id = xml_int(xf.get("fontId")), xml_int(xf.get("fillId"))
            alignment = child(xf, "alignment")
            align = default_align
            if alignment is not None:
                align = (
                    alignment.get("horizontal") or "general",
                    alignment.get("vertical") or "bottom",
                    xml_bool(alignment.get("wrapText")),
                    xml_bool(alignment.get("shrinkToFit")),
                    xml_int(alignment.get("indent"), 0, 0, 250),
                    xml_int(alignment.get("textRotation"), 0, 0, 255),
                )
            self.formats.append(
                CellFormat(
                    "General" if code.lower() == "general" else code,
                    fonts[font_id] if font_id < len(fonts) else default_font,
                    fills[fill_id] if fill_id < len(fills) else None,
                    align,
                )
            )
        self.default = self.formats[0] if self.formats else CellFormat("General", default_font, None, default_align)

    @staticmethod
    def _fill(fill: Element, palette: Palette) -> str | None:
        pattern = child(fill, "patternFill")
        if pattern is None:
            return "gradient" if child(fill, "gradientFill") is not None else None
        kind = pattern.get("patternType")
        fg, bg = child(pattern, "fgColor"), child(pattern, "bgColor")
        if kind is None and fg is None:
            return None  # an absent pattern with no colour is no fill
        kind = kind or "solid"
        if kind == "none":
            return None
        if kind == "solid":
            return palette.hex(fg) or palette.hex(bg) or "000000"
        return f"{kind}:{palette.hex(fg)}:{palette.hex(bg)}"

    def get(self, index: int) -> CellFormat:
        return self.formats[index] if 0 <= index < len(self.formats) else self.default
