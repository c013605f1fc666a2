"""A vote's place in the order people acted is no longer only a Telegram update id: a vote from
the reading view falls between two updates. The column becomes `acted`: a Telegram update's id
times 65,536, a reading-view vote one step after everything received before it.

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

STEP = 65536  # bot/domain/voting.py ACTED_STEP, as it was when this ran


def upgrade() -> None:
    with op.batch_alter_table("votes") as batch:
        batch.alter_column("update_id", new_column_name="acted", existing_type=sa.BigInteger())
    op.execute(sa.text(f"UPDATE votes SET acted = acted * {STEP} WHERE acted IS NOT NULL"))


def downgrade() -> None:
    op.execute(sa.text(f"UPDATE votes SET acted = acted / {STEP} WHERE acted IS NOT NULL"))
    with op.batch_alter_table("votes") as batch:
        batch.alter_column("acted", new_column_name="update_id", existing_type=sa.BigInteger())
