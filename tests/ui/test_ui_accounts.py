"""Signing in through the dialogs, typed key by key; the toolbar by role; the accounts dialog."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QPushButton, QTableWidget
from sqlalchemy import select

from onestop.db.models import Account
from onestop.people.accounts import PermissionDenied, authenticate, create_account, create_first_admin
from onestop.ui.accounts_dialog import AccountsDialog
from onestop.ui.login_dialog import ChangePasswordDialog, FirstAdminDialog, LoginDialog
from onestop.ui.main_window import MainWindow
from tests.qt_typing import answer_next_box, press, type_ime, type_keys
from tests.ui.test_ui_intake import _show

NOW = datetime(2026, 11, 23, 2, 15, tzinfo=timezone.utc)
PASSWORD = "Mot-cua-2026"


def _open(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_the_first_start_asks_for_the_administrator(qtbot, site_db):
    db, _ = site_db
    dialog = _open(qtbot, FirstAdminDialog(db, lambda: NOW))
    type_keys(dialog.username, "quantri")
    type_ime(dialog.full_name, "Nguyễn Quản Trị")
    type_keys(dialog.password, PASSWORD)
    type_keys(dialog.again, PASSWORD + "x")
    press(dialog.again, Qt.Key.Key_Return)
    assert dialog.error.text() == "Hai lần nhập mật khẩu không giống nhau." and dialog.isVisible()
    press(dialog.again, Qt.Key.Key_Backspace)
    press(dialog.again, Qt.Key.Key_Return)
    assert dialog.result() == FirstAdminDialog.DialogCode.Accepted
    assert (dialog.actor.full_name, dialog.actor.role) == ("Nguyễn Quản Trị", "admin")
    assert authenticate(db, "quantri", PASSWORD, NOW) == dialog.actor


def test_the_first_start_is_typed_from_its_first_field_and_esc_asks_before_quitting(qtbot, site_db):
    db, _ = site_db
    dialog = _open(qtbot, FirstAdminDialog(db, lambda: NOW))
    assert dialog.username.hasFocus()  # not «Tạo tài khoản»: a space typed there pressed «Hủy»
    for text, field in (("quantri", dialog.username), ("Nguyễn Quản Trị", dialog.full_name),
                        (PASSWORD, dialog.password), (PASSWORD, dialog.again)):
        assert QApplication.focusWidget() is field
        type_keys(field, text)
        press(field, Qt.Key.Key_Tab)
    said = answer_next_box(Qt.Key.Key_Return)  # Esc asks; Enter answers «Ở lại»
    press(dialog.again, Qt.Key.Key_Escape)
    assert len(said) == 1 and "sẽ đóng" in said[0] and dialog.isVisible()
    assert dialog.full_name.text() == "Nguyễn Quản Trị"
    dialog.again.setFocus()
    press(dialog.again, Qt.Key.Key_Return)
    assert dialog.result() == FirstAdminDialog.DialogCode.Accepted and dialog.actor.full_name == "Nguyễn Quản Trị"


def test_quitting_the_first_start_takes_a_second_answer(qtbot, site_db):
    db, _ = site_db
    dialog = _open(qtbot, FirstAdminDialog(db, lambda: NOW))
    said = answer_next_box(Qt.Key.Key_T)  # «&Thoát»
    press(dialog.username, Qt.Key.Key_Escape)
    assert len(said) == 1 and dialog.result() == FirstAdminDialog.DialogCode.Rejected and not dialog.isVisible()


def test_login_says_what_is_wrong_and_keeps_the_name(qtbot, site_db):
    db, _ = site_db
    admin = create_first_admin(db, "quantri", "Nguyễn Quản Trị", PASSWORD, NOW)
    create_account(db, admin, "lan.nt", "Nguyễn Thị Lan", "officer", PASSWORD, NOW)
    dialog = _open(qtbot, LoginDialog(db, lambda: NOW, username="lan.nt"))
    type_keys(dialog.password, "sai-mat-khau")
    press(dialog.password, Qt.Key.Key_Return)
    assert dialog.error.text() == "Sai tên đăng nhập hoặc mật khẩu."
    assert (dialog.username.text(), dialog.password.text()) == ("lan.nt", "")
    type_keys(dialog.password, PASSWORD)
    press(dialog.password, Qt.Key.Key_Return)
    assert dialog.actor.full_name == "Nguyễn Thị Lan"
    with db.read() as s:
        assert s.scalar(select(Account.failed_logins).where(Account.username == "lan.nt")) == 0


@pytest.mark.parametrize(("role", "settings", "accounts"), [("officer", False, False), ("supervisor", True, False),
                                                          ("admin", True, True)])
def test_the_toolbar_follows_the_role(qtbot, site_db, role, settings, accounts):
    db, site = site_db
    admin = create_first_admin(db, "quantri", "Nguyễn Quản Trị", PASSWORD, NOW)
    actor = admin if role == "admin" else create_account(db, admin, "nguoi", "Lê Văn Bình", role, PASSWORD, NOW)
    window = MainWindow(db, site, lambda: NOW, actor.full_name, actor=actor)
    qtbot.addWidget(window)
    _show(qtbot, window)
    assert window.findChild(QAction, "settings_action").isEnabled() is settings
    assert window.findChild(QAction, "accounts_action").isVisible() is accounts
    assert window.officer() == actor.full_name and window.officer_box.isReadOnly()


def test_the_administrator_adds_an_account(qtbot, site_db):
    db, _ = site_db
    admin = create_first_admin(db, "quantri", "Nguyễn Quản Trị", PASSWORD, NOW)
    dialog = _open(qtbot, AccountsDialog(db, admin, lambda: NOW))
    type_keys(dialog.username, "mai.dn")
    type_ime(dialog.full_name, "Đỗ Ngọc Mai")
    dialog.role.setCurrentIndex(dialog.role.findData("supervisor"))
    type_keys(dialog.password, "ngan")
    add = dialog.findChild(QPushButton, "add_account")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert "từ 10 đến 200 ký tự" in dialog.error.text() and dialog.table.rowCount() == 1
    dialog.password.clear()
    type_keys(dialog.password, PASSWORD)
    press(dialog.password, Qt.Key.Key_Return)  # Enter adds it, as the button does
    assert dialog.error.text() == "" and dialog.isVisible()
    assert [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())] == ["Đỗ Ngọc Mai", "Nguyễn Quản Trị"]
    assert authenticate(db, "mai.dn", PASSWORD, NOW).role == "supervisor"


def test_an_officer_changes_their_own_password_from_the_toolbar(qtbot, site_db):
    db, site = site_db
    admin = create_first_admin(db, "quantri", "Nguyễn Quản Trị", PASSWORD, NOW)
    officer = create_account(db, admin, "lan.nt", "Nguyễn Thị Lan", "officer", PASSWORD, NOW)
    window = MainWindow(db, site, lambda: NOW, officer.full_name, actor=officer)
    qtbot.addWidget(window)
    assert window.findChild(QAction, "password_action").isVisible()
    dialog = _open(qtbot, ChangePasswordDialog(db, lambda: NOW, officer, window))
    type_keys(dialog.current, "sai-mat-khau")
    type_keys(dialog.password, "Mật-khẩu-riêng")
    type_keys(dialog.again, "Mật-khẩu-riêng")
    press(dialog.again, Qt.Key.Key_Return)
    assert dialog.error.text() == "Mật khẩu hiện tại không đúng." and dialog.current.text() == ""
    assert dialog.current.hasFocus() and dialog.password.text() == "Mật-khẩu-riêng"  # the new one stays typed
    type_keys(dialog.current, PASSWORD)
    press(dialog.current, Qt.Key.Key_Return)
    assert dialog.result() == ChangePasswordDialog.DialogCode.Accepted
    assert authenticate(db, "lan.nt", "Mật-khẩu-riêng", NOW) == officer


def test_supervisors_read_both_logs_and_officers_do_not_see_them(qtbot, site_db):
    from onestop.people.privacy import log_export
    from onestop.ui.logs_dialog import LogsDialog

    db, site = site_db
    admin = create_first_admin(db, "quantri", "Nguyễn Quản Trị", PASSWORD, NOW)
    officer = create_account(db, admin, "lan.nt", "Nguyễn Thị Lan", "officer", PASSWORD, NOW)
    supervisor = create_account(db, admin, "hai.tv", "Trần Văn Hải", "supervisor", PASSWORD, NOW)
    with db.write() as s:
        log_export(s, officer, "receipt.pdf", "000.00.12.H26-261123-0001", NOW)
    window = MainWindow(db, site, lambda: NOW, officer.full_name, actor=officer)
    qtbot.addWidget(window)
    assert not window.findChild(QAction, "logs_action").isVisible()
    with pytest.raises(PermissionDenied):
        LogsDialog(db, officer)
    dialog = LogsDialog(db, supervisor)
    qtbot.addWidget(dialog)
    admin_rows = dialog.findChild(QTableWidget, "admin_log")
    cells = [[admin_rows.item(r, c).text() for c in range(4)] for r in range(admin_rows.rowCount())]
    assert cells[0] == ["09:15 23/11/2026", "Nguyễn Quản Trị", "Tạo tài khoản", "hai.tv — Trần Văn Hải (lãnh đạo, giám sát)"]
    assert len(cells) == 3
    exports = dialog.findChild(QTableWidget, "exports_log")
    assert [exports.item(0, c).text() for c in range(4)] == [
        "09:15 23/11/2026", "Nguyễn Thị Lan", "receipt.pdf", "000.00.12.H26-261123-0001"]


def test_the_first_starts_second_step_asks_for_the_agency_with_empty_fields(qtbot, site_db):
    from onestop.office.site import UNCONFIGURED, load_site
    from onestop.ui.settings_dialog import SettingsDialog

    db, site = site_db
    admin = create_first_admin(db, "quantri", "Nguyễn Quản Trị", PASSWORD, NOW)
    window = MainWindow(db, site, lambda: NOW, admin.full_name, actor=admin)
    qtbot.addWidget(window)
    assert UNCONFIGURED in window.windowTitle() and UNCONFIGURED in window.statusBar().currentMessage()
    dialog = _open(qtbot, SettingsDialog(db, site, actor=admin, clock=lambda: NOW, first_start=True))
    assert dialog.name.text() == "" and dialog.code.text() == ""  # not the demo agency's
    press(dialog.name, Qt.Key.Key_Return)  # nothing typed: refused, nothing saved
    assert dialog.isVisible() and not dialog.errors["name"].isHidden()
    for field, text in ((dialog.code, "000.17.22.H56"), (dialog.name, "Trung tâm Phục vụ hành chính công xã Tiên Du"),
                        (dialog.parent_name, "UBND tỉnh Bắc Ninh"), (dialog.place_name, "Bắc Ninh"),
                        (dialog.address, "Thôn Lũng Sơn, xã Tiên Du"), (dialog.result_place, "Bộ phận Một cửa xã Tiên Du")):
        type_ime(field, text)
    press(dialog.result_place, Qt.Key.Key_Return)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    with db.read() as s:
        site = load_site(s)
    assert site.configured and site.paper_agency.name == "Trung tâm Phục vụ hành chính công xã Tiên Du"
