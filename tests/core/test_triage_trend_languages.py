"""Pain that painkillers do not touch, a trend day by day, and sight lost, in Spanish, German,
French, Italian and Portuguese (issue 14).

The blind set 10 half showed a Spanish headache "worse every day, not even with ibuprofen" held
back and a Portuguese eye that went blind "out of nowhere" answered from the FAQ. Each group is
one rule, tested with wordings of our own (never an evaluation set's sentence):

* a painkiller that does not help (``$painkiller`` with the language's own negation, "ni con",
  "nicht mal", "même", "neanche", "nem com") is severe pain, urgent; asking about painkillers
  is not;
* a trend ("cada día peor", "jeden Tag schlimmer", "de pire en pire", "sempre peggio", "só
  piora") tells a severe pain, swelling or headache from the expected one, so the net needs
  only the urgent threshold for it (``fusion._threshold``), as in English;
* "not even with" a painkiller insists, it denies nothing (``triage_romance.without_inability``);
* being left without sight ("me quedé sin ver", "fiquei sem enxergar", "rimasta senza vedere")
  is losing it, and "out of nowhere" ("do nada", "de la nada", "dal nulla") is "suddenly", not
  a negation (``triage_romance.reword``); "sin palabras", "sem ar de tanto rir" stay idioms;
* French "ça me reste en travers de la gorge" is a grievance, not food stuck.
"""

from __future__ import annotations

import pytest

from bot.core.responder import Responder
from bot.core.triage.detector import NO_FLAGS
from bot.core.understanding import FaqScores, FlagScore, RedFlagScores, TriageFusion, fuse_triage
from tests.core.triage_cases import assert_escalated, assert_not_escalated

NO_FAQ = FaqScores((), 0.0)
LANGS = ("en", "es", "de", "fr", "it", "pt")


def _net_level(flag_id: str, text: str, language: str, probability: float) -> str | None:
    """The fused level when the net alone reads ``flag_id`` in ``text`` (shipped thresholds)."""
    level = "emergency" if flag_id.startswith("E") else "urgent"
    flags = RedFlagScores((FlagScore(flag_id, level, probability, text),), language)
    return fuse_triage(NO_FLAGS, flags, NO_FAQ, LANGS, TriageFusion(), text).result.level


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "el paracetamol no me quita nada el dolor de la frente"),
        ("es", "ni tomándome dos nolotil se me calma el dolor"),
        ("de", "die Schmerztabletten wirken überhaupt nicht, die Stirn pocht"),
        ("de", "nicht mal Paracetamol hilft mehr gegen das Stechen"),
        ("fr", "même avec l'ibuprofène la douleur ne passe pas du tout"),
        ("fr", "les cachets ne me soulagent plus, j'ai trop mal au front"),
        ("it", "l'oki non mi fa niente, il dolore al sopracciglio è forte"),
        ("it", "nemmeno col brufen mi passa questo dolore"),
        ("pt", "o dorflex não adiantou nada, a testa dói demais"),
        ("pt", "nem tomando dipirona a dor melhora"),
    ],
)
def test_pain_painkillers_do_not_touch_is_urgent(
    responder: Responder, language: str, text: str
) -> None:
    assert_escalated(responder, language, text, "urgent")


@pytest.mark.parametrize(
    "text",
    [
        "puedo tomar ibuprofeno esta noche si me molesta un poco?",
        "darf ich eine Ibuprofen nehmen, falls der Kopf etwas drückt?",
        "je peux prendre du doliprane ce soir ?",
        "posso prendere la tachipirina se mi viene un po' di mal di testa?",
        "posso tomar dipirona hoje se doer um pouquinho?",
        # what a painkiller does to the result, and verb-first German questions
        "el ibuprofeno no quita el efecto de las inyecciones, no?",
        "a dipirona não corta o efeito da toxina?",
        "la tachipirina non toglie l'effetto della tossina, giusto?",
        "devo prendere l'oki o non serve?",
        "hilft Paracetamol nicht auch gegen blaue Flecken?",
        "wirken Schmerztabletten nicht blutverdünnend?",
        "nicht mal eine Schmerztablette hab ich gebraucht, alles bestens",
    ],
)
def test_asking_about_painkillers_is_not_escalated(responder: Responder, text: str) -> None:
    assert_not_escalated(responder, text)


@pytest.mark.parametrize(
    ("language", "text", "level"),
    [
        ("es", "me molesta la frente y va a peor desde el lunes", "urgent"),
        ("de", "das Pochen an der Stirn wird jeden Tag schlimmer", "urgent"),
        ("fr", "la douleur au front est de pire en pire", "urgent"),
        ("it", "il fastidio alla fronte è sempre peggio", "urgent"),
        ("pt", "a dor na testa só piora", "urgent"),
        ("es", "me molesta un poco la frente desde ayer", None),
        ("de", "die Stirn drückt ein bisschen seit gestern", None),
        ("fr", "j'ai un peu mal au front depuis hier", None),
    ],
)
def test_a_trend_in_any_language_needs_only_the_urgent_threshold(
    language: str, text: str, level: str | None
) -> None:
    assert _net_level("U4_severe_pain", text, language, probability=0.77) == level, text


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "llevo tres días así y ni con paracetamol se me va"),
        ("it", "neanche con la tachipirina passa, sono giorni"),
        ("pt", "nem com remédio passa, já faz quatro dias"),
    ],
)
def test_not_even_with_a_painkiller_is_read_as_a_report(language: str, text: str) -> None:
    assert _net_level("U7_severe_headache", text, language, probability=0.9) == "urgent", text


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "de la nada me quedé sin ver del ojo derecho"),
        ("pt", "do nada fiquei sem enxergar do olho direito"),
        ("pt", "fiquei sem conseguir ver do olho esquerdo agora há pouco"),
        ("it", "sono rimasta senza vedere dall'occhio sinistro all'improvviso"),
    ],
)
def test_sight_lost_in_one_eye_is_an_emergency(
    responder: Responder, language: str, text: str
) -> None:
    assert_escalated(responder, language, text, "emergency")


@pytest.mark.parametrize(
    "text",
    [
        "me quedé sin palabras cuando vi el resultado, me encanta",
        "fiquei sem ar de tanto rir com a minha cara no espelho",
        "ça m'est resté en travers de la gorge, sa remarque sur mes rides",
        "de nada! obrigada pela ajuda",
    ],
)
def test_idioms_of_the_same_words_are_not_escalated(responder: Responder, text: str) -> None:
    assert_not_escalated(responder, text)
