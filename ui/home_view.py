"""The list page of the main window: search, status filter, the assessments table and the
actions on the selected assessment."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ui.qtcompat import emit
from ui.style import look, scale_font
from ui.wheel import ComboBox

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTableView

    from ui.assessment_model import AssessmentModel


class HomeView(QWidget):
    """Search, filter, the table and the actions on the selected assessment."""

    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索企业名称、统一社会信用代码或县区（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.status = ComboBox()
        self.status.addItem(self.tr("全部状态"), None)
        self.status.addItem(self.tr("草稿"), "draft")
        self.status.addItem(self.tr("已完成"), "complete")
        self.status.addItem(self.tr("已导出"), "exported")
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.status)
        # The table and its model are built when first needed, once the database is open: before
        # the first paint they would cost ~10 ms (the item-view classes, and the model's headers
        # build PySide6's whole Qt namespace, ~100 Python enums) for a widget not yet shown.
        self._list: tuple[QTableView, AssessmentModel] | None = None
        self.empty = QLabel("")
        self.empty.setWordWrap(True)
        look(self.empty, "emptyState")
        scale_font(self.empty, 1.15)
        self.demo_button = QPushButton(self.tr("打开示例评估(&E)"))
        self.new_button = QPushButton(self.tr("新建评估(&N)…"))
        self.open_button = QPushButton(self.tr("打开(&O)"))
        self.next_year_button = QPushButton(self.tr("开始下一年度(&Y)"))
        self.delete_button = QPushButton(self.tr("删除(&D)…"))
        buttons = QHBoxLayout()
        for b in (self.new_button, self.open_button, self.next_year_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.demo_button)
        self._layout = QVBoxLayout(self)
        self._layout.addLayout(top)
        self._layout.addWidget(self.empty)
        self._layout.addLayout(buttons)
        self.set_loading(True)

    @property
    def table(self) -> QTableView:
        return self._list_view()[0]

    @property
    def model(self) -> AssessmentModel:
        return self._list_view()[1]

    def _list_view(self) -> tuple[QTableView, AssessmentModel]:
        if self._list is None:
            self._list = self._build_table()
        return self._list

    def _build_table(self) -> tuple[QTableView, AssessmentModel]:
        from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

        from ui import assessment_model
        from ui.focus import chain

        model = assessment_model.AssessmentModel(self)
        table = QTableView()
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.setTabKeyNavigation(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the enterprise name takes the room
        table.setAccessibleName(self.tr("评估列表"))
        table.doubleClicked.connect(lambda _i: emit(self.open_requested))
        table.activated.connect(lambda _i: emit(self.open_requested))
        self._layout.insertWidget(1, table, 1)
        # Created after the buttons, so it would come last in the Tab chain: put it after the filter.
        chain([self.status, table, self.new_button])
        return table, model

    def set_loading(self, loading: bool) -> None:
        if not loading:
            self._list_view()
        if loading:
            self.empty.setText(self.tr("正在打开数据库…"))
            self.empty.show()
        for b in (self.new_button, self.open_button, self.next_year_button, self.delete_button, self.demo_button):
            b.setEnabled(not loading)

    def show_rows(self, rows: list[Any], filtered: bool) -> None:
        self.model.set_rows(rows)
        if rows:
            self.empty.hide()
        else:
            self.empty.setText(
                self.tr("没有符合条件的评估。")
                if filtered
                else self.tr("还没有评估。点击“新建评估”开始，或打开示例评估看看完整的评估是什么样子。")
            )
            self.empty.show()
        has = bool(rows)
        for b in (self.open_button, self.next_year_button, self.delete_button):
            b.setEnabled(has)

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return int(self.model.row_at(index.row()).id)

    def select_id(self, assessment_id: int) -> None:
        for i, row in enumerate(self.model.rows):
            if row.id == assessment_id:
                self.table.selectRow(i)
                return
