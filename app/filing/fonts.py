"""The bundled CJK TrueType font for PDF filings (registered once per process, lazily).

WenQuanYi Micro Hei (resources/fonts/wqy-microhei.ttc, Apache-2.0; see the LICENSE file beside
it) has TrueType outlines, so reportlab embeds a subset of it: the PDF renders the same on a PC
without any Chinese font. reportlab's built-in CID fonts (STSong-Light) are never embedded, and
Noto/Source Han CJK are CFF-outline fonts that reportlab cannot embed.

The font has no bold face. Bold is substituted by drawing the glyph outlines filled *and*
stroked (PDF text render mode 2) with a stroke of 3.5 % of the font size: see ``BOLD_STROKE``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from app.resources import resource_path

FONT_FILE: Final = "wqy-microhei.ttc"
FONT_NAME: Final = "DNZ-CJK"
BOLD_STROKE: Final = 0.035  # of the font size


class FontMissingError(RuntimeError):
    pass


@lru_cache(maxsize=1)
def register_cjk_font() -> str:
    """Register the CJK font with reportlab (first call ≈ 100–200 ms); returns its name."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path = resource_path("fonts", FONT_FILE)
    if not path.is_file():
        raise FontMissingError(str(path))
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=0))
    # <b>/<i> markup maps back to the same face; real emphasis is drawn by BoldParagraph.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(FONT_NAME, bold, italic, FONT_NAME)
    return FONT_NAME
