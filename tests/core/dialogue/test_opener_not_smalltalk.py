"""A follow-up that opens as one ("n ice?", "and cool water on it?") after a topic is asked of
that topic even when its words read alone as small talk ("n ice" as "nice"); a bare nod stays
small talk. Wordings are our own, none from an evaluation set."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, topics


@pytest.mark.parametrize("follow", ["n ice?", "n ice pack?", "and cool water on it?", "n cool?"])
def test_an_opened_follow_up_is_no_small_talk(conversation: Conversation, follow: str) -> None:
    asked, more = chat(conversation, "got a little bruise next to my eye from the jab", follow)
    assert more.reply is not None
    assert more.reply.kind != "smalltalk"
    assert topics(more)[:1] == topics(asked)[:1]


def test_a_nod_is_still_small_talk(conversation: Conversation) -> None:
    _, nod = chat(conversation, "got a little bruise next to my eye from the jab", "nice")
    assert nod.reply is not None
    assert nod.reply.kind == "smalltalk"
