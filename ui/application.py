"""Starting the desktop program.

Start-up is arranged for a fast first paint: Qt and the main window come first; the database
layer (SQLAlchemy, Alembic — over a second to import on a slow machine) is imported and opened
in a worker thread once the window has been painted and the event loop is idle, while the list
shows "正在打开数据库…".

``--check-startup`` starts exactly like this and exits 0 when the main window has been painted
and the event loop is idle (the benchmark and smoke-test hook); ``--check-startup=loaded``
waits until the database is open and the list is shown (exit 1, the reason on stderr, if it
cannot be opened).

One window edits a database at a time (models/instance_lock.py): a second window started on
the same database is told so and may bring the first to the front or open read-only. The
window holding the lock looks at its lock file for such requests.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from app.paths import APP, ORG, resolve_locations
from app.settings import Settings
from ui import notify
from ui.crash import CrashHandler
from ui.i18n import install_language
from ui.log import logger
from ui.qtcompat import emit
from ui.settings_store import SettingsStore
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from collections.abc import Sequence

    from app.services import AssessmentService
    from assessments.errors import Problem
    from ui.main_window import MainWindow



class Desktop(QObject):
    """The running program: settings, the service (once opened), the window, the task runner."""

    raise_requested = Signal()  # another window on this database asked this one to come forward

    def __init__(self, app: QApplication, args: argparse.Namespace) -> None:
        super().__init__()
        self.app = app
        self.args = args
        self.data_dir, self.db_path = resolve_locations(getattr(args, "data_dir", None), getattr(args, "db", None))
        self.store = SettingsStore.in_folder(self.data_dir)
        self.settings: Settings = self.store.load()
        self.tasks = TaskRunner(self)
        self.service: AssessmentService | None = None
        self.window: MainWindow | None = None
        self.check = getattr(args, "check_startup", None)
        self.exit_code = 0
        self.log_path: Path | None = None  # the log file is opened after the first paint
        self.crash = CrashHandler(None, flush=self._flush, parent=lambda: self.window, unattended=self.check is not None)
        self.read_only = False  # this window only looks: another one edits the database
        self._marked = False  # --check-startup has printed its moment
        self._lock_timer: QTimer | None = None
        self._lock_path = Path()
        self._lock_size = 0
        self.raise_requested.connect(self._come_forward)

    def _flush(self) -> None:
        if self.window is not None:
            self.window.flush()

    def start(self) -> MainWindow:
        from ui.main_window import MainWindow

        install_language(self.app, self.settings.language)
        self.crash.install()
        self.window = MainWindow(self)
        # A zero timer started at the first paint runs once the loop has processed what was queued.
        self.window.first_painted.connect(lambda: QTimer.singleShot(0, self._when_idle))
        self.window.show()
        return self.window

    def _when_idle(self) -> None:
        if self.window is None:
            return
        if self.check == "shown":
            self._mark_reached()
            self.app.exit(0)
            return
        from app.crash import setup_logging

        self.log_path = self.crash.log_path = setup_logging(self.data_dir)
        self.preview_then_open()

    def preview_then_open(self) -> None:
        """Show the list read straight from the file (when it can be), then open the database.

        The preview needs only sqlite3; opening needs SQLAlchemy and the domain, which take most
        of the start-up time. The two run one after the other on a worker thread, not together:
        the import would slow the preview down."""
        db_path = self.db_path

        def peek() -> Any:
            from app.preview import preview_list

            return preview_list(db_path)

        def shown(rows: Any) -> None:
            shown_now = rows is not None and self.window is not None and self.window.show_preview(rows)
            if shown_now and self.check == "loaded":
                self._mark_reached()
            self.open_database()

        self.tasks.run(peek, shown, lambda exc, text: self.open_database())

    def open_database(self) -> None:
        data_dir, db_path, read_only = self.data_dir, self.db_path, self.read_only

        def work() -> Any:
            from app.services import AssessmentService

            # The start-up backup is taken once the list is shown (_database_ready), not here.
            return AssessmentService.open(
                data_dir, db_path, single_window=not read_only, read_only=read_only, backup_on_start=False
            )

        self.tasks.run(work, self._database_ready, self._database_failed)

    def _database_ready(self, service: AssessmentService) -> None:
        self.service = service
        window = self.window
        assert window is not None
        window.attach_service(service)
        logger("dnz.app").info("database open: %s%s", service.db_path, " (read-only)" if service.read_only else "")
        if service.lock is not None:
            self._watch_lock(service.lock.path)
        if service.read_only:
            window.windowTitleChanged.connect(self._mark_read_only)
            self._mark_read_only(window.windowTitle())
            from PySide6.QtWidgets import QLabel

            from ui.style import WARN, text_colour

            note = QLabel(
                QCoreApplication.translate("Desktop", "只读：这个数据库正在另一个窗口中编辑，此窗口中的修改不会保存。")
            )
            text_colour(note, WARN)
            window.statusBar().addPermanentWidget(note, 1)
        if service.notices:
            self._tell_notices(service.notices)
        # The list is on screen: now the start-up backup, off the GUI thread. Restoring, switching
        # databases and quitting wait for it (tasks.wait), so it never races a file replacement.
        self.tasks.run(service.start_backup, self._tell_notices, self._start_backup_failed)
        if self.check == "loaded":
            self._mark_reached()
            self.app.exit(0)
            return
        if service.read_only:
            return  # no demo and no reopening: the other window is where work goes on
        if self.settings.last_assessment is not None:
            try:
                service.get_assessment(self.settings.last_assessment)
            except Exception:  # deleted meanwhile: just show the list
                self.settings.last_assessment = None
            else:
                window.open_assessment(self.settings.last_assessment)
                return
        if not window.home.model.rows and not self.settings.demo_offered:
            self.settings.demo_offered = True
            self.save_settings()
            QTimer.singleShot(0, self.offer_demo)

    def _mark_reached(self) -> None:
        """``--check-startup``: the wall-clock time the awaited state was first reached, on stdout.

        benchmarks/bench_startup.py subtracts the time it started the process: the moment the window
        (or the list: the preview's, or else the opened database's) is on screen, not counting the
        exit, which waits for the database to open and the start-up backup."""
        if sys.stdout is not None and not self._marked:
            self._marked = True
            print(f"dnz-startup {self.check} {time.time():.6f}", flush=True)

    def offer_demo(self) -> None:
        window = self.window
        if window is None:
            return
        question = QCoreApplication.translate(
            "Desktop",
            "欢迎使用！数据库中还没有评估。\n\n要打开一份示例评估吗？它是评价标准中的计算示例（总分 57.0，等级“合规”），可以看到一份完整评估的每一页。示例可随时删除。",
        )
        if notify.ask(window, QCoreApplication.translate("Desktop", "示例评估"), question, default_yes=True):
            window.open_demo()

    def _start_backup_failed(self, exc: BaseException, text: str) -> None:
        from assessments.errors import DomainError, Problem

        if not isinstance(exc, DomainError):
            raise exc
        why = exc.problems[0] if exc.problems else Problem("备份", "未知原因", "unknown reason")
        self._tell_notices(
            [Problem("备份", f"启动时未能备份数据库：{why.zh}", f"no backup could be taken at start: {why.en}")]
        )

    def _tell_notices(self, notices: Sequence[Problem]) -> None:
        if not notices:
            return
        from assessments.texts import render_all

        lang = self.settings.language
        message = render_all(notices, lang)
        if self.check is not None:
            if sys.stderr is not None:
                print(message, file=sys.stderr)
            return
        window = self.window
        assert window is not None
        window.statusBar().showMessage(message.splitlines()[0], 30000)
        notify.warn(window, QCoreApplication.translate("Desktop", "未能备份"), message)

    def _mark_read_only(self, title: str) -> None:
        suffix = QCoreApplication.translate("Desktop", "（只读）")
        if self.window is not None and not title.endswith(suffix):
            self.window.setWindowTitle(title + suffix)

    def _watch_lock(self, path: Path) -> None:
        """Look at the lock file now and then: a second window appends a line to ask us forward.

        A timer and a size check, not a file-system watcher: cheap, and nothing is delivered
        after the program has let the file go.
        """
        self._lock_path = path
        self._lock_size = self._size(path)
        timer = QTimer(self)
        timer.setInterval(700)
        timer.timeout.connect(self._check_lock_file)
        timer.start()
        self._lock_timer = timer

    @staticmethod
    def _size(path: Path) -> int:
        try:
            return path.stat().st_size
        except OSError:
            return 0

    def _check_lock_file(self) -> None:
        size = self._size(self._lock_path)
        if size > self._lock_size:
            emit(self.raise_requested)
        self._lock_size = size

    def _come_forward(self) -> None:
        window = self.window
        if window is None:
            return
        if window.isMinimized():
            window.showNormal()
        window.raise_()
        window.activateWindow()

    def quit(self, code: int = 0) -> None:
        self.exit_code = code
        self.app.exit(code)

    def _database_failed(self, exc: BaseException, text: str) -> None:
        from app.storage import DatabaseInUse
        from assessments.errors import DomainError
        from assessments.texts import render_all

        window = self.window
        assert window is not None
        lang = self.settings.language
        message = render_all(exc.problems, lang) if isinstance(exc, DomainError) else f"{type(exc).__name__}: {exc}"
        window.database_failed(message)
        if self.check is not None:
            # Nobody can read a dialog now: the reason goes where the caller looks.
            if sys.stderr is not None:
                print(message, file=sys.stderr)
            self.exit_code = 1
            self.app.exit(1)
            return
        if isinstance(exc, DatabaseInUse) and not self.read_only:
            self._second_window(message)
            return
        notify.error(window, QCoreApplication.translate("Desktop", "无法打开数据库"), message, text)
        self._offer_restore(exc)

    def _second_window(self, message: str) -> None:
        from app.storage import request_raise

        window = self.window
        assert window is not None
        choice = notify.choose(
            window,
            QCoreApplication.translate("Desktop", "数据库已在另一个窗口中打开"),
            message,
            [
                QCoreApplication.translate("Desktop", "切换到那个窗口"),
                QCoreApplication.translate("Desktop", "以只读方式打开"),
                QCoreApplication.translate("Desktop", "退出"),
            ],
        )
        if choice == 0:
            request_raise(self.db_path)
            self.quit(0)
        elif choice == 1:
            self.read_only = True
            self.open_database()
        else:
            self.quit(0)

    def _offer_restore(self, exc: BaseException) -> None:
        from app.storage import DatabaseUnreadable
        from assessments.errors import DomainError

        window = self.window
        if not isinstance(exc, DatabaseUnreadable) or window is None:
            return
        from app.storage import list_backups

        backups = [b for b in list_backups(self.db_path) if b.readable]
        if not backups:
            return
        latest = backups[0]
        when = latest.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if notify.ask(
            window,
            QCoreApplication.translate("Desktop", "从备份恢复"),
            QCoreApplication.translate("Desktop", "要从 %1 的备份恢复数据库吗？当前文件会先另存一份。").replace(
                "%1", when
            ),
        ):
            from app.storage import restore_database

            try:
                restore_database(latest.path, self.db_path)
            except DomainError as error:
                notify.error(window, QCoreApplication.translate("Desktop", "恢复失败"), error.text(self.settings.language))
                return
            self.open_database()

    # ------------------------------------------------------------------ settings, language, restore

    def save_settings(self) -> None:
        self.store.save(self.settings)

    def switch_language(self, lang: str) -> None:
        """Rebuild the window in the other language (the assessment being edited stays open)."""
        window = self.window
        if window is None:
            return
        reopen = window.wizard.session.id if window.wizard is not None else None
        page = window.wizard.current if window.wizard is not None else None
        window.close()
        self.settings.language = lang
        self.save_settings()
        install_language(self.app, lang)
        from ui.main_window import MainWindow

        self.window = MainWindow(self)
        self.window.show()
        if self.service is not None:
            self.window.attach_service(self.service)
            if reopen is not None:
                self.window.open_assessment(reopen, page)
        window.deleteLater()

    def restore(self, backup: Path) -> None:
        window = self.window
        if self.service is None or window is None:
            return
        from assessments.errors import DomainError

        window.close_wizard()
        self.tasks.wait(10000)  # a score still running holds a connection: the restore needs the file alone
        try:
            kept = self.service.restore(backup)
        except DomainError as exc:
            notify.error(window, QCoreApplication.translate("Desktop", "恢复失败"), exc.text(self.settings.language))
            return
        notify.info(
            window,
            QCoreApplication.translate("Desktop", "已恢复"),
            QCoreApplication.translate("Desktop", "已从备份恢复。恢复前的数据库另存为：%1").replace("%1", str(kept)),
        )
        window.refresh_list()

    def shutdown(self) -> None:
        self.tasks.wait(10000)
        if self._lock_timer is not None:
            self._lock_timer.stop()
        if self.service is not None:
            self.service.close()
        self.crash.uninstall()


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(ORG)
    app.setApplicationName(APP)
    from PySide6.QtGui import QIcon

    from app.resources import resource_path

    icon = resource_path("icons", "app.png")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def run_gui(args: argparse.Namespace) -> int:
    app = make_application()
    desktop = Desktop(app, args)
    desktop.start()
    code = app.exec()
    desktop.shutdown()
    return int(code or desktop.exit_code)
