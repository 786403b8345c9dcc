"""Choosing a reporting period: month, quarter, six months, year, or any range of dates."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QSpinBox, QWidget

from onestop.clock.periods import EARLIEST_DAY, KIND_LABELS, KINDS, LATEST_DAY, count, number_of, period
from onestop.ui.labels import tr_label


class PeriodPicker(QWidget):
    changed = Signal()

    def __init__(self, today: date, parent=None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Kỳ:")))
        self.kind = QComboBox(self, objectName="period_kind")
        for kind in KINDS:
            self.kind.addItem(tr_label(KIND_LABELS[kind]), kind)
        self.number = QSpinBox(self, objectName="period_number", minimum=1, maximum=12)
        self.year = QSpinBox(self, objectName="period_year", minimum=EARLIEST_DAY.year, maximum=LATEST_DAY.year,
                             value=today.year)
        self.start = QDateEdit(self, objectName="period_from", calendarPopup=True, displayFormat="dd/MM/yyyy")
        self.end = QDateEdit(self, objectName="period_to", calendarPopup=True, displayFormat="dd/MM/yyyy")
        for edit in (self.start, self.end):  # the days onestop.clock.periods.instants takes
            edit.setDateRange(QDate(EARLIEST_DAY), QDate(LATEST_DAY))
        for widget in (self.kind, self.number, QLabel(self.tr("năm")), self.year, QLabel(self.tr("từ")), self.start,
                       QLabel(self.tr("đến")), self.end):
            layout.addWidget(widget)
        self.number.setValue(today.month)
        self._apply()
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.number.valueChanged.connect(self._apply)
        self.year.valueChanged.connect(self._apply)
        self.start.dateChanged.connect(self._custom_changed)
        self.end.dateChanged.connect(self._custom_changed)

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        if kind != "custom":
            # Keep the period that contains the start shown so far (month 11 → quarter 4).
            start = self.start.date().toPython()
            self.number.blockSignals(True)
            self.number.setMaximum(count(kind))
            self.number.setValue(number_of(kind, start))
            self.number.blockSignals(False)
        self._apply()

    def _apply(self) -> None:
        kind = self.kind.currentData()
        custom = kind == "custom"
        self.number.setEnabled(not custom and kind != "year")
        self.year.setEnabled(not custom)
        self.start.setEnabled(custom)
        self.end.setEnabled(custom)
        if not custom:
            start, end = period(kind, self.year.value(), self.number.value())
            for edit, day in ((self.start, start), (self.end, end)):
                edit.blockSignals(True)
                edit.setDate(QDate(day))
                edit.blockSignals(False)
        self.changed.emit()

    def _custom_changed(self) -> None:
        if self.start.date() > self.end.date():  # a range backwards: the other end follows
            (self.end if self.sender() is self.start else self.start).setDate(self.sender().date())
        self.changed.emit()

    def dates(self) -> tuple[date, date]:
        return self.start.date().toPython(), self.end.date().toPython()

    def set_custom(self, start: date, end: date) -> None:
        self.kind.setCurrentIndex(KINDS.index("custom"))
        self.start.setDate(QDate(start))
        self.end.setDate(QDate(end))
