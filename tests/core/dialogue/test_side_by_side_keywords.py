"""Two words side by side that name two topics ("regular swim": "regular" is also a word of
the next appointment) name the topic just answered when it is one of them; words apart
still name the first ("and gym after work?"). Wordings are our own, none from an evaluation
set."""

from __future__ import annotations

from bot.core.conversation import Conversation
from tests.core.chatting import chat, topics


def test_side_by_side_the_topic_just_answered_wins(conversation: Conversation) -> None:
    _, follow = chat(conversation, "can i go to the gym tomorrow", "regular swim ok then?")
    assert topics(follow) == ("exercise_gym",)


def test_apart_the_first_named_wins(conversation: Conversation) -> None:
    _, follow = chat(conversation, "can i drive home after botox", "and the gym after work?")
    assert topics(follow) == ("exercise_gym",)
