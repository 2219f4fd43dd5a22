"""The PDF filing's page kit: page geometry, colours, paragraph and table styles, the signature
boxes, and the canvas that draws every page's header and footer (the story is in `pdf`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from assessments.report import FilingReport, clean_text, value_text

from .fonts import register_cjk_font

MM = 72.0 / 25.4
PAGE_W, PAGE_H = 595.2756, 841.8898  # A4 in points
MARGIN_X = 18 * MM
FRAME_W = PAGE_W - 2 * MARGIN_X
INK = (0.12, 0.16, 0.25)
HEAD_BG = (0.86, 0.90, 0.95)
ACCENT = (0.12, 0.35, 0.62)
SECTION_ROOM = 70 * MM  # a section starts on the current page when this much room is left


def markup(text: Any) -> str:
    """User or data text made safe for reportlab's paragraph markup."""
    return escape(clean_text(str(text))).replace("\n", "<br/>")


class RightText(str):
    """A table cell text to align right (numbers)."""

    __slots__ = ()


def num_text(value: float | Decimal | None, places: int | None = None, unit: str = "") -> str:
    return value_text(value, places, unit)


class Kit:
    """Styles and flowable factories for one document."""

    def __init__(self) -> None:
        from reportlab.lib.colors import Color
        from reportlab.lib.styles import ParagraphStyle

        from .pdf_paragraph import BoldParagraph, KinsokuParagraph

        font = register_cjk_font()
        self.font = font
        self.ink = Color(*INK)
        self.accent = Color(*ACCENT)
        self.head_bg = Color(*HEAD_BG)

        def style(name: str, size: float, leading: float, **kw: Any) -> Any:
            return ParagraphStyle(name, fontName=font, bulletFontName=font, fontSize=size, leading=leading,
                                  wordWrap="CJK", textColor=kw.pop("color", self.ink), **kw)  # fmt: skip

        self.body = style("body", 9.5, 14.5)
        self.small = style("small", 8, 11)
        self.tiny = style("tiny", 7, 9.5)
        self.cell = style("cell", 8, 10.5)
        self.right = style("right", 8, 10.5, alignment=2)
        self.head = style("head", 8, 10.5, alignment=1)
        self.h1 = style("h1", 14, 20, spaceBefore=4, spaceAfter=8, color=self.accent)
        self.h2 = style("h2", 11, 16, spaceBefore=8, spaceAfter=4, color=self.accent)
        self.title = style("title", 20, 30, alignment=1, spaceAfter=6)
        self.subtitle = style("subtitle", 12, 18, alignment=1, spaceAfter=18)
        self.big = style("big", 16, 22)
        self.pledge = style("pledge", 11, 20, firstLineIndent=22, spaceAfter=8)
        self.P = KinsokuParagraph
        self.B = BoldParagraph

    def id_width(self, ids: Any, minimum: float) -> float:
        """A column wide enough for every id on one line (an id never breaks mid-word)."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        widest = max((stringWidth(clean_text(str(i)), self.font, self.cell.fontSize) for i in ids), default=0.0)
        return max(minimum, widest + 8)

    def p(self, text: Any, style: Any = None) -> Any:
        return self.P(markup(text), style or self.body)

    def b(self, text: Any, style: Any = None) -> Any:
        return self.B(markup(text), style or self.body)

    def table(self, rows: list[list[Any]], widths: list[float], *, head_rows: int = 1) -> Any:
        from reportlab.pdfbase.pdfmetrics import stringWidth
        from reportlab.platypus import Table, TableStyle

        commands: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), self.font),  # plain-string cells (default: Helvetica)
            ("FONTSIZE", (0, 0), (-1, -1), self.cell.fontSize),
            ("LEADING", (0, 0), (-1, -1), self.cell.leading),
            ("TEXTCOLOR", (0, 0), (-1, -1), self.ink),
            ("GRID", (0, 0), (-1, -1), 0.5, self.ink),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        cells: list[list[Any]] = []
        for r, row in enumerate(rows):
            out: list[Any] = []
            for c, cell in enumerate(row):
                if not isinstance(cell, str):
                    out.append(cell)
                    continue
                text = clean_text(cell)
                if r < head_rows:
                    out.append(self.B(markup(text), self.head))
                    continue
                # A short one-line cell is drawn as a plain string: wrapping a Paragraph per cell
                # (CJK line breaking) is most of the time a PDF takes to build.
                right = isinstance(cell, RightText)
                if "\n" not in text and stringWidth(text, self.font, self.cell.fontSize) <= widths[c] - 7:
                    out.append(text)
                    if right:
                        commands.append(("ALIGN", (c, r), (c, r), "RIGHT"))
                else:
                    out.append(self.P(markup(text), self.right if right else self.cell))
            cells.append(out)
        table = Table(cells, colWidths=widths, repeatRows=head_rows, hAlign="LEFT")
        if head_rows:
            commands.append(("BACKGROUND", (0, 0), (-1, head_rows - 1), self.head_bg))
        table.setStyle(TableStyle(commands))
        return table

    def num(self, value: float | Decimal | None, places: int | None = None, unit: str = "") -> Any:
        """A right-aligned number cell."""
        return RightText(num_text(value, places, unit))


def signature_boxes(kit: Kit) -> Any:
    from reportlab.platypus import Table, TableStyle

    box = 45 * MM
    cells = [
        [kit.b("法定代表人（签字）", kit.cell), kit.b("企业公章", kit.cell)],
        ["", ""],
        [kit.p("日期：________年______月______日", kit.body), kit.p("（盖章处）", kit.small)],
    ]
    table = Table(cells, colWidths=[FRAME_W / 2 - 4 * MM, FRAME_W / 2 - 4 * MM], rowHeights=[8 * MM, box, 10 * MM])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), kit.font),
                ("BOX", (0, 0), (0, 2), 0.8, kit.ink),
                ("BOX", (1, 0), (1, 2), 0.8, kit.ink),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, kit.ink),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (1, 2), (1, 2), "CENTER"),
            ]
        )
    )
    return table


def canvas_class(kit: Kit, report: FilingReport) -> Any:
    from reportlab.pdfgen.canvas import Canvas

    header_left = clean_text(report.enterprise_name)
    header_right = f"评价标准 {report.criteria_id}"
    footer_left = f"文件指纹 {report.short_fingerprint}"

    class FilingCanvas(Canvas):  # type: ignore[misc]
        """Defers page output until the page count is known ("第 x 页 共 y 页")."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                self._decorate(number, total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _decorate(self, number: int, total: int) -> None:
            self.saveState()
            self.setFillColorRGB(*INK)
            self.setStrokeColorRGB(0.6, 0.6, 0.6)
            self.setLineWidth(0.5)
            top = PAGE_H - 12 * MM
            self.setFont(kit.font, 8)
            name = header_left
            while self.stringWidth(name, kit.font, 8) > FRAME_W * 0.62 and len(name) > 4:
                name = name[:-2] + "…" if not name.endswith("…") else name[:-3] + "…"
            self.drawString(MARGIN_X, top, name)
            self.drawRightString(PAGE_W - MARGIN_X, top, header_right)
            self.line(MARGIN_X, top - 2.5 * MM, PAGE_W - MARGIN_X, top - 2.5 * MM)
            bottom = 10 * MM
            self.line(MARGIN_X, bottom + 4 * MM, PAGE_W - MARGIN_X, bottom + 4 * MM)
            self.drawString(MARGIN_X, bottom, footer_left)
            # Double spaces: text extractors (pdftotext) drop a single narrow CJK-font space.
            self.drawRightString(PAGE_W - MARGIN_X, bottom, f"第  {number}  页  共  {total}  页")
            self.restoreState()

    return FilingCanvas
