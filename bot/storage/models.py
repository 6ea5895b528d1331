"""The values storage hands back and takes in: frozen, typed, free of SQLAlchemy.

Every ``datetime`` here is timezone-aware UTC, whichever database it came from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Final, Literal
from uuid import uuid4

AlertStatus = Literal["queued", "sent", "acknowledged"]
CheckinStatus = Literal["scheduled", "sent", "cancelled"]

# The event kinds the statistics count. ``record_event`` accepts any kind, so a new one can
# be recorded before the report learns to show it.
ANSWERED: Final = "answered"
CLARIFIED: Final = "clarified"
FALLBACK: Final = "fallback"
SMALLTALK: Final = "smalltalk"
ESCALATION: Final = "escalation"
FEEDBACK: Final = "feedback"
CHECKIN_RESPONSE: Final = "checkin_response"


@dataclass(frozen=True, slots=True)
class Patient:
    """One patient of one clinic, as far as the bot knows them."""

    clinic_id: str
    user_id: int
    chat_id: int | None
    first_seen_at: datetime
    last_seen_at: datetime
    first_name: str | None
    language: str | None
    treated_on: date | None
    treatment_area: str | None
    checkins_enabled: bool
    #: The treatment's moment, when the patient said the time ("2 hours ago", "at 5pm").
    treated_at: datetime | None = None
    #: The language the patient chose with /language (``language`` is Telegram's code).
    chosen_language: str | None = None


def new_alert_id() -> str:
    """A fresh idempotency key: queueing the same id twice stores one alert."""
    return uuid4().hex


@dataclass(frozen=True, slots=True)
class AlertDraft:
    """What a handler knows when a red flag fires; ``queue_alert`` turns it into an ``Alert``.

    Make the draft (and so its ``id``) once per escalation and reuse it on retry, so a handler
    that queues twice after a timeout still produces a single alert.
    """

    clinic_id: str
    user_id: int
    chat_id: int
    level: str
    flag_ids: tuple[str, ...]
    patient_name: str
    message_text: str | None = None
    days_since_treatment: int | None = None
    id: str = field(default_factory=new_alert_id)


@dataclass(frozen=True, slots=True)
class Alert:
    """A staff alert in the outbox, with its delivery and acknowledgement history."""

    id: str
    clinic_id: str
    user_id: int
    chat_id: int
    level: str
    flag_ids: tuple[str, ...]
    patient_name: str
    message_text: str | None
    days_since_treatment: int | None
    created_at: datetime
    status: AlertStatus
    attempts: int
    next_attempt_at: datetime
    claimed_until: datetime | None
    sent_at: datetime | None
    telegram_message_id: int | None
    acknowledged_by: int | None
    acknowledged_at: datetime | None
    last_error: str | None
    resend_count: int


@dataclass(frozen=True, slots=True)
class Checkin:
    """A scheduled check-in message and what became of it."""

    id: int
    clinic_id: str
    user_id: int
    chat_id: int
    kind: str
    due_at: datetime
    status: CheckinStatus
    attempts: int
    claimed_until: datetime | None
    sent_at: datetime | None
    response: str | None
    responded_at: datetime | None
    last_error: str | None


@dataclass(frozen=True, slots=True)
class Stats:
    """Headline figures for one clinic since a moment."""

    clinic_id: str
    since: datetime
    answered: int
    clarified: int
    fallbacks: int
    smalltalk: int
    escalations_by_level: Mapping[str, int]
    helpful: int
    not_helpful: int
    unanswered: int
    checkin_responses: int
    new_patients: int

    @property
    def escalations(self) -> int:
        return sum(self.escalations_by_level.values())


@dataclass(frozen=True, slots=True)
class TopicFeedback:
    """Helpful / not helpful votes on the answers of one FAQ topic."""

    topic: str
    helpful: int
    not_helpful: int


@dataclass(frozen=True, slots=True)
class UnansweredQuestion:
    """A question text the bot could not answer, and how often it was asked."""

    text: str
    count: int


@dataclass(frozen=True, slots=True)
class CheckinAnswers:
    """How many patients gave one answer to one kind of check-in."""

    kind: str
    response: str
    count: int


@dataclass(frozen=True, slots=True)
class Report:
    """The clinic report: the headline ``Stats`` and the breakdowns behind them.

    ``top_unanswered`` is empty when the clinic keeps no message texts; ``stats.unanswered``
    still counts every unanswered question.
    """

    stats: Stats
    feedback_by_topic: tuple[TopicFeedback, ...]
    top_unanswered: tuple[UnansweredQuestion, ...]
    checkin_answers: tuple[CheckinAnswers, ...]


@dataclass(frozen=True, slots=True)
class Migration:
    """The schema revision before and after ``migrate``; ``before`` is None for a new database."""

    before: str | None
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True, slots=True)
class InboxItem:
    """One Telegram update in the durable inbox.

    ``payload`` is the update's JSON while it waits (None once finished); ``sent`` counts the
    replies already delivered for it, so a replay after a crash skips those; ``unconfirmed``
    is the one among them, an escalation, that left without Telegram's answer (a replay
    sends it again, marked as a possible repeat).
    """

    bot_id: int
    update_id: int
    status: str
    payload: str | None
    received_at: datetime
    attempts: int
    sent: int
    unconfirmed: int | None = None
