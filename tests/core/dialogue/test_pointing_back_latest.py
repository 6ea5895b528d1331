"""After several answers, a follow-up that points back ("why that long?", "is that the same
for ...?") is about the latest answer told, as a pronoun takes the nearest thing said; and
"how often / how likely is that?" asks how often the thing pointed at happens, not the
interval between treatments or the risks that its words name alone. Wordings are our own,
none from an evaluation set (issue 13)."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, chat_in, topics


def test_a_pronoun_after_two_answers_is_the_latest(conversation: Conversation) -> None:
    asked, why = chat(
        conversation,
        "is it ok to drink wine tonight and when can i book my next session",
        "why does it have to be that long",
    )
    assert topics(asked) == ("alcohol", "next_appointment_and_interval")
    assert topics(why) == ("next_appointment_and_interval",)


def test_same_for_something_else_holds_the_latest_answer(conversation: Conversation) -> None:
    asked, same = chat(
        conversation,
        "when does it start working and how many months does it last",
        "is that the same for the lip flip",
    )
    assert topics(asked) == ("when_results_appear", "how_long_results_last")
    assert topics(same) == ("lip_flip_mouth_effects", "how_long_results_last")


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        (
            "is botox safe and what side effects can happen",
            "how common is that really",
            "risks_overview",
        ),
        (
            "what actually is botox and can it travel to other parts of the body",
            "how likely is that to happen",
            "spread_of_toxin",
        ),
    ],
)
def test_how_often_that_happens_is_about_what_it_points_at(
    conversation: Conversation, first: str, then: str, expected: str
) -> None:
    _, chance = chat(conversation, first, then)
    assert topics(chance) == (expected,)


@pytest.mark.parametrize(
    ("language", "first", "then", "expected"),
    [
        (
            "es",
            "es seguro el botox y se puede extender a otras zonas?",
            "y eso con que frecuencia pasa?",
            "spread_of_toxin",
        ),
        (
            "de",
            "Ist Botox sicher und was kann dabei schiefgehen?",
            "wie oft passiert das denn wirklich?",
            "risks_overview",
        ),
        (
            "fr",
            "le botox c'est sans danger ? et quels sont les effets secondaires ?",
            "et c'est frequent ca ?",
            "risks_overview",
        ),
    ],
)
def test_how_often_in_other_languages(
    conversation: Conversation, language: str, first: str, then: str, expected: str
) -> None:
    _, chance = chat_in(conversation, language, first, then)
    assert topics(chance) == (expected,)


def test_how_often_i_can_have_it_is_still_the_interval(conversation: Conversation) -> None:
    _, often = chat(conversation, "how long does it last", "how often can i have it redone")
    assert topics(often) == ("next_appointment_and_interval",)
