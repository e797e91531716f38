"""names by first token: every name, alias and demonym, indexed by the token it starts with

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05

Filled from ``entities`` and ``aliases`` (demonyms and aliases; an alias of kind "name" is left
out, as the lexicon leaves it out). The first token and how an alias stands to its entity's
other names are worked out by ``factcheck.text.lexicon.first_token`` and ``composite_kind``: a
later change to either needs a migration that refills the table.
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

_CHUNK = 5000


def _records(entity_id: str, name: str, pairs: list[tuple[str, str]]) -> list[dict]:
    """An entity's rows: its name, then its aliases and demonyms, each with its first token and,
    for an alias, how it stands to the entity's other names."""
    from factcheck.text.lexicon import composite_kind, first_token

    texts = [("name", name), *((kind, text) for kind, text in pairs if kind != "name")]
    own = {text for _kind, text in texts}
    return [{"entity_id": entity_id, "kind": kind, "text": text, "first_token": first_token(text),
             "composite": composite_kind(text, own) if kind == "alias" else 0} for kind, text in texts]


def upgrade() -> None:
    op.create_table('names',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.Column('first_token', sa.String(length=500), nullable=False),
    sa.Column('composite', sa.SmallInteger(), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], name=op.f('fk_names_entity_id_entities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_names')),
    sa.UniqueConstraint('entity_id', 'kind', 'text', name=op.f('uq_names_entity_id_kind_text'))
    )
    bind = op.get_bind()
    names = sa.table('names', sa.column('entity_id'), sa.column('kind'), sa.column('text'),
                     sa.column('first_token'), sa.column('composite'))
    entities = {entity_id: (name, []) for entity_id, name in bind.execute(sa.text("SELECT id, name FROM entities"))}
    for entity_id, kind, text in bind.execute(sa.text("SELECT entity_id, kind, text FROM aliases ORDER BY id")):
        if entity_id in entities:
            entities[entity_id][1].append((kind, text))
    rows = []
    for entity_id in sorted(entities):
        rows.extend(_records(entity_id, *entities[entity_id]))
        if len(rows) >= _CHUNK:
            bind.execute(names.insert(), rows)
            rows = []
    if rows:
        bind.execute(names.insert(), rows)
    with op.batch_alter_table('names', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_names_first_token'), ['first_token'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('names', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_names_first_token'))

    op.drop_table('names')
