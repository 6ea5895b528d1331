"""Two ways es/de/fr/it/pt patients put things that English puts otherwise.

- "will it last long?" is said with the future's auxiliary ("me va a durar", "wird ... dauern",
  "ca va durer longtemps", "vai durar muito"): after a symptom, still about that symptom, not
  how long the treatment lasts.
- Several plans said as statements, then one question for them all ("..., geht beides klar?",
  "valen los dos?"): each plan is a question, and the closing one names no topic of its own.
- A verb that is also a keyword ("tomar": drink) does not hide the thing named after it
  ("tomar el sol": the sun).

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, topics


@pytest.mark.parametrize(
    ("symptom", "topic", "follow"),
    [
        ("me duele la cabeza desde ayer", "headache", "y cuanto tiempo me va a durar?"),
        ("ich hab seit der spritze kopfweh", "headache", "wird das lange dauern?"),
        ("j'ai un bleu sur la tempe", "bruising", "il va durer longtemps ?"),
        ("fiquei com um roxo na testa", "bruising", "isso vai durar muito?"),
        ("ho un livido sulla fronte", "bruising", "ci vorra molto?"),
    ],
)
def test_will_it_last_long_stays_on_the_symptom(
    conversation: Conversation, symptom: str, topic: str, follow: str
) -> None:
    first, then = chat(conversation, symptom, follow)
    assert topics(first) == (topic,)
    assert topics(then) == (topic,)


@pytest.mark.parametrize(
    "follow",
    ["y cuanto me va a durar el botox?", "e o botox vai durar quanto tempo?"],
)
def test_how_long_the_treatment_lasts_is_still_asked_after_another_topic(
    conversation: Conversation, follow: str
) -> None:
    first, then = chat(conversation, "puedo ir al gimnasio mañana?", follow)
    assert topics(first) == ("exercise_gym",)
    assert topics(then) == ("how_long_results_last",)


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "morgen sauna und freitag fitnessstudio, ist beides ok?",
            ("heat_sauna_sun", "exercise_gym"),
        ),
        ("vuelo el lunes y sauna el martes, valen los dos?", ("flying_travel", "heat_sauna_sun")),
        (
            "demain avion et samedi soiree arrosee, c'est ok pour les deux ?",
            ("flying_travel", "alcohol"),
        ),
        (
            "domani ho il volo e sabato una festa con lo spritz, va bene per entrambi?",
            ("flying_travel", "alcohol"),
        ),
        (
            "amanha tenho voo e no sabado uma festa com cerveja, posso os dois?",
            ("flying_travel", "alcohol"),
        ),
        ("hot yoga tomorrow and a sauna sunday - all ok?", ("exercise_gym", "heat_sauna_sun")),
    ],
)
def test_one_question_for_every_plan_before_it_answers_each_and_nothing_else(
    conversation: Conversation, message: str, expected: tuple[str, ...]
) -> None:
    (reply,) = chat(conversation, message)
    assert topics(reply) == expected


def test_tomar_el_sol_is_the_sun_after_a_drink(conversation: Conversation) -> None:
    first, then = chat(conversation, "puedo beberme una copa hoy?", "y tomar el sol el finde?")
    assert topics(first) == ("alcohol",)
    assert topics(then) == ("heat_sauna_sun",)
