"""Readable for every officer: a dark system palette, and larger text for older eyes (issue 14, item 6)."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from onestop.dossiers.queue import View
from onestop.ui.main_window import MainWindow
from tests.conftest import MONDAY_0915
from tests.qt_typing import press
from tests.ui.test_ui_intake import _fill_applicant, _show


def _luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2's contrast ratio: 4.5 is the least for body text."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture
def dark(qapp) -> Iterator[QPalette]:
    before = qapp.palette()
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#202124"), (QPalette.ColorRole.Base, "#1b1b1b"),
                         (QPalette.ColorRole.WindowText, "#eeeeee"), (QPalette.ColorRole.Text, "#eeeeee"),
                         (QPalette.ColorRole.Button, "#303134"), (QPalette.ColorRole.ButtonText, "#eeeeee")):
        palette.setColor(role, QColor(colour))
    qapp.setPalette(palette)
    try:
        yield palette
    finally:
        qapp.setPalette(before)


def test_flagged_rows_and_the_appointment_stay_readable_in_a_dark_palette(qtbot, site_db, dark):
    db, site = site_db
    w = MainWindow(db, site, lambda: MONDAY_0915, "Lê Thu Hà")
    qtbot.addWidget(w)
    _show(qtbot, w)
    _fill_applicant(w)
    label = w.intake.deadline_label
    image = label.grab().toImage()
    paper = image.pixelColor(2, 2)
    ink = max((image.pixelColor(x, y) for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)),
              key=lambda c: contrast(c, paper))
    assert contrast(ink, paper) >= 4.5, (ink.name(), paper.name())

    press(w.intake.phone, Qt.Key.Key_Return)
    saved = w.intake.last_saved
    for now in (saved.due_at - timedelta(hours=2), saved.due_at + timedelta(hours=1),
                saved.statutory_due_at + timedelta(hours=1)):  # amber, red, deep red
        w.model.clock = lambda now=now: now
        w.model.show_view(View.OPEN)
        index = w.model.index(0, 1)
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        text = index.data(Qt.ItemDataRole.ForegroundRole) or dark.color(QPalette.ColorRole.Text)
        assert background is not None and contrast(text, background) >= 4.5, (text.name(), background.name())


def test_ctrl_equals_and_minus_scale_the_text_and_the_desk_keeps_it_for_that_account(qtbot, site_db):
    db, site = site_db
    system = QApplication.font().pointSizeF()
    w = MainWindow(db, site, lambda: MONDAY_0915, "Lê Thu Hà")
    qtbot.addWidget(w)
    _show(qtbot, w)
    for _ in range(3):
        press(w.intake.name, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert w.text_size == 130 and QApplication.font().pointSizeF() == pytest.approx(system * 1.3)
    qtbot.waitUntil(lambda: w.intake.name.font().pointSizeF() == pytest.approx(system * 1.3))  # every widget
    press(w.intake.name, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert "120 %" in w.statusBar().currentMessage()
    w.close()

    again = MainWindow(db, site, lambda: MONDAY_0915, "Lê Thu Hà")  # the next start, same account
    qtbot.addWidget(again)
    assert again.text_size == 120 and QApplication.font().pointSizeF() == pytest.approx(system * 1.2)
    other = MainWindow(db, site, lambda: MONDAY_0915, "Trần Văn Nam")  # another account on this desk
    qtbot.addWidget(other)
    assert other.text_size == 100 and QApplication.font().pointSizeF() == pytest.approx(system)
    press(other, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert other.text_size == 100


def test_the_window_fits_a_small_screen_and_reopens_as_it_was_left(qtbot, site_db):
    db, site = site_db
    w = MainWindow(db, site, lambda: MONDAY_0915, "Lê Thu Hà")
    qtbot.addWidget(w)
    available = w.screen().availableGeometry().size()
    if available.width() < 1280 or available.height() < 800:  # offscreen's screen is 800×600
        assert w.windowState() & Qt.WindowState.WindowMaximized
    w.show()
    w.showNormal()
    w.resize(w.width(), 620)  # offscreen's screen is narrower than the window's least width: the height tells
    qtbot.waitUntil(lambda: w.height() == 620)
    w.close()  # kept in desk.ini for this screen
    again = MainWindow(db, site, lambda: MONDAY_0915, "Lê Thu Hà")
    qtbot.addWidget(again)
    assert again.height() == 620 and not again.windowState() & Qt.WindowState.WindowMaximized


def test_f4_reaches_the_scan_box_on_its_own_row_and_the_queue_explains_its_colours(qtbot, site_db):
    db, site = site_db
    w = MainWindow(db, site, lambda: MONDAY_0915, "Lê Thu Hà")
    qtbot.addWidget(w)
    _show(qtbot, w)
    assert w.scan_box.isVisible()  # not folded behind the toolbar's «»»
    press(w.intake.name, Qt.Key.Key_F4)
    assert w.scan_box.hasFocus()
    press(w, Qt.Key.Key_F3)
    legend = w.legend.text()
    assert w.legend.isVisible() and all(word in legend for word in ("sắp đến hạn", "quá hạn hẹn trả", "quá thời hạn"))


def test_the_late_reviews_headings_are_whole(qtbot, site_db):
    from onestop.ui.late_review_page import LateReviewPage

    db, site = site_db
    page = LateReviewPage(db, site, lambda: MONDAY_0915)
    qtbot.addWidget(page)
    metrics = page.table.horizontalHeader().fontMetrics()
    for column in range(page.model.columnCount()):
        heading = page.model.headerData(column, Qt.Orientation.Horizontal)
        assert page.table.columnWidth(column) > metrics.horizontalAdvance(heading) + 16, heading  # text and arrow


def test_the_counters_pages_fit_a_1024_pixel_screen(qtbot, site_db):
    from onestop.ui.late_review_page import LateReviewPage

    db, site = site_db
    w = MainWindow(db, site, lambda: MONDAY_0915, "Lê Thu Hà")
    qtbot.addWidget(w)
    page = LateReviewPage(db, site, lambda: MONDAY_0915)
    qtbot.addWidget(page)
    # The queue's search beside its six lists made the window at least 1,222 px wide.
    widths = {w.tabs.tabText(i): w.tabs.widget(i).minimumSizeHint().width() for i in range(2)}
    widths["late review"] = page.minimumSizeHint().width()
    assert all(width <= 1000 for width in widths.values()), widths
    assert w.minimumSizeHint().width() <= 1024
    from onestop.ui.charts_page import ChartsPage

    _show(qtbot, w)
    _fill_applicant(w)
    press(w.intake.phone, Qt.Key.Key_Return)
    dossier = w.open_dossier(w.intake.last_saved.code)  # its nine actions in one row made it 1,300 px wide
    assert dossier.minimumSizeHint().width() <= 1000 and len(dossier.action_buttons) >= 4
    charts = ChartsPage(db, site, lambda: MONDAY_0915, ask_path=lambda *_: None)  # the desk's tallest page: 628 px made the window 769
    qtbot.addWidget(charts)
    assert charts.minimumSizeHint().height() <= 560


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_error_and_done_messages_keep_their_contrast_on_either_palette(qapp, request, palette):
    import re

    from onestop.ui.submit_dialog import done_style, error_style

    window = (request.getfixturevalue("dark") if palette == "dark" else qapp.palette()).color(QPalette.ColorRole.Window)
    for style in (error_style(), error_style(bold=True), done_style()):
        ink = QColor(re.search(r"color: (#[0-9a-f]{6})", style).group(1))
        assert contrast(ink, window) >= 4.5, (palette, style, window.name())
