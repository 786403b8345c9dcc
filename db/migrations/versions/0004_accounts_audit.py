"""accounts, export log, audit chain of events, append-only events and undeletable dossiers

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

from onestop.db.chain import event_hash
from onestop.db.types import UTCDateTime

revision: str = '0004'
down_revision: Union[str, Sequence[str], None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

REFUSE = "onestop: the dossier history is append-only and dossiers are never deleted"


def upgrade() -> None:
    op.create_table(
        'account',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('username', sa.String(length=60), nullable=False),
        sa.Column('full_name', sa.String(length=200), nullable=False),
        sa.Column('role', sa.String(length=12), nullable=False),
        sa.Column('password_hash', sa.String(length=200), nullable=False),
        sa.Column('failed_logins', sa.Integer(), nullable=False),
        sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_account')),
        sa.UniqueConstraint('username', name=op.f('uq_account_username')),
    )
    op.create_table(
        'export_log',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('user', sa.String(length=100), nullable=False),
        sa.Column('what', sa.String(length=60), nullable=False),
        sa.Column('detail', sa.Text(), server_default='', nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_export_log')),
    )
    op.create_index(op.f('ix_export_log_at'), 'export_log', ['at'])
    with op.batch_alter_table('dossier_event') as batch:
        batch.add_column(sa.Column('hash', sa.String(length=64), server_default='', nullable=False))
    with op.batch_alter_table('dossier') as batch:
        batch.add_column(sa.Column('last_event_hash', sa.String(length=64), server_default='', nullable=False))
    _chain_existing_events()
    _refuse_changes()


def _chain_existing_events() -> None:
    """Hashes the history already there, dossier by dossier, in event order."""
    conn = op.get_bind()
    events = sa.table('dossier_event', sa.column('id'), sa.column('dossier_id'), sa.column('at', UTCDateTime()),
                      sa.column('user'), sa.column('action'), sa.column('from_status'), sa.column('to_status'),
                      sa.column('note'), sa.column('handed_to'), sa.column('hash'))
    dossiers = sa.table('dossier', sa.column('id'), sa.column('code'), sa.column('last_event_hash'))
    query = (sa.select(events.c.id, events.c.dossier_id, dossiers.c.code, events.c.at, events.c.user,
                       events.c.action, events.c.from_status, events.c.to_status, events.c.note, events.c.handed_to)
             .join(dossiers, dossiers.c.id == events.c.dossier_id).order_by(events.c.dossier_id, events.c.id))
    set_event = events.update().where(events.c.id == sa.bindparam("event_id")).values(hash=sa.bindparam("h"))
    set_head = dossiers.update().where(dossiers.c.id == sa.bindparam("dossier_id")).values(
        last_event_hash=sa.bindparam("h"))
    # Once, at the upgrade: hashes for every event are computed first, then written in batches.
    batch, heads, dossier, previous = [], [], None, ""
    for row in conn.execute(query.execution_options(yield_per=10_000)):
        if row.dossier_id != dossier:
            if dossier is not None:
                heads.append({"dossier_id": dossier, "h": previous})
            dossier, previous = row.dossier_id, ""
        previous = event_hash(previous, row.code, row.at, row.user, row.action, row.from_status,
                              row.to_status, row.note, row.handed_to)
        batch.append({"event_id": row.id, "h": previous})
    if dossier is not None:
        heads.append({"dossier_id": dossier, "h": previous})
    for start in range(0, len(batch), 10_000):
        conn.execute(set_event, batch[start:start + 10_000])
    for start in range(0, len(heads), 10_000):
        conn.execute(set_head, heads[start:start + 10_000])


def _refuse_changes() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"""CREATE FUNCTION onestop_refuse_change() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION '{REFUSE} (% on %)', TG_OP, TG_TABLE_NAME; END $$ LANGUAGE plpgsql""")
        op.execute("CREATE TRIGGER dossier_event_append_only BEFORE UPDATE OR DELETE ON dossier_event "
                   "FOR EACH ROW EXECUTE FUNCTION onestop_refuse_change()")
        op.execute("CREATE TRIGGER dossier_event_no_truncate BEFORE TRUNCATE ON dossier_event "
                   "FOR EACH STATEMENT EXECUTE FUNCTION onestop_refuse_change()")
        op.execute("CREATE TRIGGER dossier_no_delete BEFORE DELETE ON dossier "
                   "FOR EACH ROW EXECUTE FUNCTION onestop_refuse_change()")
        op.execute("CREATE TRIGGER dossier_no_truncate BEFORE TRUNCATE ON dossier "
                   "FOR EACH STATEMENT EXECUTE FUNCTION onestop_refuse_change()")
        return
    for name, when in (("dossier_event_no_update", "BEFORE UPDATE ON dossier_event"),
                       ("dossier_event_no_delete", "BEFORE DELETE ON dossier_event"),
                       ("dossier_no_delete", "BEFORE DELETE ON dossier")):
        op.execute(f"CREATE TRIGGER {name} {when} BEGIN SELECT RAISE(ABORT, '{REFUSE}'); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, table in (("dossier_event_append_only", "dossier_event"), ("dossier_event_no_truncate", "dossier_event"),
                            ("dossier_no_delete", "dossier"), ("dossier_no_truncate", "dossier")):
            op.execute(f"DROP TRIGGER {name} ON {table}")
        op.execute("DROP FUNCTION onestop_refuse_change()")
    else:
        for name in ("dossier_event_no_update", "dossier_event_no_delete", "dossier_no_delete"):
            op.execute(f"DROP TRIGGER {name}")
    with op.batch_alter_table('dossier') as batch:
        batch.drop_column('last_event_hash')
    with op.batch_alter_table('dossier_event') as batch:
        batch.drop_column('hash')
    op.drop_index(op.f('ix_export_log_at'), table_name='export_log')
    op.drop_table('export_log')
    op.drop_table('account')
