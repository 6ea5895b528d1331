"""The tables as SQLAlchemy Core sees them; the migrations create the same thing.

Every table carries ``clinic_id`` because one process may serve several clinics. There are
no foreign keys between tables on purpose: an escalation must be stored even if the patient
row is missing, and ``forget_patient`` deletes from every table by (clinic_id, user_id).
``tests/test_storage.py`` checks that the migrations and these definitions agree.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

metadata = sa.MetaData()

# SQLite only auto-increments a column declared exactly "INTEGER PRIMARY KEY"; tables with such
# ids also say ``sqlite_autoincrement`` so that SQLite, like PostgreSQL, never hands out a
# deleted row's id again (a stale check-in button must not reach someone else's check-in).
BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


class UTCDateTime(sa.TypeDecorator[datetime]):
    """A moment in time: refuses naive datetimes going in, returns aware UTC coming out.

    PostgreSQL stores ``timestamptz``. SQLite has no time zones, so values are stored as UTC
    text (which also sorts correctly) and get their UTC zone back on the way out.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()}: pass a timezone-aware one")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def copy(self, **kw: Any) -> UTCDateTime:
        return UTCDateTime()


def _clinic() -> sa.Column[str]:
    return sa.Column("clinic_id", sa.Text, nullable=False)


patients = sa.Table(
    "patients",
    metadata,
    _clinic(),
    sa.Column("user_id", sa.BigInteger, nullable=False),
    sa.Column("chat_id", sa.BigInteger),
    sa.Column("first_seen_at", UTCDateTime, nullable=False),
    sa.Column("last_seen_at", UTCDateTime, nullable=False),
    sa.Column("first_name", sa.Text),
    sa.Column("language", sa.Text),
    sa.Column("chosen_language", sa.Text),
    sa.Column("treated_on", sa.Date),
    sa.Column("treated_at", UTCDateTime),
    sa.Column("treatment_area", sa.Text),
    sa.Column("checkins_enabled", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.PrimaryKeyConstraint("clinic_id", "user_id", name="pk_patients"),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    _clinic(),
    sa.Column("user_id", sa.BigInteger),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("topic", sa.Text),
    sa.Column("level", sa.Text),
    sa.Column("score", sa.Float),
    sa.Column("text", sa.Text),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Index("ix_events_clinic_created", "clinic_id", "created_at"),
    sa.Index("ix_events_clinic_user", "clinic_id", "user_id"),
    sqlite_autoincrement=True,
)

unanswered = sa.Table(
    "unanswered",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    _clinic(),
    sa.Column("user_id", sa.BigInteger, nullable=False),
    sa.Column("text", sa.Text),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Index("ix_unanswered_clinic_created", "clinic_id", "created_at"),
    sa.Index("ix_unanswered_clinic_user", "clinic_id", "user_id"),
    sqlite_autoincrement=True,
)

feedback = sa.Table(
    "feedback",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    _clinic(),
    sa.Column("user_id", sa.BigInteger, nullable=False),
    sa.Column("topic", sa.Text, nullable=False),
    sa.Column("helpful", sa.Boolean, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Index("ix_feedback_clinic_created", "clinic_id", "created_at"),
    sa.Index("ix_feedback_clinic_user", "clinic_id", "user_id"),
    sqlite_autoincrement=True,
)

staff_alerts = sa.Table(
    "staff_alerts",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    _clinic(),
    sa.Column("user_id", sa.BigInteger, nullable=False),
    sa.Column("chat_id", sa.BigInteger, nullable=False),
    sa.Column("level", sa.Text, nullable=False),
    sa.Column("flag_ids", sa.JSON, nullable=False),
    sa.Column("patient_name", sa.Text, nullable=False),
    sa.Column("message_text", sa.Text),
    sa.Column("days_since_treatment", sa.Integer),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("next_attempt_at", UTCDateTime, nullable=False),
    sa.Column("claimed_until", UTCDateTime),
    sa.Column("sent_at", UTCDateTime),
    sa.Column("telegram_message_id", sa.BigInteger),
    sa.Column("acknowledged_by", sa.BigInteger),
    sa.Column("acknowledged_at", UTCDateTime),
    sa.Column("last_error", sa.Text),
    sa.Column("resend_count", sa.Integer, nullable=False, server_default="0"),
    sa.Index("ix_staff_alerts_status_next", "status", "next_attempt_at"),
    sa.Index("ix_staff_alerts_clinic_user", "clinic_id", "user_id"),
)

checkins = sa.Table(
    "checkins",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    _clinic(),
    sa.Column("user_id", sa.BigInteger, nullable=False),
    sa.Column("chat_id", sa.BigInteger, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("due_at", UTCDateTime, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("claimed_until", UTCDateTime),
    sa.Column("sent_at", UTCDateTime),
    sa.Column("response", sa.Text),
    sa.Column("responded_at", UTCDateTime),
    sa.Column("last_error", sa.Text),
    sa.Index("ix_checkins_status_due", "status", "due_at"),
    sa.Index("ix_checkins_clinic_user", "clinic_id", "user_id"),
    sqlite_autoincrement=True,
)

#: The durable inbox of Telegram updates (``bot.storage.inbox``). The JSON of an update (the
#: patient's words) stays only until it is processed; what remains are ids, status and times,
#: so the table holds nothing about a patient and ``forget_patient`` need not touch it.
inbox = sa.Table(
    "inbox",
    metadata,
    sa.Column("bot_id", sa.BigInteger, nullable=False),
    sa.Column("update_id", sa.BigInteger, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("payload", sa.Text),
    sa.Column("received_at", UTCDateTime, nullable=False),
    sa.Column("finished_at", UTCDateTime),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("sent", sa.Integer, nullable=False, server_default="0"),
    sa.Column("claimed_by", sa.Text),
    sa.Column("claimed_until", UTCDateTime),
    #: An escalation reply that left without Telegram's answer (``bot.tg.journal``).
    sa.Column("unconfirmed", sa.Integer),
    sa.PrimaryKeyConstraint("bot_id", "update_id", name="pk_inbox"),
    sa.Index("ix_inbox_bot_status", "bot_id", "status", "update_id"),
    sa.Index("ix_inbox_finished", "finished_at"),
)

conversations = sa.Table(
    "conversations",
    metadata,
    _clinic(),
    sa.Column("user_id", sa.BigInteger, nullable=False),
    sa.Column("chat_id", sa.BigInteger, nullable=False),
    sa.Column("topics", sa.JSON, nullable=False),
    sa.Column("topics_at", UTCDateTime),
    sa.Column("clarify", sa.JSON, nullable=False),
    sa.Column("clarify_at", UTCDateTime),
    sa.Column("escalation_level", sa.Text),
    sa.Column("escalation_flags", sa.JSON, nullable=False),
    sa.Column("escalation_at", UTCDateTime),
    sa.Column("escalation_alerted", sa.Boolean, nullable=False, server_default=sa.false()),
    #: The patient said the signs are someone else's ("that was my friend, not me").
    sa.Column("escalation_someone_else", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("expires_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.PrimaryKeyConstraint("clinic_id", "user_id", "chat_id", name="pk_conversations"),
    sa.Index("ix_conversations_expires", "expires_at"),
)

#: Every table that holds something about a patient; ``forget_patient`` empties them all.
PATIENT_TABLES: tuple[sa.Table, ...] = (
    patients,
    events,
    unanswered,
    feedback,
    staff_alerts,
    checkins,
    conversations,
)
