"""A dossier's whole journey through the windows, typed key by key: intake, the dossier window's
actions, the return desk (scan, Enter, Enter), a stale window, and the alerts."""
from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta

import pypdfium2
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from sqlalchemy import select

from onestop.clock.deadlines import Duration, due_at
from onestop.db.models import Dossier
from onestop.dossiers.intake import IntakeRequest, save_intake
from onestop.dossiers.lifecycle import ACTIONS, EVENT_LABELS, TransitionRequest, apply, available_actions
from onestop.dossiers.queue import View
from onestop.dossiers.statuses import STATUS_LABELS
from onestop.people.accounts import Actor
from onestop.ui import action_dialogs as dialogs
from onestop.ui.alerts import Alerts
from onestop.ui.dossier_window import DossierWindow
from onestop.ui.labels import ACTION_LABELS
from onestop.ui.main_window import MainWindow
from tests.conftest import MONDAY_0915
from tests.qt_typing import press, type_keys
from tests.ui.test_ui_intake import _fill_applicant, _show

ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier


class Clock:
    """The desk's clock, fixed until the test moves it on."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw) -> datetime:
        self.now += timedelta(**kw)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(MONDAY_0915)


@pytest.fixture
def window(qtbot, site_db, clock):
    db, site = site_db
    w = MainWindow(db, site, clock, "Lê Thu Hà")
    w.printed = []
    w.print_handler = lambda parent, pdf, paper, title: w.printed.append((pdf, paper, title))
    qtbot.addWidget(w)
    _show(qtbot, w)
    return w


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _pdf_text(pdf: bytes) -> str:
    doc = pypdfium2.PdfDocument(pdf)
    return _nfc("\n".join(page.get_textpage().get_text_range() for page in doc))


def _dossier(w: MainWindow, code: str) -> Dossier:
    with w.db.read() as s:
        d = s.scalars(select(Dossier).where(Dossier.code == code)).one()
        _ = d.events, d.pauses, d.appointments, d.department, d.applicant
        return d


def _active(qtbot, dialog) -> None:
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def _check_window(dlg: DossierWindow, d: Dossier) -> None:
    """The window shows the dossier as stored: its state, only its allowed actions, every event."""
    assert dlg.status == d.status and dlg.version == d.version
    assert STATUS_LABELS[d.status] in dlg.header.text()
    assert list(dlg.action_buttons) == available_actions(d, dlg.clock())
    shown = {b.objectName() for b in dlg.findChildren(QPushButton) if b.objectName().startswith("do_")
             and b.isVisibleTo(dlg)}
    assert shown == {f"do_{name}" for name in available_actions(d, dlg.clock())}
    assert dlg.timeline.rowCount() == len(d.events)
    assert [dlg.timeline.item(r, 1).text() for r in range(dlg.timeline.rowCount())] == [
        EVENT_LABELS[e.action] for e in d.events]
    assert [dlg.timeline.item(r, 3).text() for r in range(dlg.timeline.rowCount())] == [e.user for e in d.events]
    assert dlg.appointments.rowCount() == len(d.appointments)
    assert dlg.reprint.isVisibleTo(dlg) and dlg.print_control.isVisibleTo(dlg)
    assert dlg.print_apology.isVisibleTo(dlg) == (d.apology_due_at is not None)
    assert dlg.no_actions.isVisibleTo(dlg) == (not available_actions(d, dlg.clock()))


def _start(qtbot, dlg: DossierWindow, name: str, key: Qt.Key):
    """Alt+letter on the dossier window opens the action's dialog."""
    before = dlg.action_dialog
    _active(qtbot, dlg)  # back from the previous dialog (a window manager does this by itself)
    press(dlg, key, ALT)  # a mnemonic "animates" its click: the dialog opens a moment later
    qtbot.waitUntil(lambda: dlg.action_dialog is not before)
    action = dlg.action_dialog
    assert action is not None and action.action == name
    _active(qtbot, action)
    return action


def test_whole_journey_typed_through_the_windows(window, qtbot, clock):
    w, form = window, window.intake
    # Intake, typed.
    _fill_applicant(w)
    press(form.name, Qt.Key.Key_Return)
    code = form.last_saved.code

    # Open it from the queue with Enter.
    press(w, Qt.Key.Key_F3)
    w.view_tabs.setCurrentIndex(list(View).index(View.OPEN))
    row = [w.model.index(r, 0).data() for r in range(w.model.rowCount())].index(code)
    w.table.setFocus()
    w.table.setCurrentIndex(w.model.index(row, 0))
    press(w.table, Qt.Key.Key_Return)
    dlg = w.dossier_window
    assert dlg is not None and dlg.code == code
    _active(qtbot, dlg)
    d = _dossier(w, code)
    assert d.status == "received"
    _check_window(dlg, d)
    assert "Nguyễn Thị Hồng Nhung" in dlg.values["applicant"].text()
    assert "còn 7 ngày" in dlg.values["due"].text()  # working time left to the appointment
    assert dlg.timeline.item(0, 0).text() == "09:15 23/11/2026"
    assert dlg.focusWidget() is dlg.action_buttons["transfer"]

    # Transfer, department typed with its diacritics.
    clock.advance(hours=1)
    transfer = _start(qtbot, dlg, "transfer", Qt.Key.Key_C)
    assert isinstance(transfer, dialogs.TransferDialog) and transfer.department.hasFocus()
    type_keys(transfer.department, "Phòng Tư pháp – Hộ tịch")
    type_keys(transfer.handler, "Nguyễn Văn Xử")
    press(transfer.handler, Qt.Key.Key_Return)
    assert not transfer.isVisible()
    d = _dossier(w, code)
    assert d.status == "in_progress" and d.version == 2
    assert d.department.name == _nfc("Phòng Tư pháp – Hộ tịch") and d.handler == "Nguyễn Văn Xử"
    assert d.events[-1].action == "transfer" and d.events[-1].user == "Lê Thu Hà"
    assert d.events[-1].handed_to == _nfc("Phòng Tư pháp – Hộ tịch — Nguyễn Văn Xử")
    _check_window(dlg, d)
    assert dlg.timeline.item(1, 2).text() == "Mới tiếp nhận → Đang xử lý"
    assert dlg.timeline.item(1, 4).text() == d.events[-1].handed_to
    assert "Hộ tịch" in dlg.values["department"].text()

    # Supplement request: nothing listed is refused in the dialog, which stays open.
    clock.advance(hours=1)
    supplement = _start(qtbot, dlg, "request_supplement", Qt.Key.Key_B)
    assert isinstance(supplement, dialogs.SupplementDialog) and supplement.missing.hasFocus()
    press(supplement.missing, Qt.Key.Key_Return, CTRL)
    assert supplement.isVisible() and "bổ sung" in supplement.error.text()
    assert _dossier(w, code).version == 2
    type_keys(supplement.missing, "Bản sao CCCD có chứng thực")
    press(supplement.missing, Qt.Key.Key_Return)  # one paper a line
    type_keys(supplement.missing, "Tờ khai có chữ ký")
    type_keys(supplement.reason, "Bản sao mờ, không đọc được")
    printed = len(w.printed)
    press(supplement.reason, Qt.Key.Key_Return, CTRL)
    assert not supplement.isVisible()
    d = _dossier(w, code)
    assert d.status == "awaiting_supplement" and d.version == 3
    assert d.pauses[-1].kind == "supplement" and d.pauses[-1].ended_at is None
    assert "Bản sao CCCD có chứng thực; Tờ khai có chữ ký" in d.events[-1].note
    _check_window(dlg, d)
    assert "Đồng hồ dừng" in dlg.values["due"].text()
    assert len(w.printed) == printed + 1  # Mẫu 02 offered for printing
    assert code in w.printed[-1][2] and "bổ sung" in w.printed[-1][2]
    text = _pdf_text(w.printed[-1][0])
    assert "BỔ SUNG" in text and "Bản sao CCCD có chứng thực" in text and "Tờ khai có chữ ký" in text

    # The papers arrive: the committed time counts again from now (restart).
    clock.advance(days=1)
    received = _start(qtbot, dlg, "supplement_received", Qt.Key.Key_N)
    press(received.note, Qt.Key.Key_Return)
    d = _dossier(w, code)
    assert d.status == "in_progress" and d.pauses[-1].ended_at is not None
    assert d.appointments[-1].kind == "restart" and d.appointments[-1].due_at == d.due_at
    assert d.due_at > form.last_saved.due_at
    _check_window(dlg, d)
    assert dlg.appointments.item(1, 1).text() == "Tính lại từ đầu sau bổ sung"

    # The result is ready, days early.
    clock.advance(hours=2)
    finish = _start(qtbot, dlg, "finish", Qt.Key.Key_K)
    press(finish.note, Qt.Key.Key_Return)
    d = _dossier(w, code)
    assert d.status == "result_ready" and d.finished_at == clock.now
    _check_window(dlg, d)
    assert "Trước hạn" in dlg.values["result"].text() and dlg.result_kind == "early"
    press(dlg, Qt.Key.Key_Escape)
    assert not dlg.isVisible()

    # Return desk: the scanner types the receipt's QR into the scan box; Enter, Enter.
    clock.advance(hours=1)
    _active(qtbot, w)
    press(w, Qt.Key.Key_F4)
    assert w.scan_box.hasFocus()
    type_keys(w.scan_box, code)
    press(w.scan_box, Qt.Key.Key_Return)
    desk = w.dossier_window
    assert desk is not dlg and desk.code == code
    _active(qtbot, desk)
    assert desk.focusWidget() is desk.action_buttons["return"]
    press(desk.focusWidget(), Qt.Key.Key_Return)
    collect = desk.action_dialog
    assert isinstance(collect, dialogs.ReturnDialog)
    _active(qtbot, collect)
    assert collect.in_person.isChecked()
    press(collect.focusWidget(), Qt.Key.Key_Return)
    d = _dossier(w, code)
    assert d.status == "returned" and d.returned_at == clock.now
    assert (d.returned_to_kind, d.returned_to_name, d.returned_to_id) == (
        "applicant", "Nguyễn Thị Hồng Nhung", "001190012345")
    assert [e.action for e in d.events] == ["receive", "transfer", "request_supplement", "supplement_received",
                                            "finish", "return"]
    assert [e.to_status for e in d.events] == ["received", "in_progress", "awaiting_supplement", "in_progress",
                                               "result_ready", "returned"]
    _check_window(desk, d)  # the window shows the final state before it closes
    assert not desk.isVisible()
    qtbot.waitUntil(w.scan_box.hasFocus)  # ready for the next receipt
    assert code in w.statusBar().currentMessage()


def test_stale_window_says_who_changed_the_dossier_and_changes_nothing(window, qtbot, clock):
    w = window
    req = IntakeRequest(procedure_code="DP.LLTP.01", name="Trần Thị Thu Hà", id_number="001190012345",
                        phone="0912345678")
    code = save_intake(w.db, w.site, req, now=clock(), actor=Actor.named("Lê Thu Hà")).code
    dlg = w.open_dossier(code)
    _active(qtbot, dlg)
    assert dlg.version == 1
    clock.advance(hours=1)
    apply(w.db, w.site, code, TransitionRequest(action="transfer", to="Phòng Tư pháp"),
          actor=Actor.named("Phạm Minh Đức"), now=clock())  # another desk, meanwhile
    clock.advance(minutes=5)
    stop = _start(qtbot, dlg, "stop", Qt.Key.Key_R)  # NĐ 118/2025 Điều 21: «Rút hồ sơ» of 2018
    type_keys(stop.reason, "Người nộp đề nghị dừng giải quyết")
    press(stop.reason, Qt.Key.Key_Return)
    assert not stop.isVisible()
    assert dlg.message.isVisible()
    text = dlg.message.text()
    assert "vừa được Phạm Minh Đức cập nhật" in text and "Chuyển xử lý" in text
    d = _dossier(w, code)
    assert d.status == "in_progress" and d.version == 2 and [e.action for e in d.events] == ["receive", "transfer"]
    _check_window(dlg, d)  # reloaded: the new state and its actions


def test_apology_and_refusal_print_their_forms(window, qtbot, clock):
    w = window
    req = IntakeRequest(procedure_code="DP.LLTP.01", name="Trần Thị Thu Hà", id_number="001190012345",
                        phone="0912345678")
    saved = save_intake(w.db, w.site, req, now=clock(), actor=Actor.named("Lê Thu Hà"))
    clock.now = saved.due_at + timedelta(hours=2)  # late
    dlg = w.open_dossier(saved.code)
    _active(qtbot, dlg)
    assert "quá 2 giờ" in dlg.values["due"].text()
    apology = _start(qtbot, dlg, "apologise", Qt.Key.Key_X)
    assert isinstance(apology, dialogs.ApologyDialog)
    default = apology.new_due_at()
    assert default > clock.now  # now + the committed time
    type_keys(apology.reason, "Chờ kết quả xác minh của Công an tỉnh")
    press(apology.reason, Qt.Key.Key_Return)
    d = _dossier(w, saved.code)
    assert d.apology_due_at == default and d.due_at == saved.due_at  # the missed one is kept
    assert d.appointments[-1].kind == "apology"
    _check_window(dlg, d)
    assert "apologise" not in dlg.action_buttons  # NĐ 118/2025 Điều 19 k6: the appointment is moved once
    assert dlg.print_apology.isVisible()
    assert "xin lỗi" in w.printed[-1][2].lower()
    assert "Chờ kết quả xác minh của Công an tỉnh" in _pdf_text(w.printed[-1][0])
    printed = len(w.printed)
    _active(qtbot, dlg)
    press(dlg, Qt.Key.Key_4, ALT)  # Mẫu 04 again
    qtbot.waitUntil(lambda: len(w.printed) == printed + 1)
    assert "xin lỗi" in w.printed[-1][2].lower()
    press(dlg, Qt.Key.Key_6, ALT)  # Mẫu 06 (TT 03/2025), the process control slip: Alt+ the number it shows
    qtbot.waitUntil(lambda: len(w.printed) == printed + 2)
    assert "kiểm soát" in w.printed[-1][2].lower()

    clock.advance(hours=1)
    refuse = _start(qtbot, dlg, "refuse_after_review", Qt.Key.Key_G)  # NĐ 118/2025 Điều 19 k3
    type_keys(refuse.reason, "Không thuộc đối tượng được cấp")
    press(refuse.reason, Qt.Key.Key_Return)
    assert refuse.isVisible() and "căn cứ" in refuse.error.text().lower()  # the legal basis is required
    type_keys(refuse.legal_basis, "Điều 7 Luật Lý lịch tư pháp")
    press(refuse.legal_basis, Qt.Key.Key_Return)
    d = _dossier(w, saved.code)
    assert d.status == "refused_after_review"
    _check_window(dlg, d)
    assert "từ chối" in w.printed[-1][2].lower()
    assert "Điều 7 Luật Lý lịch tư pháp" in _pdf_text(w.printed[-1][0])


def test_return_to_an_authorised_person(window, qtbot, clock):
    w = window
    req = IntakeRequest(procedure_code="DP.LLTP.01", name="Trần Thị Thu Hà", id_number="001190012345",
                        phone="0912345678")
    code = save_intake(w.db, w.site, req, now=clock(), actor=Actor.named("Lê Thu Hà")).code
    clock.advance(hours=1)
    apply(w.db, w.site, code, TransitionRequest(action="finish"), actor=Actor.named("Lê Thu Hà"), now=clock())
    dlg = w.open_dossier(code)
    _active(qtbot, dlg)
    collect = _start(qtbot, dlg, "return", Qt.Key.Key_T)
    assert not collect.collector_name.isEnabled()
    press(collect.in_person, Qt.Key.Key_Down)  # to «Người được ủy quyền nhận»
    assert collect.authorised.isChecked() and collect.collector_name.isEnabled()
    type_keys(collect.collector_name, "Lê Văn Đông")
    type_keys(collect.collector_id, "00119001234")
    press(collect.collector_id, Qt.Key.Key_Return)
    assert collect.isVisible() and "12 chữ số" in collect.error.text()
    type_keys(collect.collector_id, "5")
    press(collect.collector_id, Qt.Key.Key_Return)
    d = _dossier(w, code)
    assert (d.status, d.returned_to_kind, d.returned_to_name, d.returned_to_id) == (
        "returned", "authorised", "Lê Văn Đông", "001190012345")
    assert dlg.isVisible()  # opened from the queue: stays open on the final state
    _check_window(dlg, d)
    assert "Lê Văn Đông" in dlg.values["returned"].text()


def test_alerts_notify_when_a_count_rises(qtbot, site_db, clock):
    db, site = site_db
    label = QLabel()
    qtbot.addWidget(label)
    alerts = Alerts(db, site, clock, label)
    assert alerts.timer.interval() == 3 * 60_000
    alerts.start()
    assert "Quá hạn: 0" in label.text() and alerts.last_message == ""
    req = IntakeRequest(procedure_code="DP.LLTP.01", name="Trần Thị Thu Hà", id_number="001190012345",
                        phone="0912345678")
    saved = save_intake(db, site, req, now=clock(), actor=Actor.named("Lê Thu Hà"))
    alerts.check()
    assert alerts.counts[View.OPEN] == 1 and alerts.last_message == ""  # nothing worrying yet
    clock.now = saved.due_at + timedelta(minutes=30)
    alerts.check()
    assert alerts.counts[View.OVERDUE] == 1 and "Quá hạn: 1" in label.text()
    assert "Quá hạn hẹn trả: 1 hồ sơ (thêm 1)" in alerts.last_message
    assert "Cần xin lỗi: 1 hồ sơ" in alerts.last_message
    alerts.last_message = ""
    alerts.check()
    assert alerts.last_message == ""  # the same counts again: no new notification
    alerts.stop()


def test_main_window_checks_the_counts_on_its_timer(qtbot, site_db, clock):
    db, site = site_db
    w = MainWindow(db, site, clock, "Lê Thu Hà", alert_minutes=0.001)
    qtbot.addWidget(w)
    assert w.alerts.timer.isActive()
    req = IntakeRequest(procedure_code="DP.LLTP.01", name="Trần Thị Thu Hà", id_number="001190012345",
                        phone="0912345678")
    saved = save_intake(db, site, req, now=clock(), actor=Actor.named("Lê Thu Hà"))
    clock.now = saved.due_at + timedelta(hours=1)
    qtbot.waitUntil(lambda: "Quá hạn hẹn trả: 1" in w.alerts.last_message)
    assert w.view_tabs.tabText(list(View).index(View.OVERDUE)) == "Quá hạn hẹn trả (1)"
    assert "Quá hạn: 1" in w.counts_label.text()


def test_every_action_label_is_registered_for_translation():
    missing = {label for label in EVENT_LABELS.values() if label not in ACTION_LABELS}
    assert not missing, f"add these to ui/labels.py, then run tools/update_translations.sh: {missing}"
    assert set(ACTIONS) <= set(EVENT_LABELS)


def test_an_extension_asked_before_the_appointment_starts_from_the_appointment(window, qtbot, clock):
    """Điều 19 k6 NĐ 118/2025: the new appointment proposed adds the committed time to the one
    the applicant holds, not to now — an officer who accepts the default gives no less time."""
    w = window
    req = IntakeRequest(procedure_code="DP.LLTP.01", name="Trần Thị Thu Hà", id_number="001190012345",
                        phone="0912345678")
    saved = save_intake(w.db, w.site, req, now=clock(), actor=Actor.named("Lê Thu Hà"))
    clock.advance(hours=1)
    dlg = w.open_dossier(saved.code)
    _active(qtbot, dlg)
    extension = _start(qtbot, dlg, "extend", Qt.Key.Key_X)
    with w.db.read() as s:
        committed = s.scalars(select(Dossier).where(Dossier.code == saved.code)).one().procedure.committed
    expected = due_at(saved.due_at, Duration.parse(committed), w.site.calendar)
    assert extension.new_due_at() == expected > saved.due_at
    type_keys(extension.reason, "Chờ kết quả xác minh của Công an tỉnh")
    press(extension.reason, Qt.Key.Key_Return)
    d = _dossier(w, saved.code)
    assert d.extended_due_at == expected and d.due_at == saved.due_at
    assert [a.kind for a in d.appointments][-1] == "extension"
    _check_window(dlg, d)
