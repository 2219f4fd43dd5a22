"""Storage errors with user-safe Chinese messages (and English)."""

from __future__ import annotations

from assessments.errors import DomainError, Problem


class StorageError(DomainError):
    """Base class: a database problem the user can act on."""

    def __init__(self, zh: str, en: str, *, field: str = "数据库") -> None:
        super().__init__([Problem(field, zh, en)])
        self.zh = zh
        self.en = en


class DatabaseUnreadable(StorageError):
    """The file is not a readable database of this program: corrupt, foreign or not SQLite.

    The file is never written to; the user is offered a restore from a backup instead.
    """


class DatabaseBusy(StorageError):
    """Another program instance holds the write lock longer than we wait."""


class NotFound(StorageError):
    pass


class Conflict(StorageError):
    pass
