"""Pages of figures for a period — the periodic report and the cut-time targets: a period picker,
the figures in a table, and buttons that save them as the files a supervisor sends. The figures
are computed, and the files written, off the window's thread (onestop.ui.background): a year of a
busy site takes seconds, a ledger of it as PDF longer."""
from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from onestop.db.session import Database
from onestop.figures.figure_files import save_figures
from onestop.files.output_files import write_problem
from onestop.formatting import vn_number
from onestop.office.site import Site
from onestop.ui.background import Background
from onestop.ui.errors import message
from onestop.ui.period_picker import PeriodPicker
from onestop.ui.queue_model import RED

FILTERS = {"pdf": "PDF (*.pdf)", "xlsx": "Excel (*.xlsx)", "csv": "CSV (*.csv)"}
AskPath = Callable[[QWidget, str, str, str], str]  # (parent, title, suggested name, filter) -> path or ""


@dataclass(frozen=True)
class Shown:
    """What the page showed when the officer asked for the file, read on the window's thread: the
    file is written on a worker and must not read a widget."""
    figures: object
    start: date
    end: date
    now: datetime


Save = Callable[[Path, Shown], object]


def ask_save_path(parent: QWidget, title: str, name: str, file_filter: str) -> str:
    return QFileDialog.getSaveFileName(parent, title, name, file_filter)[0]


class FiguresPage(QWidget):
    """Subclasses say how to compute the figures (`work`, read on the window's thread, run on a
    worker), fill the table (`fill`) and name the exports."""

    saved = Signal(str)  # the path of a file just written

    def __init__(self, db: Database, site: Site, clock: Callable[[], datetime], parent=None,
                 ask_path: AskPath = ask_save_path) -> None:
        super().__init__(parent)
        self.db, self.site, self.clock, self.ask_path = db, site, clock, ask_path
        self.figures = None
        self.save_error: QMessageBox | None = None
        self.background = Background(self)
        self.saving = Background(self)  # a file being written: a second worker, the figures stay
        self.export_buttons: list[QPushButton] = []
        layout = QVBoxLayout(self)
        self.bar = QHBoxLayout()
        self.picker = PeriodPicker(site.calendar.to_local(clock()).date(), self)
        self.picker.changed.connect(self.refresh)
        self.bar.addWidget(self.picker)
        layout.addLayout(self.bar)
        self.summary = QLabel(self, objectName="figures_summary", wordWrap=True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(self, objectName="figures_table")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        layout.addWidget(self.table, 1)
        self.buttons = QHBoxLayout()
        self.save_status = QLabel(self, objectName="save_status")
        self.buttons.addWidget(self.save_status)
        self.buttons.addStretch(1)
        layout.addLayout(self.buttons)

    def add_export(self, label: str, fmt: str, save: Save, name: Callable[[], str]) -> QPushButton:
        button = QPushButton(label, self, objectName=f"export_{name.__name__}_{fmt}")
        button.clicked.connect(lambda: self.export(fmt, save, name()))
        self.buttons.addWidget(button)
        self.export_buttons.append(button)
        return button

    def figures_file(self, fmt: str) -> Save:
        """Saves the figures on screen — the report's or the targets' — as PDF, XLSX or CSV."""
        return lambda path, shown: save_figures(shown.figures, fmt, path, self.site, shown.now)

    def export(self, fmt: str, save: Save, suggested: str) -> Path | None:
        """Asks where, then writes on a worker; `saved` says when the file is there."""
        path = self.ask_path(self, self.tr("Lưu thành tệp"), suggested, FILTERS[fmt])
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != f".{fmt}":
            target = target.with_name(target.name + f".{fmt}")
        shown = Shown(self.figures, *self.period(), self.clock())
        self.save_status.setText(self.tr("Đang lưu {name}…").format(name=target.name))
        self.saving.run(lambda: save(target, shown), lambda _: self._saved(target),
                        lambda exc: self._save_failed(target, exc), expected=(OSError,))
        self._enable_exports()
        return target

    def _saved(self, target: Path) -> None:
        self.save_status.setText(self.tr("Đã lưu {name}.").format(name=target.name))
        self.save_status.setToolTip(str(target))
        self._enable_exports()
        self.saved.emit(str(target))

    def _save_failed(self, target: Path, exc: BaseException) -> None:
        self.save_status.setText("")
        self._enable_exports()
        # Disk full, the database chosen as the file…: said in Vietnamese; an older file is kept.
        text = write_problem(target, exc) if isinstance(exc, OSError) else message(exc, self.db)
        # open(), not exec(): a nested loop here would run inside the worker's queued signal.
        self.save_error = QMessageBox(QMessageBox.Icon.Critical, self.tr("Không lưu được"), text,
                                      parent=self, objectName="save_failed")
        self.save_error.open()

    def _enable_exports(self) -> None:
        """Nothing saved from figures being replaced, nor a second file while one is written."""
        ready = self.figures is not None and not self.background.busy and not self.saving.busy
        for button in self.export_buttons:
            button.setEnabled(ready)

    def period(self) -> tuple[date, date]:
        return self.picker.dates()

    @property
    def busy(self) -> bool:
        return self.background.busy

    def refresh(self) -> None:
        start, end = self.period()
        compute = self.work(start, end)  # the widgets' choices read here, on the window's thread

        def read():
            with self.db.read() as session:
                return compute(session)

        self.summary.setText(self.tr("Đang tính số liệu…"))
        self.background.run(read, self._show, self._failed)
        self._enable_exports()  # the figures on screen are about to change

    def _show(self, figures) -> None:
        self.figures = figures
        self.fill(figures)
        self._enable_exports()

    def _failed(self, exc: BaseException) -> None:
        self.figures = None  # what the table still shows is not what was asked: no file of it
        self.summary.setText(message(exc, self.db))

    def work(self, start: date, end: date) -> Callable:
        """A function of a session that computes the figures; it must not touch a widget."""
        raise NotImplementedError

    def fill(self, figures) -> None:
        raise NotImplementedError

    def set_rows(self, headers: Sequence[str], rows: Sequence[Sequence], bold_last: bool = False,
                 name_width: int = 260, flagged: Collection[int] = ()) -> None:
        """Text left (whole on hover), numbers right in Vietnamese digits; None shows as a dash."""
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                number = value is None or isinstance(value, (int, float))
                item = QTableWidgetItem(vn_number(value) if number else str(value))
                if number:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                else:
                    item.setToolTip(str(value))
                if r in flagged:
                    item.setBackground(RED)
                if bold_last and r == len(rows) - 1:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(1, name_width)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
