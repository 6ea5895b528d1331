"""After a complaint about how the result looks, "how long am I stuck like that?" asks how
long the treatment lasts ("stuck like this", "stay like this" are words of duration), while
"is it normal to feel like this?" stays with the complaint. Wordings are our own, none from
an evaluation set."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, topics


@pytest.mark.parametrize(
    ("first", "follow"),
    [
        (
            "i really hate my new face, i look like a surprised doll",
            "how long am i stuck like that",
        ),
        (
            "i hate the result, everyone says i look startled",
            "how long will i be stuck with this",
        ),
    ],
)
def test_stuck_like_this_asks_how_long_it_lasts(
    conversation: Conversation, first: str, follow: str
) -> None:
    asked, later = chat(conversation, first, follow)
    assert topics(asked) == ("unhappy_with_result_emotional",)
    assert topics(later) == ("how_long_results_last",)


def test_feeling_like_this_is_no_duration(conversation: Conversation) -> None:
    _, later = chat(
        conversation, "im so upset with how my botox turned out", "is it normal to feel like this?"
    )
    assert topics(later) == ("unhappy_with_result_emotional",)
