"""Updates fetched from Telegram and not handled yet, each chat's in its lane.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "queued_updates",
        sa.Column("update_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("lane", sa.String(32), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_queued_updates_lane", "queued_updates", ["lane"])


def downgrade() -> None:
    op.drop_index("ix_queued_updates_lane", "queued_updates")
    op.drop_table("queued_updates")
