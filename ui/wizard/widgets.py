"""Building blocks of the wizard pages: question cards, answer editors, field messages.

Editors never save anything themselves: they emit ``committed`` with what the user entered
(raw text for numbers, an option id, a bool) and the page hands it to the session.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.units import format_input
from assessments.numbers import NumberTextError, parse_number_text
from assessments.texts import render
from ui.qtcompat import emit
from ui.style import LEVEL_COLOURS, Card, look, text_colour


def wrap_label(text: str = "", name: str | None = None, *, selectable: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    # Keep the height-for-width flag setWordWrap set: without it the label is laid out as tall as
    # at its narrowest, which left gaps in every card (a style sheet's re-polish used to hide this).
    policy.setHeightForWidth(True)
    label.setSizePolicy(policy)
    if name:
        look(label, name)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def paint_mark(painter: QPainter, rect: QRectF, level: str) -> None:
    """The mark of a message, drawn rather than typed: the fonts a user has (and the one the program
    ships, WenQuanYi Micro Hei) lack ⛔ and ⚠, which showed as an empty box (issue #13)."""
    if level not in MARK_COLOURS:
        return
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(MARK_COLOURS[level])
    side = min(rect.width(), rect.height())
    box = QRectF(rect.center().x() - side / 2, rect.center().y() - side / 2, side, side)
    pen = QPen(QColor("white"), max(side / 7, 1.2))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    if level == "warn":  # a triangle with "!"
        painter.drawPolygon(QPolygonF([QPointF(box.center().x(), box.top()), box.bottomRight(), box.bottomLeft()]))
        painter.setPen(pen)
        painter.drawLine(QPointF(box.center().x(), box.top() + side * 0.35), QPointF(box.center().x(), box.top() + side * 0.65))
        painter.drawPoint(QPointF(box.center().x(), box.top() + side * 0.82))
    else:
        painter.drawEllipse(box)
        painter.setPen(pen)
        c, d = box.center(), side * 0.22
        if level == "error":  # a cross
            painter.drawLine(QPointF(c.x() - d, c.y() - d), QPointF(c.x() + d, c.y() + d))
            painter.drawLine(QPointF(c.x() - d, c.y() + d), QPointF(c.x() + d, c.y() - d))
        else:  # "ok": a check
            painter.drawPolyline(QPolygonF([QPointF(c.x() - d * 1.2, c.y()), QPointF(c.x() - d * 0.2, c.y() + d),
                                            QPointF(c.x() + d * 1.3, c.y() - d)]))  # fmt: skip
    painter.restore()


MARK_COLOURS = {"error": "#b00020", "warn": "#b26a00", "ok": "#2e7d32"}
_LINE_HEIGHTS: dict[str, int] = {}  # font → height of a one-line label (measured once: it costs ~0.5 ms)


class MessageLabel(QLabel):
    """The message under a field: an error (red, nothing saved), a warning (amber), a hint, a
    confirmation (green), or nothing. The mark before the text is drawn (see ``paint_mark``).

    ``reserve()`` keeps one line free even when there is no message, so a message appearing under a
    field does not push the fields below it away from the pointer."""

    def __init__(self, parent: QWidget | None = None, *, reserve: bool = False) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setObjectName("fieldMessage")
        self.level = ""
        self.reserved = False
        if reserve:
            self.reserve()
        else:
            self.hide()

    def reserve(self) -> None:
        """Keep a line free from now on (on a label already in a layout, or from the constructor)."""
        self.reserved = True
        key = self.font().key()
        line = _LINE_HEIGHTS.get(key)
        if line is None:  # one line of text as QLabel lays it out (a pixel above the font's height)
            shown = self.text()
            self.setText("国Ag")
            line = _LINE_HEIGHTS[key] = self.sizeHint().height()
            self.setText(shown)
        self.setMinimumHeight(line)
        if self.parentWidget() is not None:
            self.show()  # a parentless label is shown with the layout it goes into, not as a window

    def _mark_width(self) -> int:
        return int(self.fontMetrics().height() * 1.25)

    def show_error(self, text: str) -> None:
        self._show("error", text)

    def show_warning(self, text: str) -> None:
        self._show("warn", text)

    def show_hint(self, text: str) -> None:
        self._show("hint", text)

    def show_ok(self, text: str) -> None:
        self._show("ok", text)

    def _show(self, level: str, text: str) -> None:
        if level != self.level:
            self.level = level
            text_colour(self, LEVEL_COLOURS.get(level))
            indent = self._mark_width() if level in MARK_COLOURS else 0
            self.setContentsMargins(indent, 0, 0, 0)
        self.setText(text)
        self.setAccessibleDescription({"error": "错误", "warn": "警告", "ok": "正确"}.get(level, ""))
        self.show()

    def clear_message(self) -> None:
        if self.level:
            text_colour(self, None)
        self.level = ""
        self.setContentsMargins(0, 0, 0, 0)
        self.setText("")
        if not self.reserved:
            self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.level in MARK_COLOURS and self.text():
            line = self.fontMetrics().height()
            painter = QPainter(self)
            paint_mark(painter, QRectF(0, 0, line * 0.95, line).adjusted(1, 2, -1, -1), self.level)
            painter.end()


class MarkLabel(QWidget):
    """A fixed-size status mark (energy table rows): the space is always taken, so nothing moves."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level = ""
        side = self.fontMetrics().height()
        self.setFixedSize(side, side)

    def set_level(self, level: str, tooltip: str = "") -> None:
        self.level = level
        self.setToolTip(tooltip)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.level in MARK_COLOURS:
            painter = QPainter(self)
            paint_mark(painter, QRectF(self.rect()).adjusted(1, 1, -1, -1), self.level)
            painter.end()


class FieldEdit(QLineEdit):
    """A line edit that can show it holds refused text: a red frame drawn over the style's own."""

    refused = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.refused:
            painter = QPainter(self)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(QColor(MARK_COLOURS["error"]), 2))
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 3, 3)
            painter.end()


class AnswerEditor(QWidget):
    committed = Signal(object)

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def focus_widget(self) -> QWidget:
        return self


_ARROWS = frozenset((Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right))


class ChoiceButton(QRadioButton):
    """A radio button whose arrow keys also choose when the group has no answer yet.

    Qt moves the focus with the arrow keys and chooses the button reached only when the one left
    was checked; in an unanswered group the keys moved the focus and chose nothing (issue #13)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() not in _ARROWS:
            return
        target = QApplication.focusWidget()
        if (
            isinstance(target, ChoiceButton)
            and target is not self
            and target.group() is not None
            and target.group() is self.group()
            and not target.isChecked()
        ):
            target.click()


class ChoiceEditor(AnswerEditor):
    """Radio buttons: reachable with Tab, chosen with the arrow keys."""

    def __init__(self, options: Sequence[tuple[Any, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.values: list[Any] = []
        self.buttons: list[QRadioButton] = []
        for i, (value, label) in enumerate(options):
            button = ChoiceButton(label)
            self.group.addButton(button, i)
            layout.addWidget(button)
            self.values.append(value)
            self.buttons.append(button)
        self.group.idClicked.connect(self._clicked)

    def _clicked(self, index: int) -> None:
        emit(self.committed, self.values[index])

    def set_value(self, value: Any) -> None:
        self.group.setExclusive(False)
        for button, v in zip(self.buttons, self.values, strict=True):
            button.setChecked(v == value and value is not None and type(v) is type(value))
        self.group.setExclusive(True)

    def choose(self, value: Any) -> None:
        """Select as the user would (tests and keyboard helpers)."""
        self.buttons[self.values.index(value)].click()

    def current(self) -> Any:
        checked = self.group.checkedId()
        return self.values[checked] if checked >= 0 else None

    def focus_widget(self) -> QWidget:
        checked = self.group.checkedButton()
        return checked if checked is not None else self.buttons[0]


class LineEditor(AnswerEditor):
    """A line edit committed on Enter or leaving the field; numbers are checked as you type."""

    def __init__(
        self, *, numeric: bool = False, percent: bool = False, unit: str = "", placeholder: str = "",
        width_chars: int = 16, parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.numeric = numeric
        self.percent = percent
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = FieldEdit()
        if placeholder:
            self.edit.setPlaceholderText(placeholder)
        if numeric:
            self.edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            em = self.edit.fontMetrics().horizontalAdvance("0")
            self.edit.setMinimumWidth(em * width_chars)
            self.edit.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.edit, 0 if numeric else 1)
        self.unit_label = QLabel(unit)
        if unit:
            layout.addWidget(self.unit_label)
        if numeric:
            layout.addStretch(1)
        self.message: MessageLabel | None = None
        self._last = ""
        self.edit.textEdited.connect(self._edited)
        self.edit.editingFinished.connect(self._finished)

    def bind_message(self, message: MessageLabel) -> None:
        self.message = message

    def _edited(self, text: str) -> None:
        if not self.numeric or self.message is None:
            return
        if not text.strip():
            self.message.clear_message()
            return
        try:
            parse_number_text(text, percent=self.percent)
        except NumberTextError as exc:
            from ui.i18n import language

            self.message.show_error(render(exc, language()))
        else:
            if self.message.level == "error":
                self.message.clear_message()

    def _finished(self) -> None:
        text = self.edit.text()
        if text == self._last:
            return
        self._last = text
        emit(self.committed, text.strip() or None)

    def set_value(self, value: Any) -> None:
        if isinstance(value, float | int | Decimal) and not isinstance(value, bool):
            text = format_input(value)
        elif value is None or value == "na":
            text = ""
        else:
            text = str(value)
        self._last = text
        self.edit.setText(text)
        self.set_refused(False)

    def committed_text(self, text: str) -> bool:
        """Is ``text`` what was last committed (or loaded) here?"""
        return self._last.strip() == text.strip()

    def show_text(self, text: str) -> None:
        """Show a text that stands for the committed value (a unit conversion): no commit follows."""
        self._last = text
        self.edit.setText(text)

    def forget_last(self) -> None:
        """After a refused value: leaving the field again re-submits the same text."""
        self._last = "\x00"

    def set_refused(self, refused: bool, reason: str = "") -> None:
        """Mark the field as holding text that was not saved (a red frame, the reason as tooltip)."""
        if self.edit.refused == refused and self.edit.toolTip() == reason:
            return
        self.edit.refused = refused
        self.edit.setToolTip(reason)
        self.edit.update()

    @property
    def refused(self) -> bool:
        return self.edit.refused

    def focus_widget(self) -> QWidget:
        return self.edit


class QuestionCard(Card):
    """One question: Chinese text, help, basis, evidence expected, N/A switch, kept note, message."""

    na_toggled = Signal(bool)

    def __init__(
        self,
        key: str,
        heading: str,
        question: str,
        help_text: str = "",
        source: str = "",
        evidence: str = "",
        na_label: str | None = None,
        source_note: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.key = key
        layout = QVBoxLayout(self)
        self.heading = wrap_label(heading, "cardHeading")
        layout.addWidget(self.heading)
        if question:
            layout.addWidget(wrap_label(question, "cardQuestion"))
        self.body = QVBoxLayout()
        layout.addLayout(self.body)
        self.na_box: QCheckBox | None = None
        if na_label is not None:
            self.na_box = QCheckBox(na_label)
            self.na_box.toggled.connect(self.na_toggled)
            layout.addWidget(self.na_box)
        self.kept_label = wrap_label("", "keptNote")
        self.kept_label.hide()
        layout.addWidget(self.kept_label)
        self.message = MessageLabel()
        layout.addWidget(self.message)
        details = []
        if help_text:
            details.append(help_text)
        if source:
            details.append(self.tr("依据：") + source)
        if source_note:
            details.append(self.tr("引用说明：") + source_note)
        if evidence:
            details.append(self.tr("佐证材料：") + evidence)
        if details:
            layout.addWidget(wrap_label("\n".join(details), "cardDetails", selectable=True))
        # Always shown (empty until scored), so the first score does not push the cards below down.
        self.points_label = QLabel("")
        look(self.points_label, "cardPoints")
        self.points_label.setMinimumHeight(self.points_label.fontMetrics().height())
        self.editors: list[AnswerEditor] = []

    def add_editor(self, editor: AnswerEditor, label: str | None = None) -> AnswerEditor:
        if label:
            self.body.addWidget(wrap_label(label, "subQuestion"))
        self.body.addWidget(editor)
        if isinstance(editor, LineEditor):
            editor.bind_message(self.message)
            self.message.reserve()  # typed text can be refused: a message appearing moves nothing below
        self.editors.append(editor)
        return editor

    def set_na(self, na: bool) -> None:
        if self.na_box is not None:
            self.na_box.blockSignals(True)
            self.na_box.setChecked(na)
            self.na_box.blockSignals(False)
        for editor in self.editors:
            editor.setEnabled(not na)

    def set_kept(self, text: str | None) -> None:
        self.kept_label.setText(text or "")
        self.kept_label.setVisible(bool(text))

    def focus_widget(self) -> QWidget:
        for editor in self.editors:
            if editor.isEnabled():
                return editor.focus_widget()
        return self.na_box if self.na_box is not None else self
