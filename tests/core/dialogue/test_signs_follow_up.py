"""After several answers, "how would I know?" or "what should I watch for?" is about the one
whose answer lists the signs, not the first answered nor "report unusual symptoms". Wordings
are our own, none from an evaluation set."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, topics


@pytest.mark.parametrize(
    "follow", ["how would i know if that happened", "what should i watch out for"]
)
def test_signs_are_asked_of_the_topic_listing_them(conversation: Conversation, follow: str) -> None:
    _, asked = chat(
        conversation,
        "i have copd, does that matter? and can the toxin move to other areas",
        follow,
    )
    assert topics(asked) == ("spread_of_toxin",)
