"""reportlab paragraphs that break Chinese lines by the rules in ``kinsoku`` (imported lazily, with the
PDF writer). Only ``breakLinesCJK`` is replaced; parsing, measuring and drawing stay reportlab's."""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.paragraph import (
    Paragraph,
    ParaLines,
    _handleBulletWidth,
    cjkU,
    makeCJKParaLine,
)

from .fonts import BOLD_STROKE
from .kinsoku import break_lines


class KinsokuParagraph(Paragraph):  # type: ignore[misc]
    """A Paragraph (style ``wordWrap="CJK"``) whose lines follow kinsoku rules and keep Latin
    words whole."""

    def breakLinesCJK(self, maxWidths: Any) -> Any:
        if not isinstance(maxWidths, list | tuple):
            maxWidths = [maxWidths]
        style = self.style
        self.height = 0
        _handleBulletWidth(self.bulletText, style, maxWidths)
        frags = self.frags
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            if len(frags) == 1 and not hasattr(frags[0], "cbDefn") and not style.endDots:
                return frags[0].clone(kind=0, lines=self.blPara.lines)
            return self.blPara
        if not frags:
            return ParaLines(kind=0, fontSize=style.fontSize, fontName=style.fontName, textColor=style.textColor,
                             lines=[], ascent=style.fontSize, descent=-0.2 * style.fontSize)  # fmt: skip
        if len(frags) == 1 and not hasattr(frags[0], "cbDefn") and not style.endDots:
            frag = frags[0]
            text = frag.text if hasattr(frag, "text") else "".join(getattr(frag, "words", []))
            widths = [stringWidth(ch, frag.fontName, frag.fontSize) for ch in text]
            lines = []
            for number, (a, b) in enumerate(break_lines(widths, text, maxWidths)):
                limit = maxWidths[min(number, len(maxWidths) - 1)]
                lines.append((limit - sum(widths[a:b]), [text[a:b].strip()]))
            return frag.clone(kind=0, lines=lines, ascent=frag.fontSize, descent=-0.2 * frag.fontSize)
        glyphs: list[Any] = []
        for frag in frags:
            text = frag.text
            if text:
                glyphs.extend(cjkU(ch, frag, "utf8") for ch in text)
            else:
                glyphs.append(cjkU(text, frag, "utf8"))  # a <br/> or an empty run
        forced = [hasattr(g.frag, "lineBreak") for g in glyphs]
        widths = [g.width for g in glyphs]
        chars = [str(g) for g in glyphs]
        auto_leading = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
        calc_bounds = auto_leading not in ("", "off")
        out = []
        for number, (a, b) in enumerate(break_lines(widths, chars, maxWidths, forced)):
            limit = maxWidths[min(number, len(maxWidths) - 1)]
            used = sum(widths[a:b])
            out.append(makeCJKParaLine(glyphs[a:b], limit, used, limit - used, forced[b - 1], calc_bounds))
        return ParaLines(kind=1, lines=out)


class BoldParagraph(KinsokuParagraph):
    """Bold substitute: glyphs filled and stroked (the font has no bold face)."""

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(self.style.textColor)
        canv.setLineWidth(self.style.fontSize * BOLD_STROKE)
        canv._code.append("2 Tr")
        super().draw()
        canv.restoreState()
