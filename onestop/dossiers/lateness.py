"""Late once, late in every figure (DESIGN.md; issue 11): the SQL conditions every list and count uses.

A dossier is late against its appointment when a deadline was passed while its clock ran
(`first_late_at`, kept by onestop.dossiers.lifecycle before anything can move the deadline or stop the
clock), or when its clock runs now past `due_at`. The same against the statutory deadline with
`first_statutory_late_at`. A restart after a supplement, a resume, an extension or a new
appointment never clears either instant, so no sequence of actions makes a late file on time.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, or_

from onestop.db.models import Dossier
from onestop.dossiers.statuses import RUNNING


def late(now: datetime | ColumnElement) -> ColumnElement[bool]:
    """Late against the appointment at `now` (open or closed)."""
    d = Dossier
    return or_(d.first_late_at.is_not(None), and_(d.status.in_(RUNNING), d.due_at < now))


def late_statutory(now: datetime | ColumnElement) -> ColumnElement[bool]:
    """Past the statutory deadline at `now` (open or closed)."""
    d = Dossier
    return or_(d.first_statutory_late_at.is_not(None), and_(d.status.in_(RUNNING), d.statutory_due_at < now))


def result_on_time() -> ColumnElement[bool]:
    """A result within the committed time, never late before it (restarts and extensions included)."""
    return and_(Dossier.finished_at <= Dossier.due_at, Dossier.first_late_at.is_(None))


def result_within_statutory() -> ColumnElement[bool]:
    return and_(Dossier.finished_at <= Dossier.statutory_due_at, Dossier.first_statutory_late_at.is_(None))
