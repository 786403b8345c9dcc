"""The return desk's Enter, Enter (issue 11): it records the return of a result ready, and nothing
else. On a dossier still in progress it once wrote a new «Chuyển xử lý» and dropped the handler.
A transfer that changes nothing is refused."""
from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from onestop.db.models import Dossier
from onestop.dossiers.intake import IntakeRequest, save_intake
from onestop.dossiers.lifecycle import TransitionError, TransitionRequest, apply
from onestop.people.accounts import Actor
from onestop.ui import action_dialogs as dialogs
from tests.conftest import MONDAY_0915
from tests.qt_typing import press, type_keys
from tests.ui.test_ui_journey import ALT, _active, _start, clock, window  # noqa: F401 (fixtures)

DEPARTMENT, HANDLER = "Phòng Tư pháp", "Lê Minh Quang"


def _in_progress(db, site, at=MONDAY_0915) -> str:
    req = IntakeRequest(procedure_code="DP.LLTP.01", name="Trần Thị Thu Hà", id_number="001190012345",
                        phone="0912345678")
    code = save_intake(db, site, req, now=at, actor=Actor.named("Lê Thu Hà")).code
    apply(db, site, code, TransitionRequest(action="transfer", to=DEPARTMENT, handler=HANDLER),
          actor=Actor.named("Lê Thu Hà"), now=at + timedelta(minutes=10))
    return code


def _state(db, code: str) -> tuple[str, str, str | None, list[str]]:
    with db.read() as s:
        d = s.scalars(select(Dossier).where(Dossier.code == code)).one()
        return d.status, d.handler, d.department.name if d.department else None, [e.action for e in d.events]


def _enter(qtbot, desk) -> None:
    """Enter where the officer's keyboard is: the action's dialog if one is open, else the window."""
    dialog = desk.action_dialog if desk.action_dialog is not None and desk.action_dialog.isVisible() else None
    target = dialog or desk
    _active(qtbot, target)
    press(target.focusWidget() or target, Qt.Key.Key_Return)
    qtbot.wait(50)  # a click "animates": what it opens comes a moment later


def _scan(qtbot, w, code: str):
    _active(qtbot, w)
    press(w, Qt.Key.Key_F4)
    assert w.scan_box.hasFocus()
    type_keys(w.scan_box, code)
    press(w.scan_box, Qt.Key.Key_Return)
    desk = w.dossier_window
    assert desk is not None and desk.code == code
    _active(qtbot, desk)
    return desk


def test_a_transfer_that_changes_nothing_is_refused(site_db):
    db, site = site_db
    code = _in_progress(db, site)
    at = MONDAY_0915 + timedelta(hours=1)
    with pytest.raises(TransitionError, match="Phòng Tư pháp — Lê Minh Quang: hãy chọn phòng ban hoặc cán bộ"):
        apply(db, site, code, TransitionRequest(action="transfer", to=DEPARTMENT, handler=HANDLER), actor=Actor.named("cb"), now=at)
    assert _state(db, code) == ("in_progress", HANDLER, DEPARTMENT, ["receive", "transfer"])
    # Another handler in the same department, or another department, is a transfer.
    apply(db, site, code, TransitionRequest(action="transfer", to=DEPARTMENT, handler="Trần Văn Hải"),
          actor=Actor.named("cb"), now=at)
    assert _state(db, code)[1] == "Trần Văn Hải"
    apply(db, site, code, TransitionRequest(action="transfer", to="Phòng Nội vụ"), actor=Actor.named("cb"), now=at)
    assert _state(db, code) == ("in_progress", "", "Phòng Nội vụ", ["receive", "transfer", "transfer", "transfer"])
    with pytest.raises(TransitionError, match="Hồ sơ đang ở Phòng Nội vụ: hãy chọn"):
        apply(db, site, code, TransitionRequest(action="transfer", to="Phòng Nội vụ"), actor=Actor.named("cb"), now=at)


def test_return_desk_enter_enter_on_a_dossier_in_progress_records_nothing(window, qtbot, clock):
    w = window
    code = _in_progress(w.db, w.site)
    clock.advance(hours=1)
    before = _state(w.db, code)
    desk = _scan(qtbot, w, code)
    assert "return" not in desk.action_buttons and "transfer" in desk.action_buttons
    assert not any(b.isDefault() for b in desk.action_buttons.values())
    assert desk.message.isVisible() and "chưa có kết quả để trả" in desk.message.text()
    _enter(qtbot, desk)
    _enter(qtbot, desk)
    _enter(qtbot, desk)
    assert desk.action_dialog is None  # Enter opened nothing
    assert _state(w.db, code) == before == ("in_progress", HANDLER, DEPARTMENT, ["receive", "transfer"])
    # The actions the state allows are still there, by an explicit choice (Alt+letter).
    transfer = _start(qtbot, desk, "transfer", Qt.Key.Key_C)
    assert isinstance(transfer, dialogs.TransferDialog)
    assert (transfer.department.text(), transfer.handler.text()) == (DEPARTMENT, HANDLER)


def test_transfer_dialog_confirmed_unchanged_records_nothing(window, qtbot, clock):
    """Opened from the queue, Enter goes to the first action (transfer): Enter, Enter is refused."""
    w = window
    code = _in_progress(w.db, w.site)
    clock.advance(hours=1)
    desk = w.open_dossier(code)
    _active(qtbot, desk)
    assert desk.focusWidget() is desk.action_buttons["transfer"]
    _enter(qtbot, desk)
    transfer = desk.action_dialog
    assert isinstance(transfer, dialogs.TransferDialog)
    assert (transfer.department.text(), transfer.handler.text()) == (DEPARTMENT, HANDLER)  # where it is now
    _enter(qtbot, desk)
    assert transfer.isVisible() and "hãy chọn phòng ban hoặc cán bộ xử lý khác" in transfer.error.text()
    assert _state(w.db, code) == ("in_progress", HANDLER, DEPARTMENT, ["receive", "transfer"])
    # Another department typed: the handler named for this one goes; back again, it comes back.
    transfer.department.selectAll()
    type_keys(transfer.department, "Phòng Nội vụ")
    assert transfer.handler.text() == ""
    transfer.department.setText(DEPARTMENT)
    assert transfer.handler.text() == HANDLER
    transfer.department.setText("Phòng Nội vụ")
    press(transfer.department, Qt.Key.Key_Return)
    assert not transfer.isVisible()
    assert _state(w.db, code) == ("in_progress", "", "Phòng Nội vụ", ["receive", "transfer", "transfer"])


def test_return_desk_enter_enter_returns_a_result_ready(window, qtbot, clock):
    w = window
    code = _in_progress(w.db, w.site)
    apply(w.db, w.site, code, TransitionRequest(action="finish"), actor=Actor.named("Lê Thu Hà"), now=clock.advance(hours=2))
    clock.advance(hours=1)
    desk = _scan(qtbot, w, code)
    assert desk.focusWidget() is desk.action_buttons["return"] and desk.action_buttons["return"].isDefault()
    assert not desk.message.isVisible()
    _enter(qtbot, desk)
    assert isinstance(desk.action_dialog, dialogs.ReturnDialog)
    _enter(qtbot, desk)
    status, handler, department, actions = _state(w.db, code)
    assert (status, handler, department) == ("returned", HANDLER, DEPARTMENT)
    assert actions == ["receive", "transfer", "finish", "return"]
    qtbot.waitUntil(w.scan_box.hasFocus)  # back at the scan box for the next applicant
    # Scanned again: nothing left to return, and Enter does nothing.
    desk = _scan(qtbot, w, code)
    assert "đã trả kết quả" in desk.message.text()
    _enter(qtbot, desk)
    _enter(qtbot, desk)
    assert _state(w.db, code)[3] == actions
