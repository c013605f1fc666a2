"""Drafting: each project's repository key and policy; contributions.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("projects") as batch:
        # Projects made before this revision get their key from their id (unique already).
        batch.add_column(sa.Column("repository", sa.String(32), nullable=True))
        batch.add_column(sa.Column("policy", sa.String(8), nullable=False, server_default="review"))
        batch.add_column(
            sa.Column("contribution_seq", sa.Integer(), nullable=False, server_default="0")
        )
    op.execute("UPDATE projects SET repository = 'p' || CAST(id AS VARCHAR(20))")
    with op.batch_alter_table("projects") as batch:
        batch.alter_column("repository", existing_type=sa.String(32), nullable=False)
        batch.alter_column("policy", existing_type=sa.String(8), server_default=None)
        batch.alter_column("contribution_seq", existing_type=sa.Integer(), server_default=None)
        batch.create_unique_constraint("uq_projects_repository", ["repository"])
    op.create_table(
        "contributions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("projects.id"), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("clause_id", sa.String(16), nullable=False),
        sa.Column("clause_number", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author_id", sa.BigInteger(), sa.ForeignKey("persons.id"), nullable=False),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("decided_by", sa.BigInteger(), nullable=True),
        sa.Column("decided_at", UTC_TIME, nullable=True),
        sa.Column("commit_sha", sa.String(40), nullable=True),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.UniqueConstraint("project_id", "number", name="uq_contributions_number"),
    )
    op.create_index("ix_contributions_project_id", "contributions", ["project_id"])


def downgrade() -> None:
    op.drop_table("contributions")
    with op.batch_alter_table("projects") as batch:
        batch.drop_constraint("uq_projects_repository", type_="unique")
        batch.drop_column("contribution_seq")
        batch.drop_column("policy")
        batch.drop_column("repository")
