"""The program version, read from the installed metadata (pyproject.toml is the one source)."""

from __future__ import annotations

from importlib import metadata

DIST_NAME = "dnz-assess"


def app_version() -> str:
    try:
        return metadata.version(DIST_NAME)
    except metadata.PackageNotFoundError:  # frozen build without metadata: the bundled fallback
        from app import __version__

        return __version__
