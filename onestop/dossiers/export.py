"""Export of dossiers to CSV or XLSX, streamed so that a year of a busy centre fits in memory."""
from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from onestop.clock.calendar import WorkCalendar
from onestop.clock.periods import EARLIEST_DAY, LATEST_DAY
from onestop.db.models import Applicant, Dossier, Procedure
from onestop.db.session import Database
from onestop.files.output_files import closed_on_failure, utf8_text, write_output
from onestop.files.spreadsheet_safety import csv_cell, xlsx_row
from onestop.office.site import Site
from onestop.people.accounts import Actor
from onestop.people.privacy import log_export

COLUMNS = ("code", "received_at", "procedure_code", "procedure_name", "applicant_name", "channel",
           "status", "due_at", "statutory_due_at", "finished_at", "returned_at", "apology_due_at",
           "rule_set", "first_late_at", "extended_due_at")
# apology_due_at / extended_due_at: the new appointment given with an apology (Mẫu 04) or an
# extension (NĐ 118/2025 Điều 19 k6); due_at keeps the original. first_late_at: the deadline first
# missed, kept whatever followed. rule_set: "2018" (NĐ 61/2018) or "2025" (NĐ 118/2025), by receipt.
_TIMES = {"received_at", "due_at", "statutory_due_at", "finished_at", "returned_at", "apology_due_at",
          "first_late_at", "extended_due_at"}


def dossier_rows(session: Session, cal: WorkCalendar, start: date | None = None,
                 end: date | None = None) -> Iterator[dict[str, str]]:
    """Dossiers received between two local dates (both included), times as ISO 8601 local.
    Bounds beyond the days onestop records are moved to them: the same dossiers, and no overflow."""
    query = (
        select(Dossier.code, Dossier.received_at, Procedure.code, Procedure.name, Applicant.name,
               Dossier.channel, Dossier.status, Dossier.due_at, Dossier.statutory_due_at,
               Dossier.finished_at, Dossier.returned_at, Dossier.apology_due_at, Dossier.rule_set,
               Dossier.first_late_at, Dossier.extended_due_at)
        .join(Procedure, Dossier.procedure_id == Procedure.id)
        .join(Applicant, Dossier.applicant_id == Applicant.id)
        .order_by(Dossier.received_at, Dossier.id)
    )
    if start is not None:
        start = min(max(start, EARLIEST_DAY), LATEST_DAY)
        query = query.where(Dossier.received_at >= datetime.combine(start, time(), cal.tz))
    if end is not None:
        end = max(min(end, LATEST_DAY), EARLIEST_DAY)
        query = query.where(Dossier.received_at < datetime.combine(end + timedelta(days=1), time(), cal.tz))
    for row in session.execute(query.execution_options(yield_per=2000)):
        yield {
            col: (cal.to_local(value).isoformat() if value is not None else "") if col in _TIMES else value
            for col, value in zip(COLUMNS, row)
        }


def write_csv(rows: Iterator[dict[str, str]], path: Path) -> int:
    """Written whole or not at all (onestop.files.output_files); returns the rows written."""
    def write(fh) -> int:
        count = 0
        writer = csv.DictWriter(utf8_text(fh, bom=True), fieldnames=COLUMNS)  # BOM: Excel reads UTF-8 right
        writer.writeheader()
        for row in rows:
            writer.writerow({c: csv_cell(v) for c, v in row.items()})  # OWASP: no live formulas
            count += 1
        return count

    return write_output(path, write)


def write_xlsx(rows: Iterator[dict[str, str]], path: Path) -> int:
    from openpyxl import Workbook

    def write(fh) -> int:
        book = Workbook(write_only=True)
        with closed_on_failure(book):
            sheet = book.create_sheet("Hồ sơ")
            sheet.append(list(COLUMNS))
            count = 0
            for row in rows:
                sheet.append(xlsx_row(sheet, [row[c] for c in COLUMNS]))  # OWASP: no live formulas
                count += 1
            book.save(fh)
        return count

    return write_output(path, write)  # whole or not at all


def export_dossiers(db: Database, site: Site, fmt: str, path: Path, *, start: date | None = None,
                    end: date | None = None, actor: Actor, now: datetime) -> int:
    """Dossiers received in the period to a CSV or XLSX file; returns the rows. Applicants' names are
    personal data (Nghị định 13/2023/NĐ-CP), so the export goes to the log of exports."""
    writer = write_xlsx if fmt == "xlsx" else write_csv
    with db.read() as session:
        count = writer(dossier_rows(session, site.calendar, start, end), path)
    period = f" từ {start or '…'} đến {end or '…'}" if start or end else ""
    with db.write() as session:
        log_export(session, actor, f"dossiers.{fmt}", f"{count} hồ sơ{period} → {path}", now)
    return count
