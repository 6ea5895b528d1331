"""What the bot remembers about one chat between messages; pure values, no text.

Topics and a pending clarify prompt matter for a few minutes ("and tomorrow?"); an
escalation matters for a day ("is that normal?" the next morning still gets the advice).
Each part carries the moment it was set and is read only while it is live, so storage keeps
the values as they are and the core decides what has expired.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

#: How long the last topics and a pending clarify prompt are followed up.
TOPIC_LIFETIME = timedelta(minutes=30)
#: How long follow-ups after a red flag get the escalation advice again.
ESCALATION_LIFETIME = timedelta(hours=24)

EscalationLevel = Literal["emergency", "urgent"]
_RANK = {"urgent": 1, "emergency": 2}


@dataclass(frozen=True, slots=True)
class EscalationMemory:
    """The last escalation: its level, the flags recognised, when, whether the staff alert
    was raised (so a follow-up does not raise it again), and whether the patient said the
    signs are someone else's ("that was my friend, not me": every later reminder is then
    for that person, not only the one that answered the correction)."""

    level: EscalationLevel
    flags: tuple[str, ...]
    at: datetime
    alerted: bool = False
    someone_else: bool = False

    def outranks(self, level: str | None) -> bool:
        """True when ``level`` is lower than this escalation's (or none)."""
        return _RANK.get(self.level, 0) > _RANK.get(level or "", 0)


@dataclass(frozen=True, slots=True)
class DialogueState:
    """Per-chat memory: last topics answered, the clarify options offered, the last
    escalation. Never message text."""

    topics: tuple[str, ...] = ()
    topics_at: datetime | None = None
    clarify: tuple[str, ...] = ()
    clarify_at: datetime | None = None
    escalation: EscalationMemory | None = None

    def live(self, now: datetime) -> DialogueState:
        """This state with every expired part dropped."""
        topics_live = self.topics_at is not None and now - self.topics_at <= TOPIC_LIFETIME
        clarify_live = self.clarify_at is not None and now - self.clarify_at <= TOPIC_LIFETIME
        escalation = self.escalation
        if escalation is not None and now - escalation.at > ESCALATION_LIFETIME:
            escalation = None
        return DialogueState(
            topics=self.topics if topics_live else (),
            topics_at=self.topics_at if topics_live else None,
            clarify=self.clarify if clarify_live else (),
            clarify_at=self.clarify_at if clarify_live else None,
            escalation=escalation,
        )

    @property
    def empty(self) -> bool:
        return not self.topics and not self.clarify and self.escalation is None

    @property
    def last_topic(self) -> str | None:
        return self.topics[0] if self.topics else None

    def answered(self, topics: tuple[str, ...], now: datetime) -> DialogueState:
        """After an answer: these topics are the context; any clarify prompt is settled."""
        return replace(self, topics=topics, topics_at=now, clarify=(), clarify_at=None)

    def offered(self, options: tuple[str, ...], now: datetime) -> DialogueState:
        """After a clarify prompt: its options wait for a typed choice."""
        return replace(self, clarify=options, clarify_at=now)

    def settled(self) -> DialogueState:
        """After a reply that neither answers nor offers: the clarify prompt is over."""
        return replace(self, clarify=(), clarify_at=None)

    def new_subject(self) -> DialogueState:
        """A change of subject announced ("unrelated but ..."): no topic or clarify prompt
        is followed up; a live escalation is kept (its advice still holds)."""
        return replace(self, topics=(), topics_at=None, clarify=(), clarify_at=None)

    def escalated(self, memory: EscalationMemory) -> DialogueState:
        """After a red flag: the escalation is remembered, the FAQ context is dropped."""
        return DialogueState(escalation=memory)

    def calmed(self) -> DialogueState:
        """After the alarming message is taken back as never meant: no escalation to keep."""
        return replace(self, escalation=None)

    def expires_at(self) -> datetime | None:
        """When the last live part of this state expires (None: nothing to keep)."""
        moments = [
            at + TOPIC_LIFETIME for at in (self.topics_at, self.clarify_at) if at is not None
        ]
        if self.escalation is not None:
            moments.append(self.escalation.at + ESCALATION_LIFETIME)
        return max(moments) if moments else None
