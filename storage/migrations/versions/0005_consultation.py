"""Consultation: comments and dispositions; the comment period; the published number.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("projects") as batch:
        batch.add_column(sa.Column("comment_seq", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("consultation_until", UTC_TIME, nullable=True))
        batch.add_column(sa.Column("standard_number", sa.String(64), nullable=True))
    with op.batch_alter_table("projects") as batch:
        batch.alter_column("comment_seq", existing_type=sa.Integer(), server_default=None)
    op.create_table(
        "comments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("projects.id"), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("clause_id", sa.String(16), nullable=False),
        sa.Column("clause_number", sa.String(32), nullable=False),
        sa.Column("original", sa.Text(), nullable=False),
        sa.Column("proposed", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("author_id", sa.BigInteger(), sa.ForeignKey("persons.id"), nullable=False),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("disposition", sa.String(8), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("resolved_by", sa.BigInteger(), nullable=True),
        sa.Column("resolved_at", UTC_TIME, nullable=True),
        sa.UniqueConstraint("project_id", "number", name="uq_comments_number"),
    )
    op.create_index("ix_comments_project_id", "comments", ["project_id"])


def downgrade() -> None:
    op.drop_table("comments")
    with op.batch_alter_table("projects") as batch:
        batch.drop_column("standard_number")
        batch.drop_column("consultation_until")
        batch.drop_column("comment_seq")
