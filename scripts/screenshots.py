"""Render every page of the wizard for the demo assessment (and the main window, dialogs) to PNG.

Besides the pages: a unit conversion, refused input (marked, and listed first on the review page),
the next-year summary and a next-year page with last year's values as hints, the change journal,
the user guide, the export result, a file dialog, and the new-assessment and settings dialogs.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [--lang en] [--out screenshots]

Uses a temporary data folder (never the user's). Each wizard page is saved one screenful at a
time down the page (``NN-page-1.png``, ``-2``, …) so that nothing below the fold escapes review.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def wait_until(app: object, test: object, timeout: float = 20.0) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout
    while not test():  # type: ignore[operator]
        if time.monotonic() > end:
            raise TimeoutError("timed out")
        QApplication.processEvents()
        time.sleep(0.01)


def extra_shots(app: object, window: object, wizard: object, save: object, wait_until: object, data: Path) -> None:
    """The states issue #13 is about, each saved as the user sees it."""
    from PySide6.QtWidgets import QApplication, QFileDialog

    from ui.wizard.export import ExportPage

    w: Any = wizard
    shot: Any = save
    wait: Any = wait_until
    # a unit chosen on purpose: the amount is converted, the score stays
    energy = w.open_page("energy")
    row = energy.sections[0].rows["natural_gas"]
    row["unit"].setCurrentIndex(row["unit"].findData("m3"))
    energy.ensureWidgetVisible(row["unit"])
    shot(window, "25-energy-unit-converted")
    row["unit"].setCurrentIndex(row["unit"].findData("10^4 m3"))
    # the export with its result
    folder = data / "filings"
    folder.mkdir(exist_ok=True)
    ExportPage.choose_folder = classmethod(lambda cls, parent: str(folder))  # type: ignore[method-assign, assignment]
    page = w.open_page("export")
    done: list[object] = []
    page.exported.connect(done.append)
    page.button.click()
    wait(app, lambda: bool(done), 120)
    shot(window, "26-export-result")
    # the journal (from the review page) and the help at this page
    review = w.open_page("review")
    review.journal_button.click()
    window.act_help.trigger()  # type: ignore[attr-defined]
    w.open_page("energy")
    window.act_help.trigger()  # type: ignore[attr-defined]
    # next year: the summary, then last year's values as hints, then refused input
    window.show_list()  # type: ignore[attr-defined]
    window.start_next_year()  # type: ignore[attr-defined]
    w = window.wizard  # type: ignore[attr-defined]
    wait(app, lambda: w.session.result is not None or not w.session.scoring)
    process = w.open_page("process")
    process.ensureWidgetVisible(process.cards["answers.P4"])
    shot(window, "32-next-year-hints")
    profile = w.open_page("profile")
    uscc = profile.editors["enterprise.uscc"].edit
    uscc.setFocus()
    uscc.setText("91371600MA3C5K2X8A")
    uscc.editingFinished.emit()
    industry = profile.editors["enterprise.industry_code"].edit
    industry.setFocus()
    industry.setText("ABC")
    industry.editingFinished.emit()
    shot(window, "33-refused-input")
    w.open_page("review")
    shot(window, "34-review-refused-first")
    for key in ("enterprise.uscc", "enterprise.industry_code"):  # leave nothing unsaved behind
        editor = profile.editors[key]
        editor.edit.setText(w.session.value(key) or "")
        editor.forget_last()
        editor.edit.editingFinished.emit()
    # Qt's own file dialog (where the system has none) in the program's language
    dialog = QFileDialog(window, "选择佐证材料", str(data), "佐证材料 (*.pdf)")  # type: ignore[arg-type]
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.resize(760, 460)
    dialog.show()
    QApplication.processEvents()
    shot(dialog, "36-file-dialog")
    dialog.close()


def sandbox_shots(app: object, window: object, wizard: object, save: object, wait_until: object, show: object) -> None:
    """Issue #16: the sandbox beside the saved score, a plan tried in it, scenarios and a comparison."""
    from ui.wizard.sandbox import ComparisonDialog, NameDialog, ScenarioDialog

    w: Any = wizard
    shot: Any = save
    wait: Any = wait_until
    plan_page = w.open_page("plan")
    plan_page.ensureWidgetVisible(plan_page.timeline)
    shot(window, "40-plan-timeline")
    # a change tried by hand: G4 to full, the score panel compares
    w.sandbox.enter()
    wait(app, lambda: w.session.result is not None and not w.session.scoring)
    governance = w.open_page("governance")
    governance.session.save("answers.G4", "full")
    governance.load()
    wait(app, lambda: not w.session.scoring)
    w.score_panel.verticalScrollBar().setValue(0)
    shot(window, "41-sandbox-by-hand")
    NameDialog.ask = classmethod(lambda cls, parent, title, default: default)  # type: ignore[method-assign, assignment]
    w.sandbox.save()
    w.sandbox.leave(ask=False)
    # the plan opened in the sandbox
    plan_page = w.open_page("plan")
    plan_page.try_button.click()
    wait(app, lambda: w.session.in_sandbox and w.session.result is not None and not w.session.scoring)
    shot(window, "42-sandbox-with-plan")
    w.sandbox.save()
    w.sandbox.leave(ask=False)
    dialog = ScenarioDialog(w.sandbox, window)  # type: ignore[arg-type]
    dialog.show()
    QApplication_ = __import__("PySide6.QtWidgets", fromlist=["QApplication"]).QApplication
    QApplication_.processEvents()
    shot(dialog, "43-scenarios")
    ids = [sc.id for sc in dialog.scenarios]
    dialog.close()
    comparison = ComparisonDialog(w.session, w.sandbox.store, ids, window)  # type: ignore[arg-type]
    comparison.resize(980, 560)  # the offscreen screen is small; a real one lets it fit its table
    show(comparison, "44-comparison")  # type: ignore[operator]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=860)
    opts = parser.parse_args()
    out: Path = opts.out / opts.lang
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtWidgets import QApplication

    from app.settings import Settings
    from ui import notify
    from ui.application import Desktop, make_application
    from ui.crash import CrashDialog
    from ui.dialogs import NewAssessmentDialog, SettingsDialog
    from ui.settings_store import SettingsStore

    def crash(cls: object, report: str, log_path: object, parent: object) -> bool:
        print(report, file=sys.stderr)  # a modal dialog would hang an offscreen run
        os._exit(1)

    CrashDialog.present = classmethod(crash)  # type: ignore[method-assign, assignment]
    recorder = notify.RecordingNotifier()
    recorder.answers = [False]  # decline the demo offer: the script opens it itself
    notify.set_notifier(recorder)
    data = Path(tempfile.mkdtemp(prefix="dnz-shots-"))
    SettingsStore.in_folder(data).save(Settings(language=opts.lang))
    app = make_application()
    desktop = Desktop(app, argparse.Namespace(data_dir=data, db=None, check_startup=None))
    window = desktop.start()
    window.resize(opts.width, opts.height)
    wait_until(app, lambda: desktop.service is not None)
    QApplication.processEvents()
    shots: list[Path] = []

    def save(widget: object, name: str) -> None:
        QApplication.processEvents()
        path = out / f"{name}.png"
        widget.grab().save(str(path))  # type: ignore[attr-defined]
        shots.append(path)

    from ui.help import HelpDialog
    from ui.next_year_dialog import NextYearDialog
    from ui.wizard.journal_dialog import JournalDialog

    def show_and_save(dialog: object, name: str) -> None:
        dialog.show()  # type: ignore[attr-defined]
        QApplication.processEvents()
        save(dialog, name)
        dialog.close()  # type: ignore[attr-defined]

    # The program's modal dialogs are shown and saved instead of run (nobody clicks them here).
    NextYearDialog.run = classmethod(lambda cls, summary, parent: show_and_save(cls(summary, parent), "31-next-year-summary"))  # type: ignore[method-assign, assignment]
    JournalDialog.run = classmethod(lambda cls, c, rows, title, parent: show_and_save(cls(c, rows, title, parent), "30-journal"))  # type: ignore[method-assign, assignment]
    HelpDialog.run = classmethod(lambda cls, anchor, parent: show_and_save(cls(anchor, parent), f"35-help-{anchor}"))  # type: ignore[method-assign, assignment]

    save(window, "00-main-empty")
    window.open_demo()
    wizard = window.wizard
    assert wizard is not None
    for i, page in enumerate(wizard.flow.page_ids, start=1):
        widget = wizard.open_page(page)
        wait_until(app, lambda: wizard.session.result is not None and not wizard.session.scoring)
        if page == "plan":  # the plan is computed off the GUI thread after the page opens
            wait_until(app, lambda w=widget: (w.plan is not None or getattr(w, "_skip", False)) and not w._running and not w.timer.isActive(), 60)
        QApplication.processEvents()
        bar = widget.verticalScrollBar()
        step = max(bar.pageStep(), 1)
        part = 1
        position = 0
        while True:  # the window as the user sees it, one screenful at a time down the page
            bar.setValue(position)
            save(window, f"{i:02d}-{page}-{part}")
            if position >= bar.maximum():
                break
            position = min(position + step, bar.maximum())
            part += 1
        bar.setValue(0)
    panel = wizard.score_panel
    panel.verticalScrollBar().setValue(panel.verticalScrollBar().maximum())
    save(window, "20-score-panel-bottom")
    sandbox_shots(app, window, wizard, save, wait_until, show_and_save)
    extra_shots(app, window, wizard, save, wait_until, data)
    window.show_list()
    save(window, "21-main-list")
    dialog = NewAssessmentDialog(lambda *a: 0, window)
    dialog.name.setText("滨州某某新材料有限公司" if opts.lang == "zh" else "Binzhou Example Materials Co.")
    dialog.uscc.setText("91371600MA3C5K2X7")
    dialog._uscc_typed(dialog.uscc.text())
    dialog.show()
    save(dialog, "22-dialog-new")
    dialog.uscc.setText("91371600MA3C5K2X7K")
    dialog._uscc_typed(dialog.uscc.text())
    dialog.error.show_error(
        "该企业 2025 年度的评估已存在；统一社会信用代码已被另一家企业使用，请核对营业执照上的代码后再创建。"
        if opts.lang == "zh" else "This enterprise's 2025 assessment exists already; the code is used by another "
        "enterprise: check the code on the business licence."
    )  # the longest kind of refusal: the dialog grows to show it whole
    dialog._fit()
    save(dialog, "22-dialog-new-refused")
    dialog.close()
    assert desktop.service is not None
    desktop.service.backup_now("pre-export")  # a reason of every kind the list translates
    settings = SettingsDialog(opts.lang, data, desktop.service.db_path, desktop.service.backups(), lambda: [], window)
    settings.show()
    save(settings, "23-dialog-settings")
    settings.close()
    try:
        raise RuntimeError("示例错误 / example error")
    except RuntimeError as exc:
        from app.crash import crash_report

        report = crash_report(type(exc), exc, exc.__traceback__, data / "logs" / "dnz-assess.log")
    crash = CrashDialog(report, data / "logs" / "dnz-assess.log", window)
    crash.show()
    save(crash, "24-dialog-crash")
    crash.close()
    window.close()
    desktop.shutdown()
    print("\n".join(str(p) for p in shots))
    return 0


if __name__ == "__main__":
    sys.exit(main())
