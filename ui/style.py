"""The program's look, set on each widget when it is made (kept light: imported before the first paint).

There is no application style sheet: with one, Qt polishes every widget through QStyleSheetStyle
(building the energy page under cProfile on a loaded machine: 245 ms with it, 137 ms without; in
benchmarks/bench_wizard.py about 0.8x for that page, the others within noise). Colours and weights
are set as palettes and fonts by the widget's role (its object name), cards draw their own rounded
border, and focus is drawn by the platform style itself.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QFrame, QLabel, QWidget

ERROR = "#b00020"
WARN = "#8a5a00"
OK = "#2e7d32"

# Roles whose text is bold / in a colour (a palette role of the current style, or a fixed colour).
_BOLD = frozenset({"pageTitle", "wizardTitle", "cardHeading", "panelTitle", "panelHeading", "scoreTotal", "tableHead"})
_COLOUR: dict[str, QPalette.ColorRole | str] = {
    "cardDetails": QPalette.ColorRole.PlaceholderText,
    "pageHint": QPalette.ColorRole.PlaceholderText,
    "keptNote": WARN,
    "computedValue": QPalette.ColorRole.Link,
    "cardPoints": QPalette.ColorRole.Link,
    "emptyState": QPalette.ColorRole.PlaceholderText,
}
LEVEL_COLOURS: dict[str, QPalette.ColorRole | str] = {
    "error": ERROR,
    "warn": WARN,
    "hint": QPalette.ColorRole.PlaceholderText,
    "ok": OK,
}


def scale_font(widget: QWidget, factor: float, *, bold: bool = False) -> None:
    """Relative to the application font (points, not pixels): right at any DPI."""
    font = widget.font()
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * factor)
    else:
        font.setPixelSize(round(font.pixelSize() * factor))
    font.setBold(bold or font.bold())
    widget.setFont(font)


def text_colour(widget: QWidget, colour: QPalette.ColorRole | str | None) -> None:
    """Set the widget's text colour: a fixed colour, a role of the style's palette, or back to normal."""
    if colour is None:
        widget.setPalette(QPalette())  # nothing set here: the parent's colours again
        return
    palette = widget.palette()
    if isinstance(colour, str):
        palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    else:
        palette.setColor(QPalette.ColorRole.WindowText, palette.color(colour))
    widget.setPalette(palette)


def look(widget: QWidget, role: str) -> None:
    """Name the widget's role and give it that role's look."""
    widget.setObjectName(role)
    if role in _BOLD:
        font = widget.font()
        font.setBold(True)
        widget.setFont(font)
    if role in _COLOUR:
        text_colour(widget, _COLOUR[role])
    if role == "panelHeading":
        widget.setContentsMargins(0, widget.fontMetrics().height() * 6 // 10, 0, 0)
    if role == "emptyState" and isinstance(widget, QLabel):
        widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
        em = widget.fontMetrics().height()
        widget.setContentsMargins(em * 2, em * 2, em * 2, em * 2)


class Card(QFrame):
    """A panel with a thin rounded border (a question, a section, the export result)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("questionCard")
        margin = self.fontMetrics().height() // 3
        self.setContentsMargins(margin, margin // 2, margin, margin // 2)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Mid), 1))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        painter.end()


class FocusRing(QWidget):
    """A highlight drawn over a framed area while it has the keyboard focus (a scroll area's own
    frame shows none in every style)."""

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner)
        self.owner = owner
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()

    def follow(self) -> None:
        """Call from the owner's focus and resize events."""
        self.setGeometry(self.owner.rect())
        self.setVisible(self.owner.hasFocus())
        self.raise_()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2))
        painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        painter.end()
