"""Of several questions, a piece the matcher reads unsurely is about the topic its keyword
names when the matcher weighs that topic nearly as much ("can I do yoga at 8": lying
down read first, but "yoga" names exercise). Wordings are our own, none from an evaluation
set."""

from __future__ import annotations

from bot.core.conversation import Conversation
from tests.core.test_dialogue import chat, topics


def test_an_unsure_piece_is_what_its_keyword_names(conversation: Conversation) -> None:
    (asked,) = chat(conversation, "can i have a glass of wine tonight? and can i do yoga at 8")
    assert topics(asked) == ("alcohol", "exercise_gym")
