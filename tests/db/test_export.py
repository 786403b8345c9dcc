"""Export of dossiers to CSV and XLSX, read back from the files (SQLite and PostgreSQL)."""
from __future__ import annotations

import csv
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from onestop.db.models import Dossier
from onestop.dossiers.export import COLUMNS, dossier_rows, write_csv, write_xlsx
from onestop.dossiers.intake import IntakeRequest, save_intake
from onestop.installation.demo import generate
from onestop.people.accounts import Actor
from tests.conftest import ENGINES

REQUIRED = ["code", "received_at", "procedure_code", "procedure_name", "applicant_name", "channel", "status",
            "due_at", "statutory_due_at", "finished_at", "returned_at", "apology_due_at"]
TIMES = ["received_at", "due_at", "statutory_due_at", "finished_at", "returned_at", "apology_due_at",
         "first_late_at", "extended_due_at"]
STATUSES = {"received", "in_progress", "awaiting_supplement", "awaiting_payment", "result_ready", "returned",
            "refused", "withdrawn", "refused_after_review", "stopped", "closed", "cancelled"}
# A result exists once it is ready at the counter (or a refusal was decided); these never got one.
NO_RESULT = {"received", "in_progress", "awaiting_supplement", "awaiting_payment", "withdrawn", "stopped", "closed",
             "cancelled"}
NOW = datetime(2026, 11, 23, 3, 0, tzinfo=timezone.utc)  # Monday 23/11/2026 10:00 in Hà Nội
START, END = date(2026, 3, 2), date(2026, 6, 30)
ICT = timezone(timedelta(hours=7))
# Online dossiers just outside and just inside the range, where the local and the UTC date differ.
EDGES = {
    "before": datetime(2026, 3, 1, 23, 30, tzinfo=ICT),  # 16:30 UTC on 1/3: out
    "first": datetime(2026, 3, 2, 6, 30, tzinfo=ICT),  # 23:30 UTC on 1/3: in (local date counts)
    "last": datetime(2026, 6, 30, 23, 45, tzinfo=ICT),  # in
    "after": datetime(2026, 7, 1, 6, 15, tzinfo=ICT),  # 23:15 UTC on 30/6: out
}


@pytest.fixture
def exported_db(site_db):
    db, site = site_db
    # The demo first: it refuses a database that already holds dossiers (issue 12); it moves the
    # PostgreSQL id sequences past its own rows, so the intakes after it get fresh ids.
    generate(db, site, dossiers=300, seed=7, now=NOW)
    codes = {}
    for key, received in EDGES.items():
        saved = save_intake(db, site, IntakeRequest(
            procedure_code="1.004873", name="Trần Văn Nam", id_number="001090012345", channel="online",
            received_at=received), now=NOW, actor=Actor.named("canbo"))
        codes[key] = saved.code
    return db, site, codes


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def read_xlsx(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    sheet = load_workbook(path, read_only=True).worksheets[0]
    grid = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    return grid[0], [dict(zip(grid[0], row)) for row in grid[1:]]


def expected(db, site, start: date | None, end: date | None) -> dict[str, Dossier]:
    with db.read() as session:
        dossiers = list(session.scalars(select(Dossier)))
    local = site.calendar.to_local
    return {d.code: d for d in dossiers
            if (start is None or local(d.received_at).date() >= start)
            and (end is None or local(d.received_at).date() <= end)}


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_range(exported_db, tmp_path, fmt):
    db, site, edge_codes = exported_db
    path = tmp_path / f"ho-so.{fmt}"
    writer, reader = (write_csv, read_csv) if fmt == "csv" else (write_xlsx, read_xlsx)
    with db.read() as session:
        count = writer(dossier_rows(session, site.calendar, START, END), path)

    header, rows = reader(path)
    assert header[:len(REQUIRED)] == REQUIRED and list(COLUMNS) == header
    want = expected(db, site, START, END)
    assert 60 < len(want) < 200  # the range holds a good part of the year, not all of it
    assert count == len(rows) == len(want)
    assert {r["code"] for r in rows} == set(want)
    assert edge_codes["first"] in want and edge_codes["last"] in want
    assert edge_codes["before"] not in want and edge_codes["after"] not in want

    for row in rows:
        dossier = want[row["code"]]
        for col in TIMES:
            if row[col]:
                value = datetime.fromisoformat(row[col])
                assert value.utcoffset() == timedelta(hours=7), (col, row[col])
                assert row[col].endswith("+07:00")
                assert value == getattr(dossier, col)
            else:
                assert getattr(dossier, col) is None, (col, row["code"])
        assert START <= datetime.fromisoformat(row["received_at"]).date() <= END
        assert row["channel"] in {"direct", "post", "online"}
        assert row["status"] in STATUSES
        assert (row["finished_at"] == "") == (row["status"] in NO_RESULT), row
        assert (row["returned_at"] == "") == (row["status"] != "returned"), row
        assert row["procedure_code"] and row["procedure_name"] and row["applicant_name"]
        assert datetime.fromisoformat(row["due_at"]) <= datetime.fromisoformat(row["statutory_due_at"])
    # The data is varied enough that the checks above mean something.
    assert {r["channel"] for r in rows} == {"direct", "post", "online"}
    # The demo's year before NOW is all NĐ 118/2025: stopped at the applicant's request, not withdrawn.
    assert {"returned", "result_ready", "stopped", "received"} <= {r["status"] for r in rows}
    times = [datetime.fromisoformat(r["received_at"]) for r in rows]
    assert times == sorted(times)


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_export_without_range_has_every_dossier(exported_db, tmp_path):
    db, site, _codes = exported_db
    path = tmp_path / "tat-ca.csv"
    with db.read() as session:
        count = write_csv(dossier_rows(session, site.calendar), path)
    _header, rows = read_csv(path)
    assert count == len(rows) == 304 == len(expected(db, site, None, None))
    statuses = {r["status"] for r in rows}
    assert statuses <= STATUSES and {"in_progress", "refused_after_review", "stopped", "returned"} <= statuses
    assert {r["rule_set"] for r in rows} == {"2025"}  # every demo dossier received after 01/07/2025
    for row in rows:
        assert (row["finished_at"] == "") == (row["status"] in NO_RESULT), row
        assert (row["returned_at"] == "") == (row["status"] != "returned"), row


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
def test_single_day_range(exported_db, tmp_path):
    db, site, codes = exported_db
    day = date(2026, 3, 2)
    path = tmp_path / "mot-ngay.xlsx"
    with db.read() as session:
        count = write_xlsx(dossier_rows(session, site.calendar, day, day), path)
    _header, rows = read_xlsx(path)
    assert count == len(rows) == len(expected(db, site, day, day))
    assert codes["first"] in {r["code"] for r in rows}
    assert all(datetime.fromisoformat(r["received_at"]).date() == day for r in rows)
