"""Start-up: `python -m app --check-startup[=loaded]` against an empty QMainWindow, same run.

    .venv/bin/python benchmarks/bench_startup.py [--runs 15]

Two data folders: a fresh one (its database made by a first start, then empty) and one holding
10 000 assessments. For each, runs alternate (baseline, window shown, list shown, …) so machine
load hits all alike. Each process prints the wall-clock moment it reached its state
(``dnz-startup shown|loaded <time>``; the baseline after its first paint, like the program); the
figure is that moment minus the moment the process was started — the exit, which waits for the
start-up backup, is not counted. Process lifetimes are printed as well, for information.

Targets: window shown ≤ 1.4 × the empty window; list shown ≤ 3 × the empty window.
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
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class Window(QMainWindow):
    painted = False
    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, done)

def done():
    print(f"dnz-startup shown {time.time():.6f}", flush=True)
    app.quit()

app = QApplication(sys.argv)
w = Window()
w.show()
sys.exit(app.exec())
"""
SHOWN_TARGET = 1.4
LISTED_TARGET = 3.0


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds until the process reported its state, seconds until it exited)."""
    start = time.time()
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True, text=True, timeout=120)
    lifetime = time.perf_counter() - t0
    marks = [line.split() for line in done.stdout.splitlines() if line.startswith("dnz-startup ")]
    assert len(marks) == 1, done.stdout
    return float(marks[0][2]) - start, lifetime


def fill(folder: Path, n: int) -> None:
    """n assessments over n/4 enterprises, inserted in bulk (as benchmarks/bench_storage.py)."""
    sys.path.insert(0, str(ROOT))
    from sqlalchemy import insert

    from app.services import AssessmentService
    from models.base import utcnow
    from models.repo import ASS, ENT

    service = AssessmentService.open(folder, backup_on_start=False)
    now = utcnow()
    ents = [
        {"name": f"企业{i:05d}有限公司", "uscc": f"X{i:017d}", "county": "邹平市", "created_at": now, "updated_at": now}
        for i in range(n // 4)
    ]
    with service.db.engine.begin() as conn:
        conn.execute(insert(ENT), ents)
        rows = [
            {
                "enterprise_id": 1 + i // 4, "year": 2022 + i % 4, "criteria_id": "binzhou-dnz-2025.1",
                "criteria_version": "2025.1", "status": "complete", "total": 40 + i % 50, "grade": "compliant",
                "revision": 1, "created_at": now, "updated_at": now,
            }
            for i in range(n)
        ]  # fmt: skip
        conn.execute(insert(ASS), rows)
    service.close()


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def bench(data: Path, base_cmd: list[str], runs: int, env: dict[str, str]) -> tuple[float, float, float]:
    app = [sys.executable, "-m", "app", "--data-dir", str(data)]
    shown_cmd, loaded_cmd = [*app, "--check-startup"], [*app, "--check-startup=loaded"]
    timed(loaded_cmd, env)  # make the database if there is none; warm the file cache
    timed(base_cmd, env)
    base: list[tuple[float, float]] = []
    shown: list[tuple[float, float]] = []
    listed: list[tuple[float, float]] = []
    for _ in range(runs):
        base.append(timed(base_cmd, env))
        shown.append(timed(shown_cmd, env))
        listed.append(timed(loaded_cmd, env))
    b, s, li = (median_ms([t[0] for t in x]) for x in (base, shown, listed))
    bl, sl, ll = (median_ms([t[1] for t in x]) for x in (base, shown, listed))
    print(f"  empty QMainWindow painted          median {b:7.1f} ms   (process {bl:7.1f} ms)")
    print(f"  --check-startup        (shown)     median {s:7.1f} ms   (process {sl:7.1f} ms)  {s / b:5.2f}x")
    print(f"  --check-startup=loaded (listed)    median {li:7.1f} ms   (process {ll:7.1f} ms)  {li / b:5.2f}x")
    return b, s, li


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--assessments", type=int, default=10_000)
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        baseline_py = Path(tmp) / "baseline.py"
        baseline_py.write_text(BASELINE, encoding="utf-8")
        base_cmd = [sys.executable, str(baseline_py)]
        full = Path(tmp) / "full"
        fill(full, args.assessments)
        print(f"runs: {args.runs} of each, alternating; medians of the moment reached after the process start")
        for title, data in (("fresh data folder", Path(tmp) / "fresh"), (f"{args.assessments} assessments", full)):
            print(title)
            b, s, li = bench(data, base_cmd, args.runs, env)
            ok = ok and s / b <= SHOWN_TARGET and li / b <= LISTED_TARGET
    print(f"targets: shown <= {SHOWN_TARGET}x, listed <= {LISTED_TARGET}x: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
