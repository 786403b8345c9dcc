"""Changes to accounts, the catalogue and the settings are traceable to a person (admin_log), and
neither log can be edited or emptied."""
from __future__ import annotations

import getpass
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from onestop.cli import main
from onestop.office.catalogue import shipped_catalogue
from onestop.office.site import save_site
from onestop.people.accounts import (
    AccountError,
    Actor,
    authenticate,
    change_own_password,
    create_account,
    create_first_admin,
    set_active,
    set_password,
)
from onestop.people.admin_log import admin_log
from onestop.people.privacy import log_export

NOW = datetime(2026, 11, 23, 2, 15, tzinfo=timezone.utc)
PASSWORD = "Mot-cua-2026"


def _log(db) -> list[tuple[datetime, str, str, str]]:
    with db.read() as s:
        return [(e.at, e.user, e.action, e.detail) for e in reversed(admin_log(s))]


def test_account_changes_are_logged_with_who_and_when(site_db):
    db, _ = site_db
    minute = timedelta(minutes=1)
    admin = create_first_admin(db, "quantri", "Nguyễn Quản Trị", PASSWORD, NOW)
    officer = create_account(db, admin, "lan.nt", "Nguyễn Thị Lan", "officer", PASSWORD, NOW + minute)
    for _ in range(5):
        with pytest.raises(AccountError):
            authenticate(db, "lan.nt", "sai-mat-khau", NOW + 2 * minute)
    set_password(db, admin, "lan.nt", "Mat-khau-moi-1", NOW + 3 * minute)
    change_own_password(db, officer, "Mat-khau-moi-1", "Mat-khau-rieng-2", NOW + 4 * minute)
    set_active(db, admin, "lan.nt", False, NOW + 5 * minute)
    set_active(db, admin, "lan.nt", True, NOW + 6 * minute)
    assert _log(db) == [
        (NOW, "Nguyễn Quản Trị", "account.create", "quantri (quản trị hệ thống), lần cài đặt đầu"),
        (NOW + minute, "Nguyễn Quản Trị", "account.create", "lan.nt — Nguyễn Thị Lan (cán bộ tiếp nhận và trả kết quả)"),
        (NOW + 2 * minute, "Nguyễn Thị Lan", "account.lock", "lan.nt: 5 lần sai mật khẩu, khóa 15 phút"),
        (NOW + 3 * minute, "Nguyễn Quản Trị", "account.password", "đặt lại mật khẩu cho lan.nt"),
        (NOW + 4 * minute, "Nguyễn Thị Lan", "account.password", "tự đổi mật khẩu"),
        (NOW + 5 * minute, "Nguyễn Quản Trị", "account.close", "lan.nt"),
        (NOW + 6 * minute, "Nguyễn Quản Trị", "account.reopen", "lan.nt"),
    ]


class _OneHourLater(datetime):
    """The command line's clock, fixed: an hour after the settings were saved."""

    @classmethod
    def now(cls, tz=None):
        return (NOW + timedelta(hours=1)).astimezone(tz)


def test_settings_and_catalogue_changes_are_logged(site_db, database_url, capsys, monkeypatch):
    db, site = site_db
    monkeypatch.setattr("onestop.cli.context.datetime", _OneHourLater)
    supervisor = create_account(db, create_first_admin(db, "quantri", "Nguyễn Quản Trị", PASSWORD, NOW),
                                "hai.tv", "Trần Văn Hải", "supervisor", PASSWORD, NOW)
    settings = replace(site.settings, lock_after_minutes=5)
    with db.write() as s:
        save_site(s, replace(site.agency, name="Trung tâm mới"), settings, supervisor, NOW)
    assert main(["--database", database_url, "catalogue", "import", str(shipped_catalogue())]) == 0
    entries = _log(db)
    assert [e[2] for e in entries] == ["account.create", "account.create", "settings.save", "catalogue.import"]
    assert entries[2] == (NOW, "Trần Văn Hải", "settings.save", "đổi: name, lock_after_minutes")
    assert entries[3] == (NOW + timedelta(hours=1), getpass.getuser(), "catalogue.import",
                          "procedures.csv: 0 thủ tục mới, 70 cập nhật")

    capsys.readouterr()
    assert main(["--database", database_url, "log", "admin", "--limit", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()  # newest first, local time
    assert lines[0] == (f"23/11/2026 10:15\t{getpass.getuser()}\tNhập danh mục thủ tục\t"
                        "procedures.csv: 0 thủ tục mới, 70 cập nhật")
    assert lines[1] == "23/11/2026 09:15\tTrần Văn Hải\tLưu cài đặt\tđổi: name, lock_after_minutes"


@pytest.mark.parametrize("table", ["admin_log", "export_log"])
def test_the_logs_cannot_be_edited_or_emptied(site_db, table):
    db, _ = site_db
    create_first_admin(db, "quantri", "Nguyễn Quản Trị", PASSWORD, NOW)
    with db.write() as s:
        log_export(s, Actor.named("Nguyễn Quản Trị", "admin"), "dossiers.csv", "1 hồ sơ", NOW)
    for sql in (f"UPDATE {table} SET detail = 'sửa'", f"DELETE FROM {table}"):
        with pytest.raises(DBAPIError, match="append-only"):
            with db.write() as s:
                s.execute(text(sql))
    with db.read() as s:
        assert s.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() == 1
