"""Application services, command line and entry point (`python -m app`)."""

from __future__ import annotations

__version__ = "0.2.0"
