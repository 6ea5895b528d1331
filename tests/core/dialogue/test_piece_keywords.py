"""Of several questions, a piece the matcher reads unsurely is about the topic its keyword
names when the matcher weighs that topic nearly as much ("can I do yoga at 8": lying
down read first, but "yoga" names exercise). Wordings are our own, none from an evaluation
set."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, topics


@pytest.mark.parametrize(
    "second",
    # "and can i do yoga at 8" sat at KEYWORD_SHARE (0.51 of the lying-down reading; "at 7"
    # already fell under it): a retrain moving the FAQ head 0.8 points flipped it (issue 12).
    ["and can i go to yoga at 8", "and is yoga at 8 ok", "and can i do yoga later"],
)
def test_an_unsure_piece_is_what_its_keyword_names(conversation: Conversation, second: str) -> None:
    (asked,) = chat(conversation, f"can i have a glass of wine tonight? {second}")
    assert topics(asked) == ("alcohol", "exercise_gym")
