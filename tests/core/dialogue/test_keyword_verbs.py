"""A follow-up's keyword names its topic only when the message, read whole, is about that
topic too: "book" names the clinic's contact details, but "and how would i book the two week
review?" is a confident question about the review. A keyword that is the subject ("and wax
my brows?") still decides. Wordings are our own, none from an evaluation set."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, topics


@pytest.mark.parametrize(
    ("first", "follow", "expected"),
    [
        (
            "can i ice my forehead tonight",
            "and how would i book the two week review",
            "review_and_top_up",
        ),
        (
            "what does a top up cost",
            "ok so when should i book my 2 week follow up",
            "review_and_top_up",
        ),
        (
            "how long will botox last me",
            "when am i able to book the next one",
            "next_appointment_and_interval",
        ),
    ],
)
def test_a_verb_keyword_does_not_outvote_the_whole_question(
    conversation: Conversation, first: str, follow: str, expected: str
) -> None:
    _, followed = chat(conversation, first, follow)
    assert topics(followed) == (expected,)


def test_a_subject_keyword_still_decides(conversation: Conversation) -> None:
    """ "and a brow wax?" after the gym reads nearly as much as a beauty treatment whole."""
    _, followed = chat(
        conversation, "can i go to the gym tomorrow", "and could i get my brows waxed?"
    )
    assert topics(followed) == ("facials_other_treatments",)
