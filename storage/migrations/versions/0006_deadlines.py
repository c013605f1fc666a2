"""Deadlines and their reminders.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "deadlines",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("projects.id"), nullable=False),
        sa.Column("target", sa.String(16), nullable=False),
        sa.Column("ref", sa.String(16), nullable=False),
        sa.Column("due_at", UTC_TIME, nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("set_by", sa.BigInteger(), nullable=False),
        sa.Column("set_at", UTC_TIME, nullable=False),
    )
    op.create_index("ix_deadlines_project_id", "deadlines", ["project_id"])
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("deadline_id", sa.Integer(), sa.ForeignKey("deadlines.id"), nullable=False),
        sa.Column("offset", sa.Integer(), nullable=False),
        sa.Column("fire_at", UTC_TIME, nullable=False),
        sa.Column("sent_at", UTC_TIME, nullable=True),
        sa.Column("outcome", sa.String(12), nullable=True),
    )
    op.create_index("ix_reminders_deadline_id", "reminders", ["deadline_id"])
    op.create_index("ix_reminders_fire_at", "reminders", ["fire_at"])


def downgrade() -> None:
    op.drop_table("reminders")
    op.drop_table("deadlines")
