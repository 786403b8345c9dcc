"""Saving a period's figures — the periodic report, the cut-time targets, the ledger (Mẫu 06) —
as the file a supervisor sends: PDF, XLSX, CSV or JSON. Shared by the command line and the window.

Raises OSError when the file cannot be written (onestop.files.output_files: an older file stays as it was,
and the database is never the target) and FontError when no Vietnamese font is found.
"""
from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from onestop.db.session import Database
from onestop.figures.report import Report
from onestop.figures.targets import Targets
from onestop.files.output_files import write_bytes
from onestop.office.site import Site
from onestop.people.accounts import Actor
from onestop.people.privacy import log_export, masked_rows


def figures_text(figures: Report | Targets, fmt: str) -> str:
    """The JSON or CSV text of the figures."""
    if fmt == "json":
        return json.dumps(figures.to_json(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return figures.to_csv()
    raise ValueError(f"Định dạng «{fmt}» không phải văn bản.")


def save_figures(figures: Report | Targets, fmt: str, path: Path, site: Site, made_at: datetime) -> None:
    font = site.settings.font_path or None
    if fmt == "pdf":
        if isinstance(figures, Report):
            from onestop.figures.report_pdf import render_report_pdf as render
        else:
            from onestop.figures.targets_pdf import render_targets_pdf as render
        write_bytes(path, render(figures, site.agency, font, made_at=made_at))
    elif fmt == "xlsx":
        if isinstance(figures, Report):
            from onestop.figures.report_xlsx import write_report_xlsx as write
        else:
            from onestop.figures.targets_xlsx import write_targets_xlsx as write
        write(figures, site.agency, path, made_on=made_at)
    else:
        # utf-8-sig: Excel opens a CSV with a BOM as UTF-8 (Vietnamese intact).
        write_bytes(path, figures_text(figures, fmt).encode("utf-8-sig" if fmt == "csv" else "utf-8"))


def save_ledger(db: Database, site: Site, start: date, end: date, fmt: str, path: Path, made_at: datetime,
                actor: Actor) -> int:
    """The dossier ledger (Mẫu 06) of the dossiers received from start to end, as PDF or XLSX; phone
    numbers masked for those who do not need them; the export logged. Returns the dossiers written."""
    from onestop.figures.ledger import ledger_rows

    if fmt not in ("pdf", "xlsx"):
        raise ValueError(f"Sổ theo dõi chỉ xuất được PDF hoặc XLSX, không phải «{fmt}».")
    with db.read() as session:
        rows = masked_rows(ledger_rows(session, site, start, end), actor)
        if fmt == "pdf":
            from onestop.figures.ledger_pdf import render_ledger_pdf
            from onestop.people.audit_heads import ledger_mark

            rows = list(rows)
            write_bytes(path, render_ledger_pdf(rows, site.agency, start, end, site.settings.font_path or None,
                                                made_at=made_at, audit_mark=ledger_mark(session, end)))
            count = len(rows)
        else:
            from onestop.figures.ledger_xlsx import write_ledger_xlsx

            count = write_ledger_xlsx(rows, site.agency, start, end, path, made_on=made_at)
    with db.write() as session:
        log_export(session, actor, f"ledger.{fmt}",
                   f"Sổ theo dõi hồ sơ từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}: {count} hồ sơ → {path}", made_at)
    return count
