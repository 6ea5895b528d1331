"""Follow-ups whose grammar says what they continue: a moment after several answers with
day-long waits, a condition that fails ("if it still hasn't ..."), whether the last answer
applies to something else ("same rules?"), a question whose object is what was just said
("about it"), and how a symptom named in another language goes.

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, chat_in, topics


@pytest.mark.parametrize(
    ("first", "moment"),
    [
        ("can i use the sauna tonight and have a couple of glasses of wine", "what about sunday?"),
        ("is it ok to fly later and have a beer at the airport", "and tomorrow then?"),
    ],
)
def test_a_moment_after_several_day_long_waits_asks_about_each(
    conversation: Conversation, first: str, moment: str
) -> None:
    asked, later = chat(conversation, first, moment)
    assert len(topics(asked)) == 2
    assert set(topics(later)) == set(topics(asked))


def test_a_moment_still_skips_a_wait_counted_in_hours(conversation: Conversation) -> None:
    """Four hours upright are long over "tomorrow": the moment is about the drink."""
    _, later = chat(
        conversation, "do i need to stay upright and can i drink tonight", "tomorrow evening?"
    )
    assert topics(later) == ("alcohol",)


@pytest.mark.parametrize(
    ("language", "first", "failing"),
    [
        ("en", "how soon will i see a difference", "what if it's still not kicked in by then"),
        ("en", "when does the botox start working", "and if they havent changed after that?"),
        ("es", "¿cuándo empieza a hacer efecto?", "¿y si todavía no noto nada para entonces?"),
        ("de", "wann wirkt das Botox?", "und wenn es dann immer noch nicht wirkt?"),
        ("it", "quando inizia a fare effetto?", "e se poi ancora non funziona?"),
    ],
)
def test_a_failing_condition_asks_what_comes_next(
    conversation: Conversation, language: str, first: str, failing: str
) -> None:
    asked, then = chat_in(conversation, language, first, failing)
    assert topics(asked) == ("when_results_appear",)
    assert topics(then) == ("not_working_after_two_weeks",)


def test_whether_the_same_applies_answers_the_new_subject_and_the_last_topic(
    conversation: Conversation,
) -> None:
    _, also = chat(
        conversation,
        "what do i need to avoid in the first day after botox",
        "and for a lip flip, same rules?",
    )
    assert topics(also)[-1] == "aftercare_rules_overview"
    assert "lip_flip_mouth_effects" in topics(also)


def test_whether_the_same_applies_with_no_new_subject_is_the_last_topic(
    conversation: Conversation,
) -> None:
    _, again = chat(conversation, "can i go for a run tonight", "same goes for a bike ride?")
    assert "exercise_gym" in topics(again)


def test_a_question_about_what_was_just_said_keeps_it(conversation: Conversation) -> None:
    _, about = chat(
        conversation,
        "i have MS and forgot to put it on my form",
        "should i phone up about it",
    )
    assert topics(about)[0] == "neuromuscular_or_other_conditions"


def test_about_it_does_not_hold_on_to_a_topic_with_nothing_pointing_back(
    conversation: Conversation,
) -> None:
    _, new = chat(conversation, "i was diagnosed with MS last year", "how much does botox cost?")
    assert topics(new) == ("costs_pricing",)


@pytest.mark.parametrize(
    ("language", "message"),
    [
        (
            "it",
            "posso prendere un antidolorifico? e quanto dura di solito sto mal di testa?",
        ),
        ("es", "¿puedo tomar un analgésico? ¿y cuánto suele durar el dolor de cabeza?"),
    ],
)
def test_how_a_symptom_named_in_another_language_goes_is_that_symptom(
    conversation: Conversation, language: str, message: str
) -> None:
    (reply,) = chat_in(conversation, language, message)
    assert "headache" in topics(reply)
