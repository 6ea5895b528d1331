"""The English word list the typo guards read is wordfreq's, copied into package data so the
bot does not import wordfreq at start (issue 17)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.core.vocabulary import (
    COMMON_WORD_ZIPF,
    ENGLISH_LOOKING_ZIPF,
    english_zipf,
    is_common_word,
    looks_english,
)
from tests.conftest import DATA

ROOT = Path(__file__).resolve().parents[2]

wordfreq = pytest.importorskip("wordfreq")  # a dev dependency: scripts/build-english-words


def _words() -> set[str]:
    """Every word of letters in the list (as written, capitalised, shouted), the knowledge and
    the labelled messages, and a few that wordfreq folds (NFC, ß, a ligature)."""
    words = {"Straße", "CAFÉ", "cafe\u0301", "ﬁne", "İstanbul", "日本語", "αβ", "botox", "advil"}
    for word in wordfreq.get_frequency_dict("en", wordlist="small"):
        words.update({word, word.upper(), word.capitalize()})
    for path in [*ROOT.joinpath("knowledge").rglob("*.yaml"), *DATA.glob("*.jsonl")]:
        words.update(re.findall(r"\w+", path.read_text(encoding="utf-8")))
    return {word for word in words if word.isalpha()}


def test_the_copied_list_reads_every_word_as_wordfreq_does() -> None:
    words = _words()
    assert len(words) > 50_000
    for word in words:
        expected = wordfreq.zipf_frequency(word, "en", wordlist="small")
        assert english_zipf(word) == pytest.approx(expected, abs=0.005), word
        assert (english_zipf(word) >= COMMON_WORD_ZIPF) == (expected >= COMMON_WORD_ZIPF), word
        assert (english_zipf(word) >= ENGLISH_LOOKING_ZIPF) == (expected >= ENGLISH_LOOKING_ZIPF)


def test_common_and_english_looking_words() -> None:
    assert is_common_word("advice") and is_common_word("Later")
    assert not is_common_word("advil") and not is_common_word("swallw")
    assert not is_common_word("advice", "es")  # English only
    assert looks_english("botox") and not looks_english("schlucken")
