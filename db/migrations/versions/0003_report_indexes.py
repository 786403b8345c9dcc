"""indexes for the periodic report: one per counted instant, procedure first

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24

"""
from typing import Sequence, Union

from alembic import op

revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

INDEXES = {
    'ix_dossier_procedure_received': ['procedure_id', 'received_at', 'channel'],
    'ix_dossier_procedure_finished': ['procedure_id', 'finished_at', 'status', 'due_at', 'statutory_due_at',
                                      'received_at'],
    'ix_dossier_procedure_returned': ['procedure_id', 'returned_at'],
    'ix_dossier_procedure_closed': ['procedure_id', 'closed_at', 'received_at', 'status'],
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, 'dossier', columns)
    op.drop_index('ix_dossier_procedure_id', table_name='dossier')  # the new ones lead with it


def downgrade() -> None:
    op.create_index('ix_dossier_procedure_id', 'dossier', ['procedure_id'])
    for name in INDEXES:
        op.drop_index(name, table_name='dossier')
