"""Start-up of the frozen program vs running from source (same run, alternating).

    .venv/bin/python benchmarks/bench_frozen.py [--bundle dist/dnz-assess] [--runs 15]

Builds the bundle with scripts/build_frozen.py first when it is missing. Each run is
`--check-startup` (main window shown, event loop idle, exit) on a fresh data folder copy.
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


def timed(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, timeout=120)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed: {done.stderr.decode(errors='replace')[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "dnz-assess")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    exe = args.bundle / ("dnz-assess.exe" if os.name == "nt" else "dnz-assess")
    if not exe.exists():
        subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "build_frozen.py"), "--dist", str(args.bundle.parent)], check=True
        )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory() as tmp:
        frozen_dir, source_dir = Path(tmp, "frozen"), Path(tmp, "source")
        # First runs create and migrate the databases; they are not measured.
        timed([str(exe), "--check-startup", "--data-dir", str(frozen_dir)], env)
        timed([sys.executable, "-m", "app", "--check-startup", "--data-dir", str(source_dir)], env)
        frozen: list[float] = []
        source: list[float] = []
        for _ in range(args.runs):
            frozen.append(timed([str(exe), "--check-startup", "--data-dir", str(frozen_dir)], env))
            source.append(timed([sys.executable, "-m", "app", "--check-startup", "--data-dir", str(source_dir)], env))
    f, s = statistics.median(frozen), statistics.median(source)
    print(
        f"--check-startup median: frozen {f * 1000:.0f} ms, from source {s * 1000:.0f} ms, ratio {f / s:.2f} ({args.runs} runs each)"
    )


if __name__ == "__main__":
    main()
