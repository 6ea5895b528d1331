"""A question about the treatment taking effect ("when will my lines stop moving?") is about
when results appear, whatever came before; under a condition it asks what comes if the
treatment fails; told ("I can still move it") or naming something else, it is not one.
Wordings are our own, none from an evaluation set."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, topics

RESULTS = "when_results_appear"
FAILED = "not_working_after_two_weeks"


@pytest.mark.parametrize(
    ("first", "question"),
    [
        ("", "how many days before my forehead lines stop moving"),
        ("can i put moisturiser on tonight", "and how soon will they stop moving"),
        ("got my crows feet done on saturday", "when does it normally take effect"),
    ],
)
def test_taking_effect_is_when_results_appear(
    conversation: Conversation, first: str, question: str
) -> None:
    outcomes = chat(conversation, *(t for t in (first, question) if t))
    assert topics(outcomes[-1]) == (RESULTS,)


def test_taking_effect_as_one_of_several(conversation: Conversation) -> None:
    (asked,) = chat(conversation, "when should it kick in and can i have a glass of wine tonight")
    assert topics(asked)[0] == RESULTS
    assert "alcohol" in topics(asked)


def test_still_moving_under_a_condition_asks_what_if_it_fails(
    conversation: Conversation,
) -> None:
    _, failing = chat(
        conversation, "when do my frown lines stop moving", "what if im still moving at 3 weeks"
    )
    assert topics(failing) == (FAILED,)


@pytest.mark.parametrize(
    "text",
    [
        "would doing face exercises make it kick in quicker",
        "only one side has started to stop moving, is that normal",
    ],
)
def test_another_topic_named_is_not_taking_effect(conversation: Conversation, text: str) -> None:
    (asked,) = chat(conversation, text)
    assert topics(asked) != (RESULTS,)
