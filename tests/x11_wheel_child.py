"""Child process for the real-wheel test: the program under Xvfb, scrolled with xdotool (X button 4/5).

Usage (under xvfb-run): python tests/x11_wheel_child.py DATA_DIR [SHOTS_DIR]. Opens the demo on the
energy page, puts the pointer over 天然气's unit box, sends wheel notches through the X server
(spontaneous events, as a real mouse makes them) and prints one JSON line: the unit before/after, the
page's scroll position before/after, the stored amount before/after, journal rows before/after.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "xcb"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:

    from app.settings import Settings
    from ui import notify
    from ui.application import Desktop, make_application
    from ui.settings_store import SettingsStore

    data = Path(sys.argv[1])
    shots = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    SettingsStore.in_folder(data).save(Settings(demo_offered=True))
    notify.set_notifier(notify.RecordingNotifier())
    app = make_application()
    desktop = Desktop(app, argparse.Namespace(data_dir=data, db=None, check_startup=None))
    window = desktop.start()
    window.move(0, 0)
    window.resize(1100, 700)

    def pump(seconds: float, until: object = None) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            if until is not None and until():  # type: ignore[operator]
                return
            time.sleep(0.01)

    pump(20, lambda: desktop.service is not None)
    window.open_demo()
    wizard = window.wizard
    assert wizard is not None
    page = wizard.open_page("energy")
    pump(1)
    row = page.sections[0].rows["natural_gas"]
    unit = row["unit"]
    bar = page.verticalScrollBar()
    page.ensureWidgetVisible(unit)
    window.activateWindow()  # Xvfb has no window manager: the program activates itself
    pump(1, window.isActiveWindow)
    wizard.nav.setFocus()  # the user was working elsewhere; the pointer just passes over the unit box
    pump(1, wizard.nav.hasFocus)
    sid = wizard.session.id
    before = {"unit": unit.currentData(), "scroll": bar.value(), "text": row["edit"].edit.text(),
              "stored": desktop.service.answers(sid)["energy.natural_gas"].value,
              "journal": len(desktop.service.journal(sid))}  # fmt: skip
    if shots:
        window.grab().save(str(shots / "wheel-before.png"))
    centre = unit.mapToGlobal(unit.rect().center())
    subprocess.run(["xdotool", "mousemove", str(centre.x()), str(centre.y())], check=True)
    pump(0.3)
    # click 5 = one notch down, click 4 = up; the pointer stays where it is while the page moves
    for button in ("5", "5", "4", "5"):
        subprocess.run(["xdotool", "click", button], check=True)
        pump(0.2)
    pump(0.5)
    if shots:
        window.grab().save(str(shots / "wheel-after.png"))
    after = {"unit": unit.currentData(), "scroll": bar.value(), "text": row["edit"].edit.text(),
             "stored": desktop.service.answers(sid)["energy.natural_gas"].value,
             "journal": len(desktop.service.journal(sid))}  # fmt: skip
    # the control: once the user clicks into the box, the wheel is the user's choice
    unit.setFocus()
    pump(1, unit.hasFocus)
    centre = unit.mapToGlobal(unit.rect().center())
    subprocess.run(["xdotool", "mousemove", str(centre.x()), str(centre.y()), "click", "5"], check=True)
    pump(1, lambda: unit.currentData() != after["unit"])
    focused = {"unit": unit.currentData(), "text": row["edit"].edit.text(), "had_focus": unit.hasFocus(),
               "stored": desktop.service.answers(sid)["energy.natural_gas"].value}  # fmt: skip
    print(json.dumps({"before": before, "after": after, "focused": focused}), flush=True)
    window.close()
    desktop.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
