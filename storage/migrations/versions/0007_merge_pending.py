"""Contributions accepted on arrival (the `open` policy) whose merge is still to be done.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contributions") as batch:
        batch.add_column(
            sa.Column("merge_pending", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("contributions") as batch:
        batch.alter_column("merge_pending", existing_type=sa.Boolean(), server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("contributions") as batch:
        batch.drop_column("merge_pending")
