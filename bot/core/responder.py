"""The one place that orders the work on a message: triage, then small talk, then the FAQ.

Safety order lives here in plain code, not in handler registration: a message that both
asks an FAQ question and reports a red flag always gets the escalation.

With an understanding model (``bot.core.understanding``), triage is the rules fused with the
model's red-flag net (``fuse_triage``: the net may add an escalation the rules missed, never
remove a clear one) and the FAQ decision fuses the lexical matcher with the model's FAQ head
(``fuse_faq``). Without one (``understanding=None``) it is the rules and the matcher alone.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from functools import lru_cache

from bot.core.elsewhere import asks_about_elsewhere
from bot.core.index_cache import cached
from bot.core.journey import Treatment, timing_note
from bot.core.knowledge import Knowledge
from bot.core.language import LanguageChooser
from bot.core.matching import (
    Answer,
    Clarify,
    Matcher,
    MatchResult,
    MultilingualMatcher,
    NoMatch,
    Thresholds,
)
from bot.core.replies import Renderer, Reply
from bot.core.smalltalk import SmalltalkMatcher
from bot.core.text import bounded, normalise
from bot.core.triage.detector import TriageDetector, TriageResult
from bot.core.understanding.fusion import (
    FaqFusion,
    TriageFusion,
    any_mood_flags,
    fuse_faq,
    fuse_triage,
)
from bot.core.understanding.model import Reading, UnderstandingModel
from bot.core.understanding.source import ModelSource
from bot.core.wordless import holds_a_word

logger = logging.getLogger(__name__)


#: How many recent texts keep their rules' and model's reading. The inbox triages every update
#: as it arrives, to answer emergencies first, and the handler triages the same text again
#: moments later: the second is then a look-up (issue 17). Bounded, so a burst of thousands of
#: distinct messages costs no memory.
RECENT_TEXTS = 64


def _not_elsewhere(result: MatchResult, text: str) -> MatchResult:
    """``result`` without the entries that would answer a question about another place,
    another injectable or another part of the body (``bot.core.elsewhere``): nothing left to
    answer falls back, one left is answered only if it was the answer."""
    if isinstance(result, NoMatch):
        return result
    kept = tuple(c for c in result.candidates if not asks_about_elsewhere(text, c.entry_id))
    if isinstance(result, Answer):
        if kept and kept[0].entry_id == result.entry_id:
            return result
        return NoMatch(kept)
    return Clarify(kept) if kept else NoMatch(result.candidates)


class Responder:
    """Turns any message text into a ``Reply``; independent of Telegram."""

    def __init__(
        self,
        knowledge: Knowledge,
        thresholds: Thresholds | None = None,
        understanding: ModelSource | None = None,
    ) -> None:
        self.knowledge = knowledge
        self.source = understanding
        #: The learned model for exactly this knowledge (None: rules and matcher alone).
        self.understanding: UnderstandingModel | None = (
            understanding.model_for(knowledge) if understanding is not None else None
        )
        self._read = (
            lru_cache(maxsize=RECENT_TEXTS)(self.understanding.read)
            if self.understanding is not None
            else None
        )
        self.faq_fusion = FaqFusion()
        self.triage_fusion = TriageFusion(any_mood=any_mood_flags(knowledge.red_flags))
        self.triage = cached(
            "triage",
            [knowledge.red_flags, knowledge.ignore_phrases, knowledge.concepts],
            lambda: TriageDetector(
                knowledge.red_flags, knowledge.ignore_phrases, knowledge.concepts
            ),
            shared=knowledge.red_flags,
        )
        self._rules = lru_cache(maxsize=RECENT_TEXTS)(self.triage.assess)
        # Every enabled language is matched in its own words (English is always indexed:
        # it is the language every entry is written in first).
        languages = [lang for lang in knowledge.languages if lang in knowledge.texts]
        matched = dict.fromkeys([*languages, "en"])
        self.matcher = cached(
            "matcher",
            [knowledge.faq, {lang: knowledge.texts.get(lang) for lang in matched}, thresholds],
            lambda: MultilingualMatcher(
                {
                    lang: Matcher(
                        knowledge.faq,
                        thresholds=thresholds,
                        language=lang,
                        texts=None if lang == "en" else knowledge.texts[lang],
                    )
                    for lang in matched
                },
                thresholds,
            ),
        )
        self.renderer = Renderer(knowledge)
        self.smalltalk = SmalltalkMatcher(
            *(knowledge.messages_for(lang).smalltalk for lang in matched)
        )
        self.languages = LanguageChooser(
            knowledge.languages,
            greetings={
                lang: [
                    phrase
                    for intent in knowledge.messages_for(lang).smalltalk.values()
                    for phrase in intent.phrasings
                ]
                for lang in knowledge.languages
                if lang == "en" or lang in knowledge.localized_messages
            },
        )

    def with_knowledge(self, knowledge: Knowledge) -> Responder:
        """A responder like this one (same thresholds) over changed knowledge, e.g. after a
        clinic edited its FAQ on the dashboard; keep it next to ``__init__`` so the two agree."""
        return Responder(knowledge, self.matcher.thresholds, self.source)

    def respond(
        self,
        text: str,
        *,
        private: bool = True,
        now: datetime | None = None,
        treatment: Treatment | None = None,
        language: str | None = None,
    ) -> Reply:
        """Triage first; then small talk; then the FAQ; then an honest fallback.

        ``private`` is False in group chats, where a reply must not repeat symptoms; ``now``
        (default: the current time) decides whether the clinic is open; ``treatment``, when
        the patient has told us, puts time-dependent answers into their own timeline.
        ``language`` is the language to answer in (see ``language_for``); without it, the
        message's own language when clear, else the clinic's first language.
        """
        text = bounded(text)  # a few thousand characters at most, whatever the caller sent
        language = language or self.languages.choose(text)
        renderer = self.renderer.speaking(language)
        if not normalise(text):
            return renderer.fallback(template=renderer.messages.empty)

        reading = self.read(text)
        triage = self.assess(text, reading)
        if triage.escalates:
            logger.debug("escalation level=%s flags=%s", triage.level, ",".join(triage.flag_ids))
            return renderer.escalation(triage, private=private, now=now)

        intent = self.smalltalk.intent(text)
        if intent is not None:
            return renderer.smalltalk(intent)

        result = self.match(text, reading, language)
        if isinstance(result, Answer):
            return self.answer(
                result.entry_id,
                result.score,
                safety_note=triage.mentions_emergency,
                now=now,
                treatment=treatment,
                language=language,
            )
        if isinstance(result, Clarify):
            ids = [candidate.entry_id for candidate in result.candidates]
            return renderer.clarify(ids, result.score)
        score = result.score if result.candidates else None
        return renderer.fallback(score)

    def language_for(
        self, text: str | None, chosen: str | None = None, telegram: str | None = None
    ) -> str:
        """The language to answer in: the message's when clear, else the patient's choice,
        else Telegram's language code, else the clinic's first language."""
        return self.languages.choose(text, chosen, telegram)

    def read(self, text: str) -> Reading | None:
        """The model's view of ``text`` (both heads), or None without a model."""
        return self._read(text) if self._read is not None else None

    def assess(self, text: str, reading: Reading | None = None) -> TriageResult:
        """Triage: the rules, fused with the model's red-flag net when there is a model.

        Use this, not ``self.triage.assess``, wherever a decision depends on whether a
        message is a red flag (flood control, dates, captions): it is what ``respond`` uses.
        """
        rules = self._rules(text)
        if self._read is None or self.understanding is None:
            return rules
        reading = reading or self._read(text)
        return fuse_triage(
            rules,
            reading.flags,
            reading.faq,
            self.understanding.flag_languages,
            self.triage_fusion,
            text,
        ).result

    def match(
        self, text: str, reading: Reading | None = None, language: str | None = None
    ) -> MatchResult:
        """The FAQ decision for ``text`` alone (answer, clarify or nothing); the conversation
        asks it of each question in a message and of follow-ups, so fuse scores here.
        A message without a word (a stray letter, markup) falls back (``bot.core.wordless``)."""
        if not holds_a_word(text):
            return NoMatch(())
        languages = self._match_languages(text, language)
        if self._read is None:
            result = self.matcher.match(text, languages)
        else:
            reading = reading or self._read(text)
            ranked = self.matcher.rank(text, languages=languages)
            result = fuse_faq(ranked, reading.faq, self.faq_fusion)
        return _not_elsewhere(result, text)

    def _match_languages(self, text: str, language: str | None = None) -> list[str]:
        """The languages to match ``text`` in: its own when clear, else the language the
        reply is in (the patient's), else the clinic's first; and English, in which every
        entry is written first. Two matchers at most, so a long message costs no more than
        twice what it did in English alone."""
        found = self.languages.of_message(text) or language or self.languages.default
        return [lang for lang in dict.fromkeys([found, "en"]) if lang in self.matcher.matchers]

    def answer(
        self,
        entry_id: str,
        score: float | None,
        *,
        safety_note: bool = False,
        now: datetime | None = None,
        treatment: Treatment | None = None,
        language: str | None = None,
    ) -> Reply:
        """An FAQ answer, placed in the patient's timeline when their treatment date is known."""
        renderer = self.renderer.speaking(language)
        moment = (now or datetime.now(UTC)).astimezone(self.knowledge.clinic.zone())
        note = timing_note(self.knowledge.entry(entry_id), treatment, moment, renderer.messages)
        return renderer.answer(entry_id, score, safety_note=safety_note, personal_note=note)
