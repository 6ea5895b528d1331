"""An "&" between two single letters is part of a word ("g&t", "a&e", "b&b"), not the mark
that joins two questions; between words ("wine & gym", "sauna&steam") it still joins them.
Wordings are our own, none from an evaluation set."""

from __future__ import annotations

import pytest

from bot.core.dialogue import split_questions

JOINS = ["and", "or"]


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("is a g&t ok with my dinner tonight", ["is a g t ok with my dinner tonight"]),
        (
            "we are staying in a b&b by the sea, is that fine",
            ["we are staying in a b b by the sea", "is that fine"],
        ),
        ("do i need a&e for this", ["do i need a e for this"]),
        # between words, a list mark as before
        ("can i do hot yoga & can i have a facial", ["can i do hot yoga", "can i have a facial"]),
        ("sauna&steam room this week?", ["sauna", "steam room this week"]),
    ],
)
def test_an_ampersand_inside_a_word_cuts_nothing(text: str, pieces: list[str]) -> None:
    assert split_questions(text, JOINS) == pieces
