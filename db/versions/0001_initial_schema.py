"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-28
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('imports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('origin', sa.Text(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('entities_changed', sa.Integer(), nullable=False),
    sa.Column('facts_added', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_imports'))
    )
    op.create_table('predicates',
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_predicates'))
    )
    op.create_table('entities',
    sa.Column('id', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=True),
    sa.Column('jurisdiction_id', sa.String(length=200), nullable=True),
    sa.Column('seats', sa.Integer(), nullable=True),
    sa.Column('import_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['import_id'], ['imports.id'], name=op.f('fk_entities_import_id_imports')),
    sa.ForeignKeyConstraint(['jurisdiction_id'], ['entities.id'], name=op.f('fk_entities_jurisdiction_id_entities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entities'))
    )
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entities_jurisdiction_id'), ['jurisdiction_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_entities_type'), ['type'], unique=False)

    op.create_table('aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], name=op.f('fk_aliases_entity_id_entities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aliases')),
    sa.UniqueConstraint('entity_id', 'kind', 'text', name=op.f('uq_aliases_entity_id_kind_text'))
    )
    with op.batch_alter_table('aliases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aliases_text'), ['text'], unique=False)

    op.create_table('facts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('subject_id', sa.String(length=200), nullable=False),
    sa.Column('predicate', sa.String(length=100), nullable=False),
    sa.Column('object_id', sa.String(length=200), nullable=True),
    sa.Column('value_number', sa.Float(), nullable=True),
    sa.Column('value_date', sa.String(length=10), nullable=True),
    sa.Column('unit', sa.String(length=32), nullable=True),
    sa.Column('valid_from', sa.String(length=10), nullable=True),
    sa.Column('valid_until', sa.String(length=10), nullable=True),
    sa.Column('as_of', sa.String(length=10), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('rank', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['import_id'], ['imports.id'], name=op.f('fk_facts_import_id_imports')),
    sa.ForeignKeyConstraint(['object_id'], ['entities.id'], name=op.f('fk_facts_object_id_entities')),
    sa.ForeignKeyConstraint(['predicate'], ['predicates.name'], name=op.f('fk_facts_predicate_predicates')),
    sa.ForeignKeyConstraint(['subject_id'], ['entities.id'], name=op.f('fk_facts_subject_id_entities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_facts')),
    sa.UniqueConstraint('key', name=op.f('uq_facts_key'))
    )
    with op.batch_alter_table('facts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_facts_import_id'), ['import_id'], unique=False)
        batch_op.create_index('ix_facts_object_predicate', ['object_id', 'predicate'], unique=False)
        batch_op.create_index('ix_facts_predicate_as_of', ['predicate', 'as_of'], unique=False)
        batch_op.create_index('ix_facts_subject_predicate', ['subject_id', 'predicate'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('facts', schema=None) as batch_op:
        batch_op.drop_index('ix_facts_subject_predicate')
        batch_op.drop_index('ix_facts_predicate_as_of')
        batch_op.drop_index('ix_facts_object_predicate')
        batch_op.drop_index(batch_op.f('ix_facts_import_id'))

    op.drop_table('facts')
    with op.batch_alter_table('aliases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aliases_text'))

    op.drop_table('aliases')
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entities_type'))
        batch_op.drop_index(batch_op.f('ix_entities_jurisdiction_id'))

    op.drop_table('entities')
    op.drop_table('predicates')
    op.drop_table('imports')
