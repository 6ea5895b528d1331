"""Recognise small talk (greetings, thanks, goodbyes) in short messages; pure."""

from __future__ import annotations

from collections.abc import Mapping

from rapidfuzz import fuzz, process

from bot.core.knowledge import SmalltalkIntent
from bot.core.text import normalise

#: Small talk is only recognised in short messages that are nearly exactly small talk.
SMALLTALK_MAX_WORDS = 6
SMALLTALK_MIN_SCORE = 86.0
#: Small-talk phrases chained in one message ("ok thanks that helps"): at most this many words.
SMALLTALK_MAX_CHAINED_WORDS = 8
_LONGEST_PHRASE = 5
#: Which intent a chain of small talk is, most telling first; any other intent comes last.
_INTENT_WEIGHT = {"goodbye": 0, "thanks": 1, "identity": 2, "greeting": 3}
#: Affectionate or filler words that do not change what small talk means ("thank u xx").
_SMALLTALK_FILLER = frozenset("xx xxx x lol haha hehe lmao pls please so much very really".split())


class SmalltalkMatcher:
    """``intent(text)``: the small-talk intent a short message is, or None."""

    def __init__(
        self, intents: Mapping[str, SmalltalkIntent], *more: Mapping[str, SmalltalkIntent]
    ) -> None:
        """``more``: the same intents in other languages (one reply per intent and language
        is chosen later, so only the intent is recognised here)."""
        self._phrases: list[str] = []
        self._intents: list[str] = []
        self._exact: dict[str, str] = {}
        seen: set[tuple[str, str]] = set()
        for by_intent in (intents, *more):
            for intent, spec in by_intent.items():
                for phrase in spec.phrasings:
                    key = (normalise(phrase), intent)
                    if key not in seen:
                        seen.add(key)
                        self._phrases.append(key[0])
                        self._intents.append(intent)
                        self._exact.setdefault(key[0], intent)

    def intent(self, text: str) -> str | None:
        words = " ".join(w for w in normalise(text).split() if w not in _SMALLTALK_FILLER)
        if not words:
            return None
        chained = self._chained(words.split())
        if chained is not None:
            return chained
        if len(words.split()) > SMALLTALK_MAX_WORDS:
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

    def _chained(self, words: list[str]) -> str | None:
        """Several small-talk phrases said together ("ok thanks that helps", "great thanks
        bye"): every word belongs to a known phrase, so the whole message is small talk. The
        intent that says most wins (a goodbye over thanks over an "ok")."""
        if len(words) > SMALLTALK_MAX_CHAINED_WORDS:
            return None
        found: list[str] = []
        start = 0
        while start < len(words):
            for end in range(min(len(words), start + _LONGEST_PHRASE), start, -1):
                intent = self._exact.get(" ".join(words[start:end]))
                if intent is not None:
                    found.append(intent)
                    start = end
                    break
            else:
                return None
        return min(found, key=lambda intent: _INTENT_WEIGHT.get(intent, len(_INTENT_WEIGHT)))
