"""Dossier codes: <agency code>-<yymmdd>-<NNNN>, a sequence per agency per local day.

The counter row is bumped by one upsert inside the dossier's own transaction: concurrent desks
queue on that row (PostgreSQL row lock, SQLite write lock), and a rolled-back save gives its
number back, so codes are distinct, consecutive and gapless.
"""
from __future__ import annotations

import re
from datetime import date
from functools import cache

from sqlalchemy import Insert
from sqlalchemy.orm import Session

from db.models import CodeCounter
from db.session import UPSERT_INSERT

# What a scanner may type: the bare code, or a look-up address with the code inside it.
CODE_PATTERN = re.compile(r"[0-9A-Za-z][0-9A-Za-z.]*-\d{6}-\d{4,}")


def format_code(agency_code: str, day: date, number: int, system_digits: str = "") -> str:
    """NĐ 118/2025 Điều 28, TT 03/2025 Điều 13: ‹identifier›-YYMMDD-‹number of the day, ≥ 4 digits›;
    with `system_digits` (TT 04/2025, centralised systems) ‹identifier›-YYMMDD-AA‹number›."""
    return f"{agency_code}-{day:%y%m%d}-{system_digits}{number:04d}"


@cache
def _bump(dialect: str) -> Insert:
    """The upsert, built once per dialect; the values go as parameters."""
    counter = CodeCounter.__table__
    return UPSERT_INSERT[dialect](counter).on_conflict_do_update(
        index_elements=[counter.c.agency_code, counter.c.day],
        set_={"last_number": counter.c.last_number + 1},
    ).returning(counter.c.last_number)


def allocate_code(session: Session, agency_code: str, day: date, system_digits: str = "") -> str:
    # On the session's connection, not through the ORM's bulk-insert path and its CPU: concurrent
    # desks queue on the counter row while the holder's process works (see bench_load.py).
    conn = session.connection()
    number = conn.execute(_bump(conn.dialect.name),
                          {"agency_code": agency_code, "day": f"{day:%y%m%d}", "last_number": 1}).scalar_one()
    return format_code(agency_code, day, number, system_digits)


def extract_code(text: str) -> str | None:
    """The dossier code in a scanned or typed text, or None."""
    m = CODE_PATTERN.search(text.strip())
    return m.group(0).upper() if m else None
