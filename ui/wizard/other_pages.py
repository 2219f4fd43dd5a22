"""Evidence, review and export pages."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from app.wizard_flow import PageSpec
from assessments.errors import DomainError
from assessments.rounding import fmt_number
from ui import folders, notify
from ui.qtcompat import emit
from ui.wizard.host import problem_text
from ui.wizard.pages import WizardPage
from ui.wizard.widgets import wrap_label

if TYPE_CHECKING:
    from ui.wizard.session import AssessmentSession


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as the wrapped text at the column's current width (QTreeView measures one line)."""

    def __init__(self, view: QTreeWidget) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        # The text margin QCommonStyle leaves on each side of an item's text.
        margin = (self.view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) * 2
        width = max(self.view.columnWidth(index.column()) - margin, 1)
        text = opt.fontMetrics.boundingRect(QRect(0, 0, width, 1 << 20), Qt.TextFlag.TextWordWrap, opt.text)
        return QSize(size.width(), max(size.height(), text.height() + margin))


# The question id on a question row, the evidence row id on a file row.
ID_ROLE = Qt.ItemDataRole.UserRole


class EvidenceTree(QTreeWidget):
    """The questions and their files; files dropped from Explorer onto a question are attached to it."""

    files_dropped = Signal(str, list)  # question id, [Path]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(True)

    def mimeTypes(self) -> list[str]:
        return ["text/uri-list"]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def dropMimeData(self, parent: QTreeWidgetItem | None, index: int, data: QMimeData, action: Qt.DropAction) -> bool:
        if parent is None:  # between rows, not on a question
            return False
        top = parent.parent() or parent  # a drop on a file attaches to that file's question
        paths = [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]
        if not paths:
            return False
        emit(self.files_dropped, str(top.data(0, ID_ROLE)), paths)
        return True


class EvidencePage(WizardPage):
    """Files per question, copied into the managed store (size and type checked at once)."""

    def __init__(self, session: AssessmentSession, spec: PageSpec, parent: QWidget | None = None) -> None:
        super().__init__(session, spec, parent)
        self.add(
            wrap_label(
                self.tr(
                    "为各题目附加佐证材料（PDF、图片、Office 文件等，单个不超过 20 MB）：选中题目后点“添加文件”，"
                    "或把文件从资源管理器拖到题目上。文件会复制到数据文件夹中保存，并记录 SHA-256 校验值。"
                ),
                "pageIntro",
            )
        )
        self.tree = EvidenceTree()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("题目 / 文件"), self.tr("应提供的佐证"), self.tr("文件 / 大小")])
        self.tree.setWordWrap(True)  # rows grow to show the whole expected evidence
        self.tree.setMinimumHeight(self.fontMetrics().height() * 24)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.layout_.addWidget(self.tree, 1)  # the list takes the page's height
        self.tree.setItemDelegateForColumn(1, WrappingDelegate(self.tree))
        # Row heights are measured at the width of the moment: measure again when the column changes.
        header.sectionResized.connect(self._column_resized)
        self.tree.files_dropped.connect(self.attach_files)
        buttons = QHBoxLayout()
        self.attach_button = QPushButton(self.tr("添加文件(&A)…"))
        self.remove_button = QPushButton(self.tr("移除所选文件(&R)"))
        self.folder_button = QPushButton(self.tr("打开材料文件夹"))
        for b in (self.attach_button, self.remove_button, self.folder_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.layout_.addLayout(buttons)
        self.message = wrap_label("", "fieldMessage")
        self.add(self.message)
        self.attach_button.clicked.connect(self.attach_clicked)
        self.remove_button.clicked.connect(self.remove_clicked)
        self.folder_button.clicked.connect(self.open_folder)
        self.items: dict[str, QTreeWidgetItem] = {}
        lang = self.lang
        c = session.criteria
        questions = [(v.id, v.title, v.evidence) for v in c.vetoes] + [
            (i.id, i.title, i.evidence) for i in c.indicators
        ]
        for ident, title, evidence in questions:
            item = QTreeWidgetItem([f"{ident} {title.get(lang)}", evidence.get(lang), ""])
            item.setData(0, ID_ROLE, ident)
            item.setToolTip(1, evidence.get(lang))
            self.tree.addTopLevelItem(item)
            self.items[ident] = item
        self.focus_targets["evidence"] = lambda: self.tree

    def _column_resized(self, index: int, _old: int, _new: int) -> None:
        if index == 1:
            self.tree.doItemsLayout()

    def load(self) -> None:
        for item in self.items.values():
            item.takeChildren()
        for row in self.session.service.list_evidence(self.session.id):
            parent = self.items.get(row.question)
            if parent is None:
                continue
            child = QTreeWidgetItem([row.original_name, row.sha256[:16] + "…", f"{fmt_number(row.size / 1024, 1)} KB"])
            child.setData(0, ID_ROLE, row.id)
            child.setToolTip(1, "SHA-256 " + row.sha256)
            parent.addChild(child)
            parent.setExpanded(True)
        for _ident, item in self.items.items():
            n = item.childCount()
            item.setText(2, self.tr("%1 个文件").replace("%1", str(n)) if n else "")

    def selected_question(self) -> str | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        top = item.parent() or item
        return str(top.data(0, ID_ROLE))

    @classmethod
    def choose_files(cls, parent: QWidget) -> list[str]:
        """The file dialog; tests replace this classmethod."""
        from app.evidence_store import ALLOWED_SUFFIXES

        patterns = " ".join(f"*{suffix}" for suffix in ALLOWED_SUFFIXES)
        files, _ = QFileDialog.getOpenFileNames(
            parent,
            QCoreApplication.translate("EvidencePage", "选择佐证材料"),
            folders.start_folder("evidence"),
            QCoreApplication.translate("EvidencePage", "佐证材料") + f" ({patterns})",
        )
        return files

    def attach_clicked(self) -> None:
        question = self.selected_question()
        if question is None:
            self.message.setText(self.tr("请先在列表中选择一个题目。"))
            return
        paths = [Path(name) for name in self.choose_files(self)]
        if paths:
            folders.remember("evidence", paths[0].parent)
        self.attach_files(question, paths)

    def focus_key(self, key: str) -> bool:
        """Select a question (a jump from the review page's pre-filing check)."""
        item = self.items.get(key)
        if item is None:
            return super().focus_key(key)
        self.tree.setCurrentItem(item)
        self.tree.scrollToItem(item)
        self.tree.setFocus()
        return True

    def attach_files(self, question: str, paths: list[Path]) -> list[str]:
        """Attach each file; one message names what was attached and why any other was not.
        Returns the names attached."""
        attached: list[str] = []
        refused: list[str] = []
        for path in paths:
            problem = self._attach(question, path)
            if problem is None:
                attached.append(path.name)
            else:
                refused.append(f"{path.name}：{problem}")
        lines = [self.tr("已附加：%1").replace("%1", "、".join(attached))] if attached else []
        lines += refused
        self.message.setText("\n".join(lines))
        if attached:
            self.load()
        return attached

    def attach(self, question: str, path: Path) -> bool:
        return bool(self.attach_files(question, [path]))

    def _attach(self, question: str, path: Path) -> str | None:
        try:
            self.session.service.attach_evidence(self.session.id, question, path)
        except DomainError as exc:
            return problem_text(exc)
        return None

    def remove_clicked(self) -> None:
        item = self.tree.currentItem()
        if item is None or item.parent() is None:
            self.message.setText(self.tr("请选择要移除的文件。"))
            return
        if not notify.ask(self, self.tr("移除佐证材料"), self.tr("确定移除“%1”吗？").replace("%1", item.text(0))):
            return
        self.session.service.remove_evidence(int(item.data(0, ID_ROLE)))
        self.load()

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.session.service.evidence_dir)))
