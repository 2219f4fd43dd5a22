"""Running the command line in tests: in this process (fast) or, for the few checks that need a
real process (exit status, the entry point, stream encoding), as ``python -m app``.

``run_app`` calls ``app.cli.run`` with stdout and stderr captured and returns what a finished
process would: exit code, stdout, stderr. An exception escaping ``run`` is a bug and fails the
test with its traceback instead of becoming exit code 1 with a traceback on stderr.
"""

from __future__ import annotations

import io
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT


@dataclass(frozen=True)
class Finished:
    """What a command left behind (the fields of ``subprocess.CompletedProcess`` the tests read)."""

    returncode: int
    stdout: str
    stderr: str


def run_app(*args: str | Path) -> Finished:
    """``python -m app ARGS`` in this process."""
    from app.cli import run

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = run([str(a) for a in args])
        except SystemExit as stop:  # argparse: --help, or a usage error (exit 2)
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    return Finished(code, out.getvalue(), err.getvalue())


def run_process(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``python -m app ARGS`` as a user starts it: a fresh interpreter, real streams and exit status."""
    return subprocess.run(
        [sys.executable, "-m", "app", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )
