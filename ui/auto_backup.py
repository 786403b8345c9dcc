"""The SQLite database backed up soon after start and then daily, off the window's thread.

A big database takes seconds to copy and check: the work runs in a thread of its own, and the
outcome (the new file, or why there is none) goes to the status bar, never to a crash.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from onestop.installation.backup import BackupError, backup_due, make_backup, prune


class AutoBackup(QObject):
    reported = Signal(str)  # what to show in the status bar once a backup is made or failed
    _finished = Signal(str, str)  # from the worker thread: (file made, error message)

    def __init__(self, db_path: Path, folder: Path, keep_days: Callable[[], int], clock: Callable[[], datetime],
                 parent: QObject | None = None, *, first_delay_ms: int = 3000, interval_minutes: float = 60) -> None:
        super().__init__(parent)
        self.db_path, self.folder, self.keep_days, self.clock = db_path, folder, keep_days, clock
        self.first_delay_ms = first_delay_ms
        self.timer = QTimer(self, interval=max(1, int(interval_minutes * 60_000)), timeout=self.check)
        self._thread: threading.Thread | None = None
        self._finished.connect(self._report)  # queued: emitted by the worker, run in the window's thread

    def start(self) -> None:
        """The first check once the window is up, then one every interval (a new day makes one due)."""
        QTimer.singleShot(self.first_delay_ms, self.check)
        self.timer.start()

    def check(self) -> bool:
        """Starts a backup when none was made today and none is running; True when one was started."""
        if self.running():
            return False
        now = self.clock()
        try:
            due = backup_due(self.folder, now)
        except OSError as exc:
            self._report("", str(exc))
            return False
        if not due:
            return False
        self._thread = threading.Thread(target=self._work, args=(now, self.keep_days()), name="onestop-backup")
        self._thread.start()
        return True

    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wait(self) -> None:
        """Stops the timer and lets a backup under way finish (at exit: no half-made file is left)."""
        self.timer.stop()
        if self._thread is not None:
            self._thread.join()

    def _work(self, now: datetime, keep_days: int) -> None:
        try:
            made = make_backup(self.db_path, self.folder, now)
        except BackupError as exc:
            self._finished.emit("", str(exc))
            return
        try:
            prune(self.folder, keep_days, now)
        except OSError:
            pass  # a file that cannot be deleted today is deleted another day
        self._finished.emit(str(made), "")

    def _report(self, made: str, error: str) -> None:
        # The worker emits as its last act, so this join is brief; after it running() is False
        # and a check() made on hearing the report can start the next backup.
        if self._thread is not None:
            self._thread.join()
        if error:
            self.reported.emit(self.tr("Chưa sao lưu được cơ sở dữ liệu: {error}").format(error=error))
        else:
            self.reported.emit(self.tr("Đã sao lưu cơ sở dữ liệu: {path}").format(path=made))
