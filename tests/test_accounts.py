"""Accounts and roles through the services, on SQLite and PostgreSQL: the first administrator,
argon2 hashes, the lock after five wrong passwords, and every protected action refused to the
roles that may not do it."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from db.models import Account, Procedure
from onestop.accounts import (
    LOCK_MINUTES,
    AccountError,
    PermissionDenied,
    authenticate,
    change_own_password,
    create_account,
    create_first_admin,
    has_accounts,
    set_active,
    set_password,
)
from onestop.catalogue import import_file, shipped_catalogue
from onestop.site import load_site, save_site
from tests.conftest import ENGINES

NOW = datetime(2026, 11, 23, 2, 15, tzinfo=timezone.utc)
PASSWORD = "Mot-cua-2026"


@pytest.fixture
def accounts(site_db):
    db, site = site_db
    admin = create_first_admin(db, "QuanTri", "Nguyễn Quản Trị", PASSWORD, NOW)
    officer = create_account(db, admin, "lan.nt", "Nguyễn Thị Lan", "officer", PASSWORD, NOW)
    supervisor = create_account(db, admin, "hai.tv", "Trần Văn Hải", "supervisor", PASSWORD, NOW)
    return db, site, admin, officer, supervisor


def test_anyone_changes_their_own_password_knowing_the_current_one(accounts):
    db, _, _, officer, _ = accounts
    with pytest.raises(AccountError, match="từ 8 ký tự"):
        change_own_password(db, officer, PASSWORD, "ngan", NOW)
    with pytest.raises(AccountError, match="^Mật khẩu hiện tại không đúng.$"):
        change_own_password(db, officer, "khong-phai", "Mat-khau-rieng-1", NOW)
    assert authenticate(db, "lan.nt", PASSWORD, NOW) == officer  # nothing changed
    change_own_password(db, officer, PASSWORD, "Mat-khau-rieng-1", NOW)
    assert authenticate(db, "lan.nt", "Mat-khau-rieng-1", NOW) == officer
    with pytest.raises(AccountError):
        authenticate(db, "lan.nt", PASSWORD, NOW)
    for _ in range(5):  # guessing the current password locks the account like a login
        with pytest.raises(AccountError):
            change_own_password(db, officer, "doan-mo-1", "Mat-khau-khac-2", NOW)
    with pytest.raises(AccountError, match="tạm khóa"):
        change_own_password(db, officer, "Mat-khau-rieng-1", "Mat-khau-khac-2", NOW)


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_the_first_start_creates_the_administrator_once(site_db):
    db, _ = site_db
    with db.read() as s:
        assert not has_accounts(s)  # no default account, no default password
    with pytest.raises(AccountError, match="từ 8 ký tự"):
        create_first_admin(db, "quantri", "Nguyễn Quản Trị", "ngan", NOW)
    admin = create_first_admin(db, "QuanTri", "Nguyễn Quản Trị", PASSWORD, NOW)
    assert (admin.username, admin.role) == ("quantri", "admin")
    with pytest.raises(AccountError, match="Đã có tài khoản quản trị"):
        create_first_admin(db, "khac", "Người Khác", PASSWORD, NOW)
    with db.read() as s:
        stored = s.scalars(select(Account.password_hash)).one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_five_wrong_passwords_lock_the_account_for_a_while(accounts):
    db, *_ = accounts
    assert authenticate(db, "Lan.NT", PASSWORD, NOW).full_name == "Nguyễn Thị Lan"
    with pytest.raises(AccountError) as unknown:
        authenticate(db, "khong.co", PASSWORD, NOW)
    for _ in range(4):
        with pytest.raises(AccountError) as wrong:
            authenticate(db, "lan.nt", "sai-mat-khau", NOW)
    assert str(wrong.value) == str(unknown.value) == "Sai tên đăng nhập hoặc mật khẩu."
    authenticate(db, "lan.nt", PASSWORD, NOW)  # a success starts the count again
    for _ in range(4):
        with pytest.raises(AccountError, match="Sai"):
            authenticate(db, "lan.nt", "sai-mat-khau", NOW)
    with pytest.raises(AccountError, match="Sai"):
        authenticate(db, "lan.nt", "sai-mat-khau", NOW)  # the fifth: locked from now on
    with pytest.raises(AccountError, match="tạm khóa đến 09:30"):  # 02:15 UTC + 15 min, in Hà Nội
        authenticate(db, "lan.nt", PASSWORD, NOW + timedelta(minutes=5))
    later = NOW + timedelta(minutes=LOCK_MINUTES, seconds=1)
    assert authenticate(db, "lan.nt", PASSWORD, later).username == "lan.nt"


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_the_administrator_unlocks_closes_and_reopens(accounts):
    db, _, admin, officer, supervisor = accounts
    for _ in range(5):
        with pytest.raises(AccountError):
            authenticate(db, "lan.nt", "sai-mat-khau", NOW)
    set_password(db, admin, "lan.nt", "Mat-khau-moi-1", NOW)
    assert authenticate(db, "lan.nt", "Mat-khau-moi-1", NOW) == officer
    set_active(db, admin, "lan.nt", False, NOW)
    with pytest.raises(AccountError, match="đã bị khóa"):
        authenticate(db, "lan.nt", "Mat-khau-moi-1", NOW)
    with pytest.raises(AccountError, match="chính mình"):
        set_active(db, admin, "quantri", False, NOW)
    set_password(db, supervisor, "hai.tv", "Doi-mat-khau-2", NOW)  # one's own: no special right needed
    with pytest.raises(PermissionDenied):
        set_password(db, supervisor, "lan.nt", "Mat-khau-khac-3", NOW)


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_officers_cannot_change_catalogue_settings_or_accounts(accounts, tmp_path):
    db, site, admin, officer, supervisor = accounts
    catalogue = tmp_path / "danh-muc.csv"
    text = shipped_catalogue().read_text(encoding="utf-8-sig")
    catalogue.write_text(text.replace(",3d,1d,", ",3d,2d,", 1), encoding="utf-8")  # 1.004873: committed 1 → 2 days
    renamed = replace(site.agency, name="Trung tâm mới")

    def snapshot():
        with db.read() as s:
            return (load_site(s).agency.name, s.scalar(select(func.count()).select_from(Account)),
                    sorted(s.execute(select(Procedure.code, Procedure.committed)).all()))

    before = snapshot()
    with pytest.raises(PermissionDenied, match="không được làm việc này"):
        with db.write() as s:
            import_file(s, catalogue, officer)
    with pytest.raises(PermissionDenied):
        with db.write() as s:
            save_site(s, renamed, site.settings, officer)
    for actor in (officer, supervisor):
        with pytest.raises(PermissionDenied, match="quản trị"):
            create_account(db, actor, "moi", "Người Mới", "officer", PASSWORD, NOW)
        with pytest.raises(PermissionDenied):
            set_active(db, actor, "quantri", False, NOW)
    assert snapshot() == before
    with db.read() as s:
        assert all(s.scalars(select(Account.active)))

    with db.write() as s:  # a supervisor may change the catalogue and the settings
        import_file(s, catalogue, supervisor)
        save_site(s, renamed, site.settings, supervisor)
    assert snapshot()[0] == "Trung tâm mới"
    assert ("1.004873", "1d") in before[2] and ("1.004873", "2d") in snapshot()[2]
