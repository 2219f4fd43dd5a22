"""F16 "nothing lost": kill -9 a writer mid-write; every acknowledged write survives.

Parent and child go in lock-step (tests/kill_child.py): the child makes one write per line the
parent sends and acknowledges it. The parent asks for ``stop_after + 1`` writes, reads their
acknowledgements, asks for one more and kills the child at once — so exactly one write can be
in flight, whatever the machine's speed, and the checks below are exact.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.services import AssessmentService
from tests.kill_child import write_sequence

CHILD = Path(__file__).with_name("kill_child.py")
RUNS = 12


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
@pytest.mark.parametrize("run", range(RUNS))
def test_acknowledged_answers_survive_sigkill(tmp_path: Path, run: int) -> None:
    rng = random.Random(run)
    stop_after = rng.randint(0, 80)
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert child.stdin is not None and child.stdout is not None
    ready = child.stdout.readline().split()
    assert ready and ready[0] == "READY", child.stderr.read() if child.stderr else ""
    assessment_id = int(ready[1])
    for n in range(stop_after + 1):
        child.stdin.write("go\n")
        child.stdin.flush()
        assert child.stdout.readline().split() == ["ACK", str(n)]
    acked = stop_after
    child.stdin.write("go\n")  # the write in flight when the kill lands (or not yet begun)
    child.stdin.flush()
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL
    for pipe in (child.stdin, child.stdout, child.stderr):
        with contextlib.suppress(BrokenPipeError):  # the child is gone: nothing left to flush to
            pipe.close()

    db = tmp_path / "dnz.sqlite3"
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()

    sequence = write_sequence(acked + 2)
    expected: dict[str, object] = {}
    for key, value in sequence[: acked + 1]:
        expected[key] = value
    in_flight_key, in_flight_value = sequence[acked + 1]
    service = AssessmentService.open(tmp_path, backup_on_start=False)
    try:
        stored = service.answers(assessment_id)
        for key, value in expected.items():
            allowed = {value, in_flight_value} if key == in_flight_key else {value}
            assert stored[key].value in allowed, (key, stored[key].value, allowed)
        # The journal has a row for every acknowledged write, and perhaps the one in flight.
        journal = [e for e in service.journal(assessment_id) if not e.key.startswith("enterprise.")]
        assert acked + 1 <= len(journal) <= acked + 2
    finally:
        service.close()
