"""Opening the database: engine, SQLite pragmas, integrity and identity checks.

Durability promise (F16): WAL journal with ``synchronous=FULL`` — a write the program has
acknowledged survives a kill or a power cut; foreign keys on every connection; a short
``busy_timeout`` so a second program instance waits briefly for the lock, then gets a clear
"busy" message instead of corrupting anything.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError, OperationalError

from .errors import DatabaseBusy, DatabaseUnreadable

# "DNZ1": written into the SQLite header so a foreign database is recognised without guessing.
APPLICATION_ID = 0x444E5A31
BUSY_TIMEOUT_MS = 5000
_SQLITE_MAGIC = b"SQLite format 3\x00"


def _set_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = FULL")
    cur.close()


@dataclass(frozen=True)
class Database:
    engine: Engine
    path: Path | None  # None for a server database (PostgreSQL)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def dispose(self) -> None:
        self.engine.dispose()


def check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not SQLite, is corrupt, or belongs to another program.

    Reads only; never writes to the file.
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        header = fh.read(100)
    if not header.startswith(_SQLITE_MAGIC):
        raise DatabaseUnreadable(
            f"“{path}”不是本程序的数据库文件（也不是 SQLite 数据库）。文件未被改动；可以从备份恢复，或选择其他数据文件夹。",
            f"'{path}' is not a database of this program (not SQLite). The file was not changed.",
        )
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            # Asked through SQLite, not read from the header bytes: in WAL mode a fresh header
            # may still sit in the -wal file after a kill.
            app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
            result = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseUnreadable(
            f"数据库文件“{path}”已损坏，无法读取（{exc}）。文件未被改动；请从备份恢复。",
            f"the database file '{path}' is damaged ({exc}). It was not changed; restore a backup.",
        ) from None
    if result != [("ok",)]:
        detail = "; ".join(str(r[0]) for r in result[:3])
        raise DatabaseUnreadable(
            f"数据库完整性检查未通过（{detail}）。文件未被改动；请从备份恢复。",
            f"the database failed its integrity check ({detail}); restore a backup.",
        )
    if tables and app_id != APPLICATION_ID:
        raise DatabaseUnreadable(
            f"“{path}”是另一个程序的 SQLite 数据库，不是本程序的数据。文件未被改动。",
            f"'{path}' is another program's SQLite database. It was not changed.",
        )


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def open_database(path: Path | None = None, *, url: str | None = None) -> Database:
    """Open (creating if needed) the SQLite file at ``path``, or a server database by ``url``."""
    if url is not None:
        return Database(create_engine(url, pool_pre_ping=True), None)
    assert path is not None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseBusy(
            f"无法创建数据文件夹“{path.parent}”：{exc.strerror or exc}。请检查权限或选择其他文件夹。",
            f"cannot create the data folder '{path.parent}': {exc}",
        ) from None
    check_sqlite_file(path)
    engine = create_engine(sqlite_url(path), connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _set_pragmas)
    db = Database(engine, path)
    with translate_errors(), engine.begin() as conn:
        current: int = conn.execute(text("PRAGMA application_id")).scalar_one()
        if current != APPLICATION_ID:
            conn.execute(text(f"PRAGMA application_id = {APPLICATION_ID}"))
    return db


@contextmanager
def translate_errors() -> Iterator[None]:
    """Turn SQLite lock and I/O failures into messages a user can act on.

    Covers both SQLAlchemy's wrapped errors and the driver's own (the autosave fast path talks
    to the driver directly).
    """
    try:
        yield
    except (OperationalError, sqlite3.OperationalError) as exc:
        orig = exc.orig if isinstance(exc, OperationalError) else exc
        _raise_operational(str(orig) if orig is not None else str(exc))
        raise
    except DBAPIError as exc:
        if isinstance(exc.orig, sqlite3.DatabaseError) and "malformed" in str(exc.orig):
            raise DatabaseUnreadable(
                "数据库文件已损坏，请从备份恢复。", "the database file is damaged; restore a backup."
            ) from None
        raise


def _raise_operational(message: str) -> None:
    if "locked" in message or "busy" in message:
        raise DatabaseBusy(
            "数据库正被另一个程序实例写入，请稍后重试（本次修改未保存）。",
            "the database is busy in another program instance; try again (this change was not saved).",
        ) from None
    if "readonly" in message or "read-only" in message:
        raise DatabaseBusy(
            "数据库文件或所在文件夹是只读的，无法保存。请检查文件夹权限。",
            "the database or its folder is read-only; nothing can be saved.",
        ) from None
    if "unable to open" in message:
        raise DatabaseBusy(
            "无法打开数据库文件：文件夹不可写或路径无效。请检查权限或选择其他数据文件夹。",
            "cannot open the database file: the folder is not writable or the path is invalid.",
        ) from None
    if "disk" in message and "full" in message:
        raise DatabaseBusy("磁盘已满，本次修改未保存。", "the disk is full; this change was not saved.") from None
