"""audit: events attest what they changed; daily heads signed with the site key

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: Union[str, Sequence[str], None] = '0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

REFUSE = "onestop: signed audit heads and the site key are append-only"
TABLES = ("audit_key", "audit_head")


def upgrade() -> None:
    # A plain ADD COLUMN (not a batch copy): on SQLite a copy would drop the append-only triggers.
    op.add_column('dossier_event', sa.Column('attests', sa.Text(), server_default='', nullable=False))
    op.create_table(
        'audit_key',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('public_key', sa.Text(), nullable=False),  # PEM, Ed25519
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_by', sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_key')),
    )
    op.create_table(
        'audit_head',
        sa.Column('day', sa.String(length=10), nullable=False),  # local date, YYYY-MM-DD
        sa.Column('head', sa.String(length=64), nullable=False),
        sa.Column('events', sa.Integer(), nullable=False),
        sa.Column('signature', sa.String(length=128), nullable=False),  # hex, Ed25519
        sa.Column('key_id', sa.Integer(), nullable=False),
        sa.Column('signed_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('signed_by', sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(['key_id'], ['audit_key.id'], name=op.f('fk_audit_head_key_id_audit_key')),
        sa.PrimaryKeyConstraint('day', name=op.f('pk_audit_head')),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"""CREATE FUNCTION onestop_refuse_head_change() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION '{REFUSE} (% on %)', TG_OP, TG_TABLE_NAME; END $$ LANGUAGE plpgsql""")
        for table in TABLES:
            op.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                       "FOR EACH ROW EXECUTE FUNCTION onestop_refuse_head_change()")
        return
    for table in TABLES:
        for when in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER {table}_no_{when.lower()} BEFORE {when} ON {table} "
                       f"BEGIN SELECT RAISE(ABORT, '{REFUSE}'); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:
            op.execute(f"DROP TRIGGER {table}_append_only ON {table}")
        op.execute("DROP FUNCTION onestop_refuse_head_change()")
    else:
        for table in TABLES:
            for when in ("update", "delete"):
                op.execute(f"DROP TRIGGER {table}_no_{when}")
    op.drop_table('audit_head')
    op.drop_table('audit_key')
    # SQLite ≥ 3.35 drops a column in place (a batch copy would lose the append-only triggers).
    op.execute("ALTER TABLE dossier_event DROP COLUMN attests")
