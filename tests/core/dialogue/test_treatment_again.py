"""A question about having the treatment again is about the next appointment, whatever came
before and whatever "more" or "again" lean to alone; a question naming something else, one
referring back to another topic, or a top-up after a failed treatment is not. Wordings are
our own, none from an evaluation set."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, topics

NEXT = "next_appointment_and_interval"


@pytest.mark.parametrize(
    "question",
    [
        "how soon am i allowed to get more",
        "when could i have the whole lot redone",
        "when should i come in for the next lot",
    ],
)
def test_the_treatment_again_on_its_own(conversation: Conversation, question: str) -> None:
    (asked,) = chat(conversation, question)
    assert topics(asked) == (NEXT,)


def test_again_alone_after_how_long_it_lasts(conversation: Conversation) -> None:
    """After how long it lasts, "again" can only mean the treatment."""
    _, again = chat(
        conversation, "how many months will my forehead botox hold", "so when can i go again"
    )
    assert topics(again) == (NEXT,)


def test_the_treatment_again_as_one_of_several(conversation: Conversation) -> None:
    (asked,) = chat(conversation, "how long will it hold and when can i get more")
    assert NEXT in topics(asked)


@pytest.mark.parametrize(
    ("first", "follow", "not_expected"),
    [
        # another topic named: the wine
        ("", "when can i have more wine after botox", NEXT),
        # "do it again" after the gym refers back to the gym
        ("can i go to the gym tonight", "and can i do it again tomorrow", NEXT),
        # a supposition about a side effect, not the treatment again
        ("how long does botox hold for", "and if it happens again how long would it stay", NEXT),
    ],
)
def test_not_the_treatment_again(
    conversation: Conversation, first: str, follow: str, not_expected: str
) -> None:
    outcomes = chat(conversation, *(t for t in (first, follow) if t))
    assert not_expected not in topics(outcomes[-1])


def test_more_after_a_failed_treatment_is_a_top_up(conversation: Conversation) -> None:
    _, more = chat(
        conversation,
        "its been 2 and a half weeks and i can still frown loads",
        "can i get more then",
    )
    assert NEXT not in topics(more)
