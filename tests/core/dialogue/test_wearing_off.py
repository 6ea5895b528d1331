"""Follow-ups about the same symptom, or the same question for another area, in all six
languages (session 9): the last topic is kept, whatever the new words read as alone."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import assert_stays_on, chat_in, topics

FROZEN = "heavy_or_frozen_feeling"
LASTING = "how_long_results_last"


@pytest.mark.parametrize(
    ("language", "first", "follow"),
    [
        ("en", "my forehead feels really heavy and stiff", "when does it wear off?"),
        ("en", "i can't use a straw since my lip flip", "and when will that wear off"),
        ("en", "my 11s feel rigid, like a mask", "does it wear off eventually"),
    ],
)
def test_wearing_off_after_the_toxins_own_effect_answers_both(
    conversation: Conversation, language: str, first: str, follow: str
) -> None:
    """The feeling eases as the patient gets used to it (its own answer), and it goes for
    good when the treatment wears off (how long that lasts): both are answered."""
    effect, after = chat_in(conversation, language, first, follow)
    (own,) = topics(effect)
    assert topics(after) == (own, LASTING)


@pytest.mark.parametrize(
    ("language", "first", "follow"),
    [
        ("en", "my forehead feels stiff and frozen", "will it loosen up over time?"),
        ("es", "siento la frente muy pesada", "eso se quita con el tiempo?"),
        ("de", "meine Stirn fühlt sich wie eingefroren an", "geht das mit der Zeit weg?"),
        ("fr", "j'ai le front tout figé", "ça s'estompe ?"),
        ("it", "sento la fronte pesante", "si attenua col tempo?"),
        ("pt", "sinto a testa muito pesada", "isso passa com o tempo?"),
    ],
)
def test_how_the_frozen_feeling_goes_is_about_the_feeling(
    conversation: Conversation, language: str, first: str, follow: str
) -> None:
    assert_stays_on(conversation, language, first, follow, FROZEN)


@pytest.mark.parametrize(
    ("language", "first", "follow", "topic"),
    [
        (
            "en",
            "how long will the effect last on my frown lines",
            "what about my forehead?",
            LASTING,
        ),
        ("en", "how long does it last on the forehead", "and crows feet?", LASTING),
        ("es", "cuánto dura el efecto del bótox en la frente", "y en las patas de gallo?", LASTING),
        ("de", "wie lange hält botox an der stirn", "und bei den Krähenfüßen?", LASTING),
        ("fr", "combien de temps dure l'effet sur le front", "et pour la ride du lion ?", LASTING),
        ("pt", "quanto tempo dura o botox na testa", "e nos pés de galinha?", LASTING),
        ("pt", "quanto tempo dura o efeito do botox?", "e o baby botox?", LASTING),
        (
            "fr",
            "quand vais-je voir le résultat ?",
            "et pour les pattes d'oie ?",
            "when_results_appear",
        ),
        (
            "it",
            "tra quanti giorni si vede l'effetto?",
            "e con il baby botox?",
            "when_results_appear",
        ),
    ],
)
def test_another_area_keeps_the_question(
    conversation: Conversation, language: str, first: str, follow: str, topic: str
) -> None:
    """ "and crows feet?" asks the last question about another area: not the topics the
    area's own words read as alone (the eyes, massage, the first day)."""
    assert_stays_on(conversation, language, first, follow, topic)


def test_an_area_in_a_question_of_its_own_is_not_a_follow_up(conversation: Conversation) -> None:
    """Only a message that names nothing but an area keeps the question; lines going is
    the treatment taking effect ("lines" is no area: it is what the treatment smooths)."""
    _, after = chat_in(
        conversation, "en", "can i go to the gym tomorrow", "ok and how long until the lines go"
    )
    assert topics(after) == ("when_results_appear",)


DRY_EYES = "eye_dry_watery_vision"


@pytest.mark.parametrize(
    ("language", "first", "follow"),
    [
        ("en", "my eyes feel really dry and gritty since my crows feet", "are eye drops ok?"),
        ("en", "my eyes feel really dry and gritty since my crows feet", "can i wear contacts?"),
        ("fr", "j'ai les yeux très secs depuis l'injection", "je peux mettre des gouttes ?"),
        ("pt", "meus olhos estão muito secos depois da aplicação", "posso usar colírio?"),
        ("pt", "o olho ta seco desde a aplicaçao", "e lente de contato, pode?"),
        ("es", "tengo los ojos muy secos desde el botox", "puedo usar lentes de contacto?"),
    ],
)
def test_what_helps_dry_eyes_stays_on_dry_eyes(
    conversation: Conversation, language: str, first: str, follow: str
) -> None:
    """Drops and lenses after dry eyes are about the dry eyes, not the eyelid drops of a
    droop nor the clinic's "contact" details."""
    assert_stays_on(conversation, language, first, follow, DRY_EYES)


@pytest.mark.parametrize(
    ("language", "first", "follow"),
    [
        ("en", "when is my review meant to be", "can i move it to the week after"),
        ("en", "when should my two week review be", "could i push it back a few days?"),
        ("de", "wann ist meine Nachkontrolle?", "kann ich die verschieben?"),
        ("fr", "quand a lieu mon rendez-vous de contrôle ?", "je peux le décaler ?"),
        ("es", "cuándo es mi revisión de las dos semanas?", "puedo cambiarla al lunes?"),
    ],
)
def test_moving_the_appointment_just_talked_about_is_rebooking(
    conversation: Conversation, language: str, first: str, follow: str
) -> None:
    _, after = chat_in(conversation, language, first, follow)
    assert topics(after) == ("contact_clinic",)


def test_moving_something_else_is_not_rebooking(conversation: Conversation) -> None:
    """ "can I move my gym session?" after the review names the gym: not the booking."""
    _, after = chat_in(
        conversation, "en", "when is my review meant to be", "can i move my gym session to today?"
    )
    assert "contact_clinic" not in topics(after)


def test_pain_worse_every_day_after_the_jaw_is_urgent_in_german(conversation: Conversation) -> None:
    """ "wird jeden Tag schlimmer" says what "worse each day" says in English: pain getting
    worse is checked today, after a benign answer as on its own."""
    *_, worse = chat_in(
        conversation,
        "de",
        "nach dem Masseter-Botox tut mein Kiefer beim Kauen etwas weh, normal?",
        "jetzt ist es richtig schlimm, pocht ohne Ende und wird jeden Tag schlimmer",
    )
    assert worse.reply is not None and worse.reply.level in {"urgent", "emergency"}
