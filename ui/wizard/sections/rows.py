"""A list of small row cards with add/remove; the whole list is one value (outlets, water).

Each editor keeps its rows as dataclasses of their widgets (`OutletRow`, `WaterRow`); what a row
holds is read into the document's shape and the domain says which started rows are incomplete.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ui.wizard.sections.box import SectionBox

if TYPE_CHECKING:
    from ui.wizard.host import SectionHost


@dataclass(eq=False)  # rows are told apart by identity (removing one removes that card)
class RowWidgets:
    """The card of one row; ``first`` is where the cursor goes when the row is added."""

    frame: QFrame

    @property
    def first(self) -> QWidget:
        raise NotImplementedError


RowT = TypeVar("RowT", bound=RowWidgets)


class RowsSection(SectionBox, Generic[RowT]):
    """A list of small row cards with add/remove; the whole list is one value."""

    add_text = ""

    def __init__(self, page: SectionHost, key: str, help_text: str) -> None:
        super().__init__(page, key, help_text)
        self.rows_box = QVBoxLayout()
        self.body.addLayout(self.rows_box)
        self.rows: list[RowT] = []
        self.add_button = QPushButton(self.add_text)
        self.add_button.clicked.connect(self.add_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        self.body.addLayout(buttons)

    def load(self) -> None:
        super().load()  # rebuilds the rows
        if self.page.isVisible():  # a page not shown yet is placed in the Tab chain when it is opened
            self.page.order_tabs()

    def add_clicked(self) -> None:
        row = self.add_row({})
        self.page.order_tabs()  # the new row's fields come before the add button, not at the end
        row.first.setFocus()

    def add_row(self, data: dict[str, Any]) -> RowT:
        raise NotImplementedError

    def remove_row(self, row: RowT) -> None:
        self.rows.remove(row)
        row.frame.deleteLater()
        self.send()

    def _clear_rows(self) -> None:
        for row in self.rows:
            row.frame.deleteLater()
        self.rows = []

    def first_focus(self) -> QWidget:
        if self.na_box is not None and self.na_box.isChecked():
            return self.na_box
        return self.rows[0].first if self.rows else self.add_button

    def row_frame(self) -> tuple[QFrame, QGridLayout]:
        frame = QFrame()
        frame.setObjectName("rowCard")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(frame)
        self.rows_box.addWidget(frame)
        return frame, grid

    def remove_button(self) -> QPushButton:
        """The row's 删除 button; connected to its row by `connect_remove` once the row exists."""
        button = QPushButton(self.tr("删除"))
        button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        return button

    def connect_remove(self, button: QPushButton, row: RowT) -> None:
        button.clicked.connect(lambda: self.remove_row(row))
