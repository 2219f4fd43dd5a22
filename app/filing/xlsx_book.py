"""One openpyxl workbook with the filing's cell styles: styled, injection-safe cells, print set-up,
row heights for wrapped text (the sheets themselves are drawn in `xlsx`)."""

from __future__ import annotations

from typing import Any

from assessments.report import FilingReport, clean_text

MAX_CELL = 32767
_RISKY_START = ("=", "+", "-", "@", "\t", "\r", "\n")


class Book:
    """Small helpers around one openpyxl workbook: styled, injection-safe cells."""

    def __init__(self, report: FilingReport) -> None:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.report = report
        self.wb = Workbook()
        thin = Side(style="thin", color="808080")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.head_font = Font(name="微软雅黑", bold=True, size=10)
        self.font = Font(name="微软雅黑", size=10)
        self.title_font = Font(name="微软雅黑", bold=True, size=15)
        self.section_font = Font(name="微软雅黑", bold=True, size=11, color="1F3864")
        self.big_font = Font(name="微软雅黑", bold=True, size=14)
        self.head_fill = PatternFill("solid", fgColor="DCE6F1")
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def sheet(self, title: str, widths: tuple[float, ...], *, first: bool = False) -> Any:
        ws = self.wb.active if first else self.wb.create_sheet()
        ws.title = title
        for i, width in enumerate(widths, 1):
            ws.column_dimensions[col_letter(i)].width = width
        self._print_setup(ws)
        return ws

    def _print_setup(self, ws: Any) -> None:
        a4_fit_to_width(ws, "portrait")
        r = self.report
        # '&' starts a header/footer code: a user's '&' must be doubled; the whole field is limited.
        name = r.enterprise_name.replace("&", "&&")[:60]
        ws.oddHeader.left.text = name
        ws.oddHeader.right.text = f"评价标准 {r.criteria_id}"
        ws.oddFooter.left.text = f"指纹 {r.short_fingerprint}"
        ws.oddFooter.center.text = "第 &P 页 共 &N 页"
        ws.oddFooter.right.text = f"导出 {r.exported_at}"

    def put(
        self, ws: Any, row: int, col: int, value: Any, *, fmt: str | None = None, style: str = "cell", span: int = 1
    ) -> Any:
        cell = ws.cell(row=row, column=col)
        if isinstance(value, str):
            text = clean_text(value)[:MAX_CELL]
            if style in ("cell", "head", "plain", "big") and text:
                self._fit(ws, row, col, text, span, 1.4 if style == "big" else 1.0)
            cell.value = text
            # Assignment infers the type (a leading '=' becomes a formula): force text afterwards.
            cell.data_type = "s"
            if text.startswith(_RISKY_START):
                cell.quotePrefix = True
        elif isinstance(value, bool):
            cell.value = "是" if value else "否"
            cell.data_type = "s"
        else:
            cell.value = value
            if fmt is not None and value is not None:
                cell.number_format = fmt
        if style == "head":
            cell.font, cell.fill, cell.border, cell.alignment = self.head_font, self.head_fill, self.border, self.center
        elif style == "cell":
            cell.font, cell.border, cell.alignment = self.font, self.border, self.wrap
        elif style == "plain":
            cell.font, cell.alignment = self.font, self.wrap
        elif style == "section":
            cell.font = self.section_font
        elif style == "title":
            cell.font = self.title_font
        elif style == "big":
            cell.font, cell.border, cell.alignment = self.big_font, self.border, self.wrap
        return cell

    def _fit(self, ws: Any, row: int, col: int, text: str, span: int, scale: float) -> None:
        """Row height for wrapped text: neither Excel nor LibreOffice grows rows of a generated file
        reliably, and clipped text in a printed filing hides figures. CJK characters count double."""
        width = sum(ws.column_dimensions[col_letter(c)].width or 9 for c in range(col, col + span)) * 0.92 / scale
        lines = 0
        for part in text.split("\n"):
            units = sum(2 if ord(ch) > 0x2E7F else 1 for ch in part)
            lines += max(1, -(-units // max(int(width), 1)))
        height = lines * 13.5 * scale + 3
        current = ws.row_dimensions[row].height
        if current is None or height > current:
            ws.row_dimensions[row].height = height

    def header(self, ws: Any, row: int, names: tuple[str, ...]) -> None:
        for col, name in enumerate(names, 1):
            self.put(ws, row, col, name, style="head")

    def title(self, ws: Any, text: str, span: int) -> None:
        self.put(ws, 1, 1, text, style="title")
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=span)
        ws.row_dimensions[1].height = 26


def col_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


def num_fmt(places: int | None) -> str:
    if places is None:
        return "General"
    return "#,##0" if places == 0 else "#,##0." + "0" * places


def a4_fit_to_width(ws: Any, orientation: str) -> None:
    """A4, as wide as the page and as many pages long as it takes, centred: how every workbook
    this program writes (filings and the desk's summary) prints."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = orientation
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
