"""The first schema: patients, events, unanswered questions, feedback, staff alerts, check-ins.

Revision ID: 0001_initial
Revises:
Create Date: 2025-11-24

Written out in full rather than imported from ``bot.storage.schema``: a migration must keep
creating exactly this, whatever the schema module says later. Timestamps are
``timestamptz`` on PostgreSQL; SQLite stores them as UTC text. Integer ids are never reused
(SQLite AUTOINCREMENT, PostgreSQL sequences).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001_initial"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _when(name: str, *, nullable: bool = True) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "patients",
        sa.Column("clinic_id", sa.Text, nullable=False),
        sa.Column("user_id", sa.BigInteger, nullable=False),
        sa.Column("chat_id", sa.BigInteger),
        _when("first_seen_at", nullable=False),
        _when("last_seen_at", nullable=False),
        sa.Column("first_name", sa.Text),
        sa.Column("language", sa.Text),
        sa.Column("treated_on", sa.Date),
        sa.Column("treatment_area", sa.Text),
        sa.Column("checkins_enabled", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.PrimaryKeyConstraint("clinic_id", "user_id", name="pk_patients"),
    )

    op.create_table(
        "events",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        sa.Column("clinic_id", sa.Text, nullable=False),
        sa.Column("user_id", sa.BigInteger),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("topic", sa.Text),
        sa.Column("level", sa.Text),
        sa.Column("score", sa.Float),
        sa.Column("text", sa.Text),
        _when("created_at", nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_events_clinic_created", "events", ["clinic_id", "created_at"])
    op.create_index("ix_events_clinic_user", "events", ["clinic_id", "user_id"])

    op.create_table(
        "unanswered",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        sa.Column("clinic_id", sa.Text, nullable=False),
        sa.Column("user_id", sa.BigInteger, nullable=False),
        sa.Column("text", sa.Text),
        _when("created_at", nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_unanswered_clinic_created", "unanswered", ["clinic_id", "created_at"])
    op.create_index("ix_unanswered_clinic_user", "unanswered", ["clinic_id", "user_id"])

    op.create_table(
        "feedback",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        sa.Column("clinic_id", sa.Text, nullable=False),
        sa.Column("user_id", sa.BigInteger, nullable=False),
        sa.Column("topic", sa.Text, nullable=False),
        sa.Column("helpful", sa.Boolean, nullable=False),
        _when("created_at", nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_feedback_clinic_created", "feedback", ["clinic_id", "created_at"])
    op.create_index("ix_feedback_clinic_user", "feedback", ["clinic_id", "user_id"])

    op.create_table(
        "staff_alerts",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("clinic_id", sa.Text, nullable=False),
        sa.Column("user_id", sa.BigInteger, nullable=False),
        sa.Column("chat_id", sa.BigInteger, nullable=False),
        sa.Column("level", sa.Text, nullable=False),
        sa.Column("flag_ids", sa.JSON, nullable=False),
        sa.Column("patient_name", sa.Text, nullable=False),
        sa.Column("message_text", sa.Text),
        sa.Column("days_since_treatment", sa.Integer),
        _when("created_at", nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        _when("next_attempt_at", nullable=False),
        _when("claimed_until"),
        _when("sent_at"),
        sa.Column("telegram_message_id", sa.BigInteger),
        sa.Column("acknowledged_by", sa.BigInteger),
        _when("acknowledged_at"),
        sa.Column("last_error", sa.Text),
        sa.Column("resend_count", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("ix_staff_alerts_status_next", "staff_alerts", ["status", "next_attempt_at"])
    op.create_index("ix_staff_alerts_clinic_user", "staff_alerts", ["clinic_id", "user_id"])

    op.create_table(
        "checkins",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        sa.Column("clinic_id", sa.Text, nullable=False),
        sa.Column("user_id", sa.BigInteger, nullable=False),
        sa.Column("chat_id", sa.BigInteger, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        _when("due_at", nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        _when("claimed_until"),
        _when("sent_at"),
        sa.Column("response", sa.Text),
        _when("responded_at"),
        sa.Column("last_error", sa.Text),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_checkins_status_due", "checkins", ["status", "due_at"])
    op.create_index("ix_checkins_clinic_user", "checkins", ["clinic_id", "user_id"])


def downgrade() -> None:
    for table in ("checkins", "staff_alerts", "feedback", "unanswered", "events", "patients"):
        op.drop_table(table)
