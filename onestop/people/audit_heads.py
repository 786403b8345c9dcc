"""Daily heads of the audit chain, signed with the site key (issue 12).

The event hashes have no secret: whoever holds the database can recompute a whole chain. Each local
day's events (every dossier's, in (at, id) order) are summed up in a head chained to the previous
day's (db/chain.py day_head), and the head is signed with an Ed25519 key whose private half is kept
off the desks (`onestop audit keygen`, `onestop audit sign`); the public half is in the database.
A signed day whose events no longer give its head, or whose signature does not verify, was
rewritten; the head's fingerprint is printed on that day's ledger (Mẫu 06/07), so that a paper copy
anchors it even against the database's owner.
"""
from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from onestop.clock.calendar import TZ
from onestop.db.chain import day_head
from onestop.db.models import AuditHead, AuditKey, Dossier, DossierEvent
from onestop.db.session import Database
from onestop.errors import OnestopError

if TYPE_CHECKING:
    from onestop.people.accounts import Actor

FINGERPRINT_HEX = 16  # what a paper copy shows of a head: 64 bits, enough to be compared by eye
# A ledger's mark is computed from the last signed day: past this many unsigned days it is not
# printed (the print would read the whole history; sign the days instead).
UNSIGNED_SPAN_DAYS = 31


class AuditKeyError(OnestopError, ValueError):
    """The key cannot be made, read or used; the message says why in Vietnamese."""


def local_day(at: datetime) -> date:
    return at.astimezone(TZ).date()


def day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), TZ)


def _message(day: date, head: str, events: int) -> bytes:
    return f"onestop audit head\x1f{day.isoformat()}\x1f{head}\x1f{events}".encode("ascii")


def key_fingerprint(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:FINGERPRINT_HEX]


def _public_pem(public: Ed25519PublicKey) -> str:
    return public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def stored_keys(session: Session) -> dict[int, Ed25519PublicKey]:
    keys = {}
    for key_id, pem in session.execute(select(AuditKey.id, AuditKey.public_key)):
        loaded = serialization.load_pem_public_key(pem.encode())
        if not isinstance(loaded, Ed25519PublicKey):
            raise AuditKeyError(f"Khóa công khai số {key_id} trong cơ sở dữ liệu không phải khóa Ed25519.")
        keys[key_id] = loaded
    return keys


def generate_key(db: Database, path: Path, *, actor: Actor, now: datetime) -> str:
    """Writes a new private key to `path` (0600, never over an existing file) and stores its public
    half; returns the key's fingerprint. One site key: a second is refused."""
    with db.write() as session:
        if session.scalar(select(AuditKey.id).limit(1)) is not None:
            raise AuditKeyError("Cơ sở dữ liệu đã có khóa ký của đơn vị: không tạo khóa thứ hai. "
                            "Hãy dùng tệp khóa đã tạo lần trước.")
        private = Ed25519PrivateKey.generate()
        pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
        try:
            # O_EXCL: never over another file; 0600: the key is the site's signature.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            raise AuditKeyError(f"Tệp {path} đã có: không ghi đè. Hãy chọn tên tệp khác.") from None
        except OSError as exc:
            raise AuditKeyError(f"Không ghi được tệp khóa {path} ({exc.strerror}).") from None
        with os.fdopen(fd, "wb") as out:
            out.write(pem)
        session.add(AuditKey(public_key=_public_pem(private.public_key()), created_at=now, created_by=actor.full_name))
        session.flush()
        return key_fingerprint(private.public_key())


def read_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AuditKeyError(f"Không đọc được tệp khóa {path} ({exc.strerror}).") from None
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        raise AuditKeyError(f"Tệp {path} không phải khóa ký hợp lệ (PEM, Ed25519, không mật khẩu).") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise AuditKeyError(f"Tệp {path} không phải khóa Ed25519.")
    return key


@dataclass(frozen=True)
class DayHead:
    day: date
    head: str  # recomputed from the events
    events: int
    stored: AuditHead | None


def day_heads(session: Session, after: date | None = None, through: date | None = None) -> Iterator[DayHead]:
    """Every day with events or a stored head, in order, its head recomputed from its events and
    chained to the previous day's: the stored head when that day is signed (so that one rewritten
    day is reported once, not with every day after it), else the recomputed one. `after`: start
    after that signed day (its stored head is the chain's start)."""
    stored = {h.day: h for h in session.scalars(select(AuditHead).order_by(AuditHead.day))}
    query = select(DossierEvent.id, DossierEvent.at, DossierEvent.hash).order_by(DossierEvent.at, DossierEvent.id)
    previous = ""
    if after is not None:
        query = query.where(DossierEvent.at >= day_start(after + timedelta(days=1)))
        previous = stored[after.isoformat()].head
    if through is not None:
        query = query.where(DossierEvent.at < day_start(through + timedelta(days=1)))
    rows = session.execute(query.execution_options(yield_per=5000))
    grouped = itertools.groupby(rows, key=lambda row: local_day(row.at))
    pending = sorted(date.fromisoformat(d) for d in stored
                     if (after is None or d > after.isoformat()) and (through is None or d <= through.isoformat()))
    events_day, events = next(grouped, (None, None))
    while events_day is not None or pending:
        if pending and (events_day is None or pending[0] < events_day):
            day = pending.pop(0)
            head, count = day_head(previous, day, ())  # a signed day whose events are all gone
        else:
            day = events_day
            # Read the group before the next one: groupby's groups end when it moves on.
            head, count = day_head(previous, day, ((row.id, row.hash) for row in events))
            if pending and pending[0] == day:
                pending.pop(0)
            events_day, events = next(grouped, (None, None))
        kept = stored.get(day.isoformat())
        yield DayHead(day, head, count, kept)
        previous = kept.head if kept is not None else head


def last_signed_day(session: Session) -> date | None:
    day = session.scalar(select(func.max(AuditHead.day)))
    return date.fromisoformat(day) if day else None


def sealed_problem(session: Session, at: datetime) -> str | None:
    """Why nothing may be written at `at` (a Vietnamese sentence), or None: a signed day is closed,
    an event dated in it would break its signature."""
    return sealed_message(last_signed_day(session), at)


def sealed_message(sealed: date | None, at: datetime) -> str | None:
    if sealed is None or local_day(at) > sealed:
        return None
    return (f"Lịch sử đã được ký chốt đến hết ngày {sealed:%d/%m/%Y}: không ghi thêm vào ngày đã chốt "
            f"({local_day(at):%d/%m/%Y}). Hãy ghi với thời điểm sau ngày đó và nêu ngày thực tế trong ghi chú.")


def signature_valid(keys: dict[int, Ed25519PublicKey], stored: AuditHead) -> bool:
    key = keys.get(stored.key_id)
    if key is None:
        return False
    try:
        key.verify(bytes.fromhex(stored.signature), _message(date.fromisoformat(stored.day), stored.head,
                                                              stored.events))
    except (InvalidSignature, ValueError):
        return False
    return True


def sign_days(db: Database, private: Ed25519PrivateKey, *, through: date, actor: Actor,
              now: datetime) -> list[DayHead]:
    """Signs every unsigned day with events up to `through` (a past day); returns them. Refused when
    the key is not the site's, when a signed day no longer matches (tampering: run `audit verify`)."""
    with db.write() as session:
        if through >= local_day(now):
            raise AuditKeyError(f"Chỉ ký được những ngày đã qua (đến hết {local_day(now) - timedelta(days=1):%d/%m/%Y}).")
        fingerprint = key_fingerprint(private.public_key())
        keys = stored_keys(session)
        key_id = next((i for i, k in keys.items() if key_fingerprint(k) == fingerprint), None)
        if key_id is None:
            raise AuditKeyError("Tệp khóa này không phải khóa ký của đơn vị đã lưu trong cơ sở dữ liệu "
                            "(tạo bằng «onestop audit keygen»). Không ký ngày nào.")
        signed, last_signed, previous, last_day = [], last_signed_day(session), "", None
        for h in day_heads(session, through=through):
            previous, last_day = (h.stored.head if h.stored is not None else h.head), h.day
            if h.stored is not None:
                if h.stored.head != h.head or h.stored.events != h.events or not signature_valid(keys, h.stored):
                    raise AuditKeyError(f"Ngày {h.day:%d/%m/%Y} đã ký nhưng lịch sử không còn khớp: hãy chạy "
                                    "«onestop audit verify». Không ký ngày nào.")
                continue
            if last_signed is not None and h.day < last_signed:
                raise AuditKeyError(f"Ngày {h.day:%d/%m/%Y} có sự kiện ghi sau khi đã ký những ngày sau nó: hãy chạy "
                                "«onestop audit verify». Không ký ngày nào.")
            signed.append(h)
        if last_day != through and (last_signed is None or through > last_signed):
            # The last day is signed even without events: nothing can be slipped in up to it unseen.
            signed.append(DayHead(through, day_head(previous, through, ())[0], 0, None))
        for h in signed:
            session.add(AuditHead(day=h.day.isoformat(), head=h.head, events=h.events, key_id=key_id,
                                  signature=private.sign(_message(h.day, h.head, h.events)).hex(),
                                  signed_at=now, signed_by=actor.full_name))
        session.flush()
        return signed


def head_of(session: Session, day: date) -> tuple[str, bool]:
    """The fingerprint of `day`'s head (the chain through that day) and whether it is signed: what
    the day's ledger prints. From the last signed day before it, so that a print reads few events."""
    kept = session.get(AuditHead, day.isoformat())
    if kept is not None:
        return kept.head[:FINGERPRINT_HEX], True
    before = session.scalar(select(AuditHead.day).where(AuditHead.day < day.isoformat())
                            .order_by(AuditHead.day.desc()).limit(1))
    since = date.fromisoformat(before) if before else _first_day(session)
    if since is None or (day - since).days > UNSIGNED_SPAN_DAYS:
        return "", False  # a print reads a month of events at most: sign the days first
    head = ""
    for h in day_heads(session, after=date.fromisoformat(before) if before else None, through=day):
        head = h.stored.head if h.stored is not None else h.head
    return head[:FINGERPRINT_HEX], False


def _first_day(session: Session) -> date | None:
    # The first receipt (indexed): no event of a dossier comes before it.
    first = session.scalar(select(func.min(Dossier.received_at)))
    return local_day(first) if first is not None else None


def ledger_mark(session: Session, day: date) -> str:
    """The line a day's ledger (Mẫu 06/07) prints: the head of the history through that day."""
    fingerprint, signed = head_of(session, day)
    if not fingerprint:
        return (f"Dấu kiểm chứng sổ đến hết ngày {day:%d/%m/%Y}: chưa có — lịch sử chưa được ký chốt trong "
                f"{UNSIGNED_SPAN_DAYS} ngày trước đó (onestop audit sign)")
    return f"Dấu kiểm chứng sổ đến hết ngày {day:%d/%m/%Y}: {fingerprint} ({'đã ký' if signed else 'chưa ký'})"
