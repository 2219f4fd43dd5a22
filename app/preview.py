"""The assessment list shown while the database opens (models/preview.py), offered to the desktop.

Light on purpose: the standard library and ``models.preview`` only, so the list can be on screen
before SQLAlchemy and the domain are imported.
"""

from __future__ import annotations

from models.preview import PreviewRow, preview_list

__all__ = ["PreviewRow", "preview_list"]
