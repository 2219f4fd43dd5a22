"""Item 3 of issue #11: restore keeps what the WAL holds and never runs under another program."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.services import AssessmentService
from models.backup import list_backups, take_backup
from tests.conftest import ROOT
from tests.faultkit import crash_copy, integrity, populated, rows, run_cli

WRITER = (
    "import sys\n"
    "from pathlib import Path\n"
    "from app.services import AssessmentService\n"
    "s = AssessmentService.open(db_path=Path(sys.argv[1]), backup_on_start=False, single_window={window})\n"
    "print('READY', flush=True)\n"
    "n = 0\n"
    "for line in sys.stdin:\n"
    "    n += 1\n"
    "    try:\n"
    "        s.set_answer(1, 'answers.P4', n % 90 + 1)\n"
    "        print('ACK', n, flush=True)\n"
    "    except Exception as exc:\n"
    "        print('ERR', type(exc).__name__, flush=True)\n"
)


def _backup(db: Path) -> Path:
    taken = take_backup(db, "manual")
    assert taken is not None
    return taken


def _writer(db: Path, *, window: bool) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER.format(window=window), str(db)],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line.strip() == "READY", child.stderr.read() if child.stderr else line
    return child


def _close_pipes(child: subprocess.Popen[str]) -> None:
    for pipe in (child.stdin, child.stdout, child.stderr):
        if pipe is not None:
            pipe.close()


def _write(child: subprocess.Popen[str]) -> str:
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write("go\n")
    child.stdin.flush()
    return child.stdout.readline().strip()


def test_pre_restore_copy_holds_what_only_the_wal_held(tmp_path: Path) -> None:
    db, ident = populated(tmp_path / "live")
    backup = _backup(db)
    service = AssessmentService.open(db_path=db, backup_on_start=False)
    keys = ["answers.P4", "answers.P6", "energy.raw_coal", "gec_mwh"]
    written = {}
    for n in range(26):
        key = keys[n % len(keys)]
        value = 50 + n if key.startswith("answers.") else 1000 + n
        service.set_answer(ident, key, value)
        written[key] = value
    crashed = crash_copy(db, tmp_path / "crashed")  # the files as a kill now would leave them
    service.close()
    assert Path(str(crashed) + "-wal").stat().st_size > 0
    code, _out, err = run_cli("--db", str(crashed), "restore", str(backup))
    assert code == 0, err
    pre = [b for b in list_backups(crashed) if b.reason == "pre-restore"]
    assert len(pre) == 1
    kept = AssessmentService.open(db_path=pre[0].path, backup_on_start=False)
    try:
        answers = kept.answers(ident)
        assert {k: answers[k].value for k in written} == written
    finally:
        kept.close()
    assert integrity(crashed) == "ok"
    assert rows(crashed, "SELECT value_json FROM answers WHERE key = 'answers.P4'") == [("82",)]


@pytest.mark.parametrize("window", [True, False], ids=["desktop-window", "command-line-writer"])
def test_restore_is_refused_while_another_program_has_the_database_open(tmp_path: Path, window: bool) -> None:
    db, _ = populated(tmp_path)
    backup = _backup(db)
    child = _writer(db, window=window)
    try:
        assert _write(child).startswith("ACK")
        code, _out, err = run_cli("--db", str(db), "restore", str(backup))
        assert code == 2, err
        assert "另一个" in err and "关闭" in err
        if window:
            assert str(child.pid) in err  # names the other program
        acks = [_write(child) for _ in range(20)]
        assert all(a.startswith("ACK") for a in acks), acks
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(timeout=30)
        _close_pipes(child)
    assert rows(db, "SELECT value_json FROM answers WHERE key = 'answers.P4'") == [(str(21 % 90 + 1),)]
    assert not [b for b in list_backups(db) if b.reason == "pre-restore"]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
def test_a_killed_window_does_not_block_restore(tmp_path: Path) -> None:
    db, _ = populated(tmp_path)
    backup = _backup(db)
    child = _writer(db, window=True)
    assert _write(child).startswith("ACK")
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    _close_pipes(child)
    code, _out, err = run_cli("--db", str(db), "restore", str(backup))
    assert code == 0, err


def test_restore_from_inside_the_program_holding_the_window(tmp_path: Path) -> None:
    db, ident = populated(tmp_path)
    backup = _backup(db)
    service = AssessmentService.open(db_path=db, single_window=True)
    try:
        service.set_answer(ident, "answers.P4", 33)
        kept = service.restore(backup)
        assert kept is not None
        assert service.answers(ident)["answers.P4"].value == 82
        service.set_answer(ident, "answers.P4", 44)  # the program keeps working on the restored file
        assert service.answers(ident)["answers.P4"].value == 44
    finally:
        service.close()
    assert integrity(db) == "ok"
