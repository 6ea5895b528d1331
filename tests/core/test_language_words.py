"""The one table of words that mark a language keeps the promises its readers rely on."""

from __future__ import annotations

import itertools

from bot.core.language import SHIPPED
from bot.core.language_words import LANGUAGE_WORDS, words_of


def test_exclusive_words_belong_to_one_language_only() -> None:
    """The replies' language trusts an exclusive word to decide alone."""
    for first, second in itertools.combinations(LANGUAGE_WORDS, 2):
        shared = LANGUAGE_WORDS[first].exclusive & LANGUAGE_WORDS[second].exclusive
        assert not shared, (first, second, sorted(shared))


def test_english_marks_no_clause_as_another_language() -> None:
    """Triage reads ``not_english`` as proof a clause is not English."""
    english = words_of("en")
    assert not english.not_english
    for language, words in LANGUAGE_WORDS.items():
        assert not words.not_english & english.exclusive, language


def test_every_shipped_language_has_words_and_others_have_none() -> None:
    assert next(iter(LANGUAGE_WORDS)) == "en"  # a tied vote keeps English
    assert set(LANGUAGE_WORDS) == set(SHIPPED)
    assert words_of("ru") == words_of("xx")
    assert not words_of("ru").frequent
