"""A keyword of several words said whole names its topic in a follow-up, over one of its
words on its own: "flu jab" is the vaccine question even though "jab" alone is filler and
"flu" alone is feeling fluey.

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, topics


@pytest.mark.parametrize(
    ("first", "follow"),
    [
        ("is the steam room ok this week", "and my flu jab on thursday, still ok?"),
        ("can i go running tomorrow", "what about the flu shot at work next week"),
    ],
)
def test_a_vaccine_follow_up_is_about_vaccines(
    conversation: Conversation, first: str, follow: str
) -> None:
    _, then = chat(conversation, first, follow)
    assert topics(then) == ("vaccines_other_injections",)
