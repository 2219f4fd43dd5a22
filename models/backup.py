"""Rotating backups with the SQLite online-backup API, and restoring them.

A backup is a complete, self-contained SQLite file (rollback-journal mode: no ``-wal`` beside it)
taken while the program runs: the backup API copies a consistent snapshot, including what still
sits in the write-ahead log, even with a writer active. Names carry the reason and the time:
``auto-start-20261124-083000-123456.sqlite3``, ``pre-export-…``, ``pre-migration-0001-…``,
``pre-restore-…``. Backups are only ever read with ``immutable=1``: looking at them creates nothing
beside them.

Pruning keeps the newest ``keep`` of a reason, but never drops the backup that holds the most
data in favour of newer ones that hold less (an emptied database must not rotate the good
backups away).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from . import leftovers
from .db import BUSY_TIMEOUT_MS, check_sqlite_file
from .errors import BackupFailed, DatabaseUnreadable
from .exclusive import exclusive_access

KEEP_AUTOMATIC = 10
_NAME = re.compile(r"(?P<reason>[a-z0-9-]+?)-(?P<stamp>\d{8}-\d{6})(?:-(?P<micro>\d{6}))?\.sqlite3$")
_DATA_TABLES = ("enterprises", "assessments", "answers", "journal", "evidence", "export_snapshots")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    reason: str
    taken_at: datetime
    enterprises: int | None  # None when the backup cannot be read
    assessments: int | None
    readable: bool


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def _stamp() -> str:
    # Microseconds in the name: several backups in one second (a script, a test) stay distinct
    # and sort in the order they were taken.
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")


def _failed(what: tuple[str, str], exc: BaseException, *, need: Path | None = None) -> BackupFailed:
    """The message for a failed copy; ``need``: the file whose size the copy needs free."""
    text = str(exc)
    full = (isinstance(exc, OSError) and exc.errno == 28) or "full" in text.lower()
    if not full and need is not None:
        # SQLite reports a write that found no room as "disk I/O error" as often as "full".
        with contextlib.suppress(OSError):
            full = shutil.disk_usage(need.parent).free < need.stat().st_size
    if full:
        return BackupFailed(
            f"{what[0]}失败：磁盘已满。数据库本身完好；请腾出磁盘空间。",
            f"{what[1]} failed: the disk is full. The database itself is intact; free some space.",
            reason=("磁盘已满", "the disk is full"),
        )
    detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else text
    return BackupFailed(
        f"{what[0]}失败：{detail}。数据库本身完好。", f"{what[1]} failed: {text}", reason=(detail, text)
    )


def _fsync(path: Path) -> None:
    with contextlib.suppress(OSError), path.open("rb+") as fh:
        os.fsync(fh.fileno())


def _backup_into(source: sqlite3.Connection, path: Path) -> None:
    """The backup API from ``source`` into the file ``path``: one self-contained file, on disk."""
    dst = sqlite3.connect(path)
    try:
        # The copy inherits WAL mode from the source; turned back into one self-contained file.
        # Exclusive locking keeps SQLite from making a -shm file for that step (less room needed).
        dst.execute("PRAGMA locking_mode = EXCLUSIVE")
        source.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")
    finally:
        dst.close()
    _fsync(path)


def _copy_into_new_file(source: sqlite3.Connection, target: Path) -> None:
    """`_backup_into` a temporary file beside ``target``, renamed to it when complete."""
    partial = leftovers.temporary(target, ".partial")
    try:
        _backup_into(source, partial)
        partial.replace(target)
    finally:
        leftovers.discard(partial)


def take_backup(db_path: Path, reason: str, *, keep: int = KEEP_AUTOMATIC) -> Path | None:
    """Copy the database to ``backups/<reason>-<time>.sqlite3``; prune old ones of that reason.

    Raises BackupFailed (the database is untouched) when the copy cannot be written.
    """
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    folder = backup_dir(db_path)
    target = folder / f"{reason}-{_stamp()}.sqlite3"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            _copy_into_new_file(src, target)
        finally:
            src.close()
    except (sqlite3.Error, OSError) as exc:
        raise _failed(("数据库备份", "the backup"), exc, need=db_path) from None
    _prune(folder, reason, keep)
    return target


def _backups_of(folder: Path, reason: str) -> list[tuple[datetime, Path]]:
    found = [
        (parsed[1], p) for p in folder.glob(f"{reason}-*.sqlite3") if (parsed := _parse_name(p)) and parsed[0] == reason
    ]
    return sorted(found)


def _weight(path: Path) -> tuple[int, int]:
    """How much data a backup holds: (enterprises + assessments + evidence rows, pages in use).

    Cheap at every start: the counted tables hold one row per assessment at most, the pages in
    use are read from the header (counting a large journal would not be). (-1, -1): unreadable.
    """
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            rows = sum(
                int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
                for t in ("enterprises", "assessments", "evidence")
                if t in names
            )
            pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
            free = int(conn.execute("PRAGMA freelist_count").fetchone()[0])
            return rows, pages - free
        finally:
            conn.close()
    except (sqlite3.Error, UnicodeDecodeError):
        return -1, -1


def _prune(folder: Path, reason: str, keep: int) -> None:
    dated = [p for _, p in _backups_of(folder, reason)]
    if keep <= 0 or len(dated) <= keep:
        return
    doomed, kept = dated[:-keep], dated[-keep:]
    weight = {p: _weight(p) for p in dated}
    richest = max(doomed, key=weight.__getitem__)
    if weight[richest] > max(weight[p] for p in kept):
        doomed.remove(richest)  # newer backups all hold less: this one may be the only good one
    for old in doomed:
        with contextlib.suppress(OSError):
            old.unlink()


def content_signature(path: Path, *, immutable: bool) -> tuple[tuple[str, int, int], ...] | None:
    """Row count and highest row id of every data table: equal for two files holding the same data.

    Every write adds a journal row, so a database that was written to has another signature.
    """
    mode = "immutable=1" if immutable else "mode=ro"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            signature = []
            for table in (t for t in _DATA_TABLES if t in names):
                count, highest = conn.execute(f"SELECT count(*), max(rowid) FROM {table}").fetchone()
                signature.append((table, int(count), int(highest or 0)))
            return tuple(signature)
        finally:
            conn.close()
    except (sqlite3.Error, UnicodeDecodeError):
        return None


def take_backup_once(db_path: Path, reason: str, *, keep: int = 5) -> Path | None:
    """`take_backup`, unless the newest backup of ``reason`` already holds exactly this data.

    For backups before a step that may fail and be retried start after start (a migration):
    one backup per state of the data, not one per attempt.
    """
    existing = _backups_of(backup_dir(db_path), reason)
    if existing:
        newest = existing[-1][1]
        mine = content_signature(db_path, immutable=False)
        if mine is not None and mine == content_signature(newest, immutable=True):
            return newest
    return take_backup(db_path, reason, keep=keep)


def _parse_name(path: Path) -> tuple[str, datetime] | None:
    m = _NAME.fullmatch(path.name)
    if not m:
        return None
    taken = datetime.strptime(m.group("stamp"), "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
    if m.group("micro"):
        taken = taken.replace(microsecond=int(m.group("micro")))
    return m.group("reason"), taken


def describe_backup(path: Path) -> BackupInfo:
    parsed = _parse_name(path)
    try:
        reason, taken = parsed if parsed else ("unknown", datetime.fromtimestamp(path.stat().st_mtime, UTC))
    except OSError:
        return BackupInfo(path, "unknown", datetime.fromtimestamp(0, UTC), None, None, False)
    try:
        check_sqlite_file(path, immutable=True)
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
        try:
            ent = conn.execute("SELECT count(*) FROM enterprises").fetchone()[0]
            ass = conn.execute("SELECT count(*) FROM assessments").fetchone()[0]
        finally:
            conn.close()
        return BackupInfo(path, reason, taken, int(ent), int(ass), True)
    except (DatabaseUnreadable, sqlite3.Error, UnicodeDecodeError, OSError):
        return BackupInfo(path, reason, taken, None, None, False)


def list_backups(db_path: Path) -> list[BackupInfo]:
    """Backups beside the database, newest first, each saying what it contains."""
    folder = backup_dir(db_path)
    if not folder.exists():
        return []
    infos = [describe_backup(p) for p in folder.glob("*.sqlite3")]
    return sorted(infos, key=lambda b: b.taken_at, reverse=True)


def restore_backup(backup: Path, db_path: Path) -> Path | None:
    """Replace the database with a backup; the current file is first kept as ``pre-restore-…``.

    The caller must have closed its own connections and hold the window lock (see
    `models.startup.restore_database`). A readable current database is restored in place by the
    backup API on a connection that has it alone: one transaction, all or nothing, refused
    (DatabaseInUse) while any other program has it open; its copy is taken through SQLite, so it
    includes what only the write-ahead log held. A damaged one is kept byte for byte (with its
    ``-wal``) and replaced by renaming. Returns the pre-restore copy (None: no current database).
    """
    check_sqlite_file(backup, immutable=True)
    folder = backup_dir(db_path)
    keep_current = folder / f"pre-restore-{_stamp()}.sqlite3"
    source_uri = f"{backup.resolve().as_uri()}?immutable=1"
    if not db_path.exists():
        try:
            src = sqlite3.connect(source_uri, uri=True)
            try:
                _copy_into_new_file(src, db_path)
            finally:
                src.close()
        except (sqlite3.Error, OSError) as exc:
            raise _failed(("恢复备份", "the restore"), exc) from None
        return None
    try:
        check_sqlite_file(db_path)
    except DatabaseUnreadable:
        return _replace_damaged(backup, db_path, keep_current)
    with exclusive_access(db_path, "从备份恢复", "restoring a backup") as live:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            _copy_into_new_file(live, keep_current)
        except (sqlite3.Error, OSError) as exc:
            raise _failed(("恢复前另存当前数据库", "keeping the current database"), exc, need=db_path) from None
        try:
            src = sqlite3.connect(source_uri, uri=True)
            try:
                src.backup(live)
            finally:
                src.close()
        except (sqlite3.Error, OSError) as exc:
            raise _failed(("恢复备份", "the restore"), exc) from None
    _prune(folder, "pre-restore", KEEP_AUTOMATIC)
    return keep_current


def _replace_damaged(backup: Path, db_path: Path, keep_current: Path) -> Path:
    wal = Path(str(db_path) + "-wal")
    restoring = leftovers.temporary(db_path, ".restoring")
    try:
        keep_current.parent.mkdir(parents=True, exist_ok=True)
        keep_current.write_bytes(db_path.read_bytes())  # as it is: the backup API cannot read it
        if wal.exists():
            Path(str(keep_current) + "-wal").write_bytes(wal.read_bytes())
        src = sqlite3.connect(f"{backup.resolve().as_uri()}?immutable=1", uri=True)
        try:
            _backup_into(src, restoring)
        finally:
            src.close()
        # The old log must go before the new file takes the name: SQLite would replay it onto it.
        for suffix in ("-wal", "-shm"):
            Path(str(db_path) + suffix).unlink(missing_ok=True)
        restoring.replace(db_path)
    except (sqlite3.Error, OSError) as exc:
        raise _failed(("恢复备份", "the restore"), exc) from None
    finally:
        leftovers.discard(restoring)
    return keep_current
