#!/usr/bin/env python3
"""Build the one-folder program from build.spec and smoke-test the result — one recipe for all.

Used by the slow test on Linux (tests/test_frozen_build.py) and by the Windows workflow
(.github/workflows/windows.yml), so both prove the same thing:

    python scripts/build_frozen.py [--dist DIR] [--work DIR] [--data DIR]

Prints the build time and bundle size; exit 0 when the frozen `--smoke-test` passed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE = ".exe" if os.name == "nt" else ""


def bundle_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build")
    parser.add_argument("--data", type=Path, help="data folder for the smoke test (default: temporary)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--distpath", str(args.dist),
         "--workpath", str(args.work), str(ROOT / "build.spec")],
        cwd=ROOT,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    if build.returncode != 0:
        print(f"build failed (exit {build.returncode})", file=sys.stderr)
        return build.returncode
    bundle = args.dist / "dnz-assess"
    print(f"build: {seconds:.1f} s; bundle {bundle} {bundle_size(bundle) / 2**20:.1f} MB", flush=True)

    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    smoke = [str(bundle / f"dnz-assess-cli{EXE}"), "--smoke-test"]
    if args.data is not None:
        smoke += ["--data-dir", str(args.data)]
    result = subprocess.run(smoke, env=env, timeout=600)
    print(f"frozen smoke test: exit {result.returncode}", flush=True)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
