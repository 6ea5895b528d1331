"""A question about how a symptom goes, asked by pointing at it ("will it stay like this
all day?", "how long wld that go on?"), is about that symptom; so is one asked after
something else was asked of the symptom ("can i put concealer on them?", then "when will
they go down?").

The wordings are our own, none taken from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat_in, topics


@pytest.mark.parametrize(
    ("first", "follow", "topic"),
    [
        # "like this" points at how it is now: the symptom's course, not a new topic ("feel":
        # not the flu-like feeling; "feel like this": not that it is permanent)
        (
            "my face feels really tight today",
            "is it gonna feel this way all month",
            "heavy_or_frozen_feeling",
        ),
        (
            "my brow feels weighed down",
            "will i feel like this til its worn off",
            "brow_droop_heavy_brow",
        ),
        ("got a headache since the jabs", "will it stay like this all day", "headache"),
        (
            "my skin feels numb round the injection spots",
            "shd i be worried if it stays like this",
            "tenderness_numbness_tingling",
        ),
        # one new word besides how it goes ("supposed"): still the symptom pointed at
        (
            "my forehead has gone really stiff",
            "is it supposed to feel like this",
            "heavy_or_frozen_feeling",
        ),
        # "wld" is "would": filler, like the word it shortens
        ("what if my brow drops after", "how long wld that go on", "brow_droop_heavy_brow"),
    ],
)
def test_how_the_symptom_pointed_at_goes(
    conversation: Conversation, first: str, follow: str, topic: str
) -> None:
    answered, followed = chat_in(conversation, "en", first, follow)
    assert topics(answered) == (topic,)
    assert topics(followed) == (topic,)


@pytest.mark.parametrize(
    ("first", "asked", "asked_topic", "course", "symptom"),
    [
        (
            "there are tiny lumps where they injected",
            "can i put concealer on them",
            "makeup_skincare_washing",
            "when will they go down",
            "what_to_expect_first_day",
        ),
        (
            "got a bruise by my eye",
            "can u cover it with makeup",
            "makeup_skincare_washing",
            "how long till it fades",
            "bruising",
        ),
    ],
)
def test_the_symptom_stays_in_view_after_something_asked_of_it(
    conversation: Conversation,
    first: str,
    asked: str,
    asked_topic: str,
    course: str,
    symptom: str,
) -> None:
    said, asked_of_it, going = chat_in(conversation, "en", first, asked, course)
    assert topics(said) == (symptom,)
    assert topics(asked_of_it) == (asked_topic,)
    assert topics(going) == (symptom,)


@pytest.mark.parametrize(
    ("first", "follow", "levels"),
    [
        # "really bad now" after the headache's answer: the headache, worse, with what is new
        (
            "a bit of a headache this morning",
            "its really bad now and the light hurts my eyes",
            {"urgent", "emergency"},
        ),
        # "not so bad" is no worsening: the headache's answer again
        ("mild headache after my botox", "its not so bad now actually", {None}),
    ],
)
def test_a_symptom_said_to_be_bad_now_is_triaged_with_it(
    conversation: Conversation, first: str, follow: str, levels: set[str | None]
) -> None:
    reply = chat_in(conversation, "en", first, follow)[1].reply
    assert reply is not None and reply.level in levels
