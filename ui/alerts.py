"""Counts of dossiers that need attention, checked at start and every few minutes.

The counts go to the status bar; when one of them rises since the previous check, a tray
notification says which (when the desktop has a system tray). The text of the last notification is
kept in `last_message`, so that it can be checked without a tray.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QStyle, QSystemTrayIcon

from onestop.db.session import Database
from onestop.dossiers import queue
from onestop.dossiers.queue import VIEW_LABELS, View
from onestop.office.site import Site
from onestop.ui.errors import SAID, message
from onestop.ui.labels import tr_label

# Rising counts in these lists are worth a notification.
WATCHED = (View.DUE_SOON, View.OVERDUE, View.OVER_STATUTORY, View.NEEDS_APOLOGY)


class Alerts(QObject):
    counted = Signal(dict)  # {View: count} for every list, after each check

    def __init__(self, db: Database, site: Site, clock: Callable[[], datetime], label: QLabel | None = None,
                 parent: QObject | None = None, interval_minutes: float = 3) -> None:
        super().__init__(parent)
        self.db, self.site, self.clock, self.label = db, site, clock, label
        self.counts: dict[View, int] = {}
        self.previous: dict[View, int] | None = None
        self.last_message: str = ""
        self.last_title: str = ""
        self.tray: QSystemTrayIcon | None = None
        self.timer = QTimer(self, interval=max(1, int(interval_minutes * 60_000)), timeout=self.check)

    def start(self) -> None:
        self.check()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def check(self) -> dict[View, int]:
        """Counts every list, updates the status bar, and notifies about the watched counts that rose."""
        now = self.clock()
        try:
            with self.db.read() as session:
                counts = {view: queue.count(session, view, now, self.site) for view in View}
        except SAID as exc:  # a network hiccup must not stop the timer or the window
            if self.label is not None:
                self.label.setText(message(exc, self.db))
            return self.counts
        self.counts = counts
        if self.label is not None:
            self.label.setText(self.tr(
                "Sắp đến hạn: {soon} · Quá hạn: {late} · Quá hạn quy định: {stat} · Cần xin lỗi: {apology}").format(
                soon=counts[View.DUE_SOON], late=counts[View.OVERDUE], stat=counts[View.OVER_STATUTORY],
                apology=counts[View.NEEDS_APOLOGY]))
        if self.previous is not None:
            rising = [view for view in WATCHED if counts[view] > self.previous.get(view, 0)]
            if rising:
                self.notify(rising)
        self.previous = dict(counts)
        self.counted.emit(counts)
        return counts

    def notify(self, rising: list[View]) -> None:
        lines = [self.tr("{label}: {n} hồ sơ (thêm {more})").format(
            label=tr_label(VIEW_LABELS[view]), n=self.counts[view],
            more=self.counts[view] - (self.previous or {}).get(view, 0)) for view in rising]
        self.last_title = self.tr("Một cửa: có hồ sơ cần chú ý")
        self.last_message = "\n".join(lines)
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        if self.tray is None:
            app = QApplication.instance()
            icon = app.windowIcon() if app is not None else None
            if icon is None or icon.isNull():
                icon = app.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip(self.tr("Một cửa"))
            self.tray.show()
        self.tray.showMessage(self.last_title, self.last_message, QSystemTrayIcon.MessageIcon.Warning, 15_000)
