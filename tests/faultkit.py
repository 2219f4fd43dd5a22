"""Tools for the fault-injection tests (tests/test_faults_*.py): crash snapshots, CLI runs, tmpfs.

A *crash snapshot* copies the database and its journal files (``-wal``, ``-journal``) at one
instant, as a kill at that instant would leave them on disk: a process's writes live in the
operating system's page cache the moment they are made, so the files as they are then are
exactly what SIGKILL leaves behind. Taking one before every statement of a migration kills the
migration at every statement in a single run.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import example

JOURNAL_SUFFIXES = ("-wal", "-journal")


def crash_copy(db: Path, target: Path) -> Path:
    """Copy ``db`` with its journal files into the folder ``target`` (same names); return the new db."""
    target.mkdir(parents=True, exist_ok=True)
    copy = target / db.name
    for suffix in ("", *JOURNAL_SUFFIXES):
        source = Path(str(db) + suffix)
        if source.exists():
            shutil.copyfile(source, Path(str(copy) + suffix))
    return copy


def crash_copy_folder(db: Path, target: Path) -> Path:
    """Copy the whole folder of ``db`` (temporary files, backups, journals) as a kill would leave it."""
    shutil.copytree(db.parent, target)
    return target / db.name


@contextlib.contextmanager
def statement_snapshots(db: Path, folder: Path, wanted: Callable[[str], bool]) -> Iterator[list[tuple[str, Path]]]:
    """Snapshot the folder of ``db`` before every statement ``wanted`` accepts, on every connection.

    Yields the list it fills: (statement, snapshot database). Works through any layer that
    opens SQLite with ``sqlite3.connect`` (SQLAlchemy's pysqlite dialect does).
    """
    taken: list[tuple[str, Path]] = []
    real_connect = sqlite3.connect

    def traced(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = real_connect(*args, **kwargs)

        def trace(statement: str) -> None:
            if wanted(statement):
                taken.append((statement, crash_copy_folder(db, folder / f"{len(taken):03d}")))

        conn.set_trace_callback(trace)
        return conn

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sqlite3, "connect", traced)
        mp.setattr(sqlite3.dbapi2, "connect", traced)  # what SQLAlchemy's pysqlite dialect calls
        yield taken


def is_schema_statement(statement: str) -> bool:
    head = statement.lstrip().upper()
    return head.startswith(("CREATE", "ALTER", "DROP", "COMMIT", "RELEASE")) or "ALEMBIC_VERSION" in head


def run_cli(*args: str) -> tuple[int, str, str]:
    """`python -m app ARGS` in this process: (exit code, stdout, stderr). An exception escapes (a bug)."""
    from contextlib import redirect_stderr, redirect_stdout

    from app.cli import run

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = run(list(args))
    return code, out.getvalue(), err.getvalue()


def populated(folder: Path, *, backup: bool = False) -> tuple[Path, int]:
    """A database in ``folder`` holding the worked example; (db path, assessment id)."""
    from app.services import AssessmentService
    from assessments.document import parse_document

    service = AssessmentService.open(folder, backup_on_start=backup)
    try:
        ident = service.import_document(parse_document(example()))
        assert service.db_path is not None
        return service.db_path, ident
    finally:
        service.close()


def rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def integrity(db: Path) -> str:
    return str(rows(db, "PRAGMA integrity_check")[0][0])


@contextlib.contextmanager
def tiny_tmpfs(folder: Path, size_kb: int) -> Iterator[Path]:
    """A tmpfs of ``size_kb`` mounted on ``folder`` (Linux, root); skips the test where not allowed."""
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(folder)], capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here to fill a disk ({done.stderr.strip() or 'mount failed'})")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill(folder: Path, leave_bytes: int) -> Path:
    """Fill the file system of ``folder`` until ``leave_bytes`` (rounded to its 4 KB pages) are free."""
    filler = folder / f"filler-{len(list(folder.glob('filler-*')))}.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        for chunk in (1 << 20, 1 << 16, 1 << 12, 1):
            block = b"\0" * chunk
            while shutil.disk_usage(folder).free - chunk >= leave_bytes:
                try:
                    os.write(fd, block)
                except OSError:
                    break
    finally:
        os.close(fd)
    return filler
