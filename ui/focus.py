"""Keyboard order: Tab follows the layout (reading order), not the order widgets were created in.

Qt chains Tab stops in order of creation. Wizard pages are built lazily (after the buttons at the
bottom of the window), outlet and water rows are added later, and some widgets are inserted above
ones made earlier, so without this Tab would reach a page's fields only after "下一步" and a new
row only after the rest of the page.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLayout, QScrollArea, QWidget


def takes_tab(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def reading_order(widget: QWidget) -> list[QWidget]:
    """``widget`` (when it takes Tab) and every Tab stop inside it, in reading order: layouts
    depth first, grid cells row by row. Hidden widgets are included; Tab skips them while hidden
    and finds them in the right place once shown."""
    out: list[QWidget] = []
    _walk(widget, out)
    return out


def _walk(widget: QWidget, out: list[QWidget]) -> None:
    if takes_tab(widget):
        out.append(widget)
    if isinstance(widget, QScrollArea):
        inner = widget.widget()
        if inner is not None:
            _walk(inner, out)
        return
    layout = widget.layout()
    if layout is not None:
        _walk_layout(layout, out)


def _walk_layout(layout: QLayout, out: list[QWidget]) -> None:
    indexes = list(range(layout.count()))
    if isinstance(layout, QGridLayout):
        grid = layout
        indexes.sort(key=lambda i: _cell(grid, i))
    for i in indexes:
        item = layout.itemAt(i)
        if item is None:
            continue
        child = item.widget()
        if child is not None:
            _walk(child, out)
            continue
        inner = item.layout()
        if inner is not None:
            _walk_layout(inner, out)


def _cell(grid: QGridLayout, index: int) -> tuple[int, int]:
    row, column, _rows, _columns = cast("tuple[int, int, int, int]", grid.getItemPosition(index))
    return row, column


def chain(widgets: Iterable[QWidget]) -> None:
    """Make Tab go through ``widgets`` in this order (widgets that take no Tab are left out)."""
    previous: QWidget | None = None
    for widget in widgets:
        if not takes_tab(widget):
            continue
        if previous is not None:
            QWidget.setTabOrder(previous, widget)
        previous = widget
