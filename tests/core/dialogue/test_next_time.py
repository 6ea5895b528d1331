""" "Next time" is a moment, like "tomorrow": "and next time?" asks the last question again
for the next treatment. Wordings are our own, none from an evaluation set."""

from __future__ import annotations

from bot.core.conversation import Conversation
from tests.core.chatting import chat, topics


def test_next_time_is_a_moment(conversation: Conversation) -> None:
    _, follow = chat(
        conversation, "is it ok to have botox while breastfeeding", "what about the next time?"
    )
    assert topics(follow) == ("pregnancy_breastfeeding",)
