"""Storage errors with user-safe Chinese messages (and English).

Each says what happened and what to do. The command line prints them as they are (exit 2),
the desktop program in a message box; none is a bug.
"""

from __future__ import annotations

from typing import Any

from assessments.errors import DomainError, Problem


class StorageError(DomainError):
    """Base class: a database problem the user can act on."""

    def __init__(self, zh: str, en: str, *, field: str = "数据库") -> None:
        super().__init__([Problem(field, zh, en)])
        self.zh = zh
        self.en = en


class DatabaseUnreadable(StorageError):
    """The file is not a readable database of this program: corrupt, foreign, empty or not SQLite.

    The file is never written to; the user is offered a restore from a backup instead.
    """


class DatabaseBusy(StorageError):
    """Another program instance holds the write lock longer than we wait."""


class DiskFull(DatabaseBusy):
    """No room left on the disk: the change was not saved (nothing else is lost)."""


class DatabaseInUse(StorageError):
    """Another program has the database open where this operation needs it alone.

    ``owner`` describes the other program when it is a window of this program (from its lock
    file), else None.
    """

    def __init__(self, zh: str, en: str, *, owner: Any = None) -> None:
        super().__init__(zh, en)
        self.owner = owner


class ReadOnlyDatabase(StorageError):
    """This window opened the database read-only: nothing can be changed here."""


class BackupFailed(StorageError):
    """A backup could not be written (full disk, no permission); the database itself is intact.

    ``reason`` (zh, en): why, in a few words ("磁盘已满"), for messages that say the rest themselves.
    """

    def __init__(self, zh: str, en: str, *, reason: tuple[str, str] = ("", "")) -> None:
        super().__init__(zh, en)
        self.reason = reason


class NotFound(StorageError):
    pass


class Conflict(StorageError):
    pass


class WriteConflict(Conflict):
    """Another program instance changed this answer since this one last saw it; nothing was saved.

    ``current`` is the value stored now (None: no value), ``kept`` what is kept aside with it;
    the caller shows them instead of what it had.
    """

    def __init__(self, zh: str, en: str, *, key: str, current: Any, kept: Any) -> None:
        super().__init__(zh, en, field=key)
        self.key = key
        self.current = current
        self.kept = kept
