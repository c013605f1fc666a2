"""The outbox: the messages, edits and files the bot owes each chat, committed with their update.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("update_id", sa.BigInteger(), nullable=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("ref", sa.String(64), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
    )
    # A sender reads its chat's pending rows in order; an edit finds its message by chat and id.
    op.create_index("ix_outbox_pending", "outbox", ["state", "chat_id", "id"])
    op.create_index("ix_outbox_message", "outbox", ["chat_id", "message_id"])
    op.create_index("ix_outbox_ref", "outbox", ["ref"])


def downgrade() -> None:
    op.drop_index("ix_outbox_ref", "outbox")
    op.drop_index("ix_outbox_message", "outbox")
    op.drop_index("ix_outbox_pending", "outbox")
    op.drop_table("outbox")
