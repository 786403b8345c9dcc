"""Long reads off the window's thread: a year of targets or the late review of a large site takes
seconds, and the window must keep answering (typing, F4, another tab) meanwhile.

`Background.run(work, done)` runs `work()` on a worker thread — it opens its own session: an engine
is shared between threads, a session is not — and calls `done(result)` back on the window's thread.
A newer request supersedes an older one: only the last result is shown. A failure of the program's
family or of the database — or of a class the caller names as `expected`, such as OSError for a
file being written — comes back as `failed(exc)`; anything else is a bug and goes, on the window's
thread, to the log and the crash dialog like any other.
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from onestop.ui.errors import SAID


class _Relay(QObject):
    # Emitted on the worker thread; the connection is queued, so the slots run on the window's thread.
    finished = Signal(int, object)
    failed = Signal(int, object)


class Background(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one read at a time per page: the newest waits for the previous
        self._relay = _Relay(self)
        self._relay.finished.connect(self._finished)
        self._relay.failed.connect(self._failed)
        self._generation = 0
        self._pending = 0
        self._done: Callable[[Any], None] = lambda result: None
        self._on_failure: Callable[[BaseException], None] = lambda exc: None
        self._expected: tuple[type[BaseException], ...] = SAID

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def run(self, work: Callable[[], Any], done: Callable[[Any], None],
            failed: Callable[[BaseException], None], expected: tuple[type[BaseException], ...] = ()) -> None:
        self._generation += 1
        self._pending += 1
        self._done, self._on_failure, self._expected = done, failed, SAID + expected
        generation, relay = self._generation, self._relay

        def job() -> None:
            try:
                result = work()
            except BaseException as exc:  # noqa: BLE001 - carried to the window's thread, judged there
                relay.failed.emit(generation, exc)
            else:
                relay.finished.emit(generation, result)

        self.pool.start(job)

    def wait(self, msecs: int = 30_000) -> bool:
        """Blocks until the worker is idle (tests and shutdown); the results still arrive as events."""
        return self.pool.waitForDone(msecs)

    def _finished(self, generation: int, result: Any) -> None:
        self._pending -= 1
        if generation == self._generation:
            self._done(result)

    def _failed(self, generation: int, exc: BaseException) -> None:
        self._pending -= 1
        if not isinstance(exc, self._expected):  # a bug: the crash hook logs it and the window shows it
            sys.excepthook(type(exc), exc, exc.__traceback__)
        elif generation == self._generation:
            self._on_failure(exc)
