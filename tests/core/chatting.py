"""Chat with the core's ``Conversation`` in a test: turns a minute apart (or ``gap``), each
seeing the state the turn before it saved, as the bot's storage would hand it back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.core.conversation import Conversation, Outcome, PatientState, TypedQuestion
from bot.core.dialogue.evaluation import apply_change

NOW = datetime(2026, 12, 2, 14, 0, tzinfo=UTC)  # a Wednesday afternoon: the clinic is open


def chat(
    conversation: Conversation, *texts: str, state: PatientState | None = None, gap: float = 1
) -> list[Outcome]:
    """Send ``texts`` one after another, ``gap`` minutes apart, as one chat."""
    state = state or PatientState()
    outcomes = []
    for index, text in enumerate(texts):
        now = NOW + timedelta(minutes=gap * index)
        outcome = conversation.handle(TypedQuestion(text), state, now)
        state = apply_change(state, outcome)
        outcomes.append(outcome)
    return outcomes


def chat_in(conversation: Conversation, language: str, *texts: str) -> list[Outcome]:
    """Send ``texts`` one minute apart as one chat in ``language``."""
    return chat(conversation, *texts, state=PatientState(language=language))


def topics(outcome: Outcome) -> tuple[str, ...]:
    """The FAQ topics an outcome's reply answers (several questions: each, in order)."""
    reply = outcome.reply
    assert reply is not None
    return reply.topics or ((reply.topic,) if reply.topic else ())


def assert_stays_on(
    conversation: Conversation, language: str, first: str, follow: str, topic: str
) -> None:
    """``first`` is answered with ``topic`` alone, and ``follow``, sent straight after it in
    the same chat, is answered with ``topic`` again."""
    answered, followed = chat_in(conversation, language, first, follow)
    assert topics(answered) == (topic,), first
    assert topics(followed) == (topic,), follow
