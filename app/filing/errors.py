"""Typed filing errors with a user-safe Chinese message (and English), like the domain errors."""

from __future__ import annotations

from pathlib import Path

from assessments.errors import DomainError, Problem


class FilingError(DomainError):
    """A filing cannot be written or read; the message says why and what to do, in Chinese."""

    def __init__(self, path: Path | str, zh: str, en: str) -> None:
        self.path = Path(path)
        self.zh = zh
        self.en = en
        super().__init__([Problem(str(path), zh, en)])


class FilingWriteError(FilingError):
    """Writing a filing failed; any earlier file at the target is intact and no temp file is left."""


class FilingReadError(FilingError):
    """The file is not a readable filing of this program (wrong type, damaged, no carried document)."""


class CarriedDataDamaged(FilingReadError):
    """The file is a filing, but its carried data was edited so that it can no longer be read."""
