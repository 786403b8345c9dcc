"""Table model over the counter's lists, fetching pages on demand (never the whole table)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from onestop.clock.deadlines import working_time_left
from onestop.db.session import Database
from onestop.dossiers import queue
from onestop.dossiers.queue import View
from onestop.dossiers.statuses import RUNNING, STATUS_LABELS
from onestop.formatting import short_time, working_span
from onestop.office.site import Site
from onestop.ui.labels import tr_label
from onestop.ui.rows_model import RowsModel

PAGE = 200
RED = QColor("#f8d0d0")
DEEP_RED = QColor("#e89090")  # past the statutory time too: the stronger flag
AMBER = QColor("#ffe8b0")
INK = QColor("#1a1a1a")  # on a flagged row whatever the palette: a dark theme's light text vanished on amber


class QueueModel(RowsModel):
    HEADERS = (QT_TRANSLATE_NOOP("QueueModel", "Mã hồ sơ"), QT_TRANSLATE_NOOP("QueueModel", "Người nộp"),
               QT_TRANSLATE_NOOP("QueueModel", "Thủ tục"), QT_TRANSLATE_NOOP("QueueModel", "Tiếp nhận"),
               QT_TRANSLATE_NOOP("QueueModel", "Hẹn trả"), QT_TRANSLATE_NOOP("QueueModel", "Còn lại"),
               QT_TRANSLATE_NOOP("QueueModel", "Trạng thái"))

    def __init__(self, db: Database, site: Site, clock: Callable[[], datetime], parent=None) -> None:
        super().__init__(parent)
        self.db, self.site, self.clock = db, site, clock
        self.view: View | None = View.OPEN
        self._more = False
        self._now = clock()

    # ---- loading --------------------------------------------------------------------------
    def show_view(self, view: View) -> None:
        self.beginResetModel()
        self.view, self._now = view, self.clock()
        with self.db.read() as session:
            self.rows = queue.fetch_page(session, view, self._now, self.site, limit=PAGE)
        self._more = len(self.rows) == PAGE
        self.endResetModel()

    def show_search(self, text: str) -> None:
        self.beginResetModel()
        self.view, self._now = None, self.clock()
        with self.db.read() as session:
            self.rows = queue.search(session, text, limit=PAGE)
        self._more = False
        self.endResetModel()

    def refresh(self) -> None:
        if self.view is not None:
            self.show_view(self.view)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and self._more

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802
        if not self._more or self.view is None or not self.rows:
            return
        with self.db.read() as session:
            page = queue.fetch_page(session, self.view, self._now, self.site,
                                    after=self.rows[-1].sort_key(self.view), limit=PAGE)
        self._more = len(page) == PAGE
        if page:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

    # ---- Qt model API ---------------------------------------------------------------------
    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        cal = self.site.calendar
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return row.code
            if column == 1:
                return row.applicant_name
            if column == 2:
                return f"{row.procedure_code} — {row.procedure_name}"
            if column == 3:
                return short_time(row.received_at, cal.tz)
            if column == 4:
                return short_time(row.due_at, cal.tz)
            if column == 5:
                if row.status not in RUNNING:
                    return "—"
                return working_span(working_time_left(self._now, row.due_at, cal), cal.working_day_length)
            return tr_label(STATUS_LABELS.get(row.status, row.status))
        over_statutory = row.status in RUNNING and row.statutory_due_at < self._now
        if role == Qt.ItemDataRole.FontRole and over_statutory:
            font = QFont()
            font.setBold(True)
            return font
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) and row.status in RUNNING:
            if over_statutory:
                flag = DEEP_RED
            elif row.due_at < self._now:
                flag = RED
            elif working_time_left(self._now, row.due_at, cal) < self.site.settings.due_soon:
                flag = AMBER
            else:
                return None
            return flag if role == Qt.ItemDataRole.BackgroundRole else INK
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 4:
            return self.tr("Hạn theo quy định: {0}").format(short_time(row.statutory_due_at, cal.tz))
        if role == Qt.ItemDataRole.UserRole:
            return row.code
        return None
