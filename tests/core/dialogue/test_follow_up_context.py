"""Follow-ups resolved in context (issue 13): what a short question refers back to, and when
a question starts anew.

* the message's own language's function words add nothing new ("per quanti giorni?",
  "¿durante cuánto tiempo?"), and a future of "last" is how the symptom goes;
* an announced change of subject ("separate question: ...") inherits no topic;
* "is that free?" after the review asks the review's price;
* a word of how something goes after a topic that does not go ("can it spread?" after
  "what is botox") asks its own question;
* after "can I take something for it?", "when will it stop?" is about the symptom;
* a few words the matcher cannot place, whose keywords name only another topic ("does it
  matter which brand I get?" after flying), ask about that topic;
* "and if it's still there tomorrow?" asks what comes if the answer fails, as "and if it
  doesn't?" does; "when will it start showing?" is the treatment taking effect.

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation, PatientState
from tests.core.chatting import chat, topics


@pytest.mark.parametrize(
    ("language", "first", "follow", "expected"),
    [
        # the language's own function words: nothing new
        ("it", "ho un livido sulla fronte", "per quanti giorni?", "bruising"),
        ("es", "me salió un moratón en la frente", "¿cuánto durará?", "bruising"),
        (
            "fr",
            "je peux me coucher après le botox ?",
            "pendant combien d'heures ?",
            "stay_upright_lying_down",
        ),
        (
            "pt",
            "posso deitar depois do botox?",
            "durante quantas horas?",
            "stay_upright_lying_down",
        ),
        (
            "de",
            "darf ich mich nach der Behandlung hinlegen?",
            "wie lange nicht?",
            "stay_upright_lying_down",
        ),
        # a new subject announced: nothing inherited
        (
            "en",
            "i have a little bruise near my eye",
            "separate question: how long does it last?",
            "how_long_results_last",
        ),
        ("it", "posso sdraiarmi?", "altra domanda: quanto costa?", "costs_pricing"),
        # "if it's still so": what comes if the answer fails
        (
            "en",
            "i've got a headache since the botox",
            "and if it's still there tomorrow?",
            "report_unusual_symptoms",
        ),
        (
            "it",
            "quando si vedono i risultati?",
            "e se è ancora così tra due settimane?",
            "not_working_after_two_weeks",
        ),
        (
            "es",
            "¿cuándo se notan los resultados?",
            "¿y si sigue igual en dos semanas?",
            "not_working_after_two_weeks",
        ),
    ],
)
def test_a_follow_up_in_its_language(
    conversation: Conversation, language: str, first: str, follow: str, expected: str
) -> None:
    state = PatientState(telegram_language=language)
    _, then = chat(conversation, first, follow, state=state)
    assert topics(then) == (expected,)


def test_the_same_question_without_the_announcement_follows_up(
    conversation: Conversation,
) -> None:
    _, then = chat(conversation, "i have a little bruise near my eye", "how long does it last?")
    assert topics(then) == ("bruising",)


@pytest.mark.parametrize(
    ("first", "follow"),
    [("when is my review", "is that free?"), ("when can i have a top up", "how much is it?")],
)
def test_the_price_of_what_was_just_answered(
    conversation: Conversation, first: str, follow: str
) -> None:
    _, then = chat(conversation, first, follow)
    assert topics(then) == ("costs_pricing",)


def test_how_it_goes_after_a_topic_that_does_not_go_asks_anew(
    conversation: Conversation,
) -> None:
    _, then = chat(conversation, "what is botox", "can it spread to my eyes?")
    assert topics(then) == ("spread_of_toxin",)


def test_after_a_remedy_how_it_goes_is_the_symptom(conversation: Conversation) -> None:
    first, remedy, then = chat(
        conversation,
        "my head is pounding since the botox",
        "can i take anything for it",
        "when will it stop?",
    )
    assert topics(first) == ("headache",)
    assert topics(remedy) == ("pain_relief",)
    assert topics(then) == ("headache",)


def test_a_keyword_of_another_topic_names_it(conversation: Conversation) -> None:
    _, then = chat(conversation, "can i fly next week", "does it matter which brand i get?")
    assert topics(then) == ("other_brands_units",)


def test_a_keyword_of_the_topic_just_answered_keeps_it(conversation: Conversation) -> None:
    _, then = chat(conversation, "can i fly next week", "and the airport security scanner?")
    assert topics(then) == ("flying_travel",)


def test_if_still_with_a_question_of_its_own_is_no_failure(conversation: Conversation) -> None:
    _, then = chat(
        conversation, "can i go to the gym tomorrow", "and if i still feel fine, can i go tonight?"
    )
    assert topics(then) == ("exercise_gym",)


def test_starting_to_show_is_the_treatment_taking_effect(conversation: Conversation) -> None:
    _, then = chat(conversation, "had a lip flip yesterday", "when will it start showing?")
    assert topics(then) == ("when_results_appear",)
