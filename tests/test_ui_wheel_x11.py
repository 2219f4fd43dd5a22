"""The wheel for real: the program under Xvfb, notches sent by xdotool through the X server (issue #13:
one notch over a unit box changed 万立方米 to 立方米 and the grade). Skipped where Xvfb or xdotool is
missing (.ci/run installs both)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.gui


@pytest.mark.skipif(not (shutil.which("xvfb-run") and shutil.which("xdotool")), reason="needs xvfb-run and xdotool")
def test_real_wheel_notches_scroll_the_page_and_leave_the_unit_alone(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    out = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", sys.executable, str(ROOT / "tests" / "x11_wheel_child.py"),
         str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr[-2000:]
    report = json.loads(out.stdout.strip().splitlines()[-1])
    before, after, focused = report["before"], report["after"], report["focused"]
    assert after["unit"] == before["unit"] == "10^4 m3"
    assert after["text"] == before["text"] == "150"
    assert after["stored"] == before["stored"] == 150 and after["journal"] == before["journal"]
    assert after["scroll"] > before["scroll"]  # three notches down, one up: the page moved
    # with the focus in the box the notch chooses the next unit, and the amount is converted, not re-read
    assert focused["unit"] == "m3" and focused["text"] == "1500000" and focused["stored"] == 150
