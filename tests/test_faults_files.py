"""Items 2, 6 and 9 of issue #11: empty, header-less and undecodable files; leftovers of killed work."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.services import AssessmentService
from models.backup import list_backups, take_backup
from models.errors import DatabaseUnreadable, StorageError
from tests.conftest import ROOT
from tests.faultkit import populated, rows, run_cli

# ------------------------------------------------------------------ item 2: empty files


@pytest.mark.parametrize("content", [b"", b"\0" * 4096, b"SQLite format 2\0" + b"\0" * 84])
def test_empty_or_headerless_database_is_refused_not_recreated(tmp_path: Path, content: bytes) -> None:
    db, _ = populated(tmp_path)
    for _ in range(3):
        take_backup(db, "auto-start")
    db.write_bytes(content)
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    for _ in range(12):  # more starts than backups are kept
        code, out, err = run_cli("--db", str(db), "list")
        assert code == 2, (out, err)
        assert "备份" in err and "restore" in err  # the newest backup and how to restore it
        with pytest.raises(DatabaseUnreadable):
            AssessmentService.open(db_path=db)
    assert db.read_bytes() == content
    autos = [b for b in list_backups(db) if b.reason == "auto-start"]
    assert len(autos) == 3 and all(b.assessments == 1 for b in autos)


def test_a_new_path_is_still_created(tmp_path: Path) -> None:
    db = tmp_path / "new folder" / "我的数据.sqlite3"
    code, _out, err = run_cli("--db", str(db), "list")
    assert code == 0, err
    assert db.stat().st_size > 0


def test_pruning_never_drops_the_backup_holding_the_most_data(tmp_path: Path) -> None:
    db, ident = populated(tmp_path)
    take_backup(db, "auto-start")
    service = AssessmentService.open(db_path=db, backup_on_start=False)
    try:
        service.delete_assessment(ident, service.deletion_token(ident))
    finally:
        service.close()
    for _ in range(15):
        take_backup(db, "auto-start")
    autos = [b for b in list_backups(db) if b.reason == "auto-start"]
    assert any(b.assessments == 1 for b in autos)
    assert len(autos) <= 11


# ------------------------------------------------------------------ item 6: undecodable content


def _corrupt_text(db: Path, sql: str) -> None:
    conn = sqlite3.connect(db)
    conn.execute(sql)
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE enterprises SET name = CAST(X'E6BBA8FF' AS TEXT)",
        "UPDATE answers SET value_json = CAST(X'22FF22' AS TEXT) WHERE key = 'answers.P4'",
        "UPDATE journal SET new_json = CAST(X'FE' AS TEXT)",
        "UPDATE answers SET value_json = '{not json' WHERE key = 'answers.P4'",
        "UPDATE answers SET value_json = 'NaN' WHERE key = 'answers.P4'",
        "UPDATE answers SET value_json = '1e99999999999999999999' WHERE key = 'answers.P4'",
    ],
)
def test_undecodable_rows_give_a_message_and_name_the_backup(tmp_path: Path, sql: str) -> None:
    db, ident = populated(tmp_path)
    take_backup(db, "auto-start")
    _corrupt_text(db, sql)
    for command in (["list"], ["show", str(ident)], ["score", str(ident)], ["list", "--json"]):
        code, _out, err = run_cli("--db", str(db), *command)
        if code == 0:
            continue  # this command does not read the damaged column
        assert code == 2, err
        assert "损坏" in err and "restore" in err, err
    service = AssessmentService.open(db_path=db, backup_on_start=False)
    try:
        for call in (service.list_assessments, lambda: service.document(ident), lambda: service.journal(ident)):
            try:
                call()
            except StorageError as exc:
                assert "损坏" in exc.zh
    finally:
        service.close()


def test_undecodable_schema_text_is_refused_by_the_check(tmp_path: Path) -> None:
    db, _ = populated(tmp_path)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET name = CAST(X'6576FF' AS TEXT) WHERE name = 'evidence'")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    code, _out, err = run_cli("--db", str(db), "list")
    assert code == 2 and "损坏" in err, err
    assert db.read_bytes() == before


def test_byte_flips_never_escape_as_tracebacks(tmp_path: Path) -> None:
    """A sample of single-byte corruptions across the file: every one opens, or is refused with a message."""
    db, ident = populated(tmp_path / "src")
    data = db.read_bytes()
    rng = random.Random(11)
    positions = sorted(rng.sample(range(100, len(data)), 120)) + list(range(100, 4096, 97))
    outcomes = {"ok": 0, "refused": 0}
    for i, pos in enumerate(positions):
        folder = tmp_path / f"flip{i}"
        folder.mkdir()
        flipped = bytearray(data)
        flipped[pos] ^= 0xFF
        path = folder / "dnz.sqlite3"
        path.write_bytes(bytes(flipped))
        try:
            service = AssessmentService.open(db_path=path, backup_on_start=False)
            try:
                service.list_assessments()
                service.document(ident)
                service.journal(ident)
            finally:
                service.close()
            outcomes["ok"] += 1
        except StorageError:
            outcomes["refused"] += 1
        except Exception as exc:
            from assessments.errors import DomainError

            assert isinstance(exc, DomainError), f"byte {pos}: {exc!r}"
            outcomes["refused"] += 1
    assert outcomes["refused"] > 0 and outcomes["ok"] > 0, outcomes


# ------------------------------------------------------------------ item 9: leftovers


def _killed_backup(tmp_path: Path, db: Path) -> None:
    """Run take_backup in a child that SIGKILLs itself in the middle of the copy."""
    script = (
        "import os, signal, sqlite3, sys\n"
        "from pathlib import Path\n"
        "import models.backup as b\n"
        "real = sqlite3.connect\n"
        "class Conn:\n"
        "    def __init__(self, c): self.c = c\n"
        "    def backup(self, dst, **kw):\n"
        "        def cb(status, remaining, total):\n"
        "            os.kill(os.getpid(), signal.SIGKILL)\n"
        "        self.c.backup(dst.c if isinstance(dst, Conn) else dst, pages=1, progress=cb)\n"
        "    def __getattr__(self, name): return getattr(self.c, name)\n"
        "class Shim:\n"
        "    def __getattr__(self, name): return getattr(sqlite3, name)\n"
        "    @staticmethod\n"
        "    def connect(*a, **k): return Conn(real(*a, **k))\n"
        "b.sqlite3 = Shim()\n"
        "b.take_backup(Path(sys.argv[1]), 'auto-start')\n"
    )
    child = subprocess.run([sys.executable, "-c", script, str(db)], cwd=ROOT, capture_output=True, text=True)
    assert child.returncode == -signal.SIGKILL, child.stderr


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
def test_leftovers_of_killed_work_are_removed_on_the_next_start(tmp_path: Path) -> None:
    db, _ = populated(tmp_path)
    _killed_backup(tmp_path, db)
    partials = list((tmp_path / "backups").glob("*.partial"))
    assert partials, "the killed backup left no partial file: the kill came too late"
    restoring = db.with_suffix(".restoring")
    restoring.write_bytes(b"half a restore")
    empty_evidence = tmp_path / "evidence" / "ab"
    empty_evidence.mkdir(parents=True)
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(ended.stdout)
    incoming = tmp_path / "evidence" / f"incoming-0a1b2c.{dead_pid}.partial"
    incoming.write_bytes(b"%PDF-1.4 half a copy")
    creating = tmp_path / f"dnz.sqlite3.{dead_pid}.creating"
    creating.write_bytes(b"half a new database")
    Path(str(creating) + "-wal").write_bytes(b"its log")
    service = AssessmentService.open(db_path=db)
    service.close()
    assert not list((tmp_path / "backups").glob("*.partial*"))
    assert not restoring.exists()
    assert not empty_evidence.exists()
    assert not incoming.exists()
    assert not creating.exists() and not Path(str(creating) + "-wal").exists()


def test_leftovers_of_a_running_program_are_left_alone(tmp_path: Path) -> None:
    db, _ = populated(tmp_path)
    (tmp_path / "backups").mkdir(exist_ok=True)
    mine = tmp_path / "backups" / f"manual-20260101-000000-000000.{os.getpid()}.partial"
    mine.write_bytes(b"being written by a live process")
    AssessmentService.open(db_path=db).close()
    assert mine.exists()


def test_listing_backups_of_a_refused_database_writes_nothing_beside_them(tmp_path: Path) -> None:
    db, _ = populated(tmp_path)
    for reason in ("auto-start", "manual", "pre-export"):
        take_backup(db, reason)
    folder = tmp_path / "backups"
    before = sorted(p.name for p in folder.iterdir())
    stamps = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    db.write_bytes(b"")
    code, _out, err = run_cli("--db", str(db), "list")
    assert code == 2, err
    code, _out, err = run_cli("--db", str(db), "backups")
    assert code == 0, err
    assert sorted(p.name for p in folder.iterdir()) == before
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == stamps


def test_backups_are_single_files(tmp_path: Path) -> None:
    db, _ = populated(tmp_path)
    backup = take_backup(db, "manual")
    assert backup is not None
    shutil.copyfile(backup, tmp_path / "alone.sqlite3")
    assert rows(tmp_path / "alone.sqlite3", "PRAGMA journal_mode") == [("delete",)]
    assert rows(tmp_path / "alone.sqlite3", "SELECT count(*) FROM assessments") == [(1,)]
