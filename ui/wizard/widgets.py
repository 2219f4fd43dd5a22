"""Building blocks of the wizard pages: question cards, answer editors, field messages.

Editors never save anything themselves: they emit ``committed`` with what the user entered
(raw text for numbers, an option id, a bool) and the page hands it to the session.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.wizard_flow import format_input
from assessments.numbers import NumberTextError, parse_number_text
from ui.qtcompat import emit


def wrap_label(text: str = "", name: str | None = None, *, selectable: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if name:
        label.setObjectName(name)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class MessageLabel(QLabel):
    """The message under a field: an error (red, nothing saved), a warning (amber), or nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setObjectName("fieldMessage")
        self.level = ""
        self.hide()

    def show_error(self, text: str) -> None:
        self._show("error", "⛔ " + text)

    def show_warning(self, text: str) -> None:
        self._show("warn", "⚠ " + text)

    def show_hint(self, text: str) -> None:
        self._show("hint", text)

    def _show(self, level: str, text: str) -> None:
        self.level = level
        self.setProperty("level", level)
        self.style().unpolish(self)
        self.style().polish(self)
        self.setText(text)
        self.show()

    def clear_message(self) -> None:
        self.level = ""
        self.setText("")
        self.hide()


class AnswerEditor(QWidget):
    committed = Signal(object)

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def focus_widget(self) -> QWidget:
        return self


class ChoiceEditor(AnswerEditor):
    """Radio buttons: reachable with Tab, changed with the arrow keys."""

    def __init__(self, options: Sequence[tuple[Any, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.values: list[Any] = []
        self.buttons: list[QRadioButton] = []
        for i, (value, label) in enumerate(options):
            button = QRadioButton(label)
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
        self.edit = QLineEdit()
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

            self.message.show_error(exc.en if language() == "en" else exc.zh)
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

    def forget_last(self) -> None:
        """After a refused value: leaving the field again re-submits the same text."""
        self._last = "\x00"

    def focus_widget(self) -> QWidget:
        return self.edit


class QuestionCard(QFrame):
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
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("questionCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
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
        if evidence:
            details.append(self.tr("佐证材料：") + evidence)
        if details:
            layout.addWidget(wrap_label("\n".join(details), "cardDetails", selectable=True))
        self.points_label = QLabel("")
        self.points_label.setObjectName("cardPoints")
        self.points_label.hide()
        self.editors: list[AnswerEditor] = []

    def add_editor(self, editor: AnswerEditor, label: str | None = None) -> AnswerEditor:
        if label:
            self.body.addWidget(wrap_label(label, "subQuestion"))
        self.body.addWidget(editor)
        if isinstance(editor, LineEditor):
            editor.bind_message(self.message)
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
