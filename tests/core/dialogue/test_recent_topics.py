"""After several answers, a follow-up about how a thing goes ("how long would it stick
around?") is about the symptom among them, not the first topic answered. Wordings are our
own, none from an evaluation set."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, topics


@pytest.mark.parametrize(
    ("several", "how_it_goes", "expected"),
    [
        (
            "when can i book my next one, and is bruising normal after?",
            "and how long would it stick around?",
            "bruising",
        ),
        (
            "can i wear makeup tomorrow and is a headache normal",
            "how long does it tend to hang about?",
            "headache",
        ),
    ],
)
def test_how_a_thing_goes_is_the_symptoms_question(
    conversation: Conversation, several: str, how_it_goes: str, expected: str
) -> None:
    answered, followed = chat(conversation, several, how_it_goes)
    assert expected in topics(answered) and topics(answered)[0] != expected
    assert topics(followed) == (expected,)


def test_a_phrase_for_how_it_goes_is_read_whole(conversation: Conversation) -> None:
    """ "stick around" says how it goes, though "around" alone is a filler word."""
    _, followed = chat(
        conversation, "there's a bit of swelling by my eye", "will it stick around long?"
    )
    assert topics(followed) == ("swelling_redness",)


def test_a_remark_that_points_back_tells_more_about_the_topic(
    conversation: Conversation,
) -> None:
    """ "It's gone a greenish colour now" after a bruise is about the bruise, though it is
    out of scope on its own; a remark that does not read with the topic stays unanswered."""
    _, more = chat(
        conversation, "i have a small bruise near my eyebrow", "it's gone a greenish colour now"
    )
    assert topics(more) == ("bruising",)
    _, aside = chat(
        conversation,
        "can i have a glass of wine tonight",
        "its raining here so probably staying in anyway",
    )
    assert aside.reply is not None and aside.reply.kind == "fallback"
