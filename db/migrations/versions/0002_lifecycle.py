"""lifecycle: pauses, appointments, reception slips

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0002'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('reception_slip',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user', sa.String(length=100), nullable=False),
    sa.Column('procedure_id', sa.Integer(), nullable=True),
    sa.Column('applicant_name', sa.String(length=300), nullable=False),
    sa.Column('applicant_id_number', sa.String(length=20), nullable=False),
    sa.Column('applicant_phone', sa.String(length=15), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('legal_basis', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedure.id'], name=op.f('fk_reception_slip_procedure_id_procedure')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reception_slip'))
    )
    with op.batch_alter_table('reception_slip', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reception_slip_at'), ['at'], unique=False)

    op.create_table('appointment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('given_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('statutory_due_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('user', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossier.id'], name=op.f('fk_appointment_dossier_id_dossier')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointment'))
    )
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appointment_dossier_id'), ['dossier_id'], unique=False)

    op.create_table('dossier_pause',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('committed_left_s', sa.Integer(), nullable=False),
    sa.Column('statutory_left_s', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossier.id'], name=op.f('fk_dossier_pause_dossier_id_dossier')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dossier_pause'))
    )
    with op.batch_alter_table('dossier_pause', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dossier_pause_dossier_id'), ['dossier_id'], unique=False)

    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.add_column(sa.Column('apology_due_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('handler', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('returned_to_kind', sa.String(length=12), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('returned_to_name', sa.String(length=300), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('returned_to_id', sa.String(length=20), nullable=False, server_default=''))

    with op.batch_alter_table('dossier_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('handed_to', sa.String(length=200), nullable=False, server_default=''))



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('dossier_event', schema=None) as batch_op:
        batch_op.drop_column('handed_to')

    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.drop_column('returned_to_id')
        batch_op.drop_column('returned_to_name')
        batch_op.drop_column('returned_to_kind')
        batch_op.drop_column('handler')
        batch_op.drop_column('apology_due_at')

    with op.batch_alter_table('dossier_pause', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dossier_pause_dossier_id'))

    op.drop_table('dossier_pause')
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appointment_dossier_id'))

    op.drop_table('appointment')
    with op.batch_alter_table('reception_slip', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reception_slip_at'))

    op.drop_table('reception_slip')
