"""Evidence, review and export pages."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from app.wizard_flow import PageSpec, kept_note
from assessments.errors import DomainError
from assessments.rounding import fmt_number
from ui import notify
from ui.qtcompat import emit
from ui.wizard.pages import WizardPage, problem_text
from ui.wizard.widgets import wrap_label

if TYPE_CHECKING:
    from assessments.scoring import Result
    from ui.wizard.session import AssessmentSession


def documents_dir() -> str:
    """Where file dialogs start: the user's Documents folder (as Windows users expect)."""
    from PySide6.QtCore import QStandardPaths

    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


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
            documents_dir(),
            QCoreApplication.translate("EvidencePage", "佐证材料") + f" ({patterns})",
        )
        return files

    def attach_clicked(self) -> None:
        question = self.selected_question()
        if question is None:
            self.message.setText(self.tr("请先在列表中选择一个题目。"))
            return
        self.attach_files(question, [Path(name) for name in self.choose_files(self)])

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


class ReviewPage(WizardPage):
    """What is missing (jump to it), what is kept aside, and the result at a glance."""

    jump = Signal(str, str)  # page id, key

    def __init__(self, session: AssessmentSession, spec: PageSpec, parent: QWidget | None = None) -> None:
        super().__init__(session, spec, parent)
        self.summary = wrap_label("", "pageIntro")
        self.add(self.summary)
        self.add(wrap_label(self.tr("尚未填写的项目（双击或按回车跳转）"), "panelHeading"))
        self.missing = QListWidget()
        self.missing.setMinimumHeight(self.fontMetrics().height() * 8)
        self.missing.itemActivated.connect(self._activated)
        self.add(self.missing)
        self.add(wrap_label(self.tr("已保留但不计分的内容"), "panelHeading"))
        self.kept = wrap_label("", selectable=True)
        self.add(self.kept)
        self.add(wrap_label(self.tr("评分结果"), "panelHeading"))
        self.result_text = wrap_label("", selectable=True)
        self.add(self.result_text)
        self.focus_targets["review"] = lambda: self.missing
        self.finish()

    def load(self) -> None:
        flow, lang = self.session.flow, self.lang
        values = self.session.values()
        missing = flow.missing(values)
        done, total = flow.overall(values)
        if missing:
            text = self.tr("已完成 %1 / %2 项，还有 %3 项未填写。").replace("%1", str(done)).replace("%2", str(total))
            self.summary.setText(text.replace("%3", str(len(missing))))
        else:
            self.summary.setText(self.tr("全部 %1 项均已填写，可以导出备案。").replace("%1", str(total)))
        self.missing.clear()
        for item in missing:
            page = flow.page(item.page).title.get(lang)
            entry = QListWidgetItem(f"{page} — {item.label.get(lang)}")
            entry.setData(256, (item.page, item.key))
            self.missing.addItem(entry)
        if not missing:
            self.missing.addItem(self.tr("（无）"))
        kept = [
            f"{flow.key_label(k).get(lang)}：{kept_note(a.kept, lang)}"
            for k, a in self.session.stored.items()
            if a.kept is not None
        ]
        self.kept.setText("\n".join(kept) or self.tr("（无）"))

    def _activated(self, item: QListWidgetItem) -> None:
        data: Any = item.data(256)
        if data:
            emit(self.jump, str(data[0]), str(data[1]))

    def on_scored(self, result: Result | None, message: str) -> None:
        if result is None:
            self.result_text.setText(message)
            return
        lang = self.lang
        c = self.session.criteria
        lines = [
            self.tr("总分 %1，等级：%2")
            .replace("%1", fmt_number(result.total_rounded))
            .replace("%2", c.grade(result.grade).name.get(lang))
        ]
        for d in result.dimensions:
            lines.append(f"  {d.name.get(lang)}：{fmt_number(d.rounded)} / {fmt_number(d.max_points, 0)}")
        failed = [v.id for v in result.vetoes if v.status == "fail"]
        if failed:
            lines.append(self.tr("未满足的前提条件：") + "、".join(failed))
        lines.append(
            self.tr("评价标准：%1（版本 %2）").replace("%1", result.criteria_id).replace("%2", result.criteria_version)
        )
        self.result_text.setText("\n".join(lines))


def filing_available(service: Any) -> bool:
    try:
        return importlib.util.find_spec("app.filing") is not None and hasattr(service, "export_filing")
    except (ImportError, ValueError):
        return False


class ExportPage(WizardPage):
    exported = Signal(list)

    def __init__(self, session: AssessmentSession, spec: PageSpec, parent: QWidget | None = None) -> None:
        super().__init__(session, spec, parent)
        self.available = filing_available(session.service)
        self.note = wrap_label("", "pageIntro")
        self.add(self.note)
        self.button = QPushButton(self.tr("导出 Excel 和 PDF 备案文件(&E)…"))
        self.button.clicked.connect(self.export_clicked)
        self.add(self.button)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.add(self.progress)
        self.status = wrap_label("", "pageHint")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add(self.status)
        self.focus_targets["export"] = lambda: self.button
        if not self.available:
            self.note.setText(
                self.tr(
                    "备案文件（Excel/PDF）导出功能尚未提供，将在后续版本中加入。\n评估内容已全部自动保存在本机数据库中。"
                )
            )
            self.button.setEnabled(False)
        self.finish()

    def load(self) -> None:
        if not self.available:
            return
        missing = self.session.flow.missing(self.session.values())
        if missing:
            self.note.setText(
                self.tr("还有 %1 项未填写，完成后才能导出备案文件。请到“检查与确认”页查看。").replace(
                    "%1", str(len(missing))
                )
            )
            self.button.setEnabled(False)
        else:
            self.note.setText(self.tr("导出前请在“检查与确认”页核对全部内容。导出的文件包含答卷、计算过程和评分结果。"))
            self.button.setEnabled(True)

    def show_progress(self, percent: int, text: str) -> None:
        self.progress.show()
        self.progress.setValue(percent)
        self.status.setText(text)

    @classmethod
    def choose_folder(cls, parent: QWidget) -> str:
        """The folder dialog; tests replace this classmethod."""
        return QFileDialog.getExistingDirectory(
            parent, QCoreApplication.translate("ExportPage", "选择保存备案文件的文件夹"), documents_dir()
        )

    def export_clicked(self) -> None:
        folder = self.choose_folder(self)
        if not folder:
            return
        from ui.wizard.export import start_export

        start_export(self, Path(folder))
