"""Value widgets that ignore the mouse wheel unless they have the keyboard focus.

Qt's combo boxes, spin boxes and sliders change their value on every wheel notch under the
pointer, even while the user is scrolling the page past them: one notch over an energy unit box
turned 万立方米 into 立方米 and moved the grade (issue #13). Here a wheel event over a widget without
focus is ignored, so Qt passes it on to the parent and the page scrolls instead; the widgets also
take focus by click or Tab only (``StrongFocus``), never by the wheel. Once the user has clicked or
tabbed into one, the wheel works as usual.

Every combo box, spin box and slider in the program is made here (tests/test_ui_wheel.py walks
every page and dialog and fails on any other kind).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QSlider, QSpinBox, QWidget


def _guard(widget: QWidget) -> None:
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


class ComboBox(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _guard(self)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if not self.hasFocus():
            event.ignore()  # the scroll area above gets it and scrolls the page
            return
        super().wheelEvent(event)


class SpinBox(QSpinBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _guard(self)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if not self.hasFocus():
            event.ignore()
            return
        super().wheelEvent(event)


class DoubleSpinBox(QDoubleSpinBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _guard(self)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if not self.hasFocus():
            event.ignore()
            return
        super().wheelEvent(event)


class Slider(QSlider):
    def __init__(self, orientation: Qt.Orientation = Qt.Orientation.Horizontal, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        _guard(self)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if not self.hasFocus():
            event.ignore()
            return
        super().wheelEvent(event)


GUARDED = (ComboBox, SpinBox, DoubleSpinBox, Slider)
