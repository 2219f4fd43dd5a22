"""Backups on request, the list of backups, and restoring one."""

from __future__ import annotations

from pathlib import Path

from assessments.errors import Problem
from models.backup import BackupInfo, list_backups, take_backup
from models.db import open_database
from models.errors import NotFound
from models.migrate import upgrade
from models.startup import restore_database

from .core import ServiceCore


class BackupsService(ServiceCore):
    def backup_now(self, reason: str = "manual") -> Path | None:
        if self.db.path is None:
            return None
        return take_backup(self.db.path, reason)

    def start_backup(self) -> list[Problem]:
        """The start-up backup, for a program that opened with ``backup_on_start=False`` to show
        its list first (the desktop: on a worker thread). Failing is a notice, not an error."""
        if self.db.path is None or self.read_only:
            return []
        from models.startup import start_backup

        return start_backup(self.db.path)

    def backups(self) -> list[BackupInfo]:
        return list_backups(self.db.path) if self.db.path is not None else []

    def restore(self, backup: Path) -> Path | None:
        """Replace the database with a backup (the current one is kept first); reopen.

        Refused (DatabaseInUse, nothing changed) while another window or program has the
        database open: it would go on writing into a file that is no longer the database.
        """
        self._refuse_if_read_only()
        if self.db.path is None:
            raise NotFound("服务器数据库不支持从文件备份恢复", "server databases are not restored from files")
        path = self.db.path
        self.db.dispose()
        self._cache.clear()
        self._docs.clear()
        try:
            kept = restore_database(backup, path, held=self.lock)
        finally:
            self.db = open_database(path)
        upgrade(self.db)
        return kept
