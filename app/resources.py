"""Where bundled read-only files live (fonts, icons, translations).

From source the `resources/` folder sits beside the packages; a PyInstaller bundle mirrors it at
the same relative place (`build.spec` puts it at `resources/` next to `app/`), so one lookup
works in both. User data never goes here (see app/paths.py).
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
