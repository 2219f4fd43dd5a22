"""The running program as its main window sees it.

``ui.application.Desktop`` creates the main window and is this; the window talks back only
through the protocol, so ``main_window`` does not import ``application`` back.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from app.settings import Settings
    from ui.tasks import TaskRunner


class DesktopHost(Protocol):
    settings: Settings
    tasks: TaskRunner
    data_dir: Path

    def save_settings(self) -> None: ...

    def restore(self, backup: Path) -> None: ...

    def switch_language(self, lang: str) -> None: ...
