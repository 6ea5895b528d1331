"""The one place that orders the work on a message: triage, then small talk, then the FAQ.

Safety order lives here in plain code, not in handler registration: a message that both
asks an FAQ question and reports a red flag always gets the escalation.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from bot.core.journey import Treatment, timing_note
from bot.core.knowledge import Knowledge
from bot.core.matching import Answer, Clarify, Matcher, MatchResult, Thresholds
from bot.core.replies import Renderer, Reply
from bot.core.smalltalk import SmalltalkMatcher
from bot.core.text import bounded, normalise
from bot.core.triage import TriageDetector

logger = logging.getLogger(__name__)


class Responder:
    """Turns any message text into a ``Reply``; independent of Telegram."""

    def __init__(self, knowledge: Knowledge, thresholds: Thresholds | None = None) -> None:
        self.knowledge = knowledge
        self.triage = TriageDetector(
            knowledge.red_flags, knowledge.ignore_phrases, knowledge.concepts
        )
        self.matcher = Matcher(knowledge.faq, thresholds=thresholds)
        self.renderer = Renderer(knowledge)
        self.smalltalk = SmalltalkMatcher(knowledge.messages.smalltalk)

    def with_knowledge(self, knowledge: Knowledge) -> Responder:
        """A responder like this one (same thresholds) over changed knowledge, e.g. after a
        clinic edited its FAQ on the dashboard; keep it next to ``__init__`` so the two agree."""
        return Responder(knowledge, self.matcher.thresholds)

    def respond(
        self,
        text: str,
        *,
        private: bool = True,
        now: datetime | None = None,
        treatment: Treatment | None = None,
    ) -> Reply:
        """Triage first; then small talk; then the FAQ; then an honest fallback.

        ``private`` is False in group chats, where a reply must not repeat symptoms; ``now``
        (default: the current time) decides whether the clinic is open; ``treatment``, when
        the patient has told us, puts time-dependent answers into their own timeline.
        """
        text = bounded(text)  # a few thousand characters at most, whatever the caller sent
        if not normalise(text):
            return self.renderer.fallback(template=self.knowledge.messages.empty)

        triage = self.triage.assess(text)
        if triage.escalates:
            logger.debug("escalation level=%s flags=%s", triage.level, ",".join(triage.flag_ids))
            return self.renderer.escalation(triage, private=private, now=now)

        intent = self.smalltalk.intent(text)
        if intent is not None:
            return self.renderer.smalltalk(intent)

        result = self.match(text)
        if isinstance(result, Answer):
            return self.answer(
                result.entry_id,
                result.score,
                safety_note=triage.mentions_emergency,
                now=now,
                treatment=treatment,
            )
        if isinstance(result, Clarify):
            ids = [candidate.entry_id for candidate in result.candidates]
            return self.renderer.clarify(ids, result.score)
        score = result.score if result.candidates else None
        return self.renderer.fallback(score)

    def match(self, text: str) -> MatchResult:
        """The FAQ decision for ``text`` alone (answer, clarify or nothing); the conversation
        asks it of each question in a message and of follow-ups, so fuse scores here."""
        return self.matcher.match(text)

    def answer(
        self,
        entry_id: str,
        score: float | None,
        *,
        safety_note: bool = False,
        now: datetime | None = None,
        treatment: Treatment | None = None,
    ) -> Reply:
        """An FAQ answer, placed in the patient's timeline when their treatment date is known."""
        moment = (now or datetime.now(UTC)).astimezone(self.knowledge.clinic.zone())
        note = timing_note(
            self.knowledge.entry(entry_id), treatment, moment, self.knowledge.messages
        )
        return self.renderer.answer(entry_id, score, safety_note=safety_note, personal_note=note)
