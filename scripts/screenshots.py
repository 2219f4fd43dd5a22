"""Render every page of the wizard for the demo assessment (and the main window, dialogs) to PNG.

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

    save(window, "00-main-empty")
    window.open_demo()
    wizard = window.wizard
    assert wizard is not None
    for i, page in enumerate(wizard.flow.page_ids, start=1):
        widget = wizard.open_page(page)
        wait_until(app, lambda: wizard.session.result is not None and not wizard.session.scoring)
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
    window.show_list()
    save(window, "21-main-list")
    dialog = NewAssessmentDialog(lambda *a: 0, window)
    dialog.name.setText("滨州某某新材料有限公司" if opts.lang == "zh" else "Binzhou Example Materials Co.")
    dialog.uscc.setText("91371600MA3C5K2X7")
    dialog._uscc_typed(dialog.uscc.text())
    dialog.show()
    save(dialog, "22-dialog-new")
    dialog.close()
    assert desktop.service is not None
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
