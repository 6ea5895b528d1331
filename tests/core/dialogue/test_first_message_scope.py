"""A first message that is out of scope gets the honest fallback on the conversation path
too: with nothing said before, no word left over ("tennis", "shower", "rice") is
a topic to continue. The responder alone said "out of scope"; the conversation must agree.

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat


@pytest.mark.parametrize(
    "text",
    [
        "what time is the tennis on tonight",
        "how do i unblock a shower",
        "how long to boil rice",
        "whats the weather tomorrow",
        "do you do lip fillers",
    ],
)
def test_out_of_scope_first_message_falls_back(conversation: Conversation, text: str) -> None:
    (outcome,) = chat(conversation, text)
    reply = outcome.reply
    assert reply is not None
    assert reply.kind == "fallback", (reply.kind, reply.topic)


def test_a_follow_up_word_after_an_answer_still_continues(conversation: Conversation) -> None:
    """The guard is for first messages only: after the gym answer, "and yoga?" stays on it."""
    _, later = chat(conversation, "can i go to the gym today?", "and yoga?")
    assert later.reply is not None
    assert later.reply.kind == "answer"
    assert later.reply.topic == "exercise_gym"


def test_an_injury_told_in_pieces_is_still_out_of_scope(conversation: Conversation) -> None:
    """Out of scope as a whole, and its pieces only set the scene (a fall, a swollen knee):
    no answer about the treatment's swelling or face exercises."""
    (outcome,) = chat(
        conversation, "bin mit dem rad gestürzt, knie geschwollen, soll ich es kühlen?"
    )
    assert outcome.reply is not None
    assert outcome.reply.kind == "fallback", outcome.reply.topics
