"""Conversations in every shipped language: elliptical follow-ups, several questions in one
message, and the advice again after a red flag, each in the patient's own words."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat_in, topics

GYM_TODAY = {
    "es": "¿puedo ir al gimnasio hoy?",
    "de": "Darf ich heute ins Fitnessstudio?",
    "fr": "Je peux aller à la salle de sport aujourd'hui ?",
    "it": "posso andare in palestra oggi?",
    "pt": "posso ir ao ginásio hoje?",
}

#: Follow-ups that add a moment or ask why: all still about the gym.
ELLIPTICAL = [
    ("es", "¿y mañana?"),
    ("es", "¿y el domingo por la tarde?"),
    ("es", "¿y dentro de 5 horas?"),
    ("es", "¿por qué no?"),
    ("es", "¿y la semana que viene?"),
    ("de", "und morgen?"),
    ("de", "und am Sonntag?"),
    ("de", "und morgen Abend?"),
    ("de", "und in 6 Stunden?"),
    ("de", "wieso nicht?"),
    ("fr", "et demain ?"),
    ("fr", "et dimanche matin ?"),
    ("fr", "et dans 5 heures ?"),
    ("fr", "pourquoi pas ?"),
    ("fr", "et la semaine prochaine ?"),
    ("it", "e domani?"),
    ("it", "e domenica sera?"),
    ("it", "e fra 6 ore?"),
    ("it", "perché no?"),
    ("it", "e la settimana prossima?"),
    ("pt", "e amanhã?"),
    ("pt", "e no domingo à tarde?"),
    ("pt", "e daqui a 5 horas?"),
    ("pt", "por que não?"),
    ("pt", "e na próxima semana?"),
]


@pytest.mark.parametrize(("language", "follow"), ELLIPTICAL)
def test_an_elliptical_follow_up_keeps_the_topic(
    conversation: Conversation, language: str, follow: str
) -> None:
    first, then = chat_in(conversation, language, GYM_TODAY[language], follow)
    assert topics(first) == ("exercise_gym",)
    assert then.reply is not None and then.reply.kind == "answer"
    assert topics(then) == ("exercise_gym",)
    assert then.reply.language == language


@pytest.mark.parametrize(
    ("language", "bruise", "follow"),
    [
        ("es", "me ha salido un moratón en la sien", "¿cuánto tarda en quitarse?"),
        ("de", "ich habe einen blauen Fleck an der Schläfe", "wann geht er weg?"),
        ("fr", "j'ai un bleu près de la tempe", "c'est normal ?"),
        ("it", "ho un livido vicino alla tempia", "quando va via?"),
        ("pt", "tenho uma nódoa negra perto da têmpora", "quando desaparece?"),
    ],
)
def test_how_a_symptom_goes_stays_on_the_symptom(
    conversation: Conversation, language: str, bruise: str, follow: str
) -> None:
    first, then = chat_in(conversation, language, bruise, follow)
    assert topics(first) == ("bruising",)
    assert topics(then) == ("bruising",)


@pytest.mark.parametrize(
    ("language", "follow"),
    [
        ("es", "¿y el vino?"),
        ("de", "und Alkohol?"),
        ("fr", "et l'alcool ?"),
        ("it", "e l'alcol?"),
        ("pt", "e o álcool?"),
    ],
)
def test_a_follow_up_naming_something_new_moves_on(
    conversation: Conversation, language: str, follow: str
) -> None:
    _, then = chat_in(conversation, language, GYM_TODAY[language], follow)
    assert topics(then) == ("alcohol",)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "¿puedo hacer deporte mañana y también tomar vino esta noche?"),
        ("es", "¿puedo coger un avión el sábado? además, ¿cuándo me puedo maquillar?"),
        ("de", "Darf ich morgen trainieren und auch heute Abend Wein trinken?"),
        ("de", "Darf ich am Samstag fliegen? Außerdem, wann darf ich mich schminken?"),
        ("fr", "Je peux faire du sport demain et aussi boire du vin ce soir ?"),
        ("fr", "Je peux prendre l'avion samedi ? Et quand puis-je me maquiller ?"),
        ("it", "posso allenarmi domani e anche bere vino stasera?"),
        ("it", "posso prendere l'aereo sabato? inoltre, quando posso truccarmi?"),
        ("pt", "posso treinar amanhã e também beber vinho hoje à noite?"),
        ("pt", "posso andar de avião no sábado? além disso, quando posso usar maquilhagem?"),
    ],
)
def test_each_question_of_a_message_is_answered(
    conversation: Conversation, language: str, text: str
) -> None:
    (outcome,) = chat_in(conversation, language, text)
    assert outcome.reply is not None and outcome.reply.kind == "answer"
    assert len(topics(outcome)) == 2
    assert outcome.reply.language == language


@pytest.mark.parametrize(
    ("language", "red_flag", "follow_ups"),
    [
        (
            "es",
            "se me hincha la garganta y no puedo respirar bien",
            ["¿es normal?", "¿puedo esperar a mañana?"],
        ),
        (
            "de",
            "mein Hals schwillt zu und ich bekomme schlecht Luft",
            ["ist das normal?", "kann ich bis morgen warten?"],
        ),
        ("fr", "ma gorge gonfle et j'ai du mal à respirer", ["c'est normal ?", "et demain ?"]),
        ("it", "mi si gonfia la gola e respiro a fatica", ["è normale?", "e domani?"]),
        (
            "pt",
            "a minha garganta está a inchar e custa-me respirar",
            ["é normal?", "posso esperar até amanhã?"],
        ),
    ],
)
def test_after_a_red_flag_follow_ups_get_the_advice_again(
    conversation: Conversation, language: str, red_flag: str, follow_ups: list[str]
) -> None:
    first, *rest = chat_in(conversation, language, red_flag, *follow_ups)
    assert first.reply is not None and first.reply.level == "emergency"
    for outcome in rest:
        assert outcome.reply is not None and outcome.reply.kind == "escalation"
        assert outcome.reply.level == "emergency"
        assert outcome.reply.language == language
