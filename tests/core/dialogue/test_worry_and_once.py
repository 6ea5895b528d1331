"""Worry ("should I be worried?", "dois-je m'inquiéter ?") and "once it does" are follow-up
words: they add no topic of their own, so the question stays with what was just answered,
and "how long will it stick around?" asks how long something lasts. Wordings are our own,
none from an evaluation set."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat_in, topics


@pytest.mark.parametrize(
    ("language", "first", "follow", "expected"),
    [
        (
            "en",
            "which nurse or doctor is allowed to do botox?",
            "should i be worried then?",
            "practitioner_qualifications",
        ),
        ("fr", "j'ai mal à la tête depuis les injections", "dois-je m'inquiéter ?", "headache"),
    ],
)
def test_worry_stays_with_the_last_topic(
    conversation: Conversation, language: str, first: str, follow: str, expected: str
) -> None:
    _, worried = chat_in(conversation, language, first, follow)
    assert topics(worried) == (expected,), follow


def test_once_and_sticking_around_are_follow_up_words(conversation: Conversation) -> None:
    lexicon = conversation.dialogue.lexicon
    assert lexicon.leftover("and once it does, should i be worried?") == []
    assert lexicon.asks_duration("how long will it stick around?")
