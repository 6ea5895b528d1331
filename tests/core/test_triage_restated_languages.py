"""In Spanish, German, French, Italian and Portuguese, the rules alone (not the learned net)
escalate a report typed in chat spellings or regional words, a limb that will not move, a
crisis said indirectly and a sign that grows day by day; the treatment, a face that will not
move, a question and someone else's past do not (issue 14).

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.responder import Responder
from bot.core.triage.detector import TriageDetector

CHAT_AND_REGIONAL = [
    ("it", "nn riesco a mandare giu la pastiglia, mi si blocca", "emergency"),
    ("pt", "vc acha normal eu n conseguir engolir agua desde ontem?", "emergency"),
    ("de", "i cha sit em morge fast nut meh schlucke", "emergency"),
    ("pt", "o roxo da testa ta cada dia maior e mais inchado", "urgent"),
    ("pt", "ultimamente apetece-me magoar-me", "emergency"),
    # shivers by a regional name, with a racing heart: sepsis signs
    ("es", "estoy tiritando, el corazon a mil y el pinchazo muy rojo", "emergency"),
    ("de", "ich bibbere am ganzen korper und das herz rast", "emergency"),
]

LIMBS = [
    ("es", "mi padre no puede mover la mano izquierda desde la siesta"),
    ("es", "no siento la pierna derecha desde hace un rato"),
    ("de", "mein Mann kann den rechten Arm kaum mehr heben"),
    ("fr", "elle n'arrive plus à bouger la jambe gauche"),
    ("it", "da stamattina non riesco piu a muovere il braccio destro"),
    ("pt", "ela nao consegue mexer o braço esquerdo desde de manhã"),
]

CRISIS = [
    ("es", "ya no le encuentro sentido a seguir viviendo"),
    ("es", "todo el mundo estaria mejor sin mi"),
    ("de", "mein Leben hat einfach keinen Sinn mehr"),
    ("de", "die anderen wären besser dran ohne mich"),
    ("fr", "franchement je trouve plus aucun sens à la vie"),
    ("fr", "ils seraient tous mieux sans moi"),
    ("it", "non vedo piu nessun motivo per vivere"),
    ("it", "starebbero tutti meglio senza di me"),
    ("pt", "nao vejo mais sentido em viver assim"),
    ("pt", "nao quero mais continuar"),
    ("es", "a veces pienso que seria mejor no despertar"),
    ("de", "wozu soll ich eigentlich noch leben"),
    ("it", "non ce la faccio piu ad andare avanti"),
    ("pt", "seria melhor pra todos se eu sumisse"),
]


DAY_BY_DAY = [
    ("es", "la mancha roja del pinchazo cada dia mas grande"),
    ("de", "die schwellung an der lippe wird jeden tag ein bisschen grosser"),
    ("it", "il livido sul mento di giorno in giorno piu grande"),
    ("pt", "a vermelhidao no ponto da agulha ta cada dia maior"),
]


@pytest.mark.parametrize(("language", "text"), DAY_BY_DAY)
def test_a_sign_that_grows_day_by_day_is_urgent(
    rules: TriageDetector, language: str, text: str
) -> None:
    assert rules.assess(text).level in ("urgent", "emergency")


@pytest.mark.parametrize(("language", "text", "level"), CHAT_AND_REGIONAL)
def test_chat_spellings_and_regional_words_escalate(
    rules: TriageDetector, language: str, text: str, level: str
) -> None:
    result = rules.assess(text)
    assert result.level in (("urgent", "emergency") if level == "urgent" else ("emergency",))
    assert language in result.languages


@pytest.mark.parametrize(("language", "text"), LIMBS)
def test_a_limb_that_will_not_move_is_weakness_of_the_body(
    rules: TriageDetector, language: str, text: str
) -> None:
    result = rules.assess(text)
    assert result.level == "emergency"
    assert "E4_spreading_weakness" in result.flag_ids


@pytest.mark.parametrize(("language", "text"), CRISIS)
def test_a_crisis_said_indirectly_is_a_crisis(
    rules: TriageDetector, language: str, text: str
) -> None:
    result = rules.assess(text)
    assert result.level == "emergency"
    assert "E5_mental_health_crisis" in result.flag_ids


@pytest.mark.parametrize(
    "text",
    [
        # going on with the treatment, not with living
        "no quiero seguir con las sesiones",
        "ich will nicht mehr weitermachen mit dem botox",
        "je veux plus continuer le botox",
        "non voglio andare avanti con le punture",
        "nao quero continuar o tratamento",
        "non ce la faccio piu ad andare avanti con questa dieta",
        "mejor no despertar a mi marido, llego tarde",
        # a face or brow that will not move is the treatment working
        "non riesco a muovere la fronte",
        "no puedo mover la frente, es normal?",
        "je peux plus bouger le front",
        "kann die stirn nicht mehr bewegen",
        # a question, and someone else's past
        "que pasa si no puedo mover el brazo despues?",
        "mi amiga el año pasado no podia mover el brazo",
        # a fever's degrees are not "gerade"
        "hatte letzte woche 38 grad, jetzt alles gut",
    ],
)
def test_the_treatment_the_face_a_question_or_a_story_is_no_such_report(
    rules: TriageDetector, text: str
) -> None:
    result = rules.assess(text)
    assert not {"E4_spreading_weakness", "E5_mental_health_crisis"} & set(result.flag_ids)


def test_the_responder_sends_the_crisis_reply(responder: Responder) -> None:
    reply = responder.respond("nao vejo mais sentido em viver assim")
    assert reply.kind == "escalation"
    assert reply.level == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "non ho nessun problema a parlare ne a respirare, volevo chiedere del trucco",
        "dopo dieci giorni non vedo niente di diverso, e normale?",
    ],
)
def test_a_chat_spelled_phrasing_is_no_broader_than_its_full_words(
    rules: TriageDetector, text: str
) -> None:
    """The packs' chat-spelled phrasings ("nn respiro") are not spelled out into bare ones
    ("non respiro") that a denial or a question about results would match."""
    assert not rules.assess(text).escalates
