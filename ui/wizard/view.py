"""The wizard view: section list with progress, the current page, the live score, autosave status."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.focus import chain, reading_order
from ui.i18n import language
from ui.qtcompat import emit
from ui.style import look
from ui.wizard.export import ExportPage
from ui.wizard.other_pages import EvidencePage
from ui.wizard.pages import ProfilePage, QuestionsPage, WizardPage
from ui.wizard.review import ReviewPage
from ui.wizard.score_panel import ScorePanel

if TYPE_CHECKING:
    from app.services import SaveOutcome
    from assessments.scoring import Result
    from ui.wizard.session import AssessmentSession

_PAGE_CLASSES: dict[str, type[WizardPage]] = {
    "profile": ProfilePage,
    "vetoes": QuestionsPage,
    "dimension": QuestionsPage,
    "evidence": EvidencePage,
    "review": ReviewPage,
    "export": ExportPage,
}


class WizardView(QWidget):
    close_requested = Signal()
    page_changed = Signal(str)

    def __init__(self, session: AssessmentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.flow = session.flow
        self.lang = language()
        self.pages: dict[str, WizardPage] = {}
        self.current: str | None = None

        row = session.row
        self.title = QLabel(f"{row.enterprise_name}　{row.year}")
        look(self.title, "wizardTitle")
        self.title.setWordWrap(True)

        self.nav = QListWidget()
        self.nav.setObjectName("sectionList")
        self.nav.setAccessibleName(self.tr("评估章节"))
        for i, page in enumerate(self.flow.pages, start=1):
            item = QListWidgetItem(f"{i}. {page.title.get(self.lang)}")
            item.setData(Qt.ItemDataRole.UserRole, page.id)
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._nav_row_changed)

        self.stack = QStackedWidget()
        self._placeholders: dict[str, QWidget] = {}
        for page in self.flow.pages:
            placeholder = QWidget()
            self._placeholders[page.id] = placeholder
            self.stack.addWidget(placeholder)

        self.score_panel = ScorePanel(session.criteria)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.title)
        lv.addWidget(self.nav, 1)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.score_panel)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setChildrenCollapsible(False)

        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("完成进度"))
        self.progress.setFormat(self.tr("已完成 %v / %m 项"))
        self.saved_label = QLabel("")
        self.saved_label.setObjectName("savedLabel")
        self.back_list = QPushButton(self.tr("返回列表(&L)"))
        self.prev_button = QPushButton(self.tr("上一步(&B)"))
        self.next_button = QPushButton(self.tr("下一步(&N)"))
        self.next_button.setDefault(False)
        bar = QHBoxLayout()
        bar.addWidget(self.back_list)
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.saved_label)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bar)

        self.back_list.clicked.connect(self.close_requested)
        self.prev_button.clicked.connect(self.go_previous)
        self.next_button.clicked.connect(self.go_next)
        QShortcut(QKeySequence("Ctrl+PgDown"), self, self.go_next)
        QShortcut(QKeySequence("Ctrl+PgUp"), self, self.go_previous)

        session.saved.connect(self._saved)
        session.scored.connect(self._scored)
        session.values_changed.connect(self.refresh_progress)
        session.refused_changed.connect(self._refused_changed)
        self.refresh_progress()
        em = self.fontMetrics().horizontalAdvance("M")
        nav_width = self.nav.sizeHintForColumn(0) + self.nav.frameWidth() * 2 + em * 2
        self.nav.setMinimumWidth(nav_width)
        self.splitter.setSizes([nav_width, em * 50, em * 24])

    # ------------------------------------------------------------------ pages

    def page_widget(self, page_id: str) -> WizardPage:
        """The page, built on first use (opening an assessment builds only the page shown)."""
        page = self.pages.get(page_id)
        if page is None:
            spec = self.flow.page(page_id)
            page = _PAGE_CLASSES[spec.kind](self.session, spec)
            if isinstance(page, ReviewPage):
                page.jump.connect(self.jump_to)
                page.journal_requested.connect(self.show_journal)
            page.load()
            if self.session.result is not None or not self.session.scoring:
                page.on_scored(self.session.result, "")
            placeholder = self._placeholders.pop(page_id)
            index = self.stack.indexOf(placeholder)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.pages[page_id] = page
        return page

    def open_page(self, page_id: str, focus_key: str | None = None) -> WizardPage:
        page = self.page_widget(page_id)
        if page_id != self.current and page.spec.kind in ("review", "evidence", "export"):
            page.load()
        self.current = page_id
        self.stack.setCurrentWidget(page)
        # Tab: sections → this page → score → buttons. Pages are built after the buttons, and placing
        # one page moves the others behind the buttons, so the shown page is placed every time.
        chain([self.nav, *reading_order(page), self.score_panel, self.back_list, self.prev_button, self.next_button])
        index = self.flow.index(page_id)
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(index)
        self.nav.blockSignals(False)
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(index + 1 < len(self.flow.pages))
        self.session.set_resume_page(page_id)
        if focus_key is not None:
            page.focus_key(focus_key)
        emit(self.page_changed, page_id)
        return page

    def jump_to(self, page_id: str, key: str) -> None:
        self.open_page(page_id, key)

    def _nav_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.flow.pages):
            self.flush()
            self.open_page(self.flow.pages[row].id)

    def go_next(self) -> None:
        self.flush()
        if self.current is not None:
            target = self.flow.next_page(self.current)
            if target is not None:
                self.open_page(target)

    def go_previous(self) -> None:
        self.flush()
        if self.current is not None:
            target = self.flow.previous_page(self.current)
            if target is not None:
                self.open_page(target)

    def flush(self) -> None:
        """Commit the field being edited (before leaving the page, closing, or after a crash)."""
        widget = QApplication.focusWidget()
        if isinstance(widget, QLineEdit) and self.isAncestorOf(widget):
            emit(widget.editingFinished)

    # ------------------------------------------------------------------ status

    def refresh_progress(self) -> None:
        progress = self.flow.progress(self.session.values())
        done = total = 0
        for i, page in enumerate(self.flow.pages):
            p = progress[page.id]
            done += p.done
            total += p.total
            text = f"{i + 1}. {page.title.get(self.lang)}"
            if p.counted:
                text += f"　{p.done}/{p.total}" + (" ✓" if p.complete else "")
            item = self.nav.item(i)
            if item.text() != text:
                item.setText(text)
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _saved(self, key: str, outcome: SaveOutcome) -> None:
        if outcome.changed:
            local = outcome.saved_at.astimezone()
            self.saved_label.setText(self.tr("已保存 %1").replace("%1", local.strftime("%H:%M:%S")))
        if self.current == "review":
            self.pages["review"].load()

    def _refused_changed(self) -> None:
        if self.current in ("review", "export"):
            self.pages[self.current].load()

    def show_journal(self) -> None:
        from ui.journal_dialog import JournalDialog

        row = self.session.row
        title = f"{row.enterprise_name} {row.year}"
        JournalDialog.run(self.session.criteria, self.session.service.journal(self.session.id), title, self)

    def _scored(self, result: Result | None, message: str) -> None:
        self.score_panel.set_result(result, message)
        for page in self.pages.values():
            page.on_scored(result, message)
