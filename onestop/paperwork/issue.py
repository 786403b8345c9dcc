"""Papers issued: a receipt or form rendered, printed or saved, and entered in the log of
personal-data exports in the same step (it bears the applicant's name, CCCD and address;
Nghị định 13/2023/NĐ-CP). The window and the command line call these; neither logs by itself."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from onestop.db.session import Database
from onestop.files.output_files import write_bytes, write_problem
from onestop.office.site import Site
from onestop.paperwork.papers import FORMS
from onestop.paperwork.receipts import save_copy
from onestop.people.accounts import Actor
from onestop.people.privacy import log_export


@dataclass(frozen=True)
class PrintedPaper:
    pdf: bytes
    copy: Path | None = None  # the copy kept in the data folder, if one was asked for and written
    copy_problem: str = ""  # why it could not be kept (the paper is still printed)


def render_paper(db: Database, site: Site, form: str, code: str, paper: str | None = None) -> bytes:
    """The form's PDF; DossierNotFound, FormUnavailable or FontError when it cannot be made."""
    with db.read() as session:
        return FORMS[form](session, site, code, paper)


def print_paper(db: Database, site: Site, form: str, code: str, *, actor: Actor, now: datetime,
                paper: str | None = None, keep_copy_in: Path | None = None) -> PrintedPaper:
    """The PDF to hand to the printer, logged as printed; with `keep_copy_in`, also kept there as
    ‹code›.pdf (a full disk loses the copy, not the print)."""
    pdf = render_paper(db, site, form, code, paper)
    copy, problem = None, ""
    if keep_copy_in is not None:
        try:
            copy = save_copy(pdf, code, keep_copy_in)
        except OSError as exc:
            problem = write_problem(keep_copy_in, exc)
    _log(db, actor, form, code, now, str(copy or ""))
    return PrintedPaper(pdf, copy, problem)


def save_paper(db: Database, site: Site, form: str, code: str, output: Path, *, actor: Actor, now: datetime,
               paper: str | None = None) -> None:
    """The form written to `output` (never over the database; an old file kept if it fails: OSError)."""
    write_bytes(output, render_paper(db, site, form, code, paper))
    _log(db, actor, form, code, now, str(output))


def _log(db: Database, actor: Actor, form: str, code: str, now: datetime, destination: str) -> None:
    with db.write() as session:
        log_export(session, actor, f"{form}.pdf", code + (f" → {destination}" if destination else ""), now)
