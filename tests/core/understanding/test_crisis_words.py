"""The safety net's crisis reading needs crisis words in Spanish, German, French, Italian and
Portuguese too (issue 14): harmless words the net reads as a crisis do not call the emergency
number; a crisis said in plain words still does. Wordings of our own."""

from __future__ import annotations

import pytest

from bot.core.text import normalise
from bot.core.triage.detector import NO_FLAGS
from bot.core.understanding import FaqScores, FlagScore, RedFlagScores, TriageFusion, fuse_triage
from bot.core.understanding.crisis_words import speaks_of_crisis

CRISIS = "E5_mental_health_crisis"
FUSION = TriageFusion(any_mood=frozenset({CRISIS}))
LANGS = ("en", "es", "de", "fr", "it", "pt")


def _net_level(text: str, language: str) -> str | None:
    """The fused level when the net alone reads a crisis in ``text`` at 0.9."""
    flags = RedFlagScores((FlagScore(CRISIS, "emergency", 0.9, text),), language)
    return fuse_triage(NO_FLAGS, flags, FaqScores((), 0.0), LANGS, FUSION, text).result.level


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "ya no le encuentro sentido a nada desde que me veo así"),
        ("es", "a veces pienso que sería mejor desaparecer"),
        ("de", "ich will einfach nicht mehr aufwachen"),
        ("de", "hat doch alles keinen Sinn mehr mit diesem Gesicht"),
        ("fr", "je ne vois plus l'intérêt de continuer comme ça"),
        ("fr", "j'ai envie de tout arrêter, je ne supporte plus ce visage"),
        ("it", "a volte penso che sarebbe meglio sparire"),
        ("it", "non ce la faccio più a vivere così"),
        ("pt", "não vejo mais sentido em nada com essa cara"),
        ("pt", "queria sumir e não acordar mais"),
    ],
)
def test_a_crisis_in_plain_words_still_escalates(language: str, text: str) -> None:
    assert speaks_of_crisis(normalise(text), language), text
    assert _net_level(text, language) == "emergency", text


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("it", "quali rischi ci sono davvero? meglio saperlo prima"),
        ("es", "qué riesgos hay de verdad? mejor saberlo antes"),
        ("de", "welche Risiken gibt es wirklich? lieber vorher wissen"),
        ("fr", "c'est quoi les vrais risques ? autant le savoir avant"),
        ("pt", "quais são os riscos de verdade? melhor saber antes"),
    ],
)
def test_harmless_words_the_net_reads_as_a_crisis_do_not_escalate(language: str, text: str) -> None:
    assert _net_level(text, language) is None, text
