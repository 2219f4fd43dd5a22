"""Item 11 of issue #11 and the desktop side of the others: what the program says at start.

A refused database under --check-startup=loaded puts its message on stderr; a second window on
one database is told, can bring the first forward or open read-only; a start on a full disk
opens and says that no backup was taken.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ui import notify
from ui.application import Desktop, make_application
from ui.crash import CrashDialog

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parent.parent


def _check_startup(data: Path) -> subprocess.CompletedProcess[str]:
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(data)}
    return subprocess.run(
        [sys.executable, "-m", "app", "--check-startup=loaded", "--data-dir", str(data)],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )  # fmt: skip


def test_check_startup_loaded_puts_the_refusal_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "dnz.sqlite3").write_bytes(b"PK\x03\x04 not a database" * 20)
    done = _check_startup(tmp_path)
    assert done.returncode == 1
    assert "不是本程序的数据库文件" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


@pytest.fixture(autouse=True)
def no_crash_dialog(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    reports: list[str] = []
    monkeypatch.setattr(CrashDialog, "present", classmethod(lambda cls, report, *a: reports.append(report) or True))
    yield reports
    assert not reports, reports[0]


class Recorder(notify.RecordingNotifier):
    def __init__(self, choice: int) -> None:
        super().__init__()
        self.choice = choice
        self.choices: list[tuple[str, list[str]]] = []

    def choose(self, parent: Any, title: str, text: str, options: list[str], default: int = 0) -> int:
        self.choices.append((text, options))
        return self.choice


def _desktop(qtbot: Any, data: Path) -> Desktop:
    desktop = Desktop(make_application(), argparse.Namespace(data_dir=data, db=None, check_startup=None))
    desktop.start()
    return desktop


def _close(desktop: Desktop) -> None:
    assert desktop.window is not None
    desktop.window.close()
    desktop.shutdown()
    desktop.window.deleteLater()


def test_second_window_on_one_database_is_told_and_can_open_read_only(qtbot: Any, tmp_path: Path) -> None:
    notes = Recorder(choice=1)  # 0: bring the other window forward, 1: open read-only, 2: quit
    previous = notify.set_notifier(notes)
    first = _desktop(qtbot, tmp_path)
    try:
        qtbot.waitUntil(lambda: first.service is not None, timeout=20000)
        second = _desktop(qtbot, tmp_path)
        try:
            qtbot.waitUntil(lambda: second.service is not None, timeout=20000)
            assert notes.choices and "另一个窗口" in notes.choices[0][0]
            assert second.service is not None and second.service.read_only
            assert second.window is not None and "只读" in second.window.windowTitle()
            from models.errors import StorageError

            with pytest.raises(StorageError, match="只读"):
                second.service.create_enterprise(name="某企业", uscc="91371600MA3C5K2X7K")
        finally:
            _close(second)
    finally:
        _close(first)
        notify.set_notifier(previous)


def test_second_window_can_bring_the_first_forward(qtbot: Any, tmp_path: Path) -> None:
    notes = Recorder(choice=0)
    previous = notify.set_notifier(notes)
    first = _desktop(qtbot, tmp_path)
    try:
        qtbot.waitUntil(lambda: first.service is not None, timeout=20000)
        assert first.window is not None
        raised: list[bool] = []
        first.raise_requested.connect(lambda: raised.append(True))
        quits: list[int] = []
        second = Desktop(make_application(), argparse.Namespace(data_dir=tmp_path, db=None, check_startup=None))
        second.quit = lambda code=0: quits.append(code)  # type: ignore[method-assign]
        second.start()
        try:
            qtbot.waitUntil(lambda: bool(raised), timeout=20000)
            qtbot.waitUntil(lambda: bool(quits), timeout=5000)
            assert second.service is None
        finally:
            _close(second)
    finally:
        _close(first)
        notify.set_notifier(previous)


def test_the_loser_of_a_conflicting_write_is_told_and_shown_the_stored_value(qtbot: Any, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    from app.services import AssessmentService
    from app.settings import Settings
    from ui.settings_store import SettingsStore

    # No demo offer: it is queued when the database opens and would race the edits below.
    SettingsStore.in_folder(tmp_path).save(Settings(demo_offered=True))
    notes = Recorder(choice=2)
    previous = notify.set_notifier(notes)
    desktop = _desktop(qtbot, tmp_path)
    try:
        qtbot.waitUntil(lambda: desktop.service is not None, timeout=20000)
        window = desktop.window
        assert window is not None
        window.create_assessment("滨州测试化工有限公司", "91371600MA3C5K2X8N", 2025)
        wizard = window.wizard
        page = wizard.open_page("process")
        edit = next(e for e in page.cards["answers.P4"].editors if getattr(e, "key", None) == "answers.P4")
        edit.edit.setFocus()
        edit.edit.setText("50")
        qtbot.keyClick(edit.edit, Qt.Key.Key_Return)
        ident = wizard.session.id
        # A command-line script (another program) changes the same answer meanwhile.
        other = AssessmentService.open(tmp_path, backup_on_start=False)
        try:
            other.set_answer(ident, "answers.P4", 60)
        finally:
            other.close()
        edit.edit.setText("70")
        qtbot.keyClick(edit.edit, Qt.Key.Key_Return)
        message = page.cards["answers.P4"].message
        assert message.level == "error" and "60" in message.text() and "70" in message.text()
        assert edit.edit.text() == "60"  # the loser sees what is stored
        assert desktop.service is not None
        assert desktop.service.answers(ident)["answers.P4"].value == 60
        shots = tmp_path / "shots"
        shots.mkdir()
        window.grab().save(str(shots / "conflict.png"))
        # Typing 70 again, now knowing 60 was there, replaces it.
        edit.edit.setText("70")
        qtbot.keyClick(edit.edit, Qt.Key.Key_Return)
        assert desktop.service.answers(ident)["answers.P4"].value == 70
        assert message.level != "error"
    finally:
        _close(desktop)
        notify.set_notifier(previous)


@pytest.mark.skipif(sys.platform != "linux", reason="a full disk is made with a Linux tmpfs")
def test_desktop_on_a_full_disk_opens_and_says_no_backup_was_taken(qtbot: Any, tmp_path: Path) -> None:
    from tests.faultkit import fill, populated, tiny_tmpfs

    notes = Recorder(choice=2)
    previous = notify.set_notifier(notes)
    with tiny_tmpfs(tmp_path / "disk", 1024) as disk:
        populated(disk)
        from app.settings import Settings
        from ui.settings_store import SettingsStore

        SettingsStore.in_folder(disk).save(Settings(demo_offered=True))
        (disk / "logs").mkdir()
        fill(disk, 80 * 1024)
        desktop = _desktop(qtbot, disk)
        try:
            qtbot.waitUntil(lambda: desktop.service is not None, timeout=20000)
            assert desktop.window is not None and len(desktop.window.home.model.rows) == 1
            # The start-up backup runs after the list is shown, on a worker thread: wait for its word.
            qtbot.waitUntil(lambda: any(m[0] == "warn" for m in notes.messages), timeout=20000)
            warnings = [m for m in notes.messages if m[0] == "warn"]
            assert warnings and "备份" in warnings[0][2] and "磁盘已满" in warnings[0][2]
        finally:
            _close(desktop)
            notify.set_notifier(previous)


def test_backup_now_in_the_settings_dialog_reports_a_failure(qtbot: Any, tmp_path: Path) -> None:
    from models.errors import BackupFailed
    from ui.dialogs import SettingsDialog

    make_application()
    notes = Recorder(choice=2)
    previous = notify.set_notifier(notes)

    def full() -> Any:
        raise BackupFailed("数据库备份失败：磁盘已满。数据库本身完好；请腾出磁盘空间。", "the disk is full")

    try:
        dialog = SettingsDialog("zh", tmp_path, tmp_path / "dnz.sqlite3", [], full)
        qtbot.addWidget(dialog)
        dialog._backup_clicked()
        assert notes.messages and notes.messages[0][0] == "error" and "磁盘已满" in notes.messages[0][2]
    finally:
        notify.set_notifier(previous)


def test_the_start_up_backup_is_taken_after_the_list_is_shown_off_the_gui_thread(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import models.startup
    from models.backup import list_backups
    from tests.faultkit import populated

    db, _ = populated(tmp_path)
    from app.settings import Settings
    from ui.settings_store import SettingsStore

    SettingsStore.in_folder(tmp_path).save(Settings(demo_offered=True))
    real_backup = models.startup.take_backup
    taken_on: list[threading.Thread] = []

    def recording_backup(path: Path, reason: str, **kw: Any) -> Path | None:
        taken_on.append(threading.current_thread())
        return real_backup(path, reason, **kw)

    monkeypatch.setattr(models.startup, "take_backup", recording_backup)
    backups_when_listed: list[int] = []
    desktop = _desktop(qtbot, tmp_path)
    try:
        assert desktop.window is not None
        desktop.window.list_loaded.connect(
            lambda: backups_when_listed.append(sum(b.reason == "auto-start" for b in list_backups(db)))
        )
        qtbot.waitUntil(lambda: any(b.reason == "auto-start" for b in list_backups(db)), timeout=20000)
        assert backups_when_listed[:1] == [0]  # the list came first
        assert len(desktop.window.home.model.rows) == 1
        assert taken_on and taken_on[0] is not threading.main_thread()
    finally:
        _close(desktop)


def test_the_list_is_previewed_from_the_file_before_the_database_opens(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.faultkit import populated
    from ui.main_window import MainWindow

    populated(tmp_path)
    from app.settings import Settings
    from ui.settings_store import SettingsStore

    SettingsStore.in_folder(tmp_path).save(Settings(demo_offered=True))
    seen: list[tuple[bool, int, bool]] = []
    real_preview = MainWindow.show_preview

    def watching(window: MainWindow, rows: list[Any]) -> bool:
        shown = real_preview(window, rows)
        window.home.table.selectRow(0)
        window.open_selected()  # a double-click on a preview row does nothing yet (and does not fail)
        seen.append((window.service is None, len(window.home.model.rows), window.home.new_button.isEnabled()))
        return shown

    monkeypatch.setattr(MainWindow, "show_preview", watching)
    desktop = _desktop(qtbot, tmp_path)
    try:
        qtbot.waitUntil(lambda: desktop.service is not None, timeout=20000)
        assert desktop.window is not None
        assert seen == [(True, 1, False)]  # shown before the service, its buttons off
        assert desktop.window.wizard is None
        assert desktop.window.home.new_button.isEnabled() and len(desktop.window.home.model.rows) == 1
    finally:
        _close(desktop)


def test_a_preview_is_taken_down_when_the_database_does_not_open(qtbot: Any, tmp_path: Path) -> None:
    from tests.faultkit import populated
    from ui.main_window import MainWindow

    populated(tmp_path)
    notes = Recorder(choice=2)  # "退出" when told another window has the database
    previous = notify.set_notifier(notes)
    first = _desktop(qtbot, tmp_path)
    try:
        qtbot.waitUntil(lambda: first.service is not None, timeout=20000)
        previewed: list[int] = []
        second = Desktop(make_application(), argparse.Namespace(data_dir=tmp_path, db=None, check_startup=None))
        quits: list[int] = []
        second.quit = lambda code=0: quits.append(code)  # type: ignore[method-assign]
        second.start()
        assert second.window is not None
        real_preview = MainWindow.show_preview
        second.window.show_preview = lambda rows: previewed.append(len(rows)) or real_preview(second.window, rows)  # type: ignore[method-assign, assignment]
        try:
            qtbot.waitUntil(lambda: bool(quits), timeout=20000)
            assert previewed == [1]  # the file's one assessment was shown while opening …
            assert second.service is None and second.window.home.model.rows == []  # … and taken down
            assert "另一个窗口" in second.window.home.empty.text()
        finally:
            _close(second)
    finally:
        _close(first)
        notify.set_notifier(previous)
