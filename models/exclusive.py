"""Having the database alone: no other connection, in this or any other process, for a while.

Restoring a backup or migrating the schema under a program that has the file open would leave
that program writing into a file that has been replaced, or reading a schema it does not know.
SQLite itself knows whether anyone else has the file open: in exclusive locking mode
``BEGIN EXCLUSIVE`` succeeds only when no other connection has it open (checked, 2026-11, for
an idle connection of another process in WAL mode), and the lock is then held until the
connection closes, so nobody can open it meanwhile either.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .db import raise_storage_error
from .errors import DatabaseInUse
from .instance_lock import read_owner

WAIT_SECONDS = 2.0


def in_use(db_path: Path, what_zh: str, what_en: str) -> DatabaseInUse:
    owner = read_owner(db_path)
    who = f"（可能是另一个窗口：{owner.describe_zh()}）" if owner else "（另一个窗口或命令行）"
    return DatabaseInUse(
        f"{what_zh}需要独占数据库，但另一个程序正打开着它{who}。请先关闭另一个程序或窗口，再重试。数据库未被改动。",
        f"{what_en} needs the database alone, but another program has it open; close it and retry. "
        "Nothing was changed.",
        owner=owner,
    )


@contextmanager
def exclusive_access(db_path: Path, what_zh: str, what_en: str) -> Iterator[sqlite3.Connection]:
    """A connection (driver autocommit, exclusive lock held) or DatabaseInUse; closed on exit.

    The caller must have closed its own other connections to the file first.
    """
    conn = sqlite3.connect(db_path, timeout=WAIT_SECONDS, isolation_level=None)
    try:
        try:
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            message = str(exc).lower()
            if "locked" in message or "busy" in message:
                raise in_use(db_path, what_zh, what_en) from None
            raise_storage_error(exc)
            raise
        yield conn
    finally:
        conn.close()
