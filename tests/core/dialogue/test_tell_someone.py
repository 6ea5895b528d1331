"""Telling someone with nothing said of what ("should I let my GP know?", "who would I speak
to?") is about what was just said: the last topic is answered again (with the contact
details when the message also reads as them). Wordings are our own, none from an
evaluation set."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, topics


@pytest.mark.parametrize(
    ("first", "follow", "expected"),
    [
        (
            "im 8 weeks pregnant and had botox last month",
            "should i let my gp know",
            "pregnancy_breastfeeding",
        ),
        (
            "im 8 weeks pregnant and had botox last month",
            "who would i speak to",
            "pregnancy_breastfeeding",
        ),
        (
            "how do i report a side effect from botox",
            "do i need to inform the clinic too",
            "reporting_side_effects",
        ),
        (
            "sono incinta, ho fatto il botox due settimane fa",
            "devo avvisare il medico?",
            "pregnancy_breastfeeding",
        ),
    ],
)
def test_telling_someone_is_about_the_last_topic(
    conversation: Conversation, first: str, follow: str, expected: str
) -> None:
    asked, told = chat(conversation, first, follow)
    assert topics(asked)[0] == expected
    assert expected in topics(told)


def test_tell_me_is_no_telling_someone(conversation: Conversation) -> None:
    """ "can you tell me ..." asks the bot: a new question, the old topic not repeated."""
    _, asked = chat(
        conversation, "im 8 weeks pregnant and had botox last month", "can you tell me if i can fly"
    )
    assert topics(asked) == ("flying_travel",)
