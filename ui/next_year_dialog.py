"""The summary shown after 开始下一年度: what was carried, what must be entered again, what was filled."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.wizard.widgets import wrap_label

if TYPE_CHECKING:
    from app.next_year import NextYearSummary, SummaryLine

KEY_ROLE = Qt.ItemDataRole.UserRole


class NextYearDialog(QDialog):
    """Three groups; a double click (or Enter) on a line closes the dialog and jumps to the field."""

    def __init__(self, summary: NextYearSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = summary
        self.jump_key: str | None = None
        self.setWindowTitle(self.tr("已开始 %1 年度评估").replace("%1", str(summary.year)))
        intro = self.tr(
            "已根据 %1 年度的评估创建 %2 年度的草稿。下面列出沿用的内容、需要重新填写的本年度数据（附上年度数值供参考）"
            "和从往年评估带出的数据。双击某一项可直接跳到该处。"
        )
        intro = intro.replace("%1", str(summary.previous_year)).replace("%2", str(summary.year))
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("项目"), self.tr("内容")])
        self.tree.setWordWrap(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.groups: dict[str, QTreeWidgetItem] = {}
        self._group(
            "cleared", self.tr("需要重新填写（%1 项，右侧为上年度数值）"), summary.cleared, self.tr("上年度：")
        )
        filled_title = self.tr("从往年评估带出（%1 项）")
        if summary.filled_from is not None:
            filled_title = self.tr("从 %2 年度评估带出（%1 项）").replace("%2", str(summary.filled_from))
        self._group("filled", filled_title, summary.filled)
        self._group("carried", self.tr("沿用上年度（%1 项）"), summary.carried)
        self.tree.itemActivated.connect(self._activated)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("开始填写"))
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(wrap_label(intro, "pageIntro"))
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        fm = self.fontMetrics()
        self.resize(fm.horizontalAdvance("M") * 72, fm.height() * 40)

    def _group(self, name: str, title: str, lines: tuple[SummaryLine, ...], prefix: str = "") -> None:
        group = QTreeWidgetItem([title.replace("%1", str(len(lines))), ""])
        group.setFirstColumnSpanned(True)
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        self.tree.addTopLevelItem(group)
        group.setFirstColumnSpanned(True)
        for line in lines:
            item = QTreeWidgetItem([line.title, prefix + line.value])
            item.setData(0, KEY_ROLE, line.key)
            item.setToolTip(1, prefix + line.value)
            group.addChild(item)
        if not lines:
            group.addChild(QTreeWidgetItem([self.tr("（无）"), ""]))
        group.setExpanded(True)
        self.groups[name] = group

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        key = item.data(0, KEY_ROLE)
        if key:
            self.jump_key = str(key)
            self.accept()

    def texts(self) -> list[str]:
        """Every line as shown (tests and the screenshot script read them)."""
        out = []
        for group in self.groups.values():
            out.append(group.text(0))
            children = (group.child(j) for j in range(group.childCount()))
            out.extend(f"{c.text(0)}　{c.text(1)}" for c in children if c is not None)
        return out

    @classmethod
    def run(cls, summary: NextYearSummary, parent: QWidget | None) -> str | None:
        """Show the summary; the key to jump to, or None. Tests replace this classmethod."""
        dialog = cls(summary, parent)
        dialog.exec()
        return dialog.jump_key
