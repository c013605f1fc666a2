"""Patent licensing commitments, their patents, and the private-chat form.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "patent_declarations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("projects.id"), nullable=False),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), nullable=False),
        sa.Column("declarant_id", sa.BigInteger(), sa.ForeignKey("persons.id"), nullable=False),
        sa.Column("declared_at", UTC_TIME, nullable=False),
        sa.Column("mode", sa.String(8), nullable=True),
        sa.Column("pool", sa.String(100), nullable=True),
        sa.Column(
            "supersedes_id", sa.Integer(), sa.ForeignKey("patent_declarations.id"), nullable=True
        ),
        sa.Column("weakened", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_patent_declarations_project_id", "patent_declarations", ["project_id"])
    op.create_table(
        "declared_patents",
        sa.Column(
            "declaration_id",
            sa.Integer(),
            sa.ForeignKey("patent_declarations.id"),
            primary_key=True,
        ),
        sa.Column("position", sa.Integer(), primary_key=True),
        sa.Column("number", sa.String(40), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("jurisdiction", sa.String(8), nullable=False),
        sa.Column("clauses", sa.String(200), nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
    )
    op.create_table(
        "patent_forms",
        sa.Column("person_id", sa.BigInteger(), sa.ForeignKey("persons.id"), primary_key=True),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("projects.id"), nullable=True),
        sa.Column("step", sa.String(16), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("updated_at", UTC_TIME, nullable=False),
    )


def downgrade() -> None:
    for table in ("patent_forms", "declared_patents", "patent_declarations"):
        op.drop_table(table)
