"""Small look helpers shared by the windows (kept light: imported before the first paint)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def scale_font(widget: QWidget, factor: float, *, bold: bool = False) -> None:
    """Relative to the application font (points, not pixels): right at any DPI."""
    font = widget.font()
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * factor)
    else:
        font.setPixelSize(round(font.pixelSize() * factor))
    font.setBold(bold or font.bold())
    widget.setFont(font)
