"""Where file dialogs start: the folder used last for the same purpose, else Documents, else home —
always a folder that exists (a dialog prefilled with a missing "Documents" confused users, issue #13).

The last folders are kept in the settings (``Settings.folders``) by the main window.
"""

from __future__ import annotations

from pathlib import Path

_last: dict[str, str] = {}


def load(folders: dict[str, str]) -> None:
    _last.clear()
    _last.update(folders)


def snapshot() -> dict[str, str]:
    return dict(_last)


def remember(kind: str, folder: str | Path) -> None:
    _last[kind] = str(folder)


def start_folder(kind: str) -> str:
    from PySide6.QtCore import QStandardPaths

    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    for candidate in (_last.get(kind, ""), documents, str(Path.home())):
        if candidate and Path(candidate).is_dir():
            return candidate
    return str(Path.cwd())
