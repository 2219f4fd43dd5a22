"""Where user data lives: the per-user application-data folder, never beside the program.

The same folders as Qt's ``QStandardPaths.AppDataLocation`` for organisation ORG and
application APP (a GUI test checks the equivalence), computed without importing Qt so the
command line stays light:

- Windows: ``%APPDATA%\\ORG\\APP`` (e.g. ``C:\\Users\\王工\\AppData\\Roaming\\BinzhouDNZ\\dnz-assess``)
- Linux: ``$XDG_DATA_HOME/ORG/APP`` (default ``~/.local/share/ORG/APP``)
- macOS: ``~/Library/Application Support/ORG/APP``
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ORG = "BinzhouDNZ"
APP = "dnz-assess"
DB_NAME = "dnz.sqlite3"


def default_data_dir() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / ORG / APP


def resolve_locations(data_dir: Path | None, db: Path | None) -> tuple[Path, Path]:
    """(data folder, database file) from the command-line options.

    ``--db`` alone puts the data folder (backups, evidence, logs) beside the database file.
    """
    if db is not None:
        db = db.expanduser().resolve()
        return (data_dir.expanduser().resolve() if data_dir else db.parent), db
    folder = data_dir.expanduser().resolve() if data_dir else default_data_dir()
    return folder, folder / DB_NAME
