"""The supervisor's review of late and at-risk dossiers: groups on the left, their dossiers on
the right, sortable; a double click (or Enter) opens the dossier window."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from onestop.db.session import Database
from onestop.figures.late_review import (
    GROUPING_LABELS,
    GROUPINGS,
    LATENESS_LABELS,
    LateFilter,
    LateItem,
    Lateness,
    late_groups,
    late_review,
)
from onestop.formatting import short_time, vn_number
from onestop.office.site import Site
from onestop.ui.background import Background
from onestop.ui.errors import message
from onestop.ui.labels import tr_label
from onestop.ui.queue_model import AMBER, DEEP_RED, INK, RED
from onestop.ui.rows_model import RowsModel

COLOURS = {Lateness.OVER_STATUTORY: DEEP_RED, Lateness.OVERDUE: RED, Lateness.DUE_SOON: AMBER}


class LateItemsModel(RowsModel):
    HEADERS = (QT_TRANSLATE_NOOP("LateItemsModel", "Mã hồ sơ"), QT_TRANSLATE_NOOP("LateItemsModel", "Người nộp"),
               QT_TRANSLATE_NOOP("LateItemsModel", "Thủ tục"), QT_TRANSLATE_NOOP("LateItemsModel", "Phòng, ban"),
               QT_TRANSLATE_NOOP("LateItemsModel", "Cán bộ xử lý"), QT_TRANSLATE_NOOP("LateItemsModel", "Hẹn trả"),
               QT_TRANSLATE_NOOP("LateItemsModel", "Quá (ngày LV)"),
               QT_TRANSLATE_NOOP("LateItemsModel", "Mức độ"), QT_TRANSLATE_NOOP("LateItemsModel", "Đã xin lỗi"))

    def __init__(self, site: Site, parent=None) -> None:
        super().__init__(parent)
        self.site = site
        self._order: tuple[int, Qt.SortOrder] | None = None

    def set_items(self, items: list[LateItem]) -> None:
        self.beginResetModel()
        self.rows = self._sorted(items)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted here, one key per row (a proxy's comparisons through data() took 0.57 s of the
        window's time for the 8,203 late dossiers of a million); stable, as the proxy was."""
        self._order = (column, order)
        self.layoutAboutToBeChanged.emit()
        self.rows = self._sorted(self.rows)
        self.layoutChanged.emit()

    def _sorted(self, items: list[LateItem]) -> list[LateItem]:
        if self._order is None:
            return list(items)
        column, order = self._order
        return sorted(items, key=lambda item: self._key(item, column), reverse=order == Qt.SortOrder.DescendingOrder)

    def _key(self, item: LateItem, column: int):
        """Numbers and instants sort as such, not as text."""
        if column == 5:
            return item.due_at.timestamp()
        if column == 6:
            return item.days_overdue
        return self._text(item, column)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return COLOURS[item.lateness]
        if role == Qt.ItemDataRole.ForegroundRole:
            return INK
        if role == Qt.ItemDataRole.FontRole and item.lateness is Lateness.OVER_STATUTORY:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column in (2, 3):
            return self._text(item, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 6:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.UserRole:
            return item.code
        return None

    def _text(self, item: LateItem, column: int) -> str:
        if column == 0:
            return item.code
        if column == 1:
            return item.applicant_name
        if column == 2:
            return f"{item.procedure_code} — {item.procedure_name}"
        if column == 3:
            return item.department
        if column == 4:
            return item.officer
        if column == 5:
            return short_time(item.due_at, self.site.calendar.tz)
        if column == 6:
            if item.days_overdue < 0:
                return self.tr("còn {days}").format(days=vn_number(-item.days_overdue))
            return vn_number(item.days_overdue)
        if column == 7:
            return tr_label(LATENESS_LABELS[item.lateness])
        return self.tr("Có") if item.apologised else ""


class LateReviewPage(QWidget):
    open_requested = Signal(str)  # a dossier code

    def __init__(self, db: Database, site: Site, clock: Callable[[], datetime], parent=None) -> None:
        super().__init__(parent)
        self.db, self.site, self.clock = db, site, clock
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Nhóm theo:")))
        self.grouping = QComboBox(self, objectName="late_grouping")
        for key in GROUPINGS:
            self.grouping.addItem(tr_label(GROUPING_LABELS[key]), key)
        bar.addWidget(self.grouping)
        self.kind_boxes: dict[Lateness, QCheckBox] = {}
        for kind in Lateness:
            box = QCheckBox(tr_label(LATENESS_LABELS[kind]), self, objectName=f"late_{kind.value}", checked=True)
            box.toggled.connect(self.refresh)
            self.kind_boxes[kind] = box
            bar.addWidget(box)
        bar.addWidget(QLabel(self.tr("Xin lỗi:")))
        self.apology = QComboBox(self, objectName="late_apology")
        for text, value in ((self.tr("Tất cả"), None), (self.tr("Đã xin lỗi"), True), (self.tr("Chưa xin lỗi"), False)):
            self.apology.addItem(text, value)
        bar.addWidget(self.apology)
        bar.addStretch(1)
        refresh = QPushButton(self.tr("Làm mới"), self)
        refresh.clicked.connect(self.refresh)
        bar.addWidget(refresh)
        layout.addLayout(bar)
        self.summary = QLabel(self, objectName="late_summary", wordWrap=True)  # its own row: cut at 1,024 px
        layout.addWidget(self.summary)

        splitter = QSplitter(self)
        self.groups = QTableWidget(0, 5, self, objectName="late_groups")
        self.groups.setHorizontalHeaderLabels([self.tr("Nhóm"), self.tr("Quá hạn"), self.tr("Quá hạn QĐ"),
                                               self.tr("Sắp hạn"), self.tr("Xin lỗi")])
        for column in range(1, 5):  # as wide as its heading, «Quá hạn QĐ» included
            self.groups.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.groups.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.groups.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.groups.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.groups.verticalHeader().hide()
        self.groups.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.groups.itemSelectionChanged.connect(self._load_items)
        splitter.addWidget(self.groups)

        self.background = Background(self)
        self.model = LateItemsModel(site, self)
        self.table = QTableView(self, objectName="late_table")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(6, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        metrics = self.table.horizontalHeader().fontMetrics()
        for column, width in ((0, 215), (1, 160), (2, 260), (3, 200), (4, 130), (5, 115), (6, 80), (7, 150), (8, 60)):
            heading = self.model.headerData(column, Qt.Orientation.Horizontal)  # whole, with room for the sort arrow
            self.table.setColumnWidth(column, max(width, metrics.horizontalAdvance(heading) + 28))
        # activated: Enter and the double click (which emits it too).
        self.table.activated.connect(lambda index: self.open_requested.emit(index.data(Qt.ItemDataRole.UserRole)))
        splitter.addWidget(self.table)
        splitter.setSizes([440, 900])
        layout.addWidget(splitter, 1)
        self.grouping.currentIndexChanged.connect(self.refresh)
        self.apology.currentIndexChanged.connect(self.refresh)

    def _filter(self, group_key: str | None = None) -> LateFilter:
        kinds = frozenset(k for k, box in self.kind_boxes.items() if box.isChecked())
        by = self.grouping.currentData()
        return LateFilter(kinds=kinds, group_by=by if group_key is not None else None, group_key=group_key,
                          apologised=self.apology.currentData())

    @property
    def busy(self) -> bool:
        return self.background.busy

    def refresh(self) -> None:
        """Re-counts the groups at the current time, off the window's thread (onestop.ui.background);
        the selection goes back to «Tất cả»."""
        now, site, by, flt = self.clock(), self.site, self.grouping.currentData(), self._filter()

        def read():
            with self.db.read() as session:
                return now, late_groups(session, site, now, by, flt), late_review(session, site, now, flt)

        self.summary.setText(self.tr("Đang tính số liệu…"))
        self.background.run(read, self._show, lambda exc: self.summary.setText(message(exc, self.db)))

    def _show(self, result) -> None:
        self._now, groups, items = result
        self.groups.blockSignals(True)
        self.groups.setRowCount(len(groups) + 1)
        totals = [sum(getattr(g, f) for g in groups) for f in ("overdue", "over_statutory", "due_soon", "apologised")]
        rows = [(self.tr("Tất cả"), None, totals)] + [
            (g.key, g.key, [g.overdue, g.over_statutory, g.due_soon, g.apologised]) for g in groups]
        for r, (label, key, figures) in enumerate(rows):
            name = QTableWidgetItem(label)
            name.setData(Qt.ItemDataRole.UserRole, key)
            self.groups.setItem(r, 0, name)
            for c, n in enumerate(figures, start=1):
                cell = QTableWidgetItem(vn_number(n))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.groups.setItem(r, c, cell)
        self.groups.selectRow(0)  # «Tất cả», whose dossiers came with the groups
        self.groups.blockSignals(False)
        self.summary.setText(self.tr("{overdue} quá hạn, trong đó {statutory} quá thời hạn quy định; "
                                     "{soon} sắp đến hạn").format(overdue=vn_number(totals[0]),
                                                                   statutory=vn_number(totals[1]),
                                                                   soon=vn_number(totals[2])))
        self.model.set_items(items)

    def _load_items(self) -> None:
        selected = self.groups.selectedItems()
        key = self.groups.item(selected[0].row(), 0).data(Qt.ItemDataRole.UserRole) if selected else None
        with self.db.read() as session:
            self.model.set_items(late_review(session, self.site, self._now, self._filter(key)))

    def codes(self) -> list[str]:
        """The dossier codes in the order shown (for tests and for a glance)."""
        return [item.code for item in self.model.rows]
