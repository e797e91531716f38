"""fact history and import actors

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('fact_history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fact_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=True),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.Column('before', sa.Text(), nullable=True),
    sa.Column('after', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fact_history'))
    )
    with op.batch_alter_table('fact_history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fact_history_fact_id'), ['fact_id'], unique=False)

    with op.batch_alter_table('imports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('actor', sa.String(length=200), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('imports', schema=None) as batch_op:
        batch_op.drop_column('actor')

    with op.batch_alter_table('fact_history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fact_history_fact_id'))

    op.drop_table('fact_history')
