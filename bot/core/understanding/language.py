"""Guess which of the supported languages a message is written in: the replies' identifier
when it is sure (``bot.core.language.identify``), else the message's everyday words."""

from __future__ import annotations

import re

from bot.core.language import identify
from bot.core.language_words import LANGUAGE_WORDS
from bot.core.text import normalise

#: Languages the understanding layer is trained for (Russian: the red-flag file has it).
LANGUAGES: tuple[str, ...] = ("en", "es", "de", "fr", "it", "pt", "ru")

_CYRILLIC = re.compile("[\u0400-\u04ff]")


def detect_language(text: str) -> str:
    """The most likely language code of ``text`` among ``LANGUAGES`` ("en" when unsure)."""
    if _CYRILLIC.search(text):
        return "ru"
    words = normalise(text).split()
    if not words:
        return "en"
    # The replies' identifier first (py3langid, measured on short patient messages): marker
    # words alone read "nessun problema a deglutire, posso andare" as Portuguese ("a",
    # "posso"), and that language's grammar then missed the Italian negation.
    guess = identify(text)
    if guess is not None and guess.clear:
        return guess.language
    # Else a vote of everyday words ("frequent": see bot.core.language_words); ties and no
    # evidence fall back to English, as most patients write English.
    best, best_count = "en", 0
    for language, marking in LANGUAGE_WORDS.items():
        count = sum(word in marking.frequent for word in words)
        if count > best_count:
            best, best_count = language, count
    return best
