"""A follow-up that only adds a condition ("even if ...", "aunque ...", "auch wenn ...") asks
the same question again: the last topic, whatever the condition's own words read as, unless
they name another topic. Wordings are our own, none from an evaluation set."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import assert_stays_on, chat, chat_in, topics


@pytest.mark.parametrize(
    ("language", "first", "condition", "expected"),
    [
        ("en", "is it ok to fly next week", "even if it's a long-haul flight?", "flying_travel"),
        ("en", "can i have a glass of wine tonight", "even if its with a big meal?", "alcohol"),
        (
            "en",
            "when can i book my next top up",
            "even when the first one fades quickly?",
            "next_appointment_and_interval",
        ),
        ("es", "¿puedo ir al gimnasio mañana?", "¿aunque sea solo yoga suave?", "exercise_gym"),
        (
            "de",
            "darf ich heute abend Wein trinken?",
            "auch wenn es nur ein Glas Sekt ist?",
            "alcohol",
        ),
        (
            "fr",
            "je peux prendre l'avion demain ?",
            "même si le vol dure dix heures ?",
            "flying_travel",
        ),
        (
            "it",
            "posso andare in sauna domani?",
            "anche se ci sto solo cinque minuti?",
            "heat_sauna_sun",
        ),
        ("pt", "posso beber vinho hoje?", "mesmo que seja só um copo pequeno?", "alcohol"),
    ],
)
def test_a_condition_keeps_the_question(
    conversation: Conversation, language: str, first: str, condition: str, expected: str
) -> None:
    assert_stays_on(conversation, language, first, condition, expected)


def test_a_condition_naming_another_topic_asks_about_it(conversation: Conversation) -> None:
    _, followed = chat(conversation, "can i go to the gym tomorrow", "even if i have wine first?")
    assert topics(followed) == ("alcohol",)


def test_after_several_answers_the_condition_picks_the_topic_it_reads_with(
    conversation: Conversation,
) -> None:
    answered, followed = chat_in(
        conversation,
        "de",
        "darf ich morgen joggen? übrigens, wann darf ich mich wieder schminken?",
        "auch wenn es nur Wimperntusche ist?",
    )
    assert topics(answered) == ("exercise_gym", "makeup_skincare_washing")
    assert topics(followed) == ("makeup_skincare_washing",)
