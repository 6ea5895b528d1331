"""A question out of scope on its own whose words, read with the last topic, take much from
it is a new question the FAQ does not answer, not a follow-up of that topic; a short
follow-up that reads with the topic stays one. Wordings are our own, none from an
evaluation set."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, topics


def test_an_unrelated_question_inherits_nothing(conversation: Conversation) -> None:
    _, unrelated = chat(
        conversation, "can i have a glass of wine tonight?", "who is playing in the match tonight"
    )
    reply = unrelated.reply
    assert reply is not None and reply.kind == "fallback"
    assert topics(unrelated) == ()


@pytest.mark.parametrize(
    ("first", "follow", "expected"),
    [
        ("can i go to the gym tomorrow?", "how about pilates", "exercise_gym"),
        ("can i wash my face tonight?", "what kind of moisturiser?", "makeup_skincare_washing"),
    ],
)
def test_a_follow_up_that_reads_with_the_topic_stays_one(
    conversation: Conversation, first: str, follow: str, expected: str
) -> None:
    _, followed = chat(conversation, first, follow)
    assert topics(followed) == (expected,), follow
