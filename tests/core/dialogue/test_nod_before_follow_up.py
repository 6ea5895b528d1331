"""A nod before a follow-up ("k and tmrw?", "great, what about friday?") answers the last
reply; the rest is the follow-up, read as it would be without the nod. Wordings are our own,
none from an evaluation set."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, topics

SEVERAL = "what time can i lie flat again, and is a spin class fine this evening"


@pytest.mark.parametrize(
    "follow",
    [
        "cool and saturday morning?",
        "kk and the day after",
        "k what about in 2 days",
        "great, what about tmrw?",
    ],
)
def test_a_time_after_a_nod_asks_the_question_that_had_a_time(
    conversation: Conversation, follow: str
) -> None:
    """After the upright rule and the gym, "<nod> and saturday morning?" asks about the gym
    (the question that named a time), as "and saturday morning?" alone does."""
    answered, followed = chat(conversation, SEVERAL, follow)
    assert topics(answered) == ("stay_upright_lying_down", "exercise_gym")
    assert topics(followed) == ("exercise_gym",)


def test_the_nod_keeps_the_commas_that_part_several_questions(
    conversation: Conversation,
) -> None:
    """The questions after the nod are still each answered: the commas that part them are
    kept when the nod is set aside."""
    _, followed = chat(
        conversation,
        "can i go on a sunbed tomorrow",
        "cool, and when can i have a gin, go jogging and get my brows threaded?",
    )
    assert topics(followed) == ("alcohol", "exercise_gym", "facials_other_treatments")


def test_a_nod_before_a_question_of_its_own_changes_nothing(
    conversation: Conversation,
) -> None:
    """No follow-up opener after the nod: the message is read as it stands."""
    _, asked = chat(conversation, "can i go to the gym tomorrow", "cool, how much is a top up")
    assert topics(asked) == ("costs_pricing",)


def test_a_nod_alone_is_still_small_talk(conversation: Conversation) -> None:
    _, nod = chat(conversation, "can i go to the gym tomorrow", "cool")
    assert not topics(nod)
