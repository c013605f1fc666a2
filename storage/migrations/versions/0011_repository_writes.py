"""The journal of repository writes: each write's id, once its database side has committed.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "repository_writes",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("projects.id"), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_repository_writes_project_id", "repository_writes", ["project_id"])


def downgrade() -> None:
    op.drop_index("ix_repository_writes_project_id", "repository_writes")
    op.drop_table("repository_writes")
