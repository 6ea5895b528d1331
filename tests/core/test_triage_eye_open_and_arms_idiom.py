"""An eye swollen so much it barely opens is large swelling (U6) in Spanish, French, Italian,
Portuguese and German, said by how hard it is to open; the Italian "mi cadono le braccia"
(I give up) is no weakness of the arms; praise with "life" in it is no crisis (issues 12, 14).

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.responder import Responder
from bot.core.triage.detector import TriageDetector

EYE_HARD_TO_OPEN = [
    ("en", "the lid has swelled up overnight and i'm struggling to open that eye"),
    ("es", "se me ha hinchado tanto el ojo izquierdo que apenas consigo abrirlo"),
    ("es", "tengo el ojo hinchado y no puedo abrirlo desde esta mañana"),
    ("fr", "mon oeil droit a tellement gonflé que je l'ouvre à peine"),
    ("fr", "j'ai l'oeil si enflé que je n'arrive plus à l'ouvrir depuis ce matin"),
    ("it", "l'occhio destro è così gonfio che lo apro a stento"),
    ("pt", "o meu olho está tão inchado que custa abrir"),
    ("de", "mein linkes Auge ist so angeschwollen, ich bekomme es kaum auf"),
]

EYE_OPENS_FINE = [
    ("es", "tengo el ojo un pelín hinchado pero lo abro sin ningún problema"),
    ("fr", "la paupière est un peu gonflée le matin mais je l'ouvre sans peine"),
    ("it", "è normale avere l'occhio un po' gonfio? lo apro senza fatica"),
    ("pt", "se o olho ficar tão inchado que mal abre, o que devo fazer?"),
    ("de", "das Auge ist ein wenig geschwollen, aber ich kann es ganz normal öffnen"),
]


@pytest.mark.parametrize(("language", "text"), EYE_HARD_TO_OPEN)
def test_an_eye_swollen_so_it_barely_opens_is_urgent(
    rules: TriageDetector, language: str, text: str
) -> None:
    result = rules.assess(text)
    assert "U6_severe_swelling_bruising" in result.flag_ids
    assert language in result.languages


@pytest.mark.parametrize(("language", "text"), EYE_OPENS_FINE)
def test_an_eye_that_opens_fine_or_a_question_is_no_flag(
    rules: TriageDetector, language: str, text: str
) -> None:
    assert rules.assess(text).level is None


@pytest.mark.parametrize(
    "text",
    [
        "mi cadono le braccia, siamo all'ottavo giorno e la fronte si muove come prima",
        "mi cascano proprio le braccia a leggere quanto costa il ritocco",
        "fa cadere le braccia, dopo dieci giorni le zampe di gallina sono uguali",
    ],
)
def test_the_italian_give_up_idiom_is_no_weakness(responder: Responder, text: str) -> None:
    assert responder.respond(text).kind != "escalation"


@pytest.mark.parametrize(
    "text",
    [
        "le braccia mi cadono, non ho più forza e non riesco a stare in piedi",
        "non ho forza nelle braccia e mi cadono le cose di mano",
    ],
)
def test_real_weak_arms_in_italian_still_call_for_help(responder: Responder, text: str) -> None:
    reply = responder.respond(text)
    assert reply.kind == "escalation"
    assert "E4_spreading_weakness" in reply.flags


@pytest.mark.parametrize(
    "text",
    [
        "two weeks on and honestly it has changed my life, love it",
        "la verdad es que me ha dado la vida, estoy feliz con el resultado",
        "ça a changé ma vie, je me trouve tellement plus reposée",
    ],
)
def test_praise_with_life_in_it_is_no_crisis(responder: Responder, text: str) -> None:
    assert "E5_mental_health_crisis" not in responder.respond(text).flags


@pytest.mark.parametrize(
    "text",
    [
        "el ojo no está hinchado, lo abro bien",
        "o olho não está inchado e abre normal",
        "l'occhio non è gonfio, si apre bene",
        "mon oeil n'est pas enflé, je peux l'ouvrir",
        "my eye isnt swollen at all, it opens fine",
    ],
)
def test_an_eye_not_swollen_is_no_swelling_flag(rules: TriageDetector, text: str) -> None:
    assert "U6_severe_swelling_bruising" not in rules.assess(text).flag_ids


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("since lunch my speech has gone all garbled and my husband is worried", "emergency"),
        ("my daughter says my words sound mushy on the phone tonight", "emergency"),
        ("my words arent mushed at all, can i fly tomorrow", None),
    ],
)
def test_speech_heard_as_mush_is_the_speech_emergency(
    rules: TriageDetector, text: str, level: str | None
) -> None:
    assert rules.assess(text).level == level


def test_a_fever_with_shivering_is_the_sepsis_emergency_like_shaking(
    rules: TriageDetector,
) -> None:
    """A fever with "shaking" or "chills" was E6 already; "shivering" says the same."""
    assert "E6_sepsis_signs" in rules.assess("running a fever and shivering all evening").flag_ids
    assert rules.assess("no fever, just a bit shivery from the cold weather").level is None


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Volvimos de la playa. desmayada en el sofá", "emergency"),
        ("Chegámos do trabalho. desmaiado no chão", "emergency"),
        ("mi amiga se quedó desmayada el año pasado al ver la aguja, ¿es normal?", None),
        ("¿y si me quedo desmayada durante la sesión?", None),
    ],
)
def test_fainted_alone_after_another_sentence_is_an_emergency(
    rules: TriageDetector, text: str, level: str | None
) -> None:
    """The word alone, as the French "inconsciente" already was: no subject is needed."""
    assert rules.assess(text).level == level
