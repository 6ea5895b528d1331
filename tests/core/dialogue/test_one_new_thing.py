"""A follow-up put as one ("and ...?", "et ...?") that names one new thing is about that
thing's topic, even when its other words dilute the whole message's reading; not when, read
with the last topic, it still reads as that topic, nor when it asks how the last thing goes.
Wordings are our own, none from an evaluation set."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, chat_in, topics


def test_a_drink_named_among_other_words_is_the_drinks_topic(conversation: Conversation) -> None:
    _, drink = chat_in(
        conversation,
        "fr",
        "je peux aller courir ce soir ?",
        "et un apéro avec les voisins sur la terrasse ?",
    )
    assert topics(drink) == ("alcohol",)


@pytest.mark.parametrize(
    ("first", "follow", "expected"),
    [
        # another thing named, read with the words around it
        (
            "can i have a glass of wine tonight?",
            "and a sports massage on saturday?",
            "touching_rubbing_massage",
        ),
        # how the last thing goes: not a new thing ("last" alone reads as the results)
        ("ive got a headache since this morning", "and how long does that last?", "headache"),
        # read with the last topic, still that topic
        ("can i sleep on my back tonight?", "what about on my side?", "sleeping_position"),
    ],
)
def test_what_is_no_new_thing(
    conversation: Conversation, first: str, follow: str, expected: str
) -> None:
    _, followed = chat(conversation, first, follow)
    assert topics(followed) == (expected,), follow


def test_how_quickly_is_a_follow_up_word(conversation: Conversation) -> None:
    """ "how quickly" asks about the same thing, like "how soon": no new word of its own."""
    lexicon = conversation.dialogue.lexicon
    assert lexicon.leftover("and how quickly would it show?") == ["show"]
