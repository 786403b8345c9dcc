"""Personal data (Nghị định 13/2023/NĐ-CP): who sees CCCD and phone numbers whole, and the log of
every export or print that carries personal data.

Counter officers need them (they call applicants back, check papers at the return desk);
supervisors and administrators work on figures and see them masked. The headless commands act as
an administrator (onestop.people.accounts.system_actor): `onestop ledger` masks phones as for any
administrator, while `onestop export dossiers` writes whole data, as a database client would;
every such export is logged with the operating-system user.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from onestop.db.models import ExportLog
from onestop.people.accounts import Actor

SEES_PERSONAL_DATA = ("officer",)
MASK = "•"


def sees_personal_data(actor: Actor) -> bool:
    return actor.role in SEES_PERSONAL_DATA


def mask_id_number(value: str) -> str:
    """001190012345 → 001•••••••45: the province code stays (where from), the person does not."""
    value = value.strip()
    if len(value) <= 5:
        return MASK * len(value)
    return value[:3] + MASK * (len(value) - 5) + value[-2:]


def mask_phone(value: str) -> str:
    """0912345678 → 091•••••78."""
    return mask_id_number(value)


def for_actor(actor: Actor | None, id_number: str, phone: str) -> tuple[str, str]:
    """CCCD and phone as this actor may see them; None: a desk without accounts, which sees all."""
    if actor is None or sees_personal_data(actor):
        return id_number, phone
    return mask_id_number(id_number), mask_phone(phone)


def masked_rows(rows, actor: Actor, field: str = "applicant_phone"):
    """Dataclass rows (e.g. the ledger's) with the phone masked for those who do not need it."""
    if sees_personal_data(actor):
        yield from rows
        return
    for row in rows:
        yield replace(row, **{field: mask_phone(getattr(row, field))})


def log_export(session: Session, actor: Actor, what: str, detail: str, now: datetime) -> None:
    session.add(ExportLog(at=now, user=actor.full_name, what=what, detail=detail[:2000]))


def export_log(session: Session, limit: int = 500) -> list[ExportLog]:
    return list(session.scalars(select(ExportLog).order_by(ExportLog.at.desc(), ExportLog.id.desc()).limit(limit)))
