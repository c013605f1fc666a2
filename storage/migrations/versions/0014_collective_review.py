"""The collective review: review meetings, the units' answers to their notice, attendance,
minutes, review opinions, expert panels (each expert's seat a `panel` unit); a project's end
(/terminate).

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

UTC_TIME = sa.DateTime(timezone=True)
COUNTERS = ("meeting_seq", "opinion_seq")


def _fk(column: str, target: str, *, nullable: bool = False, big: bool = False) -> sa.Column:
    kind = sa.BigInteger() if big else sa.Integer()
    return sa.Column(column, kind, sa.ForeignKey(target), nullable=nullable)


def upgrade() -> None:
    with op.batch_alter_table("projects") as batch:
        for counter in COUNTERS:
            batch.add_column(sa.Column(counter, sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("terminated_at", UTC_TIME, nullable=True))
        batch.add_column(sa.Column("terminated_reason", sa.Text(), nullable=True))
    with op.batch_alter_table("projects") as batch:
        for counter in COUNTERS:
            batch.alter_column(counter, existing_type=sa.Integer(), server_default=None)
    with op.batch_alter_table("units") as batch:
        batch.add_column(sa.Column("panel", sa.Boolean(), nullable=False, server_default="0"))
    with op.batch_alter_table("units") as batch:
        batch.alter_column("panel", existing_type=sa.Boolean(), server_default=None)
    op.create_table(
        "experts",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("project_id", "projects.id"),
        _fk("seat_id", "units.id"),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("affiliation", sa.String(80), nullable=False),
        sa.Column("title", sa.String(80), nullable=False),
        sa.Column("username", sa.String(64), nullable=True),
        _fk("unit_id", "units.id", nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("added_by", sa.BigInteger(), nullable=False),
        sa.Column("added_at", UTC_TIME, nullable=False),
    )
    op.create_index("ix_experts_project_id", "experts", ["project_id"])
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("project_id", "projects.id"),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("scheduled_at", UTC_TIME, nullable=False),
        sa.Column("place", sa.String(300), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("checkin_open", sa.Boolean(), nullable=False),
        _fk("ballot_id", "ballots.id", nullable=True),
        sa.Column("conclusion", sa.String(8), nullable=True),
        sa.Column("conclusion_text", sa.Text(), nullable=True),
        sa.Column("concluded_at", UTC_TIME, nullable=True),
        sa.Column("convened_by", sa.BigInteger(), nullable=False),
        sa.Column("convened_at", UTC_TIME, nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("thread_id", sa.BigInteger(), nullable=False),
        sa.UniqueConstraint("project_id", "number", name="uq_meetings_number"),
    )
    op.create_index("ix_meetings_project_id", "meetings", ["project_id"])
    op.create_table(
        "meeting_replies",
        sa.Column("meeting_id", sa.Integer(), sa.ForeignKey("meetings.id"), primary_key=True),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), primary_key=True),
        sa.Column("answer", sa.String(8), nullable=False),
        _fk("person_id", "persons.id", big=True),
        sa.Column("answered_at", UTC_TIME, nullable=False),
    )
    op.create_table(
        "attendance",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("meeting_id", "meetings.id"),
        _fk("person_id", "persons.id", nullable=True, big=True),
        _fk("unit_id", "units.id", nullable=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("affiliation", sa.String(300), nullable=False),
        sa.Column("title", sa.String(120), nullable=False),
        sa.Column("arrived_at", UTC_TIME, nullable=False),
        sa.Column("recorded_by", sa.BigInteger(), nullable=False),
        sa.UniqueConstraint("meeting_id", "person_id", name="uq_attendance_person"),
    )
    op.create_index("ix_attendance_meeting_id", "attendance", ["meeting_id"])
    op.create_table(
        "minute_lines",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("meeting_id", "meetings.id"),
        sa.Column("text", sa.Text(), nullable=False),
        _fk("person_id", "persons.id", big=True),
        sa.Column("written_at", UTC_TIME, nullable=False),
    )
    op.create_index("ix_minute_lines_meeting_id", "minute_lines", ["meeting_id"])
    op.create_table(
        "opinions",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("project_id", "projects.id"),
        _fk("meeting_id", "meetings.id"),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("clause_id", sa.String(16), nullable=False),
        sa.Column("clause_number", sa.String(32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("proposed", sa.Text(), nullable=True),
        _fk("author_id", "persons.id", big=True),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("disposition", sa.String(8), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("resolved_by", sa.BigInteger(), nullable=True),
        sa.Column("resolved_at", UTC_TIME, nullable=True),
        sa.UniqueConstraint("project_id", "number", name="uq_opinions_number"),
    )
    op.create_index("ix_opinions_project_id", "opinions", ["project_id"])


def downgrade() -> None:
    for table in (
        "opinions", "minute_lines", "attendance", "meeting_replies", "meetings", "experts"
    ):  # fmt: skip
        op.drop_table(table)
    with op.batch_alter_table("units") as batch:
        batch.drop_column("panel")
    with op.batch_alter_table("projects") as batch:
        for column in ("terminated_reason", "terminated_at", *COUNTERS):
            batch.drop_column(column)
