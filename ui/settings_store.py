"""The one storage adapter for settings: QSettings in an .ini file in the data folder.

An ini file (rather than the Windows registry) keeps settings beside the database, so a test or
a portable data folder carries its own settings and never touches the real user's.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from app.settings import Settings, settings_from_mapping, settings_to_mapping

SETTINGS_FILE = "settings.ini"


class SettingsStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    @classmethod
    def in_folder(cls, data_dir: Path) -> SettingsStore:
        return cls(data_dir / SETTINGS_FILE)

    def load(self) -> Settings:
        raw = {key: self._qs.value(key) for key in self._qs.allKeys()}
        return settings_from_mapping(raw)

    def save(self, settings: Settings) -> None:
        for key, value in settings_to_mapping(settings).items():
            self._qs.setValue(key, value)
        self._qs.sync()
