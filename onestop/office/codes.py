"""Dossier codes (NĐ 118/2025 Điều 28; TT 03/2025 Điều 13 as amended by TT 04/2025).

`‹mã định danh of the deciding agency›-YYMMDD-‹number of the day›`, the number at least four digits
and growing past 9999; or, for a centralised system (TT 03 Điều 13 k3), `…-YYMMDD-AA‹number›`. One
series per identifier per local day: a provincial centre receiving for several Sở numbers each Sở's
dossiers in that Sở's series.

The counter row is bumped by one upsert inside the dossier's own transaction: concurrent desks
queue on that row (PostgreSQL row lock, SQLite write lock), and a rolled-back save gives its
number back, so codes are distinct, consecutive and gapless.
"""
from __future__ import annotations

import re
from datetime import date
from functools import cache
from urllib.parse import unquote

from sqlalchemy import Insert
from sqlalchemy.orm import Session

from onestop.db.models import CodeCounter
from onestop.db.session import UPSERT_INSERT

# What a scanner may type: the bare code, or a look-up address with the code inside it.
CODE_PATTERN = re.compile(r"[0-9A-Za-z][0-9A-Za-z.]*-\d{6}-\d{4,}")
_CODE_PARTS = re.compile(r"^(?P<identifier>[0-9A-Z][0-9A-Z.]*)-(?P<day>\d{6})-(?P<number>\d{4,})$")

# Mã định danh điện tử of an agency (QĐ 20/2020/QĐ-TTg, amended by QĐ 09/2025/QĐ-TTg), both styles
# in use: four levels "000.17.22.H56" (the level-1 unit last), and the short "H55.242" (the level-1
# unit first, then one to three groups).
IDENTIFIER = re.compile(r"^(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}|[A-Z]\d{2}(\.[0-9A-Z]{1,3}){1,3})$")
IDENTIFIER_HINT = "ví dụ 000.17.22.H56 hoặc H55.242"


def identifier_problem(identifier: str) -> str | None:
    """Why `identifier` is not an agency's mã định danh (a Vietnamese sentence), or None."""
    if IDENTIFIER.match(identifier):
        return None
    return (f"Mã định danh «{identifier}» không đúng dạng mã định danh điện tử của cơ quan "
            f"({IDENTIFIER_HINT}: chữ in hoa, chữ số và dấu chấm).")


def series_identifier(deciding_agency_code: str, own_code: str) -> str:
    """NĐ 118/2025 Điều 28 k2a: the code starts with the identifier of the agency competent to decide
    the case: the procedure's deciding agency from the catalogue, else the counter's own."""
    return deciding_agency_code or own_code


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


def parse_code(code: str, system_digits: str = "") -> tuple[str, str, int] | None:
    """(identifier, YYMMDD, number of the day) of a code in either form, or None. With `system_digits`
    a number that starts with them is read as the TT 04/2025 form AA‹number›."""
    m = _CODE_PARTS.match(code.strip().upper())
    if not m:
        return None
    number = m["number"]
    if system_digits and number.startswith(system_digits) and len(number) >= len(system_digits) + 4:
        number = number[len(system_digits):]
    return m["identifier"], m["day"], int(number)


def extract_code(text: str) -> str | None:
    """The dossier code in a scanned or typed text (the bare code, or a look-up address with the
    code in its path or query, percent-encoded or not), or None."""
    m = CODE_PATTERN.search(unquote(text.strip()))
    return m.group(0).upper() if m else None
