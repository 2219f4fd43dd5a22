"""The task runner survives thousands of background tasks (found while testing issue #16).

PySide6 6.12 takes references to None that it does not own each time the thread pool runs a Python
``QRunnable.run``; every autosave is scored through the runner, so a long editing session (a few
thousand saves) made CPython abort with "none_dealloc: deallocating None". ui/tasks.py gives the
references back. An abort kills the process, so the stress run happens in a child process.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import ROOT

_STRESS = textwrap.dedent(
    """
    import os, sys, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication
    from ui.tasks import TaskRunner
    app = QApplication([])
    runner = TaskRunner()
    done = []
    before = sys.getrefcount(None)
    start = time.monotonic()
    for k in range(6000):
        runner.run(lambda: sum(range(200)), done.append)
        if k % 10 == 0:
            QApplication.processEvents()
    while len(done) < 6000 and time.monotonic() - start < 120:
        QApplication.processEvents()
    runner.wait()
    QApplication.processEvents()
    print(len(done), sys.getrefcount(None) - before)
    """
)


def test_six_thousand_tasks_neither_abort_nor_drain_none() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", _STRESS], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    finished, drift = map(int, proc.stdout.split())
    assert finished == 6000
    assert drift >= -50  # None is referenced and released all the time; it must not drain by thousands
