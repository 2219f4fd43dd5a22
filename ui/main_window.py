"""The main window: the list of enterprises' yearly assessments, menus, and the wizard.

The list and the wizard share the window (a stacked widget); opening an assessment shows its
wizard, "返回列表" goes back. The window only routes: work goes to the service, long work to
the task runner, messages to ui.notify.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QMainWindow,
    QProgressBar,
    QStackedWidget,
)

from ui import notify
from ui.home_view import HomeView
from ui.qtcompat import emit

if TYPE_CHECKING:
    from app.services import AssessmentService
    from assessments.errors import DomainError
    from ui.desktop_host import DesktopHost
    from ui.wizard.view import WizardView


def _domain_error() -> type[DomainError]:
    # The domain is imported after the first paint (start-up time); exceptions are caught by class.
    from assessments.errors import DomainError

    return DomainError


def _problem(exc: DomainError) -> str:
    from assessments.texts import render_all  # the domain loads after the first paint
    from ui.i18n import language

    return render_all(exc.problems, language())


class MainWindow(QMainWindow):
    assessment_opened = Signal(int)
    list_loaded = Signal()
    first_painted = Signal()

    def __init__(self, desktop: DesktopHost) -> None:
        super().__init__()
        self.desktop = desktop
        self.settings = desktop.settings
        self.service: AssessmentService | None = None
        self.wizard: WizardView | None = None
        self.painted = False
        self.setWindowTitle(self.tr("双近零标杆企业自评估"))
        self.home = HomeView()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.home)
        self.setCentralWidget(self.stack)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 10)
        self.busy.hide()
        self.statusBar().addPermanentWidget(self.busy)
        desktop.tasks.busy_changed.connect(self.busy.setVisible)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self.refresh_list)
        self._build_menus()
        h = self.home
        h.search.textChanged.connect(lambda _t: self._search_timer.start())
        h.status.currentIndexChanged.connect(lambda _i: self.refresh_list())
        h.open_requested.connect(self.open_selected)
        h.new_button.clicked.connect(self.new_assessment)
        h.open_button.clicked.connect(self.open_selected)
        h.next_year_button.clicked.connect(self.start_next_year)
        h.delete_button.clicked.connect(self.delete_selected)
        h.demo_button.clicked.connect(self.open_demo)
        self._restore_geometry()
        from ui import folders

        folders.load(self.settings.folders)
        self.installEventFilter(self)

    # ------------------------------------------------------------------ menus

    def _action(
        self, text: str, slot: Any, shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None
    ) -> QAction:
        action = QAction(text, self)
        # setShortcuts, not setShortcut: resolving setShortcut's overloads (one takes Qt.Key) builds
        # PySide6's whole Qt namespace (~100 Python enums, ~15 ms) before the first paint.
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
        elif shortcut is not None:
            action.setShortcuts([QKeySequence(shortcut)])
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        f = bar.addMenu(self.tr("文件(&F)"))
        self.act_new = self._action(self.tr("新建评估(&N)…"), self.new_assessment, QKeySequence.StandardKey.New)
        self.act_open = self._action(self.tr("打开所选评估(&O)"), self.open_selected, "Ctrl+O")
        self.act_next = self._action(self.tr("开始下一年度(&Y)"), self.start_next_year)
        self.act_delete = self._action(self.tr("删除所选评估(&D)…"), self.delete_selected)
        self.act_backup = self._action(self.tr("立即备份数据库(&B)"), self.backup_now)
        self.act_settings = self._action(self.tr("设置(&S)…"), self.open_settings, "Ctrl+,")
        self.act_quit = self._action(self.tr("退出(&X)"), self.close, QKeySequence.StandardKey.Quit)
        for a in (self.act_new, self.act_open, self.act_next, self.act_delete):
            f.addAction(a)
        f.addSeparator()
        f.addAction(self.act_backup)
        f.addAction(self.act_settings)
        f.addSeparator()
        f.addAction(self.act_quit)
        menu = bar.addMenu(self.tr("评估(&A)"))
        self.act_list = self._action(self.tr("返回评估列表(&L)"), self.show_list, "Ctrl+L")
        self.act_review = self._action(self.tr("检查与确认(&R)"), lambda: self._wizard_page("review"), "Ctrl+R")
        self.act_journal = self._action(self.tr("修改记录(&J)…"), self.show_journal, "Ctrl+J")
        self.act_find = self._action(self.tr("搜索(&F)"), self._focus_search, QKeySequence.StandardKey.Find)
        for act in (self.act_list, self.act_review, self.act_journal, self.act_find):
            menu.addAction(act)
        h = bar.addMenu(self.tr("帮助(&H)"))
        # F1 everywhere: the window's shortcut, opened at the section of the page shown.
        self.act_help = self._action(self.tr("使用说明(&H)"), self.show_help, "F1")
        h.addAction(self.act_help)
        h.addSeparator()
        h.addAction(self._action(self.tr("打开示例评估(&E)"), self.open_demo))
        h.addAction(self._action(self.tr("关于(&A)"), self.show_about))
        self._set_db_actions(False)

    def show_help(self) -> None:
        from ui.help import HelpDialog

        page = self.wizard.current if self.wizard is not None and self.stack.currentWidget() is self.wizard else None
        HelpDialog.run(HelpDialog.topic_for(page, self.wizard.flow if self.wizard is not None else None), self)

    def show_journal(self) -> None:
        if self.wizard is not None:
            self.wizard.show_journal()

    def show_about(self) -> None:
        from ui.dialogs import show_about

        show_about(self)

    def _set_db_actions(self, enabled: bool) -> None:
        for act in (self.act_new, self.act_open, self.act_next, self.act_delete, self.act_backup):
            act.setEnabled(enabled)

    def _focus_search(self) -> None:
        self.show_list()
        self.home.search.setFocus()

    def _wizard_page(self, page: str) -> None:
        if self.wizard is not None:
            self.stack.setCurrentWidget(self.wizard)
            self.wizard.open_page(page)

    # ------------------------------------------------------------------ start-up

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            # Only the first paint matters: stop routing every event of the window through Python.
            self.removeEventFilter(self)
            emit(self.first_painted)
        return False

    def show_preview(self, rows: list[Any]) -> bool:
        """The list read straight from the file while the database opens: shown, not yet usable
        (the buttons wait for attach_service). False when the database is open already."""
        if self.service is not None:
            return False
        home = self.home
        home.show_rows(rows, False)
        for button in (home.new_button, home.open_button, home.next_year_button, home.delete_button, home.demo_button):
            button.setEnabled(False)  # until attach_service
        self.statusBar().showMessage(QCoreApplication.translate("HomeView", "正在打开数据库…"))
        return True

    def attach_service(self, service: AssessmentService) -> None:
        self.service = service
        self.home.set_loading(False)
        self._set_db_actions(True)
        self.statusBar().clearMessage()
        self.refresh_list()

    def database_failed(self, message: str) -> None:
        if self.service is None:
            self.home.model.set_rows([])  # the preview of a database that did not open is taken down
            self.statusBar().clearMessage()
        self.home.empty.setText(message)
        self.home.empty.show()
        self.home.demo_button.setEnabled(False)

    # ------------------------------------------------------------------ the list

    def refresh_list(self) -> None:
        if self.service is None:
            return
        search = self.home.search.text().strip()
        status = self.home.status.currentData()
        selected = self.home.selected_id()
        rows = self.service.list_assessments(search, status)
        self.home.show_rows(rows, bool(search or status))
        if selected is not None:
            self.home.select_id(selected)
        elif rows:
            self.home.table.selectRow(0)
        emit(self.list_loaded)

    def create_assessment(self, name: str, uscc: str, year: int, county: str = "") -> int:
        """Create an assessment (raises DomainError with the reason) and open it at the profile:
        the cover's other fields (industry code, address, contact, phone) are still to be filled."""
        assert self.service is not None
        fields: dict[str, Any] = {"name": name, "uscc": uscc}
        if county:
            fields["county"] = county
        assessment_id = self.service.new_assessment(year, **fields)
        self.refresh_list()
        self.open_assessment(assessment_id, "profile")
        return assessment_id

    def new_assessment(self) -> None:
        if self.service is None or not self.confirm_leave():
            return
        from ui.dialogs import NewAssessmentDialog

        NewAssessmentDialog.run(self.create_assessment, self)

    def open_selected(self) -> None:
        ident = self.home.selected_id()
        if ident is not None and self.service is not None:  # a preview row is not open yet
            self.open_assessment(ident)

    def start_next_year(self) -> None:
        """Next year's draft from the selected assessment, then what was carried and what was not."""
        ident = self.home.selected_id()
        if ident is None or self.service is None:
            return
        row = self.service.get_assessment(ident)
        existing = self.service.next_year_of(ident)
        if existing is not None:
            text = self.tr("“%1”%2 年度的评估已经存在，不能再次创建。要打开它吗？")
            text = text.replace("%1", row.enterprise_name).replace("%2", str(row.year + 1))
            if notify.ask(self, self.tr("开始下一年度"), text, default_yes=True, yes_text=self.tr("打开已有评估"),
                          no_text=self.tr("取消")):  # fmt: skip
                self.open_assessment(existing)
            return
        if not self.confirm_leave():
            return
        try:
            new_id = self.service.start_next_year(ident)
        except _domain_error() as exc:
            notify.error(self, self.tr("无法开始下一年度"), _problem(exc))
            return
        self.refresh_list()
        wizard = self.open_assessment(new_id)
        if wizard is None:
            return
        from ui.i18n import language
        from ui.next_year_dialog import NextYearDialog

        key = NextYearDialog.run(self.service.next_year_summary(ident, new_id, language()), self)
        page = wizard.flow.page_of_key(key) if key else None
        if key and page:
            wizard.jump_to(page, key)

    def delete_selected(self) -> None:
        ident = self.home.selected_id()
        if ident is None or self.service is None:
            return
        row = self.service.get_assessment(ident)
        question = self.tr("确定删除“%1”%2 年度的评估吗？\n删除前会自动备份数据库，可在“设置”中从备份恢复。")
        question = question.replace("%1", row.enterprise_name).replace("%2", str(row.year))
        if not notify.ask(self, self.tr("删除评估"), question):
            return
        try:
            self.service.delete_assessment(ident, self.service.deletion_token(ident))
        except _domain_error() as exc:
            notify.error(self, self.tr("删除失败"), _problem(exc))
        self.refresh_list()

    def open_demo(self) -> None:
        if self.service is None or not self.confirm_leave():
            return
        from app.demo import open_or_import_demo

        try:
            ident = open_or_import_demo(self.service)
        except _domain_error() as exc:
            notify.error(self, self.tr("无法打开示例评估"), _problem(exc))
            return
        self.refresh_list()
        self.open_assessment(ident)

    def backup_now(self) -> None:
        if self.service is None:
            return
        try:
            path = self.service.backup_now()
        except _domain_error() as exc:
            notify.error(self, self.tr("备份失败"), _problem(exc))
            return
        self.statusBar().showMessage(self.tr("已备份到 %1").replace("%1", str(path)), 8000)

    # ------------------------------------------------------------------ the wizard

    def open_assessment(self, assessment_id: int, page: str | None = None) -> WizardView | None:
        from ui.wizard.session import AssessmentSession
        from ui.wizard.view import WizardView

        assert self.service is not None
        if self.wizard is not None and self.wizard.session.id != assessment_id and not self.confirm_leave():
            return None
        self.close_wizard()
        try:
            session = AssessmentSession(self.service, assessment_id, self.desktop.tasks)
        except _domain_error() as exc:
            notify.error(self, self.tr("无法打开评估"), _problem(exc))
            return None
        session.unit_prefs = dict(self.settings.energy_units)
        session.unit_chosen.connect(self._unit_chosen)
        wizard = WizardView(session)
        wizard.close_requested.connect(self.show_list)
        if self.settings.wizard_splitter:
            wizard.splitter.restoreState(QByteArray.fromBase64(self.settings.wizard_splitter.encode()))
        self.wizard = wizard
        self.stack.addWidget(wizard)
        self.stack.setCurrentWidget(wizard)
        wizard.open_page(page or self.flow_resume(session))
        session.request_score()
        self.settings.last_assessment = assessment_id
        self.setWindowTitle(
            self.tr("%1 %2 — 双近零标杆企业自评估")
            .replace("%1", session.row.enterprise_name)
            .replace("%2", str(session.row.year))
        )
        emit(self.assessment_opened, assessment_id)
        return wizard

    @staticmethod
    def flow_resume(session: Any) -> str:
        return str(session.flow.resume_page(session.row.resume_page, session.values()))

    def _unit_chosen(self, carrier: str, unit: str) -> None:
        self.settings.energy_units[carrier] = unit

    def close_wizard(self) -> None:
        wizard = self.wizard
        if wizard is None:
            return
        wizard.flush()
        self.settings.wizard_splitter = bytes(wizard.splitter.saveState().toBase64().data()).decode()
        wizard.session.closed = True
        self.stack.removeWidget(wizard)
        wizard.deleteLater()
        self.wizard = None
        self.setWindowTitle(self.tr("双近零标杆企业自评估"))

    def confirm_leave(self) -> bool:
        """Before the open assessment is closed: commit the field being edited, and if any typed input
        was refused (and so is not saved), say which and ask. No: the wizard shows the first one."""
        wizard = self.wizard
        if wizard is None:
            return True
        wizard.flush()
        if not wizard.confirm_leave_sandbox():  # changes tried but not kept as a scenario: ask
            return False
        refused = list(wizard.session.refused.values())
        if not refused:
            return True
        lines = []
        for entry in refused[:8]:
            shown = self.tr("“%1”").replace("%1", entry.text) if entry.text else ""
            lines.append(self.tr("• %1：%2%3").replace("%1", entry.label).replace("%2", shown).replace("%3", entry.reason))
        if len(refused) > 8:
            lines.append(self.tr("……共 %1 项").replace("%1", str(len(refused))))
        text = self.tr("以下输入不符合要求，未能保存：\n%1\n\n关闭后这些输入将丢失，数据库中仍是之前保存的内容。仍要关闭吗？")
        if notify.ask(self, self.tr("有未保存的输入"), text.replace("%1", "\n".join(lines)),
                      yes_text=self.tr("放弃这些输入并关闭"), no_text=self.tr("返回修改")):  # fmt: skip
            wizard.session.refused.clear()  # given up: not asked about again while closing
            return True
        first = refused[0]
        self.stack.setCurrentWidget(wizard)
        if first.page:
            wizard.jump_to(first.page, first.key)
        return False

    def show_list(self) -> None:
        if not self.confirm_leave():
            return
        self.settings.last_assessment = None  # reopen the wizard at start only if the program was closed in it
        self.close_wizard()
        self.stack.setCurrentWidget(self.home)
        self.refresh_list()
        self.home.table.setFocus()

    def flush(self) -> None:
        if self.wizard is not None:
            self.wizard.flush()

    # ------------------------------------------------------------------ settings, geometry

    def open_settings(self) -> None:
        from ui.dialogs import SettingsDialog

        service = self.service

        def backup_now() -> Any:
            if service is not None:
                service.backup_now()
                return service.backups()
            return []

        dialog = SettingsDialog(
            self.settings.language,
            self.desktop.data_dir,
            service.db_path if service is not None else None,
            service.backups() if service is not None else [],
            backup_now,
            self,
        )
        if not dialog.exec():
            return
        if dialog.restore_path is not None:
            if self.confirm_leave():
                self.desktop.restore(dialog.restore_path)
            return
        if dialog.chosen_language != self.settings.language and self.confirm_leave():
            self.desktop.switch_language(dialog.chosen_language)

    def _restore_geometry(self) -> None:
        s = self.settings
        if s.geometry:
            self.restoreGeometry(QByteArray.fromBase64(s.geometry.encode()))
        else:
            fm = self.fontMetrics()
            self.resize(fm.horizontalAdvance("M") * 100, fm.height() * 42)
        if s.window_state:
            self.restoreState(QByteArray.fromBase64(s.window_state.encode()))

    def remember_geometry(self) -> None:
        from ui import folders

        self.settings.folders = folders.snapshot()
        self.settings.geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        self.settings.window_state = bytes(self.saveState().toBase64().data()).decode()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_leave():
            event.ignore()
            return
        self.close_wizard()
        self.remember_geometry()
        self.desktop.save_settings()
        event.accept()
