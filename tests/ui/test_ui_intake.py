"""The counter officer's path through the window, typed key by key."""
from __future__ import annotations

import unicodedata

import pypdfium2
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from onestop.db.models import Dossier
from onestop.dossiers.queue import View
from onestop.formatting import short_time
from onestop.people.accounts import Actor
from onestop.ui.main_window import MainWindow
from tests.conftest import MONDAY_0915, SQLITE_ONLY
from tests.qt_typing import answer_next_box, press, type_ime, type_keys


def _show(qtbot, w: MainWindow) -> None:
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)  # keyboard focus only lives in the active window


@pytest.fixture
def window(qtbot, site_db):
    db, site = site_db
    w = MainWindow(db, site, lambda: MONDAY_0915, "Lê Thu Hà")
    w.printed = []
    w.print_handler = lambda parent, pdf, paper, title: w.printed.append((pdf, paper, title))
    qtbot.addWidget(w)
    _show(qtbot, w)
    return w


def _dossier_count(w: MainWindow) -> int:
    with w.db.read() as s:
        return s.scalar(select(func.count()).select_from(Dossier))


def _fill_applicant(w: MainWindow, *, cccd: str = "001190012345", phone: str = "+84 912 345 678",
                    leave: tuple[str, ...] = ()) -> None:
    """Fills the form for DP.LLTP.01, ticking every paper but those whose names contain one of `leave`."""
    form = w.intake
    type_keys(form.procedure_search, "lý lịch tư pháp")
    press(form.procedure_search, Qt.Key.Key_Down)
    assert form.procedure_list.hasFocus()
    press(form.procedure_list, Qt.Key.Key_Return)
    assert form.procedure is not None and form.procedure.code == "DP.LLTP.01"
    assert form.documents.hasFocus()
    for row in range(form.documents.rowCount()):
        if any(part in form.documents.item(row, 0).text() for part in leave):
            continue
        form.documents.setCurrentCell(row, 0)
        press(form.documents, Qt.Key.Key_Space)  # tick each paper as it is handed over
    type_keys(form.name, "Nguyễn Thị Hồng Nhung")
    type_keys(form.id_number, cccd)
    type_ime(form.phone, phone)  # as a Vietnamese input method commits text
    type_ime(form.address, "Số 5 phố Kim Mã, phường Ba Đình")


def test_typed_intake_is_saved_and_listed_with_its_appointment(window, qtbot):
    w, form = window, window.intake
    _fill_applicant(w)
    expected_due = "Hẹn trả kết quả: 09 giờ 15, Thứ Năm, 03/12/2026"  # 7 working days, 24/11 a holiday
    assert expected_due in form.deadline_label.text().replace("<b>", "").replace("</b>", "")
    ticked = form.documents.rowCount()
    assert ticked >= 2
    press(form.phone, Qt.Key.Key_Return)  # Enter saves from any field

    assert form.last_saved is not None
    code = form.last_saved.code
    assert code in form.result_label.text()
    assert form.name.text() == "" and form.procedure is None  # cleared for the next applicant
    with w.db.read() as s:
        d = s.scalars(select(Dossier).where(Dossier.code == code)).one()
        assert d.applicant.name == unicodedata.normalize("NFC", "Nguyễn Thị Hồng Nhung")
        assert d.applicant.phone == "0912345678"
        assert d.received_by == "Lê Thu Hà"
        assert len(d.documents) == ticked

    press(w, Qt.Key.Key_F3)
    assert w.tabs.currentIndex() == 1
    w.view_tabs.setCurrentIndex(list(View).index(View.OPEN))
    rows = [w.model.index(r, 0).data() for r in range(w.model.rowCount())]
    assert code in rows
    r = rows.index(code)
    assert w.model.index(r, 4).data() == short_time(form.last_saved.due_at, w.site.calendar.tz) == "09:15 03/12/2026"
    assert w.model.index(r, 1).data() == "Nguyễn Thị Hồng Nhung"
    assert w.model.index(r, 5).data() == "7 ngày"
    assert "Đang giải quyết (1)" in w.view_tabs.tabText(0)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("id_number", "00119001234", "12 chữ số"), ("id_number", "099190012345", "099"),
     ("phone", "0123", "điện thoại")],
)
def test_bad_cccd_or_phone_shows_its_message_and_saves_nothing(window, field, value, message):
    w, form = window, window.intake
    kwargs = {"cccd": value} if field == "id_number" else {"phone": value}
    _fill_applicant(w, **kwargs)
    press(form.name, Qt.Key.Key_Return)
    label = form.errors[field]
    assert label.isVisible() and message in label.text().lower()
    assert getattr(form, field).hasFocus()
    assert _dossier_count(w) == 0
    assert form.name.text() == "Nguyễn Thị Hồng Nhung"  # nothing the officer typed is lost


def test_papers_needed_only_in_some_cases_may_stay_unticked(window):
    w, form = window, window.intake
    _fill_applicant(w, leave=("(nếu có)", "(trường hợp nộp hồ sơ thay)"))
    conditional = [form.documents.item(r, 0) for r in range(form.documents.rowCount())
                   if form.documents.item(r, 0).checkState() != Qt.CheckState.Checked]
    assert len(conditional) == 2 and all(item.font().italic() for item in conditional)
    said = answer_next_box(Qt.Key.Key_Escape)
    press(form.phone, Qt.Key.Key_Return)
    assert said == [] and _dossier_count(w) == 1
    with w.db.read() as s:
        assert len(s.scalars(select(Dossier)).one().documents) == 2


def test_a_missing_required_paper_is_named_and_enter_goes_back_without_saving(window):
    w, form = window, window.intake
    _fill_applicant(w, leave=("Tờ khai",))
    said = answer_next_box(Qt.Key.Key_Return)
    press(form.phone, Qt.Key.Key_Return)
    assert len(said) == 1 and "Còn 1 giấy tờ bắt buộc" in said[0]
    assert "• Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp theo mẫu" in said[0] and "(nếu có)" not in said[0]
    assert _dossier_count(w) == 0 and form.name.text() == "Nguyễn Thị Hồng Nhung"

    said = answer_next_box(Qt.Key.Key_Escape)
    press(form.phone, Qt.Key.Key_Return)
    assert len(said) == 1 and _dossier_count(w) == 0

    said = answer_next_box(Qt.Key.Key_V)  # «&Vẫn tiếp nhận»: on purpose, by its own letter
    press(form.phone, Qt.Key.Key_Return)
    assert len(said) == 1 and _dossier_count(w) == 1 and form.last_saved is not None


def test_escape_clears_and_ctrl_p_saves_and_prints(window, tmp_path):
    w, form = window, window.intake
    _fill_applicant(w)
    press(form.name, Qt.Key.Key_Escape)  # one stray Esc wipes nothing
    assert form.name.text() == "Nguyễn Thị Hồng Nhung" and "Esc lần nữa" in form.result_label.text()
    press(form.name, Qt.Key.Key_Escape)
    assert form.name.text() == "" and form.procedure is None and _dossier_count(w) == 0
    assert form.result_label.text() == ""

    _fill_applicant(w)
    press(form.address, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert _dossier_count(w) == 1
    pdf, paper, title = w.printed[-1]
    code = form.last_saved.code
    assert paper == "A4" and code in title
    text = " ".join(unicodedata.normalize("NFC", pypdfium2.PdfDocument(pdf)[0].get_textpage().get_text_range()).split())
    assert code in text and "Nguyễn Thị Hồng Nhung" in text
    saved_copy = tmp_path / "data" / "receipts" / f"{code}.pdf"
    assert saved_copy.read_bytes() == pdf
    from onestop.people.privacy import export_log

    with w.db.read() as s:  # the receipt bears the applicant's CCCD: printing it is logged
        assert [(e.user, e.what, e.detail) for e in export_log(s)] == [
            (w.officer(), "receipt.pdf", f"{code} → {saved_copy}")]


def test_scanning_a_receipt_opens_the_dossier(window, qtbot):
    w, form = window, window.intake
    _fill_applicant(w)
    press(form.name, Qt.Key.Key_Return)
    code = form.last_saved.code
    press(w, Qt.Key.Key_F4)
    assert w.scan_box.hasFocus()
    type_keys(w.scan_box, f"https://dichvucong.example.vn/tra-cuu?ma={code}")  # what a USB scanner types
    press(w.scan_box, Qt.Key.Key_Return)
    dialog = w.dossier_window
    assert dialog.code == code and dialog.isVisible()
    assert code in dialog.windowTitle()
    assert w.scan_box.text() == ""


def test_search_box_finds_by_name_without_diacritics(window):
    w, form = window, window.intake
    _fill_applicant(w)
    press(form.name, Qt.Key.Key_Return)
    press(w, Qt.Key.Key_F3)
    type_keys(w.search_box, "nguyen thi hong")
    press(w.search_box, Qt.Key.Key_Return)
    assert [w.model.index(r, 0).data() for r in range(w.model.rowCount())] == [form.last_saved.code]


@SQLITE_ONLY
def test_locked_database_keeps_the_form_and_says_why(qtbot, database_url):
    import sqlite3

    from onestop.installation.bootstrap import open_database

    db, site = open_database(database_url, busy_timeout_ms=200)
    w = MainWindow(db, site, lambda: MONDAY_0915, "Lê Thu Hà")
    qtbot.addWidget(w)
    _show(qtbot, w)
    _fill_applicant(w)
    other_desk = sqlite3.connect(database_url.removeprefix("sqlite:///"), isolation_level=None)
    other_desk.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        assert w.intake.save() is None
        assert "khóa" in w.intake.result_label.text()
        assert w.intake.name.text() == "Nguyễn Thị Hồng Nhung"
    finally:
        other_desk.execute("ROLLBACK")
        other_desk.close()
    assert w.intake.save() is not None  # once the lock is gone the same form saves
    db.dispose()


def test_settings_dialog_validates_and_saves(window, qtbot):

    from onestop.ui.settings_dialog import SettingsDialog

    w = window
    dialog = SettingsDialog(w.db, w.site, w, actor=w.actor, clock=w.clock)
    qtbot.addWidget(dialog)
    dialog.code.clear()
    type_keys(dialog.code, "000.00.12.H26")
    dialog.lookup.clear()
    type_keys(dialog.lookup, "https://tra-cuu.example.vn/?ten={name}")
    dialog.office_hours.clear()
    type_keys(dialog.office_hours, "07:30-11:30, 13:30-17:00")
    dialog.days_off.setPlainText("27/11/2026, 31/02/2026")
    dialog.save()
    assert dialog.result() == 0
    assert "{code}" in dialog.errors["lookup_url_template"].text()
    assert "31/02/2026" in dialog.errors["extra_days_off"].text()

    dialog.lookup.clear()
    type_keys(dialog.lookup, "https://tra-cuu.example.vn/?ma={code}")
    dialog.days_off.setPlainText("27/11/2026")
    dialog.name.clear()
    type_keys(dialog.name, "Trung tâm Phục vụ hành chính công xã Tiên Du")
    dialog.save()
    assert dialog.result() == 1
    from onestop.office.site import load_site

    with w.db.read() as s:
        site = load_site(s)
    assert site.agency.name == "Trung tâm Phục vụ hành chính công xã Tiên Du"
    assert site.agency.qr_payload("X-261123-0001") == "https://tra-cuu.example.vn/?ma=X-261123-0001"
    assert not site.calendar.is_working_day(site.settings.extra_days_off and min(site.settings.extra_days_off))
    assert site.settings.office_hours[0][0].strftime("%H:%M") == "07:30"
    # The service wrote the change and its admin-log row in one transaction; the dialog logs nothing itself.
    from onestop.db.models import AdminLog

    with w.db.read() as s:
        (logged,) = s.scalars(select(AdminLog).where(AdminLog.action == "settings.save")).all()
    assert "name" in logged.detail and "extra_days_off" in logged.detail


def test_settings_dialog_takes_both_identifier_styles_and_the_centralised_digits(window, qtbot):
    """NĐ 118/2025 Điều 28 k2a and TT 04/2025: the counter's identifier in either style (typed in lower
    case it is upper-cased), a malformed one refused in Vietnamese; AA is two digits or empty."""
    from onestop.ui.settings_dialog import SettingsDialog

    w = window
    dialog = SettingsDialog(w.db, w.site, w, actor=w.actor, clock=w.clock)
    qtbot.addWidget(dialog)
    dialog.code.clear()
    type_keys(dialog.code, "H55-242")
    type_keys(dialog.system_digits, "2")
    dialog.save()
    assert dialog.result() == 0
    assert "000.17.22.H56 hoặc H55.242" in dialog.errors["code"].text()
    assert "đúng 2 chữ số" in dialog.errors["centralised_code_digits"].text()
    dialog.code.clear()
    type_keys(dialog.code, "h55.242")
    type_keys(dialog.system_digits, "3")
    dialog.save()
    assert dialog.result() == 1
    from onestop.office.site import load_site

    with w.db.read() as s:
        site = load_site(s)
    assert (site.agency.code, site.settings.centralised_code_digits) == ("H55.242", "23")


def test_overdue_rows_are_red_and_over_statutory_ones_deeper_and_bold(window):
    from datetime import timedelta

    from onestop.ui.queue_model import AMBER, DEEP_RED, RED

    w, form = window, window.intake
    _fill_applicant(w)  # lý lịch tư pháp: due 03/12 09:15, statutory 08/12 09:15
    press(form.name, Qt.Key.Key_Return)
    saved = form.last_saved

    def row_look(now):
        w.model.clock = lambda: now
        w.model.show_view(View.OPEN)
        index = w.model.index(0, 0)
        return index.data(Qt.ItemDataRole.BackgroundRole), index.data(Qt.ItemDataRole.FontRole)

    assert row_look(saved.due_at - timedelta(hours=2))[0] == AMBER
    assert row_look(saved.due_at + timedelta(hours=1)) == (RED, None)
    colour, font = row_look(saved.statutory_due_at + timedelta(hours=1))
    assert colour == DEEP_RED and font.bold()


@pytest.mark.parametrize(("typed", "picked"), [("hon nhan", "1.004873"), ("dang ky kinh doanh ho", "DP.DKKD.01")])
def test_picker_ranks_whole_words_first_and_enter_picks_the_first(window, typed, picked):
    """Issue 11: «Công nhận văn bằng tốt nghiệp … phổ thông» (hon, nhan inside words) came first."""
    form = window.intake
    form.procedure_search.setFocus()
    type_keys(form.procedure_search, typed)
    first = form.procedure_list.item(0).data(Qt.ItemDataRole.UserRole)
    assert first == picked and form.procedure_list.currentRow() == 0
    press(form.procedure_search, Qt.Key.Key_Return)
    assert form.procedure is not None and form.procedure.code == picked
    assert form.documents.hasFocus()


def test_picker_puts_the_procedures_received_most_often_first(qtbot, site_db):
    from datetime import timedelta

    from onestop.dossiers.intake import IntakeRequest, save_intake

    db, site = site_db
    for i in range(2):  # the foreign marriage is this counter's usual one
        save_intake(db, site, IntakeRequest(procedure_code="2.000806", name="Trần Văn Bình",
                                            id_number=f"00119001234{i}", phone="0912345678"),
                    now=MONDAY_0915 + timedelta(minutes=i), actor=Actor.named("cb"))
    w = MainWindow(db, site, lambda: MONDAY_0915, "Lê Thu Hà")
    w.print_handler = lambda parent, pdf, paper, title: None
    qtbot.addWidget(w)
    _show(qtbot, w)
    form = w.intake
    form.procedure_search.setFocus()
    type_keys(form.procedure_search, "kết hôn")
    press(form.procedure_search, Qt.Key.Key_Return)
    assert form.procedure.code == "2.000806"  # before «Thủ tục đăng ký kết hôn», by name first


def _pdf_printer(path):
    """Qt's PDF printer standing in for the desk's printer: what it receives lands in `path`."""
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_ctrl_p_prints_the_receipt_on_the_desks_printer_without_a_dialog(qtbot, site_db, tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp")
    db, site = site_db
    w = MainWindow(db, site, lambda: MONDAY_0915, "Lê Thu Hà")
    qtbot.addWidget(w)
    paper, printers = tmp_path / "printed.pdf", []
    w.desk_printer = lambda: printers.append(_pdf_printer(paper)) or printers[-1]
    _show(qtbot, w)
    _fill_applicant(w)
    press(w.intake.address, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)

    code = w.intake.last_saved.code
    # Print dialogs propose the job's name minus its last ".suffix" as the file name: the code stays whole.
    assert [p.docName() for p in printers] == [f"Giấy tiếp nhận {code}.pdf"]
    page = pypdfium2.PdfDocument(str(paper))[0]
    assert [round(x) for x in page.get_size()] == [595, 842]  # A4, as the site's paper is set
    assert [b.text for b in zxingcpp.read_barcodes(page.render(scale=200 / 72).to_pil())] == [code]
    assert f"Đã gửi «Giấy tiếp nhận {code}» tới máy in" in w.statusBar().currentMessage()
    assert w.print_error is None


@pytest.mark.parametrize("printer", ["none", "refusing"])
def test_a_missing_or_refusing_printer_is_said_and_the_dossier_stays_saved(qtbot, site_db, tmp_path, printer):
    db, site = site_db
    w = MainWindow(db, site, lambda: MONDAY_0915, "Lê Thu Hà")
    qtbot.addWidget(w)
    w.desk_printer = (lambda: None) if printer == "none" else (lambda: _pdf_printer(tmp_path / "gone" / "x.pdf"))
    _show(qtbot, w)
    _fill_applicant(w)
    press(w.intake.address, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)

    box = w.print_error
    assert box is not None and box.isVisible()  # said without stopping the counter: Ctrl+P has returned
    said = box.text()
    assert ("chưa có máy in" if printer == "none" else "không nhận bản in") in said
    assert "in lại từ cửa sổ hồ sơ" in said and box.button(QMessageBox.StandardButton.Ok).text() == "Đã hiểu"
    assert _dossier_count(w) == 1


def test_ctrl_shift_p_previews_and_the_desk_can_ask_for_the_preview_every_time(qtbot, site_db, tmp_path):
    from onestop.ui.printer_dialog import PrinterDialog

    db, site = site_db
    w = MainWindow(db, site, lambda: MONDAY_0915, "Lê Thu Hà")
    qtbot.addWidget(w)
    previewed, paper = [], tmp_path / "printed.pdf"
    w.preview_handler = lambda parent, pdf, size, title: previewed.append(title)
    w.desk_printer = lambda: _pdf_printer(paper)
    _show(qtbot, w)
    _fill_applicant(w)
    press(w.intake.address, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert previewed == [f"Giấy tiếp nhận {w.intake.last_saved.code}"] and not paper.exists()

    dialog = PrinterDialog("A4", w)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.preview.setFocus()
    press(dialog.preview, Qt.Key.Key_Space)
    press(dialog.preview, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    _fill_applicant(w)
    press(w.intake.address, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(previewed) == 2 and not paper.exists()
    assert (tmp_path / "data" / "desk.ini").exists()  # this desk's choice, in its own data folder


def test_enter_in_an_empty_search_picks_nothing_and_one_tab_leads_from_the_papers_to_the_name(window):
    form = window.intake
    form.procedure_search.setFocus()
    press(form.procedure_search, Qt.Key.Key_Return)
    assert form.procedure is None and form.procedure_search.hasFocus() and _dossier_count(window) == 0
    _fill_applicant(window)
    form.documents.setFocus()
    press(form.documents, Qt.Key.Key_Tab)
    assert form.name.hasFocus()


def test_a_failed_save_message_goes_with_the_form_it_was_about(window):
    form = window.intake
    type_keys(form.name, "Nguyễn Văn A")
    press(form.name, Qt.Key.Key_Return)
    assert form.result_label.text().startswith("Chưa lưu")
    press(form.name, Qt.Key.Key_Escape)
    press(form.name, Qt.Key.Key_Escape)
    assert form.result_label.text() == "" and form.name.text() == ""
