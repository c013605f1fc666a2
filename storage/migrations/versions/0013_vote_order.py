"""Votes remember the update that cast them: a unit's later vote is never replaced by an earlier
one handled after it (a button press may overtake a command sent before it).

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("votes") as batch:
        batch.add_column(sa.Column("update_id", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("votes") as batch:
        batch.drop_column("update_id")
