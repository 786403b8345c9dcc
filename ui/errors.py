"""The window's one way to say what went wrong.

Widgets catch `SAID` — the program's own errors (onestop.errors: each carries its Vietnamese
message) and database failures (classified by the engine's code in onestop.db.failures and
explained by onestop.installation.bootstrap.explain) — and show `message(exc, db)` where the person
is looking. Anything else is a bug: it reaches the crash dialog (ui/crash_dialog.py) and the log.
"""
from __future__ import annotations

from sqlalchemy.exc import SQLAlchemyError

from onestop.db.session import Database
from onestop.errors import OnestopError
from onestop.installation.bootstrap import explain

SAID = (OnestopError, SQLAlchemyError)


def message(exc: BaseException, db: Database | None = None) -> str:
    if isinstance(exc, SQLAlchemyError):
        return explain(exc, db.shown_url if db is not None else "")
    return str(exc)
