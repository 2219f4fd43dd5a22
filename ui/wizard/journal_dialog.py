"""修改记录: every change of an assessment with its time, in words (F15 in docs/capabilities.md)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assessments.wording import action_text, journal_text
from ui.i18n import language
from ui.wizard.widgets import wrap_label

if TYPE_CHECKING:
    from assessments.criteria import Criteria


class JournalDialog(QDialog):
    """Newest first: time, what happened, the change ("G5 信息公开：（空） → 仅依法披露")."""

    def __init__(self, criteria: Criteria, rows: Sequence[Any], title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lang = language()
        self.setWindowTitle(self.tr("修改记录 — %1").replace("%1", title))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("筛选（题目、内容或操作）"))
        self.search.setClearButtonEnabled(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("时间"), self.tr("操作"), self.tr("内容")])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row in sorted(rows, key=lambda r: (r.at, getattr(r, "id", 0)), reverse=True):
            when = row.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            text = journal_text(criteria, row.key, row.old, row.new, row.action, lang)
            item = QTreeWidgetItem([when, action_text(row.action, lang), text])
            item.setToolTip(2, text)
            self.tree.addTopLevelItem(item)
        count = self.tr("共 %1 条记录。每一项修改在保存时记录，不能更改。").replace("%1", str(len(rows)))
        self.search.textChanged.connect(self._filter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(wrap_label(count, "pageIntro"))
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        fm = self.fontMetrics()
        self.resize(fm.horizontalAdvance("M") * 72, fm.height() * 32)

    def _items(self) -> list[QTreeWidgetItem]:
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item for item in items if item is not None]

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for item in self._items():
            shown = not needle or any(needle in item.text(c).lower() for c in range(3))
            item.setHidden(not shown)

    def texts(self) -> list[str]:
        """Every row as shown (tests read them)."""
        return ["　".join(item.text(c) for c in range(3)) for item in self._items()]

    @classmethod
    def run(cls, criteria: Criteria, rows: Sequence[Any], title: str, parent: QWidget | None) -> None:
        """Show the journal; tests replace this classmethod."""
        cls(criteria, rows, title, parent).exec()
