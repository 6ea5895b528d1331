"""A question of several that says an earlier question's setting again ("a beer on the
flight" after "can I fly") asks about the new thing it names, not the setting: a message
rarely asks one thing twice. Wordings are our own, none from an evaluation set."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, chat_in, topics


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "off to malaga on saturday, can i fly that soon? and is a beer on the flight ok",
            ("flying_travel", "alcohol"),
        ),
        (
            "can i go in the sauna later, and take a beer into the sauna",
            ("heat_sauna_sun", "alcohol"),
        ),
    ],
)
def test_the_new_thing_beside_a_setting_said_again_is_asked(
    conversation: Conversation, text: str, expected: tuple[str, ...]
) -> None:
    (outcome,) = chat(conversation, text)
    assert topics(outcome) == expected


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "puedo coger un avión el lunes? y una copa de vino en el avión?"),
        # a question by its question mark, whatever its first words
        ("de", "kann ich übermorgen fliegen? und ein Bier im Flieger?"),
        # "rosé" names a skin's redness too; the glass and the wine name the drink
        ("fr", "je peux prendre l'avion lundi ? et un verre de rosé dans l'avion ?"),
    ],
)
def test_the_new_thing_is_asked_in_other_languages(
    conversation: Conversation, language: str, text: str
) -> None:
    """The same in other languages: the flight again, and the drink is asked."""
    (outcome,) = chat_in(conversation, language, text)
    assert topics(outcome) == ("flying_travel", "alcohol")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # after a scene, the question about the thing in it asks it anew
        (
            "got a tiny bruise by my eyebrow, how long does the bruise last",
            ("bruising",),
        ),
        # an item of the same question, nothing new named
        ("posso andare a correre e fare un po di pesi sabato", ("exercise_gym",)),
    ],
)
def test_no_new_thing_is_made_up(
    conversation: Conversation, text: str, expected: tuple[str, ...]
) -> None:
    (outcome,) = chat(conversation, text)
    assert topics(outcome) == expected


def test_a_word_of_both_topics_is_no_setting(conversation: Conversation) -> None:
    """ "ice" names the swelling asked before and the bruise alike: it follows the swelling,
    no second topic is made of it."""
    (outcome,) = chat(conversation, "my forehead is a bit swollen, can i hold ice on it?")
    assert topics(outcome) == ("swelling_redness",)
