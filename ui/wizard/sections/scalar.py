"""One number (GEC MWh, process CO₂, offsets); the service reads the typed text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from ui.wizard.sections.box import SectionBox, number_edit

if TYPE_CHECKING:
    from ui.wizard.host import SectionHost


class ScalarSection(SectionBox):
    """One number (GEC MWh, process CO₂, offsets); the service reads the typed text."""

    def __init__(self, page: SectionHost, key: str, unit: str, help_text: str) -> None:
        super().__init__(page, key, help_text)
        self.editor = number_edit(unit, self.tr("未填写按 0 计"))
        self.editor.bind_message(self.message)
        self.editor.key = key  # type: ignore[attr-defined]
        self.body.addWidget(self.editor)
        self.editor.committed.connect(lambda text: self.page.commit(self.key, text, self.message, self.editor))

    def first_focus(self) -> QWidget:
        return self.editor.focus_widget()

    def load_value(self, value: Any) -> None:
        self.editor.set_value(value)
