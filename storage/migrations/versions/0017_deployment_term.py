"""Whose turn it is to write: the term each instance taking the deployment's lock raises, so a
former holder's transactions no longer commit (`run --standby`).

Revision ID: 0017
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "deployment_term",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("term", sa.BigInteger(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("deployment_term")
