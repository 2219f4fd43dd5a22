"""The card every input section of the answers document is edited in (energy table, outlets,
water, …): title, help, optional N/A switch, the editor's fields, kept note, message, figures.

Whole sections (``coal_2020``, ``outlets``, ``water``, …) are saved as one value: each committed
field re-sends its section. A row that cannot be stored yet (an outlet without a name, a water
pollutant without its limit) is kept on screen with the domain's reason and the section is not
sent (`assessments.rows`), so nothing half-typed is silently dropped.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from app.kept_notes import kept_note
from app.plausibility import plausibility_warning
from app.wizard_flow import SECTION_TITLES
from assessments.document import NA
from assessments.errors import DomainError
from assessments.numbers import NumberTextError, parse_number_text
from assessments.texts import render
from ui.style import Card
from ui.wizard.widgets import LineEditor, MessageLabel, wrap_label

if TYPE_CHECKING:
    from assessments.rows import IncompleteRow
    from assessments.scoring import Result
    from ui.wizard.host import SectionHost


class Incomplete(Exception):
    """The section cannot be sent yet; the message says what is missing."""

    @classmethod
    def first_of(cls, rows: tuple[IncompleteRow, ...], lang: str) -> Incomplete | None:
        """The domain's reason for the first incomplete row (None: every row is complete)."""
        return cls(render(rows[0].reason, lang)) if rows else None


class SectionBox(Card):
    """A card for one section: title, help, optional N/A switch, content, kept note, message, figures.

    The message line and (for sections that compute something) the figures line are always laid out,
    so a message or a first result appearing does not move the fields below under the pointer."""

    def __init__(self, page: SectionHost, key: str, help_text: str = "") -> None:
        super().__init__()
        self.page = page
        self.session = page.session
        self.key = key
        self.lang = page.lang
        self.outer = QVBoxLayout(self)
        self.title = render(SECTION_TITLES[key], self.lang)
        self.outer.addWidget(wrap_label(self.title, "cardHeading"))
        if help_text:
            self.outer.addWidget(wrap_label(help_text, "cardQuestion"))
        self.na_box: QCheckBox | None = None
        if self.session.flow.na_allowed(key):
            rule = self.session.flow.na_rule(key)
            from ui.wizard.host import na_text

            self.na_box = QCheckBox(na_text(self.tr("不适用"), rule, self.lang))
            self.na_box.toggled.connect(self._na_toggled)
            self.outer.addWidget(self.na_box)
        self.content = QWidget()
        self.body = QVBoxLayout(self.content)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.outer.addWidget(self.content)
        self.kept_label = wrap_label("", "keptNote")
        self.kept_label.hide()
        self.outer.addWidget(self.kept_label)
        self.message = MessageLabel(reserve=True)
        self.outer.addWidget(self.message)
        self.figures = wrap_label(self.no_figures(), "computedValue")
        if not self.no_figures():
            self.figures.hide()
        self.outer.addWidget(self.figures)
        page.focus_targets[key] = self.first_focus

    def no_figures(self) -> str:
        """The figures line before there is a result ("": this section shows no figures)."""
        return ""

    def first_focus(self) -> QWidget:
        return self.na_box if self.na_box is not None and self.na_box.isChecked() else self.content

    def _na_toggled(self, checked: bool) -> None:
        try:
            self.session.set_na(self.key, checked)
        except DomainError as exc:
            from ui.wizard.host import problem_text

            self.message.show_error(problem_text(exc))
            return
        self.message.clear_message()
        self.session.clear_refused(self.key)  # the section is emptied and disabled: what was refused is given up
        self.load()

    def load(self) -> None:
        value = self.session.value(self.key)
        na = value == NA
        if self.na_box is not None:
            self.na_box.blockSignals(True)
            self.na_box.setChecked(na)
            self.na_box.blockSignals(False)
        self.content.setEnabled(not na)
        note = kept_note(self.session.criteria, self.key, value, self.session.kept(self.key), self.lang)
        self.kept_label.setText(note or "")
        self.kept_label.setVisible(note is not None)
        self.load_value(None if na else value)
        warning = None if na else plausibility_warning(self.session.criteria, self.session.factors, self.key, value)
        if warning is not None:  # as after saving it: reopening shows what still needs a look
            self.message.show_warning(render(warning, self.lang))

    def load_value(self, value: Any) -> None:
        raise NotImplementedError

    def collect(self) -> Any:
        raise NotImplementedError

    def send(self) -> None:
        """Collect the section and save it (the thin slot of every field in the section).

        What cannot be saved (a number that is not one, a row not complete yet, a value the domain
        refuses) stays on screen, marked, and is listed on the review page until it is fixed."""
        try:
            value = self.collect()
        except Incomplete as exc:
            self.message.show_hint(str(exc))
            self._mark_unreadable()
            self.session.note_refused(self.key, "", str(exc), self.title)
            return
        except NumberTextError as exc:
            reason = render(exc, self.lang)
            self.message.show_error(reason)
            self._mark_unreadable()
            self.session.note_refused(self.key, "", reason, self.title)
            return
        if self.page.commit(self.key, value, self.message):
            self._mark_unreadable()
            self.after_save()
        else:
            self.session.note_refused(self.key, "", self.message.text(), self.title)

    def _mark_unreadable(self) -> None:
        """Frame the fields of this section whose text is not a number; unframe the others."""
        for editor in self.findChildren(LineEditor):
            text = editor.edit.text().strip()
            bad = ""
            if editor.numeric and text:
                try:
                    parse_number_text(text, percent=editor.percent)
                except NumberTextError as exc:
                    bad = render(exc, self.lang)
            editor.set_refused(bool(bad), bad)

    def after_save(self) -> None:
        pass

    def on_scored(self, result: Result | None, message: str) -> None:
        pass

    def number(self, text: str, *, percent: bool = False) -> Decimal | None:
        text = text.strip()
        return parse_number_text(text, percent=percent) if text else None


def number_edit(unit: str = "", placeholder: str = "", width_chars: int = 16) -> LineEditor:
    return LineEditor(numeric=True, unit=unit, placeholder=placeholder, width_chars=width_chars)
