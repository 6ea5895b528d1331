"""How long until the toxin is out of the body ("how long before it leaves my system?") asks
how long the treatment lasts, though "system" alone is a word of the toxin spreading.
Wordings are our own, none from an evaluation set."""

from __future__ import annotations

from bot.core.conversation import Conversation
from tests.core.chatting import chat, topics


def test_out_of_the_system_is_how_long_it_lasts(conversation: Conversation) -> None:
    _, follow = chat(
        conversation,
        "is botox actually safe long term",
        "so how long before it leaves my system?",
    )
    assert topics(follow) == ("how_long_results_last",)
