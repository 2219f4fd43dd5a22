"""What the GUI uses of the storage layer, offered by the application layer (``ui`` never imports
``models``).

The errors it tells apart, the backups of a database file, restoring one, and asking the window
that edits a database to come forward. Imported by the GUI only where it is needed (a failure
path, a dialog), never at start-up: ``models.startup`` brings SQLAlchemy with it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from models.errors import Conflict, DatabaseInUse, DatabaseUnreadable, WriteConflict

if TYPE_CHECKING:
    from models.backup import BackupInfo

__all__ = [
    "BackupInfo",
    "Conflict",
    "DatabaseInUse",
    "DatabaseUnreadable",
    "WriteConflict",
    "list_backups",
    "request_raise",
    "restore_database",
]


def list_backups(db_path: Path) -> list[BackupInfo]:
    from models.backup import list_backups as listed

    return listed(db_path)


def restore_database(backup: Path, db_path: Path) -> Path | None:
    from models.startup import restore_database as restore

    return restore(backup, db_path)


def request_raise(db_path: Path) -> None:
    from models.instance_lock import request_raise as ask

    ask(db_path)
