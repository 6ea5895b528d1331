"""Follow-ups of other kinds found wrong by a held-out set (issue 13), each a class:

* having the treatment again, in every language ("e quando posso rifarlo?" after how long it
  lasts): the next appointment, as in English, not how long it lasts again;
* in French, how long a symptom "stays" ("et ça restera combien de temps ?" after a bruise):
  how the bruise goes, as English "stay" already is, not how long the treatment lasts;
* "how long do I avoid that?" after an activity: the keyword ("avoid": the aftercare rules)
  is what is done to the thing pointed back at, which stays the topic.

Wordings are our own, none from an evaluation set."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, chat_in, topics


@pytest.mark.parametrize(
    ("language", "first", "then"),
    [
        ("es", "cuanto tiempo me dura el botox?", "y cuando podria volver a ponerme botox?"),
        (
            "de",
            "wie lange hält die Wirkung ungefähr an?",
            "und wann kann ich das wiederholen lassen?",
        ),
        (
            "fr",
            "l'effet dure combien de mois en général ?",
            "et quand est-ce que je peux en remettre ?",
        ),
        ("it", "per quanti mesi dura il botox?", "e dopo quando lo posso ripetere?"),
        ("pt", "o botox dura quantos meses?", "e depois quando posso aplicar novamente?"),
    ],
)
def test_having_it_again_is_the_next_appointment(
    conversation: Conversation, language: str, first: str, then: str
) -> None:
    lasting, again = chat_in(conversation, language, first, then)
    assert topics(lasting) == ("how_long_results_last",)
    assert topics(again) == ("next_appointment_and_interval",)


def test_how_long_a_bruise_stays_in_french(conversation: Conversation) -> None:
    bruise, stays = chat_in(
        conversation,
        "fr",
        "j'ai un petit hématome sur la tempe",
        "et ça restera combien de temps ?",
    )
    assert topics(bruise) == ("bruising",)
    assert topics(stays) == ("bruising",)


@pytest.mark.parametrize(
    ("first", "then", "topic"),
    [
        ("can i go for a jog this evening", "so how long do i avoid that", "exercise_gym"),
        (
            "can i sleep on my front tonight",
            "how many nights should i avoid it",
            "sleeping_position",
        ),
    ],
)
def test_avoiding_what_was_just_answered(
    conversation: Conversation, first: str, then: str, topic: str
) -> None:
    asked, avoided = chat(conversation, first, then)
    assert topics(asked) == (topic,)
    assert topics(avoided) == (topic,)
