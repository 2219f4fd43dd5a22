"""Work-around for a reference-count bug in PySide6 6.12: ``SignalInstance.emit()`` returns
``True``/``False`` without owning a reference, so every emit from Python takes one reference
from the ``True`` singleton. After a few thousand emits CPython aborts ("bool_dealloc: deallocating
True or False"). Every emit in ui/ goes through :func:`emit`, which gives the reference back when
(and only when) the installed PySide6 is measured to have the bug.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    ping = Signal()


def _measure() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    results: list[Any] = [probe.ping.emit() for _ in range(4)]  # type: ignore[func-returns-value]
    broken = sys.getrefcount(True) < before + len(results)  # the list holds 4 references if all is well
    if broken:
        for r in results:
            _incref(r)
    return broken


EMIT_STEALS_REFERENCE = _measure()


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)``, safe with the PySide6 6.12 reference bug."""
    result = signal.emit(*args)
    if EMIT_STEALS_REFERENCE and isinstance(result, bool):
        _incref(result)
