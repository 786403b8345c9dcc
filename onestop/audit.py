"""The audit trail: checking the chain of dossier events, and the PostgreSQL grants that make the
event table append-only for the application's role.

Each event's hash covers its fields and the previous event of the same dossier (db/chain.py); the
dossier keeps the last hash. An edited event no longer matches its hash, an inserted or removed
one breaks the chain, and a removed last event no longer matches the dossier's head.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from db.chain import event_hash
from db.models import Dossier, DossierEvent


@dataclass(frozen=True)
class Breach:
    code: str
    event_id: int | None
    message: str


@dataclass(frozen=True)
class AuditResult:
    dossiers: int
    events: int
    breaches: list[Breach]

    @property
    def ok(self) -> bool:
        return not self.breaches


def verify_chain(session: Session) -> AuditResult:
    """Recomputes every dossier's chain, streaming the events in dossier order."""
    e, d = DossierEvent, Dossier
    query = (select(d.id, d.code, d.last_event_hash, e.id, e.at, e.user, e.action, e.from_status, e.to_status,
                    e.note, e.handed_to, e.hash)
             .outerjoin(e, e.dossier_id == d.id).order_by(d.id, e.id).execution_options(yield_per=5000))
    breaches: list[Breach] = []
    dossiers = events = 0
    current, code, head, chain = None, "", "", ""

    def close() -> None:
        if current is not None and chain != head:
            breaches.append(Breach(code, None, "sự kiện cuối cùng của hồ sơ không còn khớp (đã bị xóa hoặc thay)"))

    for did, dcode, dhead, eid, at, user, action, from_status, to_status, note, handed_to, stored in \
            session.execute(query):
        if did != current:
            close()
            current, code, head, chain = did, dcode, dhead, ""
            dossiers += 1
        if eid is None:
            continue
        events += 1
        expected = event_hash(chain, dcode, at, user, action, from_status, to_status, note, handed_to)
        if stored != expected:
            breaches.append(Breach(dcode, eid, f"sự kiện #{eid} không khớp chuỗi kiểm chứng (đã bị sửa, "
                                               "chèn thêm hoặc một sự kiện trước nó bị xóa)"))
        chain = stored  # go on from what is stored: one edit is reported once, not for every later event
    close()
    return AuditResult(dossiers, events, breaches)


_ROLE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def protect_for_role(session: Session, role: str) -> None:
    """PostgreSQL: the application's role may read and add events and dossiers, change dossiers,
    but never change or remove an event or a log entry, nor remove a dossier (the owner keeps that power: run the
    program with another role than the tables' owner)."""
    if session.get_bind().dialect.name != "postgresql":
        raise ValueError("Phân quyền theo vai trò chỉ có trên PostgreSQL; SQLite dùng trigger chặn sửa, xóa.")
    if not _ROLE.match(role):
        raise ValueError(f"Tên vai trò «{role}» không hợp lệ (chữ thường, số, gạch dưới).")
    schema = '"' + session.execute(text("SELECT current_schema()")).scalar_one().replace('"', '""') + '"'
    for statement in (
        f"GRANT USAGE ON SCHEMA {schema} TO {role}",
        f"GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA {schema} TO {role}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {schema} TO {role}",
        f"REVOKE UPDATE, DELETE, TRUNCATE ON dossier_event, admin_log, export_log FROM {role}",
        f"REVOKE DELETE, TRUNCATE ON dossier FROM {role}",
        # A catalogue import replaces a procedure's papers (delete-orphan, onestop/catalogue.py):
        # papers are the catalogue, not history; a dossier's own list of papers stays (SET NULL).
        f"GRANT DELETE ON required_document TO {role}",
    ):
        session.execute(text(statement))
