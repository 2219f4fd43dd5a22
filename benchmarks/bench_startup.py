"""Start-up: `python -m app --check-startup` against a minimal PySide6 empty-QMainWindow script.

    .venv/bin/python benchmarks/bench_startup.py [--runs 15]

Runs alternate (app, baseline, app, baseline, …) in the same session so machine load hits both
alike; prints the medians and the ratio (target ≤ 1.5×). Also reports `--check-startup=loaded`
(window shown *and* the database opened and listed) for information.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow()
w.show()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
"""


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        baseline_py = Path(tmp) / "baseline.py"
        baseline_py.write_text(BASELINE, encoding="utf-8")
        app_cmd = [sys.executable, "-m", "app", "--check-startup", "--data-dir", str(data)]
        loaded_cmd = [sys.executable, "-m", "app", "--check-startup=loaded", "--data-dir", str(data)]
        base_cmd = [sys.executable, str(baseline_py)]
        timed(loaded_cmd, env)  # create and migrate the database once; warm the file cache
        timed(base_cmd, env)
        app_t: list[float] = []
        base_t: list[float] = []
        loaded_t: list[float] = []
        for _ in range(args.runs):
            app_t.append(timed(app_cmd, env))
            base_t.append(timed(base_cmd, env))
            loaded_t.append(timed(loaded_cmd, env))
    a, b, c = (statistics.median(x) * 1000 for x in (app_t, base_t, loaded_t))
    print(f"runs: {args.runs} each, alternating")
    print(f"python -m app --check-startup        median {a:7.1f} ms")
    print(f"empty QMainWindow baseline           median {b:7.1f} ms")
    print(f"ratio                                {a / b:7.2f}x  (target <= 1.5x)")
    print(f"python -m app --check-startup=loaded median {c:7.1f} ms  (database opened and listed)")
    return 0 if a / b <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
