"""Asking what to tell another professional ("what do I say to my dentist?", "to my doctor
what do I say") in any word order is about the topic just answered: the person told names no
topic of their own ("doctor" alone reads as who may inject; "massage therapist" as massage).
During an escalation the same words still get the escalation advice. Wordings are our own,
none from an evaluation set."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, topics


@pytest.mark.parametrize(
    ("first", "follow"),
    [
        ("does my statin tablet clash with the toxin", "to my doctor what do i say"),
        ("can i book a hydrafacial a few days after tox", "the beautician, what do i tell her?"),
        ("can i have a back massage the day after my botox", "what should i say to my masseuse"),
        (
            "can i have a back massage the day after my botox",
            "what do i say to the massage therapist",
        ),
        ("is botox alright while breastfeeding", "and what do i need to tell my midwife"),
    ],
)
def test_what_to_tell_someone_is_the_last_topic(
    conversation: Conversation, first: str, follow: str
) -> None:
    asked, told = chat(conversation, first, follow)
    assert topics(told) == topics(asked)[:1]


def test_whether_to_tell_the_clinic_is_not_what_to_tell(conversation: Conversation) -> None:
    """ "should I let the clinic know?" names nobody told and asks no "what": the rule leaves
    it to the reading of its own words (a question of whether to report)."""
    lexicon = conversation.dialogue.lexicon
    assert not lexicon.asks_what_to_tell("should i let the clinic know")
    assert lexicon.asks_what_to_tell("my gp, what should i say to him")


def test_what_to_tell_during_an_escalation_keeps_the_advice(conversation: Conversation) -> None:
    _, told = chat(
        conversation,
        "my lips have swollen up and my throat feels tight",
        "what do i say to the doctor",
    )
    assert told.reply is not None
    assert told.reply.kind == "escalation"


@pytest.mark.parametrize(
    "asked",
    ["what should i mention when i ring", "what details will the GP want", "what info do i give"],
)
def test_asking_what_to_mention_during_an_escalation_is_what_to_say(
    conversation: Conversation, asked: str
) -> None:
    """ "What should I mention?" during an escalation gets the same line as "what do I tell
    them?" (what to say when calling), not the general reminder."""
    first = "one of my eyelids has dropped right down since yesterday"
    _, canonical = chat(conversation, first, "what do i tell them?")
    _, variant = chat(conversation, first, asked)
    assert canonical.reply is not None and variant.reply is not None
    assert variant.reply.kind == "escalation"
    assert variant.reply.text == canonical.reply.text
