"""Having the jaw treatment again ("how soon can my masseters be redone?") is the next
appointment: the jaw named is the area, not another question. Wordings are our own, none
from an evaluation set."""

from __future__ import annotations

from bot.core.conversation import Conversation
from tests.core.chatting import chat, topics


def test_the_jaw_redone_is_the_next_appointment(conversation: Conversation) -> None:
    (asked,) = chat(conversation, "how soon could i get my jaw done again")
    assert topics(asked) == ("next_appointment_and_interval",)
