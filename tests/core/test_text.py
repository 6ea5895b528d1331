"""Normalisation folds what patients type into the words the matchers expect."""

from __future__ import annotations

import pytest

from bot.core.text import is_meaningful, normalise, split_clauses, stem
from bot.core.vocabulary import Vocabulary


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Can\u2019t SWALLOW properly!!!", "cant swallow properly"),
        ("had my 11s done, ok 2 drink tmrw?", "had my frownlines done ok to drink tomorrow"),
        ("2 weeks since my tox", "2 weeks since my botox"),
        ("Café crème 😭😭", "cafe creme"),
        ("eye lid droopy", "eyelid droopy"),
        ("I am not able to swallow", "i am cant swallow"),
        ("soooo swollen", "soo swollen"),
        ("how much is a top up", "howmuch is a topup"),
        ("Я НЕ МОГУ ГЛОТАТЬ", "я не могу глотать"),
        ("br\u200beathe", "breathe"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


@pytest.mark.parametrize("raw", ["", "   ", "\u200b\u200b\u200d", "😀😀🎉", "?!..."])
def test_messages_without_words_are_not_meaningful(raw: str) -> None:
    assert not is_meaningful(raw)


def test_clauses_split_where_meaning_turns() -> None:
    assert split_clauses("no fever but pus coming out. Gym?") == [
        "no fever",
        "pus coming out",
        "Gym",
    ]
    assert split_clauses("нет температуры, но глотать трудно") == [
        "нет температуры",
        "глотать трудно",
    ]


def test_stems_agree_across_inflections() -> None:
    assert stem("swallowing") == stem("swallowed") == stem("swallow")
    assert stem("глотать", "ru") == stem("глотаю", "ru")


def test_vocabulary_tolerates_typos_only_in_long_words() -> None:
    vocab = Vocabulary(["swallow", "weak", "tongu"])
    assert vocab.lookup("swallw") == {"swallow"}
    assert vocab.lookup("swallwo") == {"swallow"}  # a transposition is one typo
    assert vocab.lookup("week") == frozenset()  # short words must match exactly
    assert vocab.lookup("weak") == {"weak"}


def test_split_clauses_hands_out_a_fresh_list_each_time() -> None:
    """The split is cached; a caller changing its list changes no one else's."""
    first = split_clauses("no fever, but pus coming out", "en")
    first.append("changed")
    assert split_clauses("no fever, but pus coming out", "en")[-1] != "changed"
