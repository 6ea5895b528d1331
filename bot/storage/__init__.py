"""Storage: one interface over SQLite (the embedded default) and PostgreSQL, by database URL.

    storage = await Storage.open("sqlite:///data/aftercare.db")   # creates, migrates
    await storage.record_event("clinic", user_id, ANSWERED, topic="bruising", now=now)

``migrate(url)`` runs the schema migrations alone (``aftercare-bot migrate``).
"""

from __future__ import annotations

from bot.core.checkins import PlannedCheckin
from bot.storage import dashboard_schema  # noqa: F401  (puts the dashboard's tables on the schema)
from bot.storage.engine import DEFAULT_DATABASE_URL, describe_url, parse_database_url
from bot.storage.migrate import migrate
from bot.storage.models import (
    ANSWERED,
    CHECKIN_RESPONSE,
    CLARIFIED,
    ESCALATION,
    FALLBACK,
    FEEDBACK,
    SMALLTALK,
    Alert,
    AlertDraft,
    AlertStatus,
    Checkin,
    CheckinAnswers,
    CheckinStatus,
    Migration,
    Patient,
    Report,
    Stats,
    TopicFeedback,
    UnansweredQuestion,
)
from bot.storage.store import Storage

__all__ = [
    "ANSWERED",
    "CHECKIN_RESPONSE",
    "CLARIFIED",
    "DEFAULT_DATABASE_URL",
    "ESCALATION",
    "FALLBACK",
    "FEEDBACK",
    "SMALLTALK",
    "Alert",
    "AlertDraft",
    "AlertStatus",
    "Checkin",
    "CheckinAnswers",
    "CheckinStatus",
    "Migration",
    "Patient",
    "PlannedCheckin",
    "Report",
    "Stats",
    "Storage",
    "TopicFeedback",
    "UnansweredQuestion",
    "describe_url",
    "migrate",
    "parse_database_url",
]
