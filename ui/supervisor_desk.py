"""The supervisor's desk: late and at-risk dossiers, the periodic report and ledger, cut-time
targets, charts. Each page is computed when it is first shown and on «Làm mới» (F5)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from onestop.db.session import Database
from onestop.office.site import Site
from onestop.people.accounts import Actor
from onestop.ui.charts_page import ChartsPage
from onestop.ui.figures_page import AskPath, ask_save_path
from onestop.ui.late_review_page import LateReviewPage
from onestop.ui.report_page import ReportPage
from onestop.ui.targets_page import TargetsPage


class SupervisorDesk(QWidget):
    open_requested = Signal(str)  # a dossier code, from the late review
    saved = Signal(str)  # a file just written

    def __init__(self, db: Database, site: Site, clock: Callable[[], datetime], parent=None, *,
                 actor: Actor, ask_path: AskPath = ask_save_path) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget(self, objectName="supervisor_tabs")
        self.late = LateReviewPage(db, site, clock, self)
        self.late.open_requested.connect(self.open_requested)
        self.report = ReportPage(db, site, clock, self, ask_path=ask_path, actor=actor)
        self.targets = TargetsPage(db, site, clock, self, ask_path=ask_path)
        self.charts = ChartsPage(db, site, clock, self, ask_path=lambda w, t, n: ask_path(w, t, n, "PNG (*.png)"))
        for page in (self.report, self.targets, self.charts):
            page.saved.connect(self.saved)
        self.tabs.addTab(self.late, self.tr("Hồ sơ trễ hạn, sắp đến hạn"))
        self.tabs.addTab(self.report, self.tr("Báo cáo định kỳ, sổ theo dõi"))
        self.tabs.addTab(self.targets, self.tr("Cắt giảm thời gian"))
        self.tabs.addTab(self.charts, self.tr("Biểu đồ"))
        self._stale = set(range(self.tabs.count()))
        self.tabs.currentChanged.connect(self._shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def set_site(self, site: Site) -> None:
        for page in (self.late, self.report, self.targets, self.charts):
            page.site = site
            if hasattr(page, "model"):
                page.model.site = site
        self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._shown(self.tabs.currentIndex())

    def _shown(self, index: int) -> None:
        if index in self._stale:
            self._stale.discard(index)
            self.tabs.widget(index).refresh()

    def refresh(self) -> None:
        """Recomputes the page in view now, the others when next shown (the data changed)."""
        self._stale = set(range(self.tabs.count()))
        if self.isVisible():
            self._shown(self.tabs.currentIndex())
