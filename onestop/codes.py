"""Dossier codes: <agency code>-<yymmdd>-<NNNN>, a sequence per agency per local day.

The counter row is bumped by one upsert inside the dossier's own transaction: concurrent desks
queue on that row (PostgreSQL row lock, SQLite write lock), and a rolled-back save gives its
number back, so codes are distinct, consecutive and gapless.
"""
from __future__ import annotations

import re
from datetime import date

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from db.models import CodeCounter

# What a scanner may type: the bare code, or a look-up address with the code inside it.
CODE_PATTERN = re.compile(r"[0-9A-Za-z][0-9A-Za-z.]*-\d{6}-\d{4,}")
_INSERT = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def format_code(agency_code: str, day: date, number: int) -> str:
    return f"{agency_code}-{day:%y%m%d}-{number:04d}"


def allocate_code(session: Session, agency_code: str, day: date) -> str:
    insert = _INSERT[session.get_bind().dialect.name]
    stmt = insert(CodeCounter).values(agency_code=agency_code, day=f"{day:%y%m%d}", last_number=1)
    stmt = stmt.on_conflict_do_update(
        index_elements=[CodeCounter.agency_code, CodeCounter.day],
        set_={"last_number": CodeCounter.last_number + 1},
    ).returning(CodeCounter.last_number)
    number = session.execute(stmt).scalar_one()
    return format_code(agency_code, day, number)


def extract_code(text: str) -> str | None:
    """The dossier code in a scanned or typed text, or None."""
    m = CODE_PATTERN.search(text.strip())
    return m.group(0).upper() if m else None
