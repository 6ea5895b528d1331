"""The typo vocabulary: which known stems a possibly misspelt stem stands for.

Triage and matching both build one from their phrasings; real, common words are never
treated as typos ("advice" is not "advil").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib.resources import files
from typing import Any

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

#: Words at least this common (Zipf scale: 3 is about once per million words) are real words,
#: never typos: "advice" must not become "advil", nor "later" become "laser".
COMMON_WORD_ZIPF = 3.3
#: Below the common-word line but still English to a reader ("botox", "pus", "sepsis"): such
#: a word in a message says nothing about which other language it is written in.
ENGLISH_LOOKING_ZIPF = 2.9


@lru_cache(maxsize=1)
def _english_zipf() -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """wordfreq's small English list (Zipf 3.01 and up), copied into package data by
    ``scripts/build-english-words``: importing wordfreq for these look-ups cost 6.7 MB and
    0.3 s at every start (issue 17). Both thresholds above sit below the list's floor, so a
    word missing from it is below them, as it is for wordfreq.

    Held as two arrays, the words' UTF-8 bytes sorted (searched by bisection) and their
    frequencies in hundredths, not as a dict: 29,000 word and float objects were 3.5 MB of
    every bot process, all alive to the end (issue 17)."""
    text = files("bot.core").joinpath("data/english_words.txt").read_text(encoding="utf-8")
    table: dict[bytes, int] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            word, zipf = line.split("\t")
            table[word.encode("utf-8")] = round(float(zipf) * 100)
    words = sorted(table)
    return np.array(words), np.array([table[word] for word in words], dtype=np.uint16)


def english_zipf(word: str) -> float:
    """``wordfreq.zipf_frequency(word, "en", wordlist="small")`` for one word of letters:
    wordfreq reads it as its NFC, case-folded form ("Straße" is "strasse")."""
    words, zipfs = _english_zipf()
    key = unicodedata.normalize("NFC", word).casefold().encode("utf-8")
    if not key or len(key) > words.itemsize:
        return 0.0
    at = int(words.searchsorted(key))
    if at == len(words) or words[at] != key:
        return 0.0
    return int(zipfs[at]) / 100  # as exact as float("3.30"): one correctly rounded division


@lru_cache(maxsize=65536)
def is_common_word(word: str, language: str = "en") -> bool:
    """True for a correctly spelt, reasonably common word (English only: memory stays small)."""
    if language != "en" or not word.isalpha():
        return False
    return english_zipf(word) >= COMMON_WORD_ZIPF


@lru_cache(maxsize=65536)
def looks_english(word: str) -> bool:
    """True for a word an English message may well contain, even if it is rare."""
    return word.isalpha() and english_zipf(word) >= ENGLISH_LOOKING_ZIPF


#: Shorter stems are never read as typos of a known one: an unknown short stem stands for
#: nothing, decided before any other work (random text is mostly such words).
MIN_FUZZY_LENGTH = 4
#: The most typos ``max_typos`` ever forgives.
MAX_TYPOS = 2


def max_typos(length: int) -> int:
    """Typos tolerated in a stem of this length: none in short words ("weak" is not "week")."""
    if length < 5:
        return 0
    return 1 if length < 8 else 2


#: The one empty result: the cache holds up to 100,000 look-ups, mostly of words near no
#: stem, and a frozenset apiece would be 100,000 more objects for every full garbage
#: collection to walk (tens of milliseconds inside whichever message triggers it).
_NOTHING: frozenset[str] = frozenset()


class Vocabulary:
    """A fixed set of stems that maps a possibly misspelt stem to the ones it stands for.

    "swallw" stands for "swallow" and "swallwo" too (a transposition counts as one typo);
    short words must match exactly, and so must common real words ("advice" is not a typo
    of "advil"). Look-ups are cached because patients repeat the same few hundred words.
    """

    def __init__(self, stems: Iterable[str]) -> None:
        self._stems = sorted(set(stems))
        self._known = frozenset(self._stems)
        self._alphabet = frozenset("".join(self._stems))
        # More than MAX_TYPOS letters no stem has, found by one regex search in C: counting
        # them in a Python loop cost more than the rest of a look-up on random text.
        letters = "".join(re.escape(letter) for letter in sorted(self._alphabet))
        foreign = f"[^{letters}]" if letters else "."
        self._too_foreign = re.compile(foreign + f"(?:.*?{foreign}){{{MAX_TYPOS}}}", re.DOTALL)
        self._cache: dict[str, frozenset[str]] = {}

    def __contains__(self, word_stem: object) -> bool:
        return word_stem in self._known

    def __len__(self) -> int:
        return len(self._stems)

    def lookup(
        self, word_stem: str, word: str | None = None, language: str = "en"
    ) -> frozenset[str]:
        """Stems ``word_stem`` stands for; ``word``, the unstemmed form, guards real words."""
        if word_stem in self._known:
            return frozenset((word_stem,))
        if len(word_stem) < MIN_FUZZY_LENGTH:
            return _NOTHING  # short words must match exactly (not cached: nothing to save)
        if self._too_foreign.search(word_stem) is not None:
            # More letters foreign to every stem than typos are forgiven: no stem is near.
            # Exact, and it spares random text (thousands of one-off words) the fuzzy search.
            return _NOTHING
        key = word_stem if word is None else f"{word_stem}\0{word}"
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        found: set[str] = set()
        if word is not None and is_common_word(word, language):
            pass
        elif self._stems:
            for candidate, distance, _ in process.extract(
                word_stem, self._stems, scorer=OSA.distance, score_cutoff=2, limit=None
            ):
                if (
                    distance <= max_typos(len(candidate))
                    and candidate[0] == word_stem[0]
                    and abs(len(candidate) - len(word_stem)) <= 2
                ):
                    found.add(candidate)
        result = frozenset(found) if found else _NOTHING
        if len(self._cache) < 100_000:
            self._cache[key] = result
        return result
