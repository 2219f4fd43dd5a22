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
from ui.wizard.plan_page import PlanPage
from ui.wizard.review import ReviewPage
from ui.wizard.sandbox import SandboxBar, SandboxController
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
    "plan": PlanPage,
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
        self.sandbox_bar = SandboxBar()
        self.sandbox_bar.hide()
        self.sandbox = SandboxController(session, self)

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
        self.try_button = QPushButton(self.tr("试算(&T)"))
        self.try_button.setToolTip(self.tr("在不改动评估的情况下修改答案，看总分、等级和短板如何变化"))
        self.scenarios_button = QPushButton(self.tr("场景(&C)…"))
        bar = QHBoxLayout()
        bar.addWidget(self.back_list)
        bar.addWidget(self.try_button)
        bar.addWidget(self.scenarios_button)
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.saved_label)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.sandbox_bar)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bar)

        self.back_list.clicked.connect(self.close_requested)
        self.try_button.clicked.connect(self._toggle_sandbox)
        self.scenarios_button.clicked.connect(self.sandbox.show_scenarios)
        self.sandbox_bar.save_requested.connect(self.sandbox.save)
        self.sandbox_bar.apply_requested.connect(self.sandbox.apply)
        self.sandbox_bar.leave_requested.connect(lambda: self.sandbox.leave(ask=True))
        self.sandbox.applied.connect(self._reload_pages)
        session.sandbox_changed.connect(self._sandbox_changed)
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
            if isinstance(page, PlanPage):
                page.try_requested.connect(self.try_changes)
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
        chain(
            [
                *([self.sandbox_bar.save_button, self.sandbox_bar.apply_button, self.sandbox_bar.leave_button]
                  if self.sandbox_bar.isVisibleTo(self) else []),
                self.nav, *reading_order(page), self.score_panel, self.back_list, self.try_button,
                self.scenarios_button, self.prev_button, self.next_button,
            ]
        )  # fmt: skip
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
        if outcome.status == "sandbox":
            self.saved_label.setText(self.tr("试算（未保存到评估）"))
        elif outcome.changed:
            local = outcome.saved_at.astimezone()
            self.saved_label.setText(self.tr("已保存 %1").replace("%1", local.strftime("%H:%M:%S")))
        if self.current == "review":
            self.pages["review"].load()

    def _refused_changed(self) -> None:
        if self.current in ("review", "export"):
            self.pages[self.current].load()

    def show_journal(self) -> None:
        from ui.wizard.journal_dialog import JournalDialog

        row = self.session.row
        title = f"{row.enterprise_name} {row.year}"
        JournalDialog.run(self.session.criteria, self.session.service.journal(self.session.id), title, self)

    def _scored(self, result: Result | None, message: str) -> None:
        self.score_panel.set_result(result, message)
        self.score_panel.set_comparison(self.session.saved_result, self.session.in_sandbox)
        for page in self.pages.values():
            page.on_scored(result, message)

    # ------------------------------------------------------------------ the sandbox (试算)

    def _toggle_sandbox(self) -> None:
        if self.session.in_sandbox:
            self.sandbox.leave(ask=True)
        else:
            self.sandbox.enter()

    def try_changes(self, changes: dict[str, object], name: str) -> bool:
        """Open the sandbox with given changes (a plan's), on the first dimension page."""
        if not self.sandbox.enter(dict(changes), name, origin="plan"):
            return False
        first = next((p.id for p in self.flow.pages if p.kind == "dimension"), None)
        if first is not None:
            self.open_page(first)
        return True

    def confirm_leave_sandbox(self) -> bool:
        return self.sandbox.leave(ask=True)

    def _sandbox_changed(self) -> None:
        session = self.session
        trying = session.sandbox is not None
        if trying:
            assert session.sandbox is not None
            self.sandbox_bar.show_state(session.sandbox_name, session.sandbox.change_list(), session.criteria)
        visible_before = self.sandbox_bar.isVisibleTo(self)
        self.sandbox_bar.setVisible(trying)
        self.try_button.setText(self.tr("退出试算(&T)") if trying else self.tr("试算(&T)"))
        self.score_panel.set_comparison(session.saved_result, trying)
        if trying != visible_before:
            self._reload_pages()
            if self.current is not None:
                self.open_page(self.current)

    def _reload_pages(self) -> None:
        """Every built page shows the answers again (the saved ones, or the sandbox's)."""
        for page in self.pages.values():
            page.load()
        self.refresh_progress()
        if not self.session.in_sandbox:
            self.saved_label.setText("")
