"""Accounts and roles through the services, on SQLite and PostgreSQL: the first administrator,
argon2 hashes, the lock after five wrong passwords, and every protected action refused to the
roles that may not do it."""
from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select, text

from onestop.db.models import Account, Procedure
from onestop.office.catalogue import import_file, shipped_catalogue
from onestop.office.site import load_site, save_site
from onestop.people import accounts as accounts_module
from onestop.people.accounts import (
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
    with pytest.raises(AccountError, match="từ 10 đến 200 ký tự"):
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
    with pytest.raises(AccountError, match="từ 10 đến 200 ký tự"):
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
    on_sqlite = db.engine.dialect.name == "sqlite"
    # 02:15 UTC + 15 min, in Hà Nội, on SQLite; PostgreSQL measures the lock by its own clock.
    with pytest.raises(AccountError, match="tạm khóa đến 09:30" if on_sqlite else "tạm khóa đến"):
        authenticate(db, "lan.nt", PASSWORD, NOW + timedelta(minutes=5))
    later = NOW + timedelta(minutes=LOCK_MINUTES, seconds=1)
    if not on_sqlite:  # the server's quarter of an hour, passed
        with db.write() as s:
            s.execute(text("UPDATE account SET locked_until = clock_timestamp() - interval '1 second' "
                           "WHERE username = 'lan.nt'"))
    assert authenticate(db, "lan.nt", PASSWORD, later).username == "lan.nt"


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_desk_clock_ahead_does_not_open_a_locked_account_on_postgresql(accounts):
    """Probe 3c: a desk clock 16 min ahead signed into a locked account. The server's clock rules."""
    db, *_ = accounts
    for _ in range(5):
        with pytest.raises(AccountError):
            authenticate(db, "lan.nt", "sai-mat-khau", NOW)
    with db.read() as s:
        server_now = s.scalar(text("SELECT clock_timestamp()"))
    for desk_clock in (NOW + timedelta(minutes=16), server_now + timedelta(minutes=16)):
        with pytest.raises(AccountError, match="tạm khóa"):
            authenticate(db, "lan.nt", PASSWORD, desk_clock)


class CountingHasher(PasswordHasher):
    """The real argon2 hasher, counting its verifications (the time a login costs)."""

    def __init__(self) -> None:
        super().__init__()
        self.verified = 0

    def verify(self, hash, password):  # noqa: A002 - argon2's own parameter name
        self.verified += 1
        return super().verify(hash, password)


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_unknown_and_locked_names_cost_an_argon2_verification_like_the_others(accounts, monkeypatch):
    """Probe 3c: a locked account answered in 0.7 ms, the others in about 200 ms: the time told
    which names exist. Every answer now costs one argon2 verification."""
    db, *_ = accounts
    for _ in range(5):
        with pytest.raises(AccountError):
            authenticate(db, "hai.tv", "sai-mat-khau", NOW)
    hasher = CountingHasher()
    monkeypatch.setattr(accounts_module, "_hasher", hasher)
    counts = {}
    for case, (name, password) in {"right": ("lan.nt", PASSWORD), "wrong": ("lan.nt", "sai-mat-khau"),
                                   "unknown": ("khong.co", PASSWORD), "locked": ("hai.tv", PASSWORD)}.items():
        before = hasher.verified
        try:
            authenticate(db, name, password, NOW)
        except AccountError:
            pass
        counts[case] = hasher.verified - before
    assert counts == {"right": 1, "wrong": 1, "unknown": 1, "locked": 1}


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
@pytest.mark.parametrize("password, reason", [
    ("ngan-qua", "từ 10 đến 200 ký tự"),
    ("matkhau123", "quá phổ biến"),
    ("123456789a", "quá phổ biến"),
    ("MatKhau@123", "quá phổ biến"),
    ("Password123", "quá phổ biến"),
    ("1234567890", "quá phổ biến"),
    ("qwertyuiop", "quá phổ biến"),
    ("anhyeuem123", "quá phổ biến"),
    ("aaaaaaaaaaaa", "quá phổ biến"),
    ("abababababab", "quá phổ biến"),
    ("mai.dn", "từ 10 đến 200 ký tự"),
    ("mai.dn2026!", "tên đăng nhập"),
    ("Xin-chao-MAI.DN", "tên đăng nhập"),
])
def test_weak_passwords_and_the_user_name_are_refused(accounts, password, reason):
    """Probe 3c: 12345678, password, aaaaaaaa and the user name itself were accepted."""
    db, _, admin, officer, _ = accounts
    with pytest.raises(AccountError, match=reason) as refused:
        create_account(db, admin, "mai.dn", "Đỗ Ngọc Mai", "officer", password, NOW)
    assert "Chưa lưu gì" in str(refused.value)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Account).where(Account.username == "mai.dn")) == 0
    for_lan = password.replace("mai.dn", "lan.nt").replace("MAI.DN", "LAN.NT")
    with pytest.raises(AccountError, match=reason):
        set_password(db, admin, "lan.nt", for_lan, NOW)
    with pytest.raises(AccountError, match=reason):
        change_own_password(db, officer, PASSWORD, for_lan, NOW)
    assert authenticate(db, "lan.nt", PASSWORD, NOW) == officer  # nothing changed


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_a_password_typed_in_nfd_matches_the_one_set_in_nfc(accounts):
    """Probe 3c: «mật khẩu …» set in NFC was refused when typed in NFD (another IME setting)."""
    db, _, admin, officer, _ = accounts
    composed = unicodedata.normalize("NFC", "Mật khẩu của Lan 1")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    set_password(db, admin, "lan.nt", composed, NOW)
    assert authenticate(db, "lan.nt", decomposed, NOW) == officer
    set_password(db, admin, "lan.nt", decomposed, NOW)
    assert authenticate(db, "lan.nt", composed, NOW) == officer
    # An account whose hash was made from the raw NFD text, before normalisation, still signs in,
    # and its hash is made again from the NFC form.
    old_hash = PasswordHasher().hash(decomposed)
    with db.write() as s:
        s.execute(text("UPDATE account SET password_hash = :h WHERE username = 'lan.nt'"), {"h": old_hash})
    assert authenticate(db, "lan.nt", decomposed, NOW) == officer
    with db.read() as s:
        rehashed = s.scalar(select(Account.password_hash).where(Account.username == "lan.nt"))
    assert rehashed != old_hash and PasswordHasher().verify(rehashed, composed)
    assert authenticate(db, "lan.nt", composed, NOW) == officer


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
