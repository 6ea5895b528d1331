"""The one new thing an elliptical follow-up names: "and a couple of beers at the match?",
"e uno spritz con le amiche?", "am I ok for a jog after work?" are about whatever the thing
("beers", "spritz", "jog") is about, even when the whole message, its other words diluting
the thing, reads weakly as something else or as nothing. Pure.

A mixin of ``Dialogue``: it reads each new word alone with the responder's matcher.
"""

from __future__ import annotations

from bot.core.dialogue.lexicon import Lexicon
from bot.core.matching import Answer, MatchResult
from bot.core.text import MATCH_STOPWORDS

#: Function words of every shipped language ("con", "le", "col", "des"): never the thing.
_FUNCTION_WORDS: frozenset[str] = frozenset().union(*MATCH_STOPWORDS.values())
#: A word read alone names a topic from this score (0-100): "spritz" alone reads as alcohol
#: at about 30, "beers" at about 26; a word that names nothing reads under 15.
WORD_NAMES = 24.0
#: ... and leads the runner-up this many times over ("jog": exercise 45, next 2; "yoga":
#: upright 52, exercise 45, no lead).
WORD_LEAD = 3.0
#: A follow-up's new thing is looked for among at most this many new words.
MAX_WORDS = 5


class OneWordNames:
    """Which topic the one new thing of a follow-up names; ``Dialogue`` supplies the
    lexicon, the matcher and the answer cutoff."""

    lexicon: Lexicon

    def _match_alone(self, text: str) -> MatchResult:
        raise NotImplementedError

    def _one_thing_named(self, new_words: list[str]) -> str | None:
        """The topic the new words name when read one by one: exactly one topic read from at
        least ``WORD_NAMES`` by some word, and no other topic by any word (None when the
        words name nothing, or several things: "a sports massage" is exercise and massage).
        """
        lexicon = self.lexicon
        words = [
            w
            for w in lexicon.without_progress(new_words)
            if w not in _FUNCTION_WORDS and len(w) > 2
        ]
        if not words or len(words) > MAX_WORDS:
            return None
        named: set[str] = set()
        for word in dict.fromkeys(words):
            result = self._match_alone(word)
            if not isinstance(result, Answer) or result.score < WORD_NAMES:
                continue
            runner_up = result.candidates[1].score if len(result.candidates) > 1 else 0.0
            if runner_up * WORD_LEAD > result.score:
                return None  # "swim": massage or exercise? the word alone does not say
            named.add(result.entry_id)
        return next(iter(named)) if len(named) == 1 else None
