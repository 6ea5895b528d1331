"""Several questions just after a symptom's answer, the first pointing back at it ("how long
will it hang around, and can I cover it?"): how the symptom goes, then the other question.
Wordings are our own, none from an evaluation set."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, topics


@pytest.mark.parametrize(
    ("symptom", "asked", "expected"),
    [
        (
            "there's a small bruise next to my eyebrow from a needle",
            "how long will it hang around and can i put concealer on it",
            ("bruising", "makeup_skincare_washing"),
        ),
        (
            "bit of numbness and tingling in my forehead today",
            "how long will it last, and is spinning ok tomorrow",
            ("tenderness_numbness_tingling", "exercise_gym"),
        ),
    ],
)
def test_how_it_goes_is_the_symptom_just_answered(
    conversation: Conversation, symptom: str, asked: str, expected: tuple[str, ...]
) -> None:
    told, followed = chat(conversation, symptom, asked)
    assert topics(told) == expected[:1]
    assert topics(followed) == expected


def test_without_a_symptom_before_how_long_is_the_treatment(
    conversation: Conversation,
) -> None:
    """The same words after a question that is no symptom keep their own reading."""
    _, followed = chat(
        conversation, "can i fly tomorrow", "how long will it last, and is spinning ok tomorrow"
    )
    assert topics(followed)[0] != "tenderness_numbness_tingling"
