"""Opening the database file for a session, from the first start to a restore.

The order matters: the window lock first (a second window learns at once that it is second),
then what killed work left behind is removed, a new file is made whole before it takes its
name, the existing one is checked and migrated, and last the start-up backup is taken — whose
failure (a full disk) is told to the user but does not keep a good database from opening.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from assessments.errors import Problem

from . import leftovers
from .backup import restore_backup, take_backup
from .db import APPLICATION_ID, Database, open_database, sqlite_engine, translate_errors
from .errors import BackupFailed, StorageError
from .instance_lock import InstanceLock
from .migrate import upgrade


@dataclass
class OpenedStorage:
    db: Database
    lock: InstanceLock | None  # held while this program window has the database
    notices: list[Problem] = field(default_factory=list)  # things the user should know, not failures


def open_storage(
    path: Path,
    *,
    evidence_dir: Path | None = None,
    backup_reason: str | None = "auto-start",
    single_window: bool = False,
    read_only: bool = False,
) -> OpenedStorage:
    """Open (create, clean up, check, migrate, back up) the SQLite database at ``path``."""
    if read_only:
        viewer = open_database(path, read_only=True)
        try:
            upgrade(viewer)  # checks only: a read-only window cannot migrate
        except BaseException:
            viewer.dispose()
            raise
        return OpenedStorage(viewer, None)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(
            f"无法创建数据文件夹“{path.parent}”：{exc.strerror or exc}。请检查权限或选择其他文件夹。",
            f"cannot create the data folder '{path.parent}': {exc}",
        ) from None
    lock = InstanceLock.acquire(path) if single_window else None
    db: Database | None = None
    try:
        leftovers.remove_abandoned(path, evidence_dir)
        if not path.exists():
            create_database(path)
        db = open_database(path)
        upgrade(db)
        notices = start_backup(path, backup_reason) if backup_reason is not None else []
        return OpenedStorage(db, lock, notices)
    except BaseException:
        if db is not None:
            db.dispose()
        if lock is not None:
            lock.release()
        raise


def start_backup(path: Path, reason: str = "auto-start") -> list[Problem]:
    """The start-up backup; its failure (a full disk) is a notice for the user, not an error.

    The desktop program takes it after the list is shown, on a worker thread; the command line
    within ``open_storage``."""
    try:
        take_backup(path, reason)
    except BackupFailed as exc:
        zh, en = exc.reason
        full = zh == "磁盘已满"
        return [
            Problem(
                "备份",
                f"启动时未能备份数据库（{zh}）。数据库本身完好，程序照常运行，修改仍会随时保存；"
                f"{'请腾出磁盘空间，' if full else ''}下次启动时会再备份。",
                f"no backup could be taken at start ({en}). The database is intact and the program "
                f"works as usual; {'free some space and ' if full else ''}the next start backs up again.",
            )
        ]
    return []


def create_database(path: Path) -> None:
    """Make a new, migrated database at ``path``: built under a temporary name, then published whole.

    A kill at any point leaves either no database (the temporary file is removed at the next
    start) or a complete one, never an empty or half-made file under the real name. When another
    program made the same new file meanwhile, its file is kept and ours dropped.
    """
    building = leftovers.temporary(path, ".creating")
    leftovers.discard(building)
    db = Database(sqlite_engine(building), building)
    try:
        with translate_errors(), db.writer.begin() as conn:
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        upgrade(db)
        with translate_errors(), db.engine.connect() as conn:
            # Everything into the main file: it is published alone, without its -wal.
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.dispose()
        with building.open("rb+") as fh:
            os.fsync(fh.fileno())
        _publish(building, path)
    except OSError as exc:
        raise StorageError(
            f"无法新建数据库“{path}”：{exc.strerror or exc}。请检查文件夹权限和磁盘空间。",
            f"cannot create the database '{path}': {exc}",
        ) from None
    finally:
        db.dispose()
        leftovers.discard(building)


def _publish(building: Path, path: Path) -> None:
    try:
        os.link(building, path)  # fails if the name exists: never replaces another's new database
    except FileExistsError:
        return
    except OSError:  # a file system without hard links (FAT): rename, after looking first
        if path.exists():
            return
        os.replace(building, path)
    if hasattr(os, "O_DIRECTORY"):  # make the new name itself durable (POSIX)
        with contextlib.suppress(OSError):
            fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def restore_database(backup: Path, path: Path, *, held: InstanceLock | None = None) -> Path | None:
    """`restore_backup` under the window lock: refused while another window has the database.

    ``held``: the lock this program already holds (the desktop restoring its own database).
    The caller must have closed its own connections.
    """
    lock = held if held is not None and held.held else InstanceLock.acquire(path, purpose=("从备份恢复", "restoring"))
    try:
        return restore_backup(backup, path)
    finally:
        if lock is not held:
            lock.release()
