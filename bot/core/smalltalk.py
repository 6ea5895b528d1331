"""Recognise small talk (greetings, thanks, goodbyes) in short messages; pure."""

from __future__ import annotations

from collections.abc import Mapping

from rapidfuzz import fuzz, process

from bot.core.knowledge import SmalltalkIntent
from bot.core.text import normalise

#: Small talk is only recognised in short messages that are nearly exactly small talk.
SMALLTALK_MAX_WORDS = 6
SMALLTALK_MIN_SCORE = 86.0
#: Affectionate or filler words that do not change what small talk means ("thank u xx").
_SMALLTALK_FILLER = frozenset("xx xxx x lol haha hehe lmao pls please so much very".split())


class SmalltalkMatcher:
    """``intent(text)``: the small-talk intent a short message is, or None."""

    def __init__(
        self, intents: Mapping[str, SmalltalkIntent], *more: Mapping[str, SmalltalkIntent]
    ) -> None:
        """``more``: the same intents in other languages (one reply per intent and language
        is chosen later, so only the intent is recognised here)."""
        self._phrases: list[str] = []
        self._intents: list[str] = []
        seen: set[tuple[str, str]] = set()
        for by_intent in (intents, *more):
            for intent, spec in by_intent.items():
                for phrase in spec.phrasings:
                    key = (normalise(phrase), intent)
                    if key not in seen:
                        seen.add(key)
                        self._phrases.append(key[0])
                        self._intents.append(intent)

    def intent(self, text: str) -> str | None:
        words = " ".join(w for w in normalise(text).split() if w not in _SMALLTALK_FILLER)
        if not words or len(words.split()) > SMALLTALK_MAX_WORDS:
            return None
        found = process.extractOne(
            words,
            self._phrases,
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=SMALLTALK_MIN_SCORE,
        )
        if found is None:
            return None
        return self._intents[found[2]]
