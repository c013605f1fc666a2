"""Ballots: motions, stage ballots and elections, their electorate, candidates and votes.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("projects") as batch:
        batch.add_column(sa.Column("ballot_seq", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("projects") as batch:
        batch.alter_column("ballot_seq", existing_type=sa.Integer(), server_default=None)
    op.create_table(
        "ballots",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("projects.id"), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("rule", sa.String(120), nullable=False),
        sa.Column("secret", sa.Boolean(), nullable=False),
        sa.Column("target_stage", sa.String(16), nullable=True),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("opened_by", sa.BigInteger(), nullable=False),
        sa.Column("opened_at", UTC_TIME, nullable=False),
        sa.Column("closes_at", UTC_TIME, nullable=True),
        sa.Column("closed_at", UTC_TIME, nullable=True),
        sa.Column("closed_by", sa.BigInteger(), nullable=True),
        sa.Column("outcome", sa.String(12), nullable=True),
        sa.Column("winner_unit_id", sa.Integer(), sa.ForeignKey("units.id"), nullable=True),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("thread_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.UniqueConstraint("project_id", "number", name="uq_ballots_number"),
    )
    op.create_index("ix_ballots_project_id", "ballots", ["project_id"])
    op.create_index("ix_ballots_status", "ballots", ["status"])
    op.create_table(
        "ballot_voters",
        sa.Column("ballot_id", sa.Integer(), sa.ForeignKey("ballots.id"), primary_key=True),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), primary_key=True),
    )
    op.create_table(
        "ballot_candidates",
        sa.Column("ballot_id", sa.Integer(), sa.ForeignKey("ballots.id"), primary_key=True),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
    )
    op.create_table(
        "votes",
        sa.Column("ballot_id", sa.Integer(), sa.ForeignKey("ballots.id"), primary_key=True),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), primary_key=True),
        sa.Column("choice", sa.String(16), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("voter_id", sa.BigInteger(), sa.ForeignKey("persons.id"), nullable=False),
        sa.Column("cast_at", UTC_TIME, nullable=False),
    )
    op.create_table(
        "pending_no_votes",
        sa.Column("ballot_id", sa.Integer(), sa.ForeignKey("ballots.id"), primary_key=True),
        sa.Column("person_id", sa.BigInteger(), sa.ForeignKey("persons.id"), primary_key=True),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), nullable=False),
        sa.Column("prompt_chat_id", sa.BigInteger(), nullable=True),
        sa.Column("prompt_message_id", sa.BigInteger(), nullable=True),
        sa.Column("asked_at", UTC_TIME, nullable=False),
    )


def downgrade() -> None:
    for table in ("pending_no_votes", "votes", "ballot_candidates", "ballot_voters", "ballots"):
        op.drop_table(table)
    with op.batch_alter_table("projects") as batch:
        batch.drop_column("ballot_seq")
