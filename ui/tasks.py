"""Long work off the GUI thread through one helper; callbacks run on the GUI thread.

    tasks.run(fn, on_done=..., on_error=...)

``fn`` never touches widgets. The runner counts running tasks so the window can show a busy
indicator when something takes longer than half a second.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from ui.log import logger
from ui.qtcompat import _incref, emit


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object, str)


# PySide6 6.12 takes references to None that it does not own when the pool calls a Python
# ``run()`` (measured: two per job). None's count then falls with every task, and after a few
# thousand tasks — one per autosave, since each save is scored here — CPython aborts
# ("none_dealloc: deallocating None"). Each job gives those references back. Giving back more than
# a fixed PySide takes would only leave None with a higher count, which is harmless; fewer is not.
# tests/test_tasks_refcount.py runs thousands of jobs and checks the count does not fall.
NONE_REFERENCES_TAKEN_PER_JOB = 2


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # reported to the GUI thread, never lost in the pool
            emit(self.relay.failed, exc, traceback.format_exc())
        else:
            emit(self.relay.done, result)
        finally:
            for _ in range(NONE_REFERENCES_TAKEN_PER_JOB):
                _incref(None)


class TaskRunner(QObject):
    busy_changed = Signal(bool)  # True once a task has been running for BUSY_AFTER_MS

    BUSY_AFTER_MS = 500

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._relays: set[_Relay] = set()
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.timeout.connect(self._show_busy)
        self._busy = False

    @property
    def running(self) -> int:
        return len(self._relays)

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException, str], None] | None = None,
    ) -> None:
        relay = _Relay()
        self._relays.add(relay)

        def finish() -> None:
            self._relays.discard(relay)
            relay.deleteLater()
            if not self._relays:
                self._busy_timer.stop()
                if self._busy:
                    self._busy = False
                    emit(self.busy_changed, False)

        def done(result: Any) -> None:
            finish()
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException, text: str) -> None:
            finish()
            logger("dnz.tasks").error("task failed: %s", text)
            if on_error is not None:
                on_error(exc, text)
            else:
                raise exc

        relay.done.connect(done)
        relay.failed.connect(failed)
        if not self._busy_timer.isActive() and not self._busy:
            self._busy_timer.start(self.BUSY_AFTER_MS)
        self.pool.start(_Job(fn, relay))

    def _show_busy(self) -> None:
        if self._relays and not self._busy:
            self._busy = True
            emit(self.busy_changed, True)

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)
