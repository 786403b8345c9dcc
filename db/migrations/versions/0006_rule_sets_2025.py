"""rule sets (NĐ 61/2018 or NĐ 118/2025 by receipt), lateness kept once, extensions, per-procedure
supplement windows and deciding agency

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03

Existing dossiers get their rule set from their receipt instant (before 01/07/2025 00:00 Hà Nội
time: "2018") and the first-late instants their history shows: a result or a refusal after the
deadline, or a clock stopped with no time left (the deadline then in force). Statuses are not
touched: a withdrawn dossier stays withdrawn. Columns are added in place (no table copy), so the
append-only triggers of 0004 stay as they are.
"""
from datetime import datetime, timezone
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

from onestop.db.types import UTCDateTime

revision: str = '0006'
down_revision: Union[str, Sequence[str], None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# 01/07/2025 00:00 in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). Kept here as a constant: a
# migration must not change when onestop.clock.rule_sets does.
EFFECTIVE_2025 = datetime(2025, 6, 30, 17, 0, tzinfo=timezone.utc)
CLOCK_KINDS = ("receipt", "restart", "resume")

dossier = sa.table("dossier", sa.column("id", sa.Integer), sa.column("received_at", UTCDateTime),
                   sa.column("due_at", UTCDateTime), sa.column("statutory_due_at", UTCDateTime),
                   sa.column("finished_at", UTCDateTime), sa.column("rule_set", sa.String),
                   sa.column("first_late_at", UTCDateTime), sa.column("first_statutory_late_at", UTCDateTime))
pause = sa.table("dossier_pause", sa.column("dossier_id", sa.Integer), sa.column("started_at", UTCDateTime),
                 sa.column("committed_left_s", sa.Integer), sa.column("statutory_left_s", sa.Integer))
appointment = sa.table("appointment", sa.column("id", sa.Integer), sa.column("dossier_id", sa.Integer),
                       sa.column("given_at", UTCDateTime), sa.column("kind", sa.String),
                       sa.column("due_at", UTCDateTime), sa.column("statutory_due_at", UTCDateTime))


def upgrade() -> None:
    op.add_column('dossier', sa.Column('rule_set', sa.String(length=4), server_default='2018', nullable=False))
    for name in ('extended_due_at', 'first_late_at', 'first_statutory_late_at'):
        op.add_column('dossier', sa.Column(name, sa.DateTime(timezone=True), nullable=True))
    op.add_column('procedure', sa.Column('supplement_request_days', sa.Integer(), server_default='3',
                                         nullable=False))
    op.add_column('procedure', sa.Column('supplement_close_days', sa.Integer(), server_default='15',
                                         nullable=False))
    op.add_column('procedure', sa.Column('deciding_agency_code', sa.String(length=40), server_default='',
                                         nullable=False))
    op.add_column('appointment', sa.Column('notified_by', sa.String(length=12), server_default='', nullable=False))
    conn = op.get_bind()
    conn.execute(sa.update(dossier).where(dossier.c.received_at >= sa.bindparam("t", EFFECTIVE_2025, UTCDateTime))
                 .values(rule_set="2025"))
    _first_late_from_pauses(conn)
    # A result (or a refusal) after the deadline: late at that deadline, unless a pause said earlier.
    for first, due in ((dossier.c.first_late_at, dossier.c.due_at),
                       (dossier.c.first_statutory_late_at, dossier.c.statutory_due_at)):
        conn.execute(sa.update(dossier).where(first.is_(None), dossier.c.finished_at > due).values({first: due}))


def _first_late_from_pauses(conn) -> None:
    """A clock stopped with no time left was late at the deadline in force then: the latest
    receipt, restart or resume appointment given before the stop (the dossier's own deadline if
    the history has none)."""
    for left, first, column in (("committed_left_s", "first_late_at", "due_at"),
                                ("statutory_left_s", "first_statutory_late_at", "statutory_due_at")):
        in_force = (sa.select(appointment.c[column])
                    .where(appointment.c.dossier_id == pause.c.dossier_id, appointment.c.kind.in_(CLOCK_KINDS),
                           appointment.c.given_at <= pause.c.started_at, appointment.c[column].is_not(None))
                    .order_by(appointment.c.given_at.desc(), appointment.c.id.desc()).limit(1).scalar_subquery())
        rows = conn.execute(
            sa.select(pause.c.dossier_id, sa.func.coalesce(in_force, dossier.c[column]))
            .join(dossier, dossier.c.id == pause.c.dossier_id).where(pause.c[left] < 0)
            .order_by(pause.c.dossier_id, pause.c.started_at)).all()
        first_by_dossier: dict[int, datetime] = {}
        for dossier_id, due in rows:
            first_by_dossier.setdefault(dossier_id, due)
        if first_by_dossier:
            conn.execute(sa.update(dossier).where(dossier.c.id == sa.bindparam("d_id"))
                         .values({first: sa.bindparam("late", type_=UTCDateTime)}),
                         [{"d_id": k, "late": v} for k, v in first_by_dossier.items()])


def downgrade() -> None:
    op.drop_column('appointment', 'notified_by')
    for name in ('deciding_agency_code', 'supplement_close_days', 'supplement_request_days'):
        op.drop_column('procedure', name)
    for name in ('first_statutory_late_at', 'first_late_at', 'extended_due_at', 'rule_set'):
        op.drop_column('dossier', name)
