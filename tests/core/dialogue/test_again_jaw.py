"""Having the jaw treatment again ("how soon can my masseters be redone?") is the next
appointment: the jaw named is the area, not another question. Wordings are our own, none
from an evaluation set."""

from __future__ import annotations

from bot.core.conversation import Conversation
from tests.core.chatting import chat, topics


def test_the_jaw_redone_is_the_next_appointment(conversation: Conversation) -> None:
    (asked,) = chat(conversation, "how soon could i get my jaw done again")
    assert topics(asked) == ("next_appointment_and_interval",)


def test_the_jaw_pointed_back_at_and_redone_is_the_next_appointment(
    conversation: Conversation,
) -> None:
    """After the jaw's answer, "and when could I have it done again?" points back at the
    treatment itself: the next appointment, not the jaw again."""
    jaw, again = chat(
        conversation,
        "does masseter botox help with teeth grinding",
        "and when could i have it done again",
    )
    assert topics(jaw) == ("jaw_masseter",)
    assert topics(again) == ("next_appointment_and_interval",)
