"""Opening the database: engine, SQLite pragmas, transactions, integrity and identity checks.

Durability promise (F16): WAL journal with ``synchronous=FULL`` — a write the program has
acknowledged survives a kill or a power cut; foreign keys on every connection; a short
``busy_timeout`` so a second program instance waits briefly for the lock, then gets a clear
"busy" message instead of corrupting anything.

Transactions are begun by us, not by the driver: Python's sqlite3 module opens a transaction
only before INSERT/UPDATE/DELETE, so two SELECTs of one "transaction" could see two different
states, and DDL committed statement by statement (a migration killed half-way left a file that
never opened again). Every transaction here starts with an explicit ``BEGIN``; writes with
``BEGIN IMMEDIATE``, which takes the write lock at once (waiting up to the busy timeout) instead
of failing later when a read must turn into a write.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError, StatementError

from assessments import jsonnum

from .errors import DatabaseBusy, DatabaseUnreadable, DiskFull, ReadOnlyDatabase, StorageError

# "DNZ1" (models/revision.py): written into the SQLite header so a foreign database is recognised
# without guessing.
from .revision import APPLICATION_ID as APPLICATION_ID

BUSY_TIMEOUT_MS = 5000
_SQLITE_MAGIC = b"SQLite format 3\x00"
_BEGIN = "dnz_begin"  # execution option: the kind of BEGIN a connection's transactions use


def _set_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # the driver never begins or commits on its own (see above)
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = FULL")
    cur.close()


def _set_read_only_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None
    dbapi_conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _begin(conn: Connection) -> None:
    conn.exec_driver_sql(f"BEGIN {conn.get_execution_options().get(_BEGIN, 'DEFERRED')}")


@dataclass(frozen=True)
class Database:
    engine: Engine
    path: Path | None  # None for a server database (PostgreSQL)
    read_only: bool = False

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @cached_property
    def writer(self) -> Engine:
        """The engine for writes: on SQLite its transactions take the write lock at BEGIN."""
        if not self.is_sqlite:
            return self.engine
        return self.engine.execution_options(**{_BEGIN: "IMMEDIATE"})

    def dispose(self) -> None:
        self.engine.dispose()


def _unreadable(path: Path, detail: str) -> DatabaseUnreadable:
    return DatabaseUnreadable(
        f"数据库文件“{path}”已损坏，无法读取（{detail}）。文件未被改动；请从备份恢复。",
        f"the database file '{path}' is damaged ({detail}). It was not changed; restore a backup.",
    )


def check_sqlite_file(path: Path, *, immutable: bool = False) -> None:
    """Refuse a file that is empty, not SQLite, corrupt, or belongs to another program.

    Reads only; never writes to the file. ``immutable`` (for backups, which nothing writes)
    reads without locking and without creating ``-wal``/``-shm`` files beside it. A path that
    does not exist passes: it is a new database.
    """
    if not path.exists():
        return
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise DatabaseUnreadable(
            f"无法读取数据库文件“{path}”：{exc.strerror or exc}。请检查文件权限。",
            f"cannot read the database file '{path}': {exc}",
        ) from None
    if not header:
        # An empty file is never recreated as an empty database: that would hide the loss and,
        # start after start, rotate every good backup away.
        raise DatabaseUnreadable(
            f"数据库文件“{path}”是空的（0 字节），其中的数据已经丢失。文件未被改动；请从备份恢复。"
            "如果这是您刚新建的空文件，删除它后重新启动，程序会新建数据库。",
            f"the database file '{path}' is empty (0 bytes). It was not changed; restore a backup, "
            "or delete it if you created it yourself.",
        )
    if not header.startswith(_SQLITE_MAGIC):
        raise DatabaseUnreadable(
            f"“{path}”不是本程序的数据库文件（也不是 SQLite 数据库）。文件未被改动；可以从备份恢复，或选择其他数据文件夹。",
            f"'{path}' is not a database of this program (not SQLite). The file was not changed.",
        )
    uri = f"{path.resolve().as_uri()}?{'immutable=1' if immutable else 'mode=ro'}"
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
    except UnicodeDecodeError as exc:  # undecodable text in the schema: damaged
        raise _unreadable(path, _short(exc)) from None
    except sqlite3.DatabaseError as exc:
        if not _is_damage(exc):  # busy, a full disk, no permission: the file may be fine
            raise_storage_error(exc, path)
        raise _unreadable(path, _short(exc)) from None
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


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    message = str(exc).lower()
    if any(word in message for word in ("malformed", "not a database", "could not decode", "corrupt")):
        return True
    return not isinstance(exc, sqlite3.OperationalError)


def disk_nearly_full(path: Path) -> bool:
    """Less than 1 MB free where ``path`` lives: SQLite's "disk I/O error" then means "disk full"."""
    try:
        return shutil.disk_usage(path if path.is_dir() else path.parent).free < 1024 * 1024
    except OSError:
        return False


def _short(exc: BaseException) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "有无法解码的文字"
    return str(exc)[:120]


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def sqlite_engine(path: Path, *, read_only: bool = False) -> Engine:
    """An engine on the SQLite file at ``path`` with our pragmas and explicit transactions."""
    if read_only:
        url = f"sqlite:///{path.resolve().as_uri()}?mode=ro&uri=true"
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _set_read_only_pragmas)
    else:
        engine = create_engine(sqlite_url(path), connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


def open_database(path: Path | None = None, *, url: str | None = None, read_only: bool = False) -> Database:
    """Open the existing SQLite file at ``path`` (checked first), or a server database by ``url``.

    A new SQLite file is made by `models.startup.create_database`, complete or not at all.
    """
    if url is not None:
        return Database(create_engine(url, pool_pre_ping=True), None)
    assert path is not None
    check_sqlite_file(path)
    if not path.exists():
        raise DatabaseUnreadable(f"数据库文件“{path}”不存在。", f"the database file '{path}' does not exist.")
    db = Database(sqlite_engine(path, read_only=read_only), path, read_only)
    if not read_only:
        with translate_errors(), db.writer.begin() as conn:
            current: int = conn.execute(text("PRAGMA application_id")).scalar_one()
            if current != APPLICATION_ID:
                conn.execute(text(f"PRAGMA application_id = {APPLICATION_ID}"))
    return db


@contextmanager
def translate_errors(where: Path | None = None) -> Iterator[None]:
    """Turn SQLite failures into messages a user can act on (what happened, what to do).

    Covers both SQLAlchemy's wrapped errors and the driver's own (the autosave fast path talks
    to the driver directly), and what damaged content raises while being read: undecodable
    text, JSON that does not parse. ``where``: the database file, to tell a full disk.
    """
    try:
        yield
    except (DBAPIError, sqlite3.Error) as exc:
        orig = exc.orig if isinstance(exc, DBAPIError) else exc
        raise_storage_error(orig if isinstance(orig, BaseException) else exc, where)
        raise
    except StatementError as exc:  # raised around a driver error SQLAlchemy did not wrap as DBAPIError
        if isinstance(exc.orig, UnicodeEncodeError):
            raise _unencodable() from None
        if isinstance(exc.orig, UnicodeDecodeError):
            raise _damaged("有无法解码的文字") from None
        raise
    except UnicodeDecodeError:
        raise _damaged("有无法解码的文字") from None
    except UnicodeEncodeError:
        raise _unencodable() from None
    except (json.JSONDecodeError, jsonnum.NonFiniteNumber, jsonnum.ExponentTooLarge):
        raise _damaged("保存的答案无法解析") from None


def _damaged(detail: str) -> DatabaseUnreadable:
    return DatabaseUnreadable(
        f"数据库文件已损坏（{detail}）。请从备份恢复（设置 → 备份，或命令 python -m app backups）。",
        f"the database file is damaged ({detail}); restore a backup.",
    )


def _unencodable() -> StorageError:
    return StorageError(
        "文字中含有无法保存的字符（例如不成对的代理字符），本次修改未保存。请删除该字符后重新输入。",
        "the text contains characters that cannot be stored (e.g. a lone surrogate); nothing was saved.",
    )


def raise_storage_error(exc: BaseException, where: Path | None = None) -> None:
    """Raise the StorageError for a driver error ``exc``; return (to re-raise it) if it is none we know.

    ``where``: the database file, to tell a full disk from other I/O errors.
    """
    message = str(exc)
    lowered = message.lower()
    if isinstance(exc, sqlite3.IntegrityError):
        return
    if "disk i/o error" in lowered and where is not None and disk_nearly_full(where):
        lowered = "database or disk is full"
    if "locked" in lowered or "busy" in lowered:
        raise DatabaseBusy(
            "数据库正被另一个程序实例写入，请稍后重试（本次修改未保存）。",
            "the database is busy in another program instance; try again (this change was not saved).",
        ) from None
    if "full" in lowered and ("disk" in lowered or "database" in lowered):
        raise DiskFull(
            "磁盘已满，本次修改未保存（已保存的内容不受影响）。请腾出磁盘空间后重试。",
            "the disk is full; this change was not saved (saved data is intact). Free some space and retry.",
        ) from None
    if "readonly" in lowered or "read-only" in lowered:
        raise ReadOnlyDatabase(
            "数据库文件或所在文件夹是只读的，无法保存。请检查文件夹权限。",
            "the database or its folder is read-only; nothing can be saved.",
        ) from None
    if "unable to open" in lowered:
        raise DatabaseBusy(
            "无法打开数据库文件：文件夹不可写或路径无效。请检查权限或选择其他数据文件夹。",
            "cannot open the database file: the folder is not writable or the path is invalid.",
        ) from None
    if "disk i/o error" in lowered:
        raise StorageError(
            "读写磁盘时出错（磁盘可能已满、已拔出或损坏），本次操作未完成。请检查磁盘后重试。",
            "a disk I/O error (the disk may be full, removed or failing); the operation did not complete.",
        ) from None
    if "could not decode" in lowered:
        raise _damaged("有无法解码的文字") from None
    if (
        "malformed" in lowered
        or "not a database" in lowered
        or "no such table" in lowered
        or "no such column" in lowered
        or (
            isinstance(exc, sqlite3.DatabaseError)
            and not isinstance(exc, sqlite3.OperationalError | sqlite3.ProgrammingError | sqlite3.InterfaceError)
        )
    ):
        raise _damaged(message[:120]) from None
