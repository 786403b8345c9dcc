"""The supervisor's charts (QtCharts): received and resolved per week, the on-time rate per week,
and today's late dossiers by department. Each chart can be saved as a PNG."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMargins, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from onestop.db.session import Database
from onestop.figures.late_review import late_groups
from onestop.figures.trends import weekly_flow
from onestop.files.output_files import write_bytes, write_problem
from onestop.office.site import Site
from onestop.ui.background import Background
from onestop.ui.errors import message

BLUE, GREEN, RED, DEEP_RED = QColor("#2f6fb0"), QColor("#3c9a5f"), QColor("#e07070"), QColor("#a02828")
WEEK_CHOICES = (12, 26, 52)


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(4, 4, 4, 4))
    return chart


def _bar_set(label: str, values: list[int], colour: QColor) -> QBarSet:
    bars = QBarSet(label)
    bars.append([float(v) for v in values])
    bars.setColor(colour)
    return bars


class ChartsPage(QWidget):
    saved = Signal(str)  # the path of a PNG just written

    def __init__(self, db: Database, site: Site, clock: Callable[[], datetime], parent=None, *,
                 ask_path: Callable[[QWidget, str, str], str]) -> None:
        super().__init__(parent)
        self.db, self.site, self.clock = db, site, clock
        self.ask_path = ask_path  # (parent, title, suggested name) -> path, "" when cancelled
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Khoảng thời gian:")))
        self.weeks = QComboBox(self, objectName="chart_weeks")
        for n in WEEK_CHOICES:
            self.weeks.addItem(self.tr("{n} tuần gần nhất").format(n=n), n)
        self.weeks.setCurrentIndex(1)
        self.weeks.currentIndexChanged.connect(self.refresh)
        bar.addWidget(self.weeks)
        bar.addStretch(1)
        self.status = QLabel(self, objectName="charts_status")
        bar.addWidget(self.status)
        layout.addLayout(bar)
        self.background = Background(self)
        grid = QGridLayout()
        self.views: dict[str, QChartView] = {}
        titles = {"flow": self.tr("Hồ sơ tiếp nhận và đã giải quyết theo tuần"),
                  "rate": self.tr("Tỷ lệ giải quyết đúng hạn theo tuần (%)"),
                  "late": self.tr("Hồ sơ quá hạn hiện nay theo phòng, ban")}
        for i, (key, title) in enumerate(titles.items()):
            view = QChartView(_chart(title), self, objectName=f"chart_{key}")
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(200)  # two rows of them and the desk still fits 768 px high
            save = QPushButton(self.tr("Lưu ảnh PNG…"), self, objectName=f"save_{key}")
            save.clicked.connect(lambda _=False, k=key: self.save_png(k))
            cell = QVBoxLayout()
            cell.addWidget(view, 1)
            cell.addWidget(save, 0, Qt.AlignmentFlag.AlignRight)
            grid.addLayout(cell, i // 2, i % 2, 1, 2 if key == "late" else 1)
            self.views[key] = view
        layout.addLayout(grid, 1)

    @property
    def busy(self) -> bool:
        return self.background.busy

    def refresh(self) -> None:
        """Reads the weeks off the window's thread (onestop.ui.background), then draws them."""
        now, site, weeks = self.clock(), self.site, self.weeks.currentData()
        today = site.calendar.to_local(now).date()

        def read():
            with self.db.read() as session:
                return (weekly_flow(session, site, today - timedelta(weeks=weeks - 1), today),
                        late_groups(session, site, now, "department"))

        self.status.setText(self.tr("Đang tính số liệu…"))
        self.background.run(read, self._draw, lambda exc: self.status.setText(message(exc, self.db)))

    def _draw(self, result) -> None:
        flow, late = result
        self.status.setText("")
        labels = [f"{w.monday:%d/%m}" for w in flow]
        self._flow(labels, [w.received for w in flow], [w.resolved for w in flow])
        self._rate(labels, [w.on_time_rate for w in flow])
        self._late([g for g in reversed(late) if g.overdue])  # drawn bottom up: the most late on top

    def _replace(self, key: str, series, categories: list[str], y_max: float | None = None) -> QChart:
        chart = self.views[key].chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        chart.addSeries(series)
        horizontal = isinstance(series, QHorizontalStackedBarSeries)
        category = QBarCategoryAxis()
        category.append(categories)
        category.setTruncateLabels(False)
        if len(categories) > 12 and not horizontal:  # many weeks: upright labels would overlap
            category.setLabelsAngle(-90)
        value = QValueAxis()
        value.setLabelFormat("%d")
        if y_max is not None:
            value.setRange(0, y_max)
        chart.addAxis(category, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(value, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(category)
        series.attachAxis(value)
        if y_max is None:
            value.applyNiceNumbers()
        return chart

    def _flow(self, labels: list[str], received: list[int], resolved: list[int]) -> None:
        series = QBarSeries()
        series.append(_bar_set(self.tr("Tiếp nhận"), received, BLUE))
        series.append(_bar_set(self.tr("Đã giải quyết"), resolved, GREEN))
        self._replace("flow", series, labels)

    def _rate(self, labels: list[str], rates: list[float | None]) -> None:
        series = QLineSeries()
        series.setName(self.tr("Đúng hạn (%)"))
        series.setColor(GREEN)
        series.setPointsVisible(True)
        for i, rate in enumerate(rates):
            if rate is not None:  # no result that week: no point rather than a false 0 %
                series.append(i, rate)
        self._replace("rate", series, labels, y_max=100)

    def _late(self, groups) -> None:
        series = QHorizontalStackedBarSeries()
        series.append(_bar_set(self.tr("Quá hạn hẹn trả"), [g.overdue - g.over_statutory for g in groups], RED))
        series.append(_bar_set(self.tr("Quá thời hạn quy định"), [g.over_statutory for g in groups], DEEP_RED))
        self._replace("late", series, [g.key for g in groups])

    def save_png(self, key: str) -> Path | None:
        name = {"flow": "tiep-nhan-giai-quyet.png", "rate": "ty-le-dung-han.png", "late": "qua-han-theo-phong.png"}[key]
        path = self.ask_path(self, self.tr("Lưu biểu đồ"), name)
        if not path:
            return None
        target = Path(path).with_suffix(".png")
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not self.views[key].grab().save(buffer, "PNG"):
            QMessageBox.critical(self, self.tr("Không lưu được"), self.tr("Không ghi được tệp {path}.").format(path=target))
            return None
        try:  # as every output file: never over the database, an older file kept when it fails
            write_bytes(target, bytes(data))
        except OSError as exc:
            QMessageBox.critical(self, self.tr("Không lưu được"), write_problem(target, exc))
            return None
        self.saved.emit(str(target))
        return target
