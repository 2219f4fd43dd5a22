"""GUI tests (pytest-qt, offscreen): a whole assessment from an empty database to the review page,
autosave across close and reopen, N/A retention, refusal of invalid entries, the main window."""

from __future__ import annotations

import argparse
import itertools
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit

from app.settings import Settings
from ui import notify
from ui.application import Desktop, make_application
from ui.crash import CrashDialog
from ui.settings_store import SettingsStore

pytestmark = pytest.mark.gui

USCC = "91371600MA3C5K2X8N"
ROOT = Path(__file__).resolve().parent.parent


class Harness:
    def __init__(self, qtbot: Any, data: Path, language: str = "zh", demo_offered: bool = True) -> None:
        self.qtbot = qtbot
        self.data = data
        store = SettingsStore.in_folder(data)
        if not store.path.exists():
            store.save(Settings(language=language, demo_offered=demo_offered))
        self.notes = notify.RecordingNotifier()
        self.previous = notify.set_notifier(self.notes)
        self.desktop = Desktop(make_application(), argparse.Namespace(data_dir=data, db=None, check_startup=None))
        self.window = self.desktop.start()
        qtbot.waitUntil(lambda: self.desktop.service is not None, timeout=20000)
        self.window.activateWindow()  # keyboard shortcuts (Alt+N) need the active window
        qtbot.waitUntil(self.window.isActiveWindow)

    @property
    def service(self) -> Any:
        return self.desktop.service

    @property
    def wizard(self) -> Any:
        return self.window.wizard

    def wait_scored(self) -> None:
        session = self.wizard.session
        self.qtbot.waitUntil(lambda: not session.scoring and session.result is not None, timeout=10000)

    def close(self) -> None:
        self.window.close()
        self.desktop.shutdown()
        self.window.deleteLater()
        notify.set_notifier(self.previous)


@pytest.fixture(autouse=True)
def no_crash_dialog(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    reports: list[str] = []

    def present(cls: Any, report: str, log_path: Any, parent: Any) -> bool:
        reports.append(report)
        return True

    monkeypatch.setattr(CrashDialog, "present", classmethod(present))
    yield reports
    assert not reports, reports[0]  # an unexpected exception inside a slot fails the test


class Modals:
    """The program's own modal dialogs, built as they would be but not run (a test cannot click them)."""

    def __init__(self) -> None:
        self.next_year: list[Any] = []  # NextYearDialog instances
        self.next_year_jump: str | None = None  # what the user double-clicks in the summary
        self.journal: list[Any] = []
        self.help: list[str] = []


@pytest.fixture(autouse=True)
def modals(monkeypatch: pytest.MonkeyPatch) -> Modals:
    from ui.help import HelpDialog
    from ui.next_year_dialog import NextYearDialog
    from ui.wizard.journal_dialog import JournalDialog

    seen = Modals()

    def next_year(cls: Any, summary: Any, parent: Any) -> str | None:
        seen.next_year.append(cls(summary, parent))
        return seen.next_year_jump

    def journal(cls: Any, criteria: Any, rows: Any, title: str, parent: Any) -> None:
        seen.journal.append(cls(criteria, rows, title, parent))

    monkeypatch.setattr(NextYearDialog, "run", classmethod(next_year))
    monkeypatch.setattr(JournalDialog, "run", classmethod(journal))
    monkeypatch.setattr(HelpDialog, "run", classmethod(lambda cls, anchor, parent: seen.help.append(anchor)))
    return seen


@pytest.fixture
def harness(qtbot: Any, tmp_path: Path) -> Iterator[Harness]:
    h = Harness(qtbot, tmp_path)
    yield h
    h.close()


def type_text(qtbot: Any, edit: QLineEdit, text: str) -> None:
    """Replace the text as a user would and press Enter (commits: autosave)."""
    edit.setFocus()
    edit.setText(text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def type_chinese(edit: QLineEdit, text: str) -> None:
    """Key events carrying the text (qtbot.keyClicks cannot type Chinese)."""
    edit.setFocus()
    for ch in text:
        QApplication.sendEvent(edit, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def editor(page: Any, key: str) -> Any:
    return next(e for card in page.cards.values() for e in card.editors if getattr(e, "key", None) == key)


def answer_questions(page: Any, answers: dict[str, Any], qtbot: Any) -> None:
    for ident, value in answers.items():
        e = editor(page, f"answers.{ident}")
        if isinstance(value, str) and value[:1].isdigit():
            type_text(qtbot, e.edit, value)
        else:
            e.choose(value)


def test_whole_assessment_from_empty_database_to_review(harness: Harness, qtbot: Any) -> None:
    h = harness
    assert h.window.home.model.rows == []
    assert "还没有评估" in h.window.home.empty.text()
    h.window.create_assessment("滨州测试化工有限公司", USCC, 2025)
    w = h.wizard
    # opened at the profile: the cover's industry code, address, contact and phone are still empty
    assert w is not None and w.current == "profile"
    # 1 profile: Chinese text through key events carrying text, committed on leaving the field
    profile = w.open_page("profile")
    county = profile.editors["enterprise.county"].edit
    type_chinese(county, "邹平市")
    assert county.text() == "邹平市"
    qtbot.keyClick(county, Qt.Key.Key_Tab)
    assert h.service.answers(w.session.id)["enterprise.county"].value == "邹平市"
    assert "已保存" in w.saved_label.text()
    # 2 prerequisites
    page = w.open_page("prerequisites")
    answer_questions(page, {f"V{i}": True for i in (1, 2, 3, 4, 6, 7)}, qtbot)
    page.cards["answers.V5"].na_box.click()
    page.cards["answers.V8"].na_box.click()
    # 3 process
    # Alt+N is the button's mnemonic (QTest key events do not reach Qt's shortcut map here)
    assert QKeySequence.mnemonic(w.next_button.text()).toString() == "Alt+N"
    w.next_button.click()
    assert w.current == "process"
    page = w.pages["process"]
    answer_questions(page, {"P1": "ii_advanced", "P2": "main_sources", "P3": "b", "P4": "82", "P5": "full",
                            "P6": "91", "P7": "95"}, qtbot)  # fmt: skip
    page.cards["answers.P8"].na_box.click()
    # 4 energy: unit choice converts to the canonical unit
    page = w.open_page("energy")
    energy = page.sections[0]
    type_text(qtbot, energy.rows["raw_coal"]["edit"].edit, "12000")
    type_text(qtbot, energy.rows["natural_gas"]["edit"].edit, "150")
    grid = energy.rows["grid_electricity"]
    grid["unit"].setCurrentIndex(grid["unit"].findData("10^4 kWh"))
    type_text(qtbot, grid["edit"].edit, "4,200")
    type_text(qtbot, energy.rows["green_electricity"]["edit"].edit, "8000000")
    type_text(qtbot, energy.rows["onsite_renewable"]["edit"].edit, "3000000")
    stored = h.service.answers(w.session.id)
    assert stored["energy.grid_electricity"].value == 42_000_000
    coal = page.sections[1]
    type_text(qtbot, coal.editors["raw_coal"].edit, "15000")
    type_text(qtbot, page.sections[2].editor.edit, "2000")
    answer_questions(page, {"E5": "40", "E5_coal_fired": False, "E6": "majority", "E7": "65"}, qtbot)
    h.wait_scored()
    assert energy.total_tce.text() == "16,906.75"
    assert energy.rows["raw_coal"]["tce"].text() == "8,571.60"
    # 5 governance
    page = w.open_page("governance")
    answer_questions(page, {"G1": "certified", "G2": "established", "G3": "verified", "G4": "cems_only",
                            "G5": "statutory", "G6": "all", "G7": True}, qtbot)  # fmt: skip
    # 6 emission performance
    page = w.open_page("emission")
    sections = {s.key: s for s in page.sections}
    output = sections["output"]
    type_text(qtbot, output.editors["quantity"].edit, "250000")
    type_text(qtbot, output.editors["unit"].edit, "t")
    outlets = sections["outlets"]
    row = outlets.rows[0]
    row.name.edit.setText("1#锅炉")
    type_text(qtbot, row.measured["nox"].edit, "32")
    type_text(qtbot, row.compliance.edit, "99.2")
    assert h.service.answers(w.session.id)["outlets"].value[0]["nox"] == 32
    water = sections["water"]
    water.zld.click()
    sections["pollutant_intensity"].na_box.click()
    type_text(qtbot, sections["product_carbon"].editors["benchmark"].edit, "1.2")
    type_text(qtbot, sections["product_carbon"].editors["leading"].edit, "0.6")
    sections["history"].na_box.click()
    # 7 evidence → 8 review: nothing missing
    w.go_next()
    assert w.current == "evidence"
    w.go_next()
    assert w.current == "review"
    review = w.pages["review"]
    assert review.missing.count() == 1 and review.missing.item(0).text() == "（无）"
    assert w.progress.value() == w.progress.maximum()
    h.wait_scored()
    assert w.score_panel.total_text not in ("", "—")
    assert h.service.get_assessment(w.session.id).status == "complete"


def test_missing_summary_jumps_to_the_field(harness: Harness, qtbot: Any) -> None:
    h = harness
    h.window.create_assessment("滨州测试化工有限公司", USCC, 2025)
    w = h.wizard
    review = w.open_page("review")
    first = review.missing.item(0)
    assert "前提条件" in first.text()
    review.missing.setCurrentRow(0)
    review._activated(first)
    assert w.current == "prerequisites"
    page = w.pages["prerequisites"]
    qtbot.waitUntil(lambda: page.cards["answers.V1"].isAncestorOf(QApplication.focusWidget()))


def test_autosave_close_and_reopen_returns_to_the_same_page(qtbot: Any, tmp_path: Path) -> None:
    h = Harness(qtbot, tmp_path)
    h.window.create_assessment("滨州测试化工有限公司", USCC, 2025)
    page = h.wizard.open_page("energy")
    type_text(qtbot, page.sections[0].rows["natural_gas"]["edit"].edit, "150")
    edit = page.sections[0].rows["raw_coal"]["edit"].edit
    edit.setFocus()
    edit.setText("12000")  # not yet committed: closing the window commits it
    h.close()
    h2 = Harness(qtbot, tmp_path)
    try:
        w = h2.wizard
        assert w is not None and w.current == "energy"
        rows = w.pages["energy"].sections[0].rows
        assert rows["natural_gas"]["edit"].edit.text() == "150"
        assert rows["raw_coal"]["edit"].edit.text() == "12000"
    finally:
        h2.close()


def test_na_keeps_the_hidden_answer_with_a_note(harness: Harness, qtbot: Any) -> None:
    h = harness
    h.window.create_assessment("滨州测试化工有限公司", USCC, 2025)
    page = h.wizard.open_page("process")
    type_text(qtbot, editor(page, "answers.P4").edit, "82")
    card = page.cards["answers.P4"]
    card.na_box.click()
    stored = h.service.answers(h.wizard.session.id)["answers.P4"]
    assert stored.value == "na" and stored.kept == 82
    assert card.kept_label.isVisibleTo(page) and "82" in card.kept_label.text()
    assert not editor(page, "answers.P4").isEnabled()
    h.wait_scored()
    assert not h.wizard.session.result.indicator("P4").applicable
    review = h.wizard.open_page("review")
    assert "P4" in review.kept.text()
    page = h.wizard.open_page("process")
    card.na_box.click()
    assert h.service.answers(h.wizard.session.id)["answers.P4"].value == 82
    assert editor(page, "answers.P4").edit.text() == "82"
    assert not card.kept_label.isVisibleTo(page)


def test_invalid_entries_are_refused_with_a_message_and_not_stored(harness: Harness, qtbot: Any) -> None:
    h = harness
    h.window.create_assessment("滨州测试化工有限公司", USCC, 2025)
    page = h.wizard.open_page("process")
    e = editor(page, "answers.P4")
    message = page.cards["answers.P4"].message
    e.edit.setFocus()
    qtbot.keyClicks(e.edit, "8x")  # checked as you type
    assert message.isVisibleTo(page) and message.level == "error"
    qtbot.keyClick(e.edit, Qt.Key.Key_Return)
    assert "answers.P4" not in h.service.answers(h.wizard.session.id)
    type_text(qtbot, e.edit, "150")
    assert message.level == "error" and "100" in message.text()
    assert "answers.P4" not in h.service.answers(h.wizard.session.id)
    type_text(qtbot, e.edit, "８５")  # full-width digits are read, and shown normalised
    assert message.level == ""
    assert h.service.answers(h.wizard.session.id)["answers.P4"].value == 85
    assert e.edit.text() == "85"
    # a unit slip is accepted with a warning
    energy = h.wizard.open_page("energy").sections[0]
    type_text(qtbot, energy.rows["grid_electricity"]["edit"].edit, "4200")
    assert energy.rows["grid_electricity"]["message"].level == "warn"
    assert h.service.answers(h.wizard.session.id)["energy.grid_electricity"].value == 4200


def test_custom_limits_without_a_standard_warn_and_still_save(harness: Harness, qtbot: Any) -> None:
    from ui.wizard.sections import OutletsSection

    h = harness
    h.window.open_demo()
    outlets = h.wizard.open_page("emission").findChild(OutletsSection)
    # the worked example's 涂装线 has custom limits but no standard: shown on opening the page
    assert outlets.message.level == "warn" and "涂装线" in outlets.message.text()
    row = next(r for r in outlets.rows if r.name.edit.text() == "涂装线")
    type_text(qtbot, row.standard.edit, "GB 16297-1996")
    assert outlets.message.level == ""
    stored = h.service.document(h.wizard.session.id).outlets
    assert [o.standard for o in stored if o.name == "涂装线"] == ["GB 16297-1996"]
    type_text(qtbot, row.standard.edit, "")
    assert outlets.message.level == "warn"  # warned again, and saved all the same
    assert [o.standard for o in h.service.document(h.wizard.session.id).outlets if o.name == "涂装线"] == [None]


def test_uscc_checked_as_you_type(harness: Harness, qtbot: Any) -> None:
    h = harness
    h.window.create_assessment("滨州测试化工有限公司", USCC, 2025)
    page = h.wizard.open_page("profile")
    edit = page.editors["enterprise.uscc"].edit
    message = page.messages["enterprise.uscc"]
    edit.clear()
    edit.setFocus()
    qtbot.keyClicks(edit, "9137160")
    assert "7/18" in message.text()
    qtbot.keyClicks(edit, "0MA3C5K2X8A")
    assert message.level == "error" and "校验位" in message.text()
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert h.service.answers(h.wizard.session.id)["enterprise.uscc"].value == USCC


def test_demo_offered_on_first_start_and_list_actions(qtbot: Any, tmp_path: Path) -> None:
    h = Harness(qtbot, tmp_path, demo_offered=False)
    try:
        qtbot.waitUntil(lambda: h.wizard is not None, timeout=10000)
        assert h.notes.questions and "示例" in h.notes.questions[0]
        h.wait_scored()
        assert h.wizard.score_panel.total_text == "57.0"
        assert "合规" in h.wizard.score_panel.grade.text()
        h.window.show_list()
        home = h.window.home
        assert home.model.rowCount() == 1 and home.model.data(home.model.index(0, 5)) == "合规"
        home.search.setText("不存在的企业")
        qtbot.waitUntil(lambda: home.model.rowCount() == 0)
        home.search.setText("滨州示例")
        qtbot.waitUntil(lambda: home.model.rowCount() == 1)
        home.table.selectRow(0)
        h.window.start_next_year()
        assert h.wizard.session.row.year == 2026
        h.window.show_list()
        assert home.model.rowCount() == 2
        h.notes.answers = [False]
        home.table.selectRow(0)
        h.window.delete_selected()
        assert home.model.rowCount() == 2
        h.window.delete_selected()  # confirmed
        assert home.model.rowCount() == 1
    finally:
        h.close()


def test_english_and_geometry_remembered(qtbot: Any, tmp_path: Path) -> None:
    h = Harness(qtbot, tmp_path, language="en")
    try:
        assert h.window.windowTitle() == "Double near-zero self-assessment"
        h.window.open_demo()
        w = h.wizard
        assert w.pages.get("review", True)
        page = w.open_page("process")
        assert page.cards["answers.P4"].heading.text().startswith("P4  Low-VOCs")
        h.window.resize(700, 500)  # the offscreen screen is 800×600
    finally:
        h.close()
    settings = SettingsStore.in_folder(tmp_path).load()
    assert settings.geometry and settings.language == "en"
    h2 = Harness(qtbot, tmp_path, language="en")
    try:
        assert h2.window.width() == 700
    finally:
        h2.close()


def test_switch_language_keeps_the_open_assessment(harness: Harness, qtbot: Any) -> None:
    h = harness
    h.window.open_demo()
    h.wizard.open_page("energy")
    h.desktop.switch_language("en")
    h.window = h.desktop.window
    assert h.window.wizard.current == "energy"
    assert h.window.menuBar().actions()[0].text() == "&File"
    h.desktop.switch_language("zh")
    h.window = h.desktop.window
    assert h.window.menuBar().actions()[0].text() == "文件(&F)"


def test_evidence_attached_per_question(harness: Harness, tmp_path: Path) -> None:
    h = harness
    h.window.open_demo()
    page = h.wizard.open_page("evidence")
    pdf = tmp_path / "许可证.pdf"
    pdf.write_bytes(b"%PDF-1.4 test")
    assert page.attach("V1", pdf)
    assert page.items["V1"].childCount() == 1
    bad = tmp_path / "x.exe"
    bad.write_bytes(b"MZ")
    assert not page.attach("V1", bad)
    assert "不支持" in page.message.text()


def test_files_dropped_on_a_question_are_attached_and_refusals_named(harness: Harness, tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QUrl

    h = harness
    h.window.open_demo()
    page = h.wizard.open_page("evidence")
    good = tmp_path / "监测 报告.pdf"
    good.write_bytes(b"%PDF-1.4 monitoring")
    photo = tmp_path / "现场.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n")
    bad = tmp_path / "setup.exe"
    bad.write_bytes(b"MZ")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in (good, bad, photo)])
    tree = page.tree
    assert not tree.dropMimeData(None, 0, data, Qt.DropAction.CopyAction)  # between rows: nothing
    assert page.items["V3"].childCount() == 0
    assert tree.dropMimeData(page.items["V3"], 0, data, Qt.DropAction.CopyAction)
    assert sorted(page.items["V3"].child(i).text(0) for i in range(2)) == sorted([good.name, photo.name])
    assert page.items["V3"].text(2) == "2 个文件"
    lines = page.message.text().splitlines()
    assert good.name in lines[0] and photo.name in lines[0]
    assert lines[1].startswith("setup.exe：") and "不支持" in lines[1]  # the refusal is not hidden by a success
    # a drop on a file row goes to that file's question
    other = tmp_path / "补充.pdf"
    other.write_bytes(b"%PDF-1.4 more")
    more = QMimeData()
    more.setUrls([QUrl.fromLocalFile(str(other))])
    assert tree.dropMimeData(page.items["V3"].child(0), 0, more, Qt.DropAction.CopyAction)
    assert page.items["V3"].childCount() == 3
    stored = h.service.list_evidence(h.wizard.session.id)
    assert sorted(r.original_name for r in stored if r.question == "V3") == sorted([good.name, photo.name, other.name])


def test_crash_handler_logs_and_reports(harness: Harness, no_crash_dialog: list[str]) -> None:
    try:
        raise ValueError("boom")
    except ValueError as exc:
        harness.desktop.crash.handle(type(exc), exc, exc.__traceback__)
    assert len(no_crash_dialog) == 1 and "ValueError: boom" in no_crash_dialog[0]
    no_crash_dialog.clear()
    log = harness.data / "logs" / "dnz-assess.log"
    assert "ValueError: boom" in log.read_text(encoding="utf-8")


def test_crash_in_check_mode_exits_instead_of_waiting_on_a_dialog(
    qtbot: Any, no_crash_dialog: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under --check-startup nobody can close a dialog: the report goes to stderr and the program exits 1."""
    from ui.crash import CrashHandler

    make_application()
    exits: list[int] = []
    # The real QApplication.exit would also end the event loops of the tests that follow.
    monkeypatch.setattr(QApplication, "exit", staticmethod(lambda code=0: exits.append(code)))
    handler = CrashHandler(None, unattended=True)
    handler.handle(ValueError, ValueError("boom at start"), None)
    assert exits == [1]
    assert no_crash_dialog == []
    assert "ValueError: boom at start" in capsys.readouterr().err


def test_qt_data_folder_matches_paths(qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from PySide6.QtCore import QStandardPaths

    from app.paths import default_data_dir

    if sys.platform != "linux":
        pytest.skip("checked on Linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    make_application()
    qt = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    assert Path(qt) == default_data_dir()


@pytest.mark.parametrize("mode", ["", "=loaded"])
def test_check_startup(tmp_path: Path, mode: str) -> None:
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-m", "app", f"--check-startup{mode}", "--data-dir", str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=60,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "dnz.sqlite3").exists() == (mode == "=loaded")
    # The moment the awaited state was reached (read by benchmarks/bench_startup.py).
    mark = out.stdout.split()
    assert mark[:2] == ["dnz-startup", "loaded" if mode else "shown"] and float(mark[2]) > 0
    if mode:
        from models.backup import list_backups

        # The start-up backup runs after the list is shown; the program exits only once it is taken.
        assert [b.reason for b in list_backups(tmp_path / "dnz.sqlite3")] == ["auto-start"]


def test_export_page_writes_the_filing_off_the_gui_thread(
    harness: Harness, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.wizard import export
    from ui.wizard.export import ExportPage

    opened: list[Path] = []
    monkeypatch.setattr(export, "open_path", lambda path: opened.append(path) or True)
    out = tmp_path / "filing"
    out.mkdir()
    monkeypatch.setattr(ExportPage, "choose_folder", classmethod(lambda cls, parent: str(out)))
    h = harness
    h.window.open_demo()
    page = h.wizard.open_page("export")
    assert page.available and page.button.isEnabled()
    assert not page.result.isVisibleTo(page)  # nothing exported yet
    # the demo has no evidence attached: the pre-filing check warns and export asks first
    assert page.checks.level == "warn"
    h.notes.answers = [False]
    page.button.click()
    assert h.notes.buttons[-1] == ("仍要导出", "返回检查") and not page.progress.isVisible()
    with qtbot.waitSignal(page.exported, timeout=60000) as blocker:
        page.button.click()  # answered yes
    files = [Path(p) for p in blocker.args[0]]
    assert {p.suffix for p in files} == {".xlsx", ".pdf"} and all(p.exists() for p in files)
    assert not opened  # nothing is opened unasked
    assert page.result.isVisibleTo(page) and str(out) in page.result.text.text()
    page.result.open_pdf.click()
    page.result.open_folder.click()
    assert opened == [next(p for p in files if p.suffix == ".pdf"), out]
    assert h.service.get_assessment(h.wizard.session.id).status == "exported"
    # the result is the recorded export: it survives a language switch (the window is rebuilt)
    h.desktop.switch_language("en")
    h.window = h.desktop.window
    page = h.wizard.open_page("export")
    assert page.result.isVisibleTo(page) and page.result.open_xlsx.text() == "Open Excel file"
    assert str(out) in page.result.text.text()


def test_emit_keeps_the_reference_count_of_true(qtbot: Any) -> None:
    """PySide6 6.12 takes a reference from True on every Python emit; ui.qtcompat.emit gives it back."""
    from PySide6.QtCore import QObject, Signal

    from ui.qtcompat import emit

    class Source(QObject):
        changed = Signal(object)

    source = Source()
    got: list[Any] = []
    source.changed.connect(got.append)
    before = sys.getrefcount(True)
    for i in range(5000):
        emit(source.changed, i)
    got.clear()
    assert abs(sys.getrefcount(True) - before) < 50


# --------------------------------------------------------------------------- keyboard-only use


def tab_stops(qtbot: Any, start: Any, stop_at: Any, limit: int = 400) -> list[Any]:
    """Press Tab from ``start`` until ``stop_at`` has the focus; the widgets reached in between."""
    start.setFocus()
    qtbot.waitUntil(start.hasFocus)
    seen: list[Any] = []
    for _ in range(limit):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is stop_at:
            return seen
        seen.append(widget)
    raise AssertionError(f"Tab never reached {stop_at!r}")


def test_tab_walks_every_wizard_page_in_reading_order(harness: Harness, qtbot: Any) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QLineEdit as Edit

    h = harness
    h.window.open_demo()
    w = h.wizard
    for page_id in [p.id for p in w.flow.pages]:
        page = w.open_page(page_id)
        if page_id == "emission":  # a row added now is reached before the add button, not after the page
            from ui.wizard.sections import OutletsSection

            outlets = page.findChild(OutletsSection)
            outlets.add_clicked()
            qtbot.waitUntil(outlets.rows[-1].first.isVisible)
        stops = tab_stops(qtbot, w.nav, w.back_list)
        inside = [s for s in stops if page.isAncestorOf(s) or s is page]
        # sections → the page → the score panel → the buttons: nothing of the page after the panel
        assert stops[: len(inside)] == inside, (page_id, stops)
        assert stops[len(inside) :] == [w.score_panel], (page_id, stops)
        content = page.widget()
        spans = []
        for s in inside:
            if s is not page:
                top = s.mapTo(content, QPoint(0, 0)).y()
                spans.append((top, top + s.height(), s))
        for (prev_top, _, prev), (_, bottom, cur) in itertools.pairwise(spans):
            # the next stop is on the same line or below, never back up the page
            assert bottom > prev_top, (page_id, prev, cur)
        reached = {id(s) for s in inside}
        missed = [e for e in content.findChildren(Edit) if e.isVisibleTo(content) and e.isEnabled() and id(e) not in reached]
        assert not missed, (page_id, [e.text() for e in missed])
        buttons = tab_stops(qtbot, w.back_list, w.nav)
        assert buttons == [b for b in (w.try_button, w.scenarios_button, w.prev_button, w.next_button) if b.isEnabled()], page_id


def test_next_and_back_by_keyboard(harness: Harness, qtbot: Any) -> None:
    from PySide6.QtTest import QTest

    h = harness
    h.window.open_demo()
    w = h.wizard
    w.open_page("profile")
    field = w.pages["profile"].editors["enterprise.county"].edit
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    # Alt+N is the mnemonic of 下一步(&N); QTest goes through Qt's shortcut map (the click is animated)
    with qtbot.waitSignal(w.page_changed, timeout=3000) as blocker:
        QTest.keyClick(field, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert blocker.args == ["prerequisites"] and w.current == "prerequisites"
    with qtbot.waitSignal(w.page_changed, timeout=3000) as blocker:
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert blocker.args == ["profile"]
    with qtbot.waitSignal(w.page_changed, timeout=3000) as blocker:
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == ["prerequisites"]


def test_home_list_tab_order(harness: Harness, qtbot: Any) -> None:
    h = harness
    h.window.open_demo()
    h.window.show_list()
    home = h.window.home
    stops = tab_stops(qtbot, home.search, home.search)
    assert stops[:3] == [home.status, home.table, home.new_button]
    assert stops[-1] is home.demo_button
