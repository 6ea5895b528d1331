"""How chats spell a joining word ("n", "nd" for "and"): read as the word itself, in the
message's language only ("n" is how Portuguese chats type "não", which joins nothing).

The wordings are our own, none taken from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from bot.core.dialogue import split_questions
from tests.core.chatting import chat_in, topics


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "can i have a bath tonight n is mascara ok tomorrow",
            ("heat_sauna_sun", "makeup_skincare_washing"),
        ),
        ("when can i run nd when can i drink", ("exercise_gym", "alcohol")),
    ],
)
def test_and_typed_as_n_joins_two_questions(
    conversation: Conversation, text: str, expected: tuple[str, ...]
) -> None:
    (outcome,) = chat_in(conversation, "en", text)
    assert topics(outcome) == expected


@pytest.mark.parametrize("follow", ["n next week?", "n what if its a long flight"])
def test_a_follow_up_opening_with_n_continues_the_topic(
    conversation: Conversation, follow: str
) -> None:
    _, followed = chat_in(conversation, "en", "can i fly tomorrow", follow)
    assert topics(followed) == ("flying_travel",)


def test_n_cuts_an_english_message_but_not_a_portuguese_one(
    conversation: Conversation,
) -> None:
    lexicon = conversation.dialogue.lexicon
    text = "posso beber vinho hoje n sei se pode"
    assert split_questions(text, lexicon.split_phrases_in("pt")) == [text]
    assert split_questions(text, lexicon.split_phrases_in("en")) == [
        "posso beber vinho hoje",
        "n sei se pode",
    ]


def test_an_english_chat_spelling_joins_nothing_in_german(conversation: Conversation) -> None:
    """German chats type "ein" as "n" ("n bier"): only English declares "n" as "and"."""
    text = "kann ich heute abend n bier trinken"
    assert split_questions(text, conversation.dialogue.lexicon.split_phrases_in("de")) == [text]
