"""Foundation: units, people, roles, projects, chat settings, processed updates.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "units",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("short_name", sa.String(64), nullable=True, unique=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("observer", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
    )
    op.create_table(
        "persons",
        sa.Column("id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("username", sa.String(64), nullable=True),
        sa.Column("full_name", sa.String(256), nullable=False),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), nullable=True),
        sa.Column("dm_open", sa.Boolean(), nullable=False),
        sa.Column("first_seen", UTC_TIME, nullable=False),
    )
    op.create_index("ix_persons_username", "persons", ["username"])
    op.create_index("ix_persons_unit_id", "persons", ["unit_id"])
    op.create_table(
        "projects",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(64), nullable=False, unique=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("thread_id", sa.BigInteger(), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("drafter_unit_id", sa.Integer(), sa.ForeignKey("units.id"), nullable=True),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.UniqueConstraint("chat_id", "thread_id", name="uq_projects_place"),
    )
    op.create_table(
        "join_requests",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.BigInteger(), sa.ForeignKey("persons.id"), nullable=False),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("requested_at", UTC_TIME, nullable=False),
        sa.Column("decided_by", sa.BigInteger(), nullable=True),
        sa.Column("decided_at", UTC_TIME, nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
    )
    op.create_index("ix_join_requests_person_id", "join_requests", ["person_id"])
    op.create_table(
        "role_grants",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.BigInteger(), sa.ForeignKey("persons.id"), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("projects.id"), nullable=True),
        sa.Column("granted_by", sa.BigInteger(), nullable=False),
        sa.Column("granted_at", UTC_TIME, nullable=False),
    )
    op.create_index("ix_role_grants_person_id", "role_grants", ["person_id"])
    op.create_table(
        "wg_members",
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("projects.id"), primary_key=True),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), primary_key=True),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("added_at", UTC_TIME, nullable=False),
    )
    op.create_table(
        "chat_settings",
        sa.Column("chat_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("language", sa.String(8), nullable=False),
    )
    op.create_table(
        "processed_updates",
        sa.Column("update_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("handled_at", UTC_TIME, nullable=False),
    )
    op.create_index("ix_processed_updates_handled_at", "processed_updates", ["handled_at"])


def downgrade() -> None:
    for table in (
        "processed_updates",
        "chat_settings",
        "wg_members",
        "role_grants",
        "join_requests",
        "projects",
        "persons",
        "units",
    ):
        op.drop_table(table)
