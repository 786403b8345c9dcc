"""Auto-lock after idle minutes: the windows hide, only the signed-in person's password shows them
again, and what they had typed is still there; the minutes are a site setting (0: never)."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from onestop.office.site import SiteSettings, validate_site
from onestop.people.accounts import create_account, create_first_admin
from onestop.ui.idle_lock import IdleLock
from onestop.ui.main_window import MainWindow
from tests.qt_typing import press, type_ime, type_keys
from tests.ui.test_ui_intake import _show

NOW = datetime(2026, 11, 23, 2, 15, tzinfo=timezone.utc)
PASSWORD = "Mot-cua-2026"


@pytest.fixture
def officer_desk(qtbot, site_db):
    db, site = site_db
    admin = create_first_admin(db, "quantri", "Nguyễn Quản Trị", PASSWORD, NOW)
    officer = create_account(db, admin, "lan.nt", "Nguyễn Thị Lan", "officer", PASSWORD, NOW)
    window = MainWindow(db, site, lambda: NOW, officer.full_name, actor=officer)
    qtbot.addWidget(window)
    _show(qtbot, window)
    minutes = [15]
    lock = IdleLock(db, lambda: NOW, officer, lambda: minutes[0], window)
    yield window, lock, minutes
    # The unlock dialog has no parent (every window is hidden behind it): left open, it would take
    # the keyboard of the next test's window.
    lock.timer.stop()
    QApplication.instance().removeEventFilter(lock)
    if lock.dialog is not None:
        lock.dialog.close()
        lock.dialog.deleteLater()


def _go_idle(qtbot, lock: IdleLock) -> None:
    lock.timer.start(20)  # the idle minutes, shortened: the timer's own timeout locks
    qtbot.waitUntil(lambda: lock.dialog is not None and lock.dialog.isVisible())


def test_idle_desk_locks_and_only_its_user_unlocks_it(qtbot, officer_desk):
    window, lock, _ = officer_desk
    assert lock.timer.isActive() and lock.timer.interval() == 15 * 60_000
    type_ime(window.intake.name, "Nguyễn Văn Bình")
    lock.timer.start(5_000)
    type_keys(window.intake.id_number, "0010")  # typing counts as activity: the full 15 minutes again
    assert lock.timer.interval() == 15 * 60_000

    _go_idle(qtbot, lock)
    dialog = lock.dialog
    assert not window.isVisible()  # names and CCCD off the screen
    assert dialog.username.text() == "lan.nt" and dialog.username.isReadOnly()
    assert "Nguyễn Thị Lan" in dialog.intro.text() and "15 phút" in dialog.intro.text()

    type_keys(dialog.password, "sai-mat-khau")
    press(dialog.password, Qt.Key.Key_Return)
    assert dialog.error.text() == "Sai tên đăng nhập hoặc mật khẩu." and not window.isVisible()
    press(dialog.password, Qt.Key.Key_Escape)  # Esc does not get round the lock
    assert dialog.isVisible() and not window.isVisible()

    type_keys(dialog.password, PASSWORD)
    press(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(window.isVisible)
    assert lock.dialog is None and lock.timer.isActive()
    assert (window.intake.name.text(), window.intake.id_number.text()) == ("Nguyễn Văn Bình", "0010")


def test_leaving_from_the_lock_asks_the_program_to_quit(qtbot, officer_desk):
    window, lock, _ = officer_desk
    _go_idle(qtbot, lock)
    with qtbot.waitSignal(lock.quit_requested, timeout=2_000):
        lock.dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert not window.isVisible()


def test_zero_minutes_never_locks(qtbot, officer_desk):
    window, lock, minutes = officer_desk
    minutes[0] = 0
    type_keys(window.intake.name, "An")
    assert not lock.timer.isActive()


@pytest.mark.parametrize(("minutes", "ok"), [(0, True), (15, True), (240, True), (-1, False), (241, False)])
def test_the_setting_takes_0_to_240_minutes(site_db, minutes, ok):
    _, site = site_db
    settings = SiteSettings(lock_after_minutes=minutes)
    errors = validate_site(site.agency, settings)
    assert ("lock_after_minutes" not in errors) is ok
    if not ok:
        assert errors["lock_after_minutes"] == "Thời gian tự khóa phải từ 0 (không khóa) đến 240 phút."
    assert SiteSettings.from_json(settings.to_json()) == settings
