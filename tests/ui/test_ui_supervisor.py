"""The supervisor's desk through the window: F5, the late review's groups, filters and double
click, the report and the ledger saved as files and read back, the targets, the charts as PNG."""
from __future__ import annotations

import threading
import time
import zipfile
from pathlib import Path

import pypdfium2
import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QPushButton

from onestop.ui.main_window import MainWindow
from tests.conftest import MONDAY_0915
from tests.db.test_late_review import TU_PHAP, build_week
from tests.qt_typing import press
from tests.ui.test_ui_intake import _show


@pytest.fixture
def desk(qtbot, site_db, tmp_path):
    db, site = site_db
    codes = build_week(db, site)
    window = MainWindow(db, site, lambda: MONDAY_0915, "Trưởng bộ phận")
    qtbot.addWidget(window)
    _show(qtbot, window)
    asked = []

    def ask_path(parent, title, name, file_filter):
        asked.append((name, file_filter))
        return str(tmp_path / name)

    for page in (window.desk.report, window.desk.targets):
        page.ask_path = ask_path
    window.desk.charts.ask_path = lambda parent, title, name: ask_path(parent, title, name, "PNG")
    press(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.desk.isVisible())
    settled(qtbot, window.desk.late)
    return window, codes, asked


def settled(qtbot, page) -> None:
    """The page's figures are computed off the window's thread: wait until they are on screen."""
    qtbot.waitUntil(lambda: not page.busy, timeout=20_000)


def export(qtbot, page, button: str) -> Path:
    """Clicks an export button and waits for the file: it is written off the window's thread."""
    with qtbot.waitSignal(page.saved, timeout=20_000) as written:
        page.findChild(QPushButton, button).click()
    return Path(written.args[0])


def _pdf_text(path) -> str:
    pdf = pypdfium2.PdfDocument(str(path))
    return "\n".join(page.get_textpage().get_text_range() for page in pdf)


def test_f5_shows_the_late_review_grouped_by_department(desk, qtbot):
    window, codes, _ = desk
    late = window.desk.late
    label = {code: name for name, code in codes.items()}
    assert [label[c] for c in late.codes()] == ["B", "D", "A", "C"]  # most overdue first
    groups = [late.groups.item(r, 0).text() for r in range(late.groups.rowCount())]
    assert groups == ["Tất cả", TU_PHAP, "Phòng Tài nguyên và Môi trường", "Chưa chuyển xử lý"]
    assert [late.groups.item(1, c).text() for c in range(1, 5)] == ["2", "1", "0", "1"]
    assert "3 quá hạn, trong đó 1 quá thời hạn quy định; 1 sắp đến hạn" in late.summary.text()

    late.groups.selectRow(1)  # Phòng Tư pháp
    assert [label[c] for c in late.codes()] == ["B", "A"]
    late.kind_boxes[next(k for k in late.kind_boxes if k.value == "due_soon")].click()
    settled(qtbot, late)
    assert [label[c] for c in late.codes()] == ["B", "D", "A"]  # refreshed: back on «Tất cả»
    late.grouping.setCurrentIndex(late.grouping.findData("officer"))
    settled(qtbot, late)
    assert late.groups.item(1, 0).text() == "Chưa giao cán bộ"

    late.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # by code: D (9/11) first
    assert [label[c] for c in late.codes()] == ["D", "B", "A"]
    index = late.table.model().index(0, 0)
    rect = late.table.visualRect(index)
    # A real double click: press, release, then the double-click event (Qt ignores it without the press).
    qtbot.mouseClick(late.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(late.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.dossier_window is not None and window.dossier_window.isVisible())
    assert window.dossier_window.code == codes["D"]


def test_report_and_ledger_saved_as_files(desk, qtbot, tmp_path):
    window, codes, asked = desk
    window.desk.tabs.setCurrentWidget(window.desk.report)
    page = window.desk.report
    page.picker.set_custom(QDate(2026, 11, 1).toPython(), QDate(2026, 11, 30).toPython())
    settled(qtbot, page)
    total = [page.table.item(page.table.rowCount() - 1, c).text() for c in range(page.table.columnCount())]
    # Received: 7 in the period (A–G), none carried over; resolved: F late; open: 4 overdue, 2 within.
    assert total[:7] == ["", "Tổng cộng", "7", "0", "0", "7", "1"]
    assert total[9] == "1"  # quá hạn
    # F resolved late, the only one resolved: 0 % on time.
    assert page.summary.text() == "Từ 01/11/2026 đến 30/11/2026: 7 hồ sơ nhận giải quyết; tỷ lệ đúng hạn 0,0 %."
    for name in ("export_report_name_pdf", "export_report_name_xlsx", "export_ledger_name_pdf",
                 "export_ledger_name_xlsx"):
        export(qtbot, page, name)
    files = {name for name, _ in asked}
    assert files == {"bao-cao-20261101-20261130", "so-theo-doi-ho-so-20261101-20261130"}
    report_text = _pdf_text(tmp_path / "bao-cao-20261101-20261130.pdf")
    assert "BÁO CÁO TÌNH HÌNH" in report_text and "Hộ tịch" in report_text
    ledger_text = _pdf_text(tmp_path / "so-theo-doi-ho-so-20261101-20261130.pdf")
    assert all(code in "".join(ledger_text.split()) for code in codes.values())
    sheet = load_workbook(tmp_path / "bao-cao-20261101-20261130.xlsx").active
    numbers = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, int)]
    assert 7 in numbers
    assert zipfile.is_zipfile(tmp_path / "so-theo-doi-ho-so-20261101-20261130.xlsx")


def test_targets_list_the_broken_promise_first(desk, qtbot, tmp_path):
    window, _, asked = desk
    window.desk.tabs.setCurrentWidget(window.desk.targets)
    page = window.desk.targets
    page.picker.set_custom(QDate(2026, 11, 1).toPython(), QDate(2026, 11, 30).toPython())
    settled(qtbot, page)
    # F (1.004884, due 19/11 09:00, ready 20/11) is the only result: its promise is not kept.
    assert page.table.item(0, 0).text() == "1.004884"
    assert page.table.item(0, page.table.columnCount() - 1).text() == "Không giữ được cam kết"
    assert "chỉ tiêu 60 %" in page.summary.text()
    assert export(qtbot, page, "export_targets_name_xlsx") == tmp_path / "cat-giam-thoi-gian-20261101-20261130.xlsx"
    assert page.save_status.text() == "Đã lưu cat-giam-thoi-gian-20261101-20261130.xlsx."


def test_charts_saved_as_png(desk, qtbot, tmp_path):
    window, _, _ = desk
    window.desk.tabs.setCurrentWidget(window.desk.charts)
    charts = window.desk.charts
    settled(qtbot, charts)
    late_chart = charts.views["late"].chart()
    # Bars are drawn from the bottom up: the department with most late files last, on top.
    assert late_chart.axes()[0].categories() == ["Phòng Tài nguyên và Môi trường", TU_PHAP]
    path = charts.save_png("flow")
    image = QImage(str(path))
    assert path.suffix == ".png" and image.width() > 200 and image.height() > 200
    # Not a blank picture: the bars and labels put more than one colour on it.
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 3


def test_the_window_keeps_answering_while_a_page_computes(desk, qtbot):
    """Issue 13 step 7: the figures are read on a worker thread. The computation is made slow here
    (the real one, after a pause standing in for a year of a busy site): meanwhile the event loop
    runs, the officer can type in the scan box, and the figures then arrive; an older request
    overtaken by a newer one is never shown."""
    window, _, _ = desk
    page = window.desk.targets
    window.desk.tabs.setCurrentWidget(page)
    settled(qtbot, page)
    real_work, gate = page.work, threading.Event()

    def slow_work(start, end):
        compute = real_work(start, end)

        def slow(session):
            gate.wait(10)
            return compute(session)
        return slow

    page.work = slow_work
    page.picker.set_custom(QDate(2026, 1, 1).toPython(), QDate(2026, 12, 31).toPython())  # a year of targets
    assert page.busy and page.summary.text() == "Đang tính số liệu…"
    assert not any(b.isEnabled() for b in page.export_buttons)  # nothing saved from figures being replaced
    ticks = []
    started = time.monotonic()
    while time.monotonic() - started < 0.3:  # the loop turns while the worker waits
        qtbot.wait(20)
        ticks.append(page.busy)
    window.scan_box.setFocus()
    qtbot.keyClicks(window.scan_box, "000.00.12")
    assert len(ticks) >= 5 and all(ticks) and window.scan_box.text() == "000.00.12"
    shown = []
    real_fill = page.fill
    page.fill = lambda targets: (shown.append(targets.summary.resolved), real_fill(targets))
    page.picker.set_custom(QDate(2026, 10, 1).toPython(), QDate(2026, 10, 31).toPython())  # asked again
    gate.set()
    settled(qtbot, page)
    assert shown == [0]  # October's figures only: the year's, computed first, were overtaken
    assert "0 hồ sơ có kết quả" in page.summary.text() and all(b.isEnabled() for b in page.export_buttons)


def test_the_window_keeps_answering_while_a_file_is_written(desk, qtbot, tmp_path, monkeypatch):
    """Issue 13 step 7: the ledger of a busy year is written on a worker. Here the real writer
    waits first: the loop turns, the officer types, a second file cannot be asked meanwhile, and the
    file then arrives, read back; the export is logged once."""
    import onestop.ui.figures_page as figures_page
    from onestop.people.privacy import export_log

    window, _, asked = desk
    page = window.desk.report
    window.desk.tabs.setCurrentWidget(page)
    page.picker.set_custom(QDate(2026, 11, 1).toPython(), QDate(2026, 11, 30).toPython())
    settled(qtbot, page)
    gate, real_save = threading.Event(), figures_page.save_figures

    def slow_save(*args):
        gate.wait(10)
        return real_save(*args)

    monkeypatch.setattr(figures_page, "save_figures", slow_save)
    with qtbot.waitSignal(page.saved, timeout=20_000) as written:
        page.findChild(QPushButton, "export_report_name_xlsx").click()
        assert page.save_status.text() == "Đang lưu bao-cao-20261101-20261130.xlsx…"
        assert not any(b.isEnabled() for b in page.export_buttons)
        ticks, started = [], time.monotonic()
        while time.monotonic() - started < 0.3:
            qtbot.wait(20)
            ticks.append(page.saving.busy)
        window.scan_box.setFocus()
        qtbot.keyClicks(window.scan_box, "000.00.12")
        assert len(ticks) >= 5 and all(ticks) and window.scan_box.text() == "000.00.12"
        gate.set()
    sheet = load_workbook(written.args[0]).active
    assert 7 in [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, int)]
    assert all(b.isEnabled() for b in page.export_buttons) and asked == [("bao-cao-20261101-20261130", "Excel (*.xlsx)")]

    ledger = export(qtbot, page, "export_ledger_name_pdf")
    with window.db.read() as session:
        assert [e.what for e in export_log(session)] == ["ledger.pdf"]
        assert str(ledger) in export_log(session)[0].detail


def test_a_file_that_cannot_be_written_is_said_in_vietnamese_and_the_page_goes_on(desk, qtbot, tmp_path):
    window, _, _ = desk
    page = window.desk.targets
    window.desk.tabs.setCurrentWidget(page)
    settled(qtbot, page)
    missing = tmp_path / "không-có" / "chi-tieu"
    page.ask_path = lambda *args: str(missing)
    page.findChild(QPushButton, "export_targets_name_pdf").click()

    qtbot.waitUntil(lambda: page.save_error is not None and page.save_error.isVisible(), timeout=20_000)
    text = page.save_error.text()
    page.save_error.close()
    assert f"không ghi được tệp {missing}.pdf (thư mục không tồn tại)" in text
    assert not missing.parent.exists() and page.save_status.text() == ""
    assert all(b.isEnabled() for b in page.export_buttons)  # another folder can be chosen
