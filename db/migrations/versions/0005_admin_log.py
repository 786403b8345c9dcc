"""admin log (accounts, catalogue, settings); the admin and export logs append-only

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: Union[str, Sequence[str], None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

REFUSE = "onestop: the logs are append-only"
LOGS = ("admin_log", "export_log")


def upgrade() -> None:
    op.create_table(
        'admin_log',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('user', sa.String(length=100), nullable=False),
        sa.Column('action', sa.String(length=60), nullable=False),
        sa.Column('detail', sa.Text(), server_default='', nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_admin_log')),
    )
    op.create_index(op.f('ix_admin_log_at'), 'admin_log', ['at'])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"""CREATE FUNCTION onestop_refuse_log_change() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION '{REFUSE} (% on %)', TG_OP, TG_TABLE_NAME; END $$ LANGUAGE plpgsql""")
        for table in LOGS:
            op.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                       "FOR EACH ROW EXECUTE FUNCTION onestop_refuse_log_change()")
            op.execute(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                       "FOR EACH STATEMENT EXECUTE FUNCTION onestop_refuse_log_change()")
        return
    for table in LOGS:
        for when in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER {table}_no_{when.lower()} BEFORE {when} ON {table} "
                       f"BEGIN SELECT RAISE(ABORT, '{REFUSE}'); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in LOGS:
            op.execute(f"DROP TRIGGER {table}_append_only ON {table}")
            op.execute(f"DROP TRIGGER {table}_no_truncate ON {table}")
        op.execute("DROP FUNCTION onestop_refuse_log_change()")
    else:
        for table in LOGS:
            for when in ("update", "delete"):
                op.execute(f"DROP TRIGGER {table}_no_{when}")
    op.drop_index(op.f('ix_admin_log_at'), table_name='admin_log')
    op.drop_table('admin_log')
