"""Rotating backups with the SQLite online-backup API, and restoring them.

A backup is a complete SQLite file taken while the program runs (the backup API copies a
consistent snapshot even with a writer active). Names carry the reason and the time:
``auto-start-20261124-083000.sqlite3``, ``pre-export-…``, ``pre-migration-0001-…``, ``pre-restore-…``.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .db import BUSY_TIMEOUT_MS, check_sqlite_file
from .errors import DatabaseUnreadable, StorageError

KEEP_AUTOMATIC = 10
_NAME = re.compile(r"(?P<reason>[a-z0-9-]+?)-(?P<stamp>\d{8}-\d{6})(?:-(?P<micro>\d{6}))?\.sqlite3$")


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


def take_backup(db_path: Path, reason: str, *, keep: int = KEEP_AUTOMATIC) -> Path | None:
    """Copy the database to ``backups/<reason>-<time>.sqlite3``; prune old ones of that reason."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    # Microseconds in the name: several backups in one second (a script, a test) stay distinct
    # and sort in the order they were taken.
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{reason}-{stamp}.sqlite3"
    partial = target.with_suffix(".partial")
    try:
        src = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_MS / 1000)
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        partial.replace(target)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise StorageError(f"无法创建数据库备份：{exc}", f"could not back up the database: {exc}") from None
    _prune(folder, reason, keep)
    return target


def _prune(folder: Path, reason: str, keep: int) -> None:
    dated = [
        (parsed[1], p) for p in folder.glob(f"{reason}-*.sqlite3") if (parsed := _parse_name(p)) and parsed[0] == reason
    ]
    dated.sort()
    for _, old in dated[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)


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
    reason, taken = parsed if parsed else ("unknown", datetime.fromtimestamp(path.stat().st_mtime, UTC))
    try:
        check_sqlite_file(path)
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            ent = conn.execute("SELECT count(*) FROM enterprises").fetchone()[0]
            ass = conn.execute("SELECT count(*) FROM assessments").fetchone()[0]
        finally:
            conn.close()
        return BackupInfo(path, reason, taken, int(ent), int(ass), True)
    except (DatabaseUnreadable, sqlite3.Error):
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

    The caller must have closed every connection (dispose the engine) before calling.
    Returns the pre-restore copy (None when there was no current database).
    """
    check_sqlite_file(backup)
    keep_current: Path | None = None
    if db_path.exists():
        folder = backup_dir(db_path)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
        keep_current = folder / f"pre-restore-{stamp}.sqlite3"
        # A damaged current file cannot go through the backup API: copy its bytes as they are.
        keep_current.write_bytes(db_path.read_bytes())
    partial = db_path.with_suffix(".restoring")
    src = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(partial)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    partial.replace(db_path)
    return keep_current
