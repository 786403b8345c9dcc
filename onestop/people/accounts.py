"""Accounts and roles: who may sign in, and who may change what.

Passwords are kept as argon2id hashes only. Five wrong passwords in a row lock an account for
LOCK_MINUTES. Counter officers receive, follow and return dossiers; supervisors also change the
catalogue and the settings; administrators also manage accounts. Nobody deletes a dossier or an
event (the database refuses it: migration 0004). The headless commands are administration tools,
as a database client is: they act as an administrator named after the operating-system user.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from importlib import resources

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from onestop.clock.calendar import TZ
from onestop.db.models import Account
from onestop.db.session import Database
from onestop.errors import OnestopError
from onestop.people.admin_log import log_admin
from onestop.people.pg_roles import RolesError, sync_login
from onestop.text import nfc
from onestop.validation import ValidationError, clean_name

ROLES = {"officer": "Cán bộ tiếp nhận và trả kết quả", "supervisor": "Lãnh đạo, giám sát", "admin": "Quản trị hệ thống"}
# What each action needs; an action not listed here is open to every role.
PERMISSIONS = {
    "change_catalogue": ("supervisor", "admin"),
    "change_settings": ("supervisor", "admin"),
    "manage_accounts": ("admin",),
    "view_logs": ("supervisor", "admin"),
}
MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 10  # OWASP ASVS V2.1.1 asks 12, NIST SP 800-63B 8; 10 with a list of common ones
MAX_PASSWORD = 200
_hasher = PasswordHasher()


class AccountError(OnestopError, ValueError):
    """A Vietnamese message for the person at the desk; nothing was changed."""


class PermissionDenied(AccountError):
    pass


class WrongPassword(AccountError):
    pass


@dataclass(frozen=True)
class Actor:
    username: str
    full_name: str
    role: str

    @classmethod
    def named(cls, name: str, role: str = "officer") -> "Actor":
        """Someone known only by a name: a desk without accounts, an import's source, a test."""
        return cls(name, name, role)

    def may(self, action: str) -> bool:
        return self.role in PERMISSIONS.get(action, tuple(ROLES))


def system_actor(os_user: str) -> Actor:
    """Who a headless command acts as: whoever can reach the database administers it."""
    return Actor.named(os_user, "admin")


def require(actor: Actor, action: str) -> None:
    if not actor.may(action):
        allowed = ", ".join(ROLES[r].lower() for r in PERMISSIONS[action])
        raise PermissionDenied(f"Tài khoản {actor.username} ({ROLES[actor.role].lower()}) không được làm việc này; "
                               f"cần quyền {allowed}.")


def has_accounts(session: Session) -> bool:
    return (session.scalar(select(func.count()).select_from(Account)) or 0) > 0


def _clean(username: str, full_name: str, role: str, password: str) -> tuple[str, str]:
    username, full_name = username.strip().lower(), nfc(full_name).strip()
    if not username or len(username) > 60 or not all(c.isalnum() or c in "._-" for c in username) \
            or not username.isascii():
        raise AccountError("Tên đăng nhập gồm chữ không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới (tối đa 60).")
    if not full_name or len(full_name) > 200:
        raise AccountError("Hãy nhập họ và tên (tối đa 200 ký tự).")
    try:  # the name on every event and log line: the same checks as an applicant's
        full_name = clean_name(full_name, "full_name")
    except ValidationError as exc:
        raise AccountError(exc.message) from None
    if role not in ROLES:
        raise AccountError(f"Vai trò «{role}» không có.")
    check_password(password, username)
    return username, full_name


def check_password(password: str, username: str = "") -> None:
    """A new password: long enough, not a common one, not the user name (NIST SP 800-63B 5.1.1.2)."""
    password = nfc(password)
    if len(password) < MIN_PASSWORD or password.strip() != password or len(password) > MAX_PASSWORD:
        raise AccountError(f"Mật khẩu phải có từ {MIN_PASSWORD} đến {MAX_PASSWORD} ký tự, không bắt đầu hay "
                           "kết thúc bằng khoảng trắng. Chưa lưu gì; hãy chọn mật khẩu khác.")
    folded = password.casefold()
    name = username.strip().casefold()
    if name and name in folded:
        raise AccountError("Mật khẩu không được chứa tên đăng nhập. Chưa lưu gì; hãy chọn mật khẩu khác.")
    if folded in _common_passwords() or len(set(folded)) < 4:
        raise AccountError("Mật khẩu này quá phổ biến, dễ bị đoán (ví dụ «matkhau123», «123456789a»). "
                           "Chưa lưu gì; hãy chọn mật khẩu khác, ví dụ một câu ngắn dễ nhớ.")


@cache
def _common_passwords() -> frozenset[str]:
    listing = resources.files("onestop.resources") / "common_passwords.txt"
    lines = listing.read_text(encoding="utf-8").splitlines()
    return frozenset(nfc(line).strip().casefold() for line in lines if line.strip() and not line.startswith("#"))


def _hash(password: str) -> str:
    return _hasher.hash(nfc(password))


def create_first_admin(db: Database, username: str, full_name: str, password: str, now: datetime) -> Actor:
    """The person installing the program becomes its administrator; only while there is no account."""
    username, full_name = _clean(username, full_name, "admin", password)
    with db.write() as session:
        if has_accounts(session):
            raise AccountError("Đã có tài khoản quản trị: hãy đăng nhập.")
        session.add(Account(username=username, full_name=full_name, role="admin",
                            password_hash=_hash(password), failed_logins=0, active=True, created_at=now))
        _sync(session, username, password=password, role="admin")
        admin = Actor(username, full_name, "admin")
        log_admin(session, admin, "account.create", f"{username} ({ROLES['admin'].lower()}), lần cài đặt đầu", now)
    return admin


def create_account(db: Database, actor: Actor, username: str, full_name: str, role: str, password: str,
                   now: datetime) -> Actor:
    require(actor, "manage_accounts")
    username, full_name = _clean(username, full_name, role, password)
    with db.write() as session:
        if session.scalar(select(Account.id).where(Account.username == username)) is not None:
            raise AccountError(f"Tên đăng nhập «{username}» đã có.")
        session.add(Account(username=username, full_name=full_name, role=role, password_hash=_hash(password),
                            failed_logins=0, active=True, created_at=now))
        _sync(session, username, password=password, role=role)
        log_admin(session, actor, "account.create", f"{username} — {full_name} ({ROLES[role].lower()})", now)
    return Actor(username, full_name, role)


def set_password(db: Database, actor: Actor, username: str, password: str, now: datetime) -> None:
    """An administrator sets anyone's password (and unlocks the account); anyone may change their own."""
    own = actor.username == username.strip().lower()
    if not own:
        require(actor, "manage_accounts")
    check_password(password, username)
    with db.write() as session:
        account = _account(session, username)
        account.password_hash = _hash(password)
        account.failed_logins, account.locked_until = 0, None
        _sync(session, account.username, password=password)
        log_admin(session, actor, "account.password",
                  "tự đổi mật khẩu" if own else f"đặt lại mật khẩu cho {account.username}", now)


def change_own_password(db: Database, actor: Actor, current: str, new: str, now: datetime) -> None:
    """The signed-in person replaces the password the administrator gave them; the current one is
    checked as at a login (a wrong one counts towards the lock)."""
    check_password(new, actor.username)
    try:
        authenticate(db, actor.username, current, now)
    except WrongPassword:
        raise WrongPassword("Mật khẩu hiện tại không đúng.") from None
    set_password(db, actor, actor.username, new, now)


def set_active(db: Database, actor: Actor, username: str, active: bool, now: datetime) -> None:
    """Accounts are closed, never deleted: their names stay on the events they wrote."""
    require(actor, "manage_accounts")
    if actor.username == username.strip().lower() and not active:
        raise AccountError("Không tự khóa tài khoản của chính mình.")
    with db.write() as session:
        account = _account(session, username)
        account.active = active
        _sync(session, account.username, active=active)
        log_admin(session, actor, "account.reopen" if active else "account.close", account.username, now)


def _sync(session: Session, username: str, **changes) -> None:
    """PostgreSQL site with roles set up: the account's login role follows it (onestop.people.pg_roles)."""
    try:
        sync_login(session, username, **changes)
    except RolesError as exc:
        raise AccountError(str(exc)) from None


def list_accounts(session: Session) -> list[Account]:
    return list(session.scalars(select(Account).order_by(Account.username)))


def _account(session: Session, username: str) -> Account:
    account = session.scalars(select(Account).where(Account.username == username.strip().lower())).one_or_none()
    if account is None:
        raise AccountError(f"Không có tài khoản «{username}».")
    return account


def authenticate(db: Database, username: str, password: str, now: datetime) -> Actor:
    """The account's actor, or AccountError; a wrong password counts towards the lock (committed).

    An unknown, locked or closed account costs one argon2 verification like any other, so that
    the time taken does not tell whether a name exists (OWASP Authentication Cheat Sheet)."""
    with db.write() as session:
        account = session.scalars(select(Account).where(Account.username == username.strip().lower())
                                  .with_for_update()).one_or_none()
        clock = _lock_clock(session, now)
        if account is None:
            _verify(_dummy_hash(), password)
            outcome: Actor | str = "wrong"
        elif account.locked_until is not None and account.locked_until > clock:
            _verify(_dummy_hash(), password)  # the real hash is not tried: no guess counts while locked
            outcome = f"{account.locked_until.astimezone(TZ):%H:%M}"
        elif not (matched := _verify(account.password_hash, password)):
            account.failed_logins += 1
            if account.failed_logins >= MAX_FAILURES:
                account.failed_logins, account.locked_until = 0, clock + timedelta(minutes=LOCK_MINUTES)
                log_admin(session, Actor(account.username, account.full_name, account.role), "account.lock",
                          f"{account.username}: {MAX_FAILURES} lần sai mật khẩu, khóa {LOCK_MINUTES} phút", now)
            outcome = "wrong"
        elif not account.active:
            outcome = "closed"
        else:
            account.failed_logins, account.locked_until = 0, None
            # A hash made from the raw text before passwords were NFC-normalised is made again.
            if matched == "raw" or _hasher.check_needs_rehash(account.password_hash):
                account.password_hash = _hash(password)
            outcome = Actor(account.username, account.full_name, account.role)
    if isinstance(outcome, Actor):
        return outcome
    if outcome == "wrong":
        raise WrongPassword("Sai tên đăng nhập hoặc mật khẩu.")  # never says which of the two
    if outcome == "closed":
        raise AccountError("Tài khoản này đã bị khóa. Hãy liên hệ quản trị.")
    raise AccountError(f"Tài khoản tạm khóa đến {outcome} vì nhập sai mật khẩu {MAX_FAILURES} lần. "
                       "Hãy chờ hoặc nhờ quản trị đặt lại mật khẩu.")


def _lock_clock(session: Session, now: datetime) -> datetime:
    """The time a lock is measured by. On PostgreSQL the server's, shared by every desk: a desk whose
    clock runs ahead must not sign into a locked account. A SQLite file has one desk, whose `now` it is."""
    if session.get_bind().dialect.name == "postgresql":
        return session.scalar(text("SELECT clock_timestamp()"))
    return now


@cache
def _dummy_hash() -> str:
    """A hash of nothing anyone types, made with the same parameters as the real ones."""
    return _hasher.hash("\x00onestop-no-such-account")


def _verify(password_hash: str, password: str) -> str | None:
    """"nfc" or "raw" (the form that matched), or None. Passwords are hashed in NFC, so that one typed
    in NFD by another input method matches; hashes made before that were of the raw text, tried second."""
    typed = nfc(password)
    if _check(password_hash, typed):
        return "nfc"
    if typed != password and _check(password_hash, password):
        return "raw"
    return None


def _check(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
