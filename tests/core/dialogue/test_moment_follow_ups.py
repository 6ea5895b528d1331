"""A moment asked after a topic ("before bed?", "first thing tomorrow?", "end of the week?",
"morning?") is that topic at that moment, not a topic of its own: "bed" is no question about
sleeping, "first thing" none about the first day, "morning?" no greeting. Wordings are our
own, none from an evaluation set."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, topics


@pytest.mark.parametrize(
    "first",
    ["is a cocktail ok after my tox", "can i do a spin class after botox", "can i go in a hot tub"],
)
@pytest.mark.parametrize(
    "moment",
    [
        "before bed?",
        "and by bedtime",
        "what about first thing?",
        "end of the week?",
        "by the end of the day then",
        "not even tonight?",
        "morning?",
        "evening?",
    ],
)
def test_a_moment_keeps_the_topic(conversation: Conversation, first: str, moment: str) -> None:
    asked, later = chat(conversation, first, moment)
    assert len(topics(asked)) == 1
    assert topics(later) == topics(asked)


def test_a_greeting_without_a_question_is_still_small_talk(conversation: Conversation) -> None:
    _, greeted = chat(conversation, "is a cocktail ok after my tox", "morning")
    assert greeted.reply is not None
    assert greeted.reply.kind == "smalltalk"
