"""An infection the rules call urgent (U3) becomes sepsis (E6) with the signs aftercare-facts
names: confusion, or a fever with faintness, a racing heart, fast breathing, vomiting or a
spread timed in hours, each affirmed in the same message (issue 12; own wordings)."""

from __future__ import annotations

import pytest

from bot.core.triage.detector import FlagHit, TriageResult
from bot.core.understanding import FaqScores, RedFlagScores, TriageFusion, fuse_triage

NO_FAQ = FaqScores(ranked=(), out_of_scope=0.0)
QUIET_NET = RedFlagScores((), "en")
LANGS = frozenset({"en"})


def _fused(text: str) -> TriageResult:
    hit = FlagHit("U3_infection_signs", "urgent", "en", "red and hot", text)
    rules = TriageResult("urgent", (hit,), ())
    return fuse_triage(rules, QUIET_NET, NO_FAQ, LANGS, TriageFusion(), text).result


@pytest.mark.parametrize(
    "text",
    [
        "the red hot patch on my forehead is bigger and my husband says im not making sense",
        "injection spot is red and hot, im shivering and i keep feeling faint",
        "the redness went from my brow to my whole forehead in two hours, im burning up",
        "red hot lump where they injected, got a temperature and my heart is racing",
    ],
)
def test_infection_with_the_signs_of_sepsis_is_an_emergency(text: str) -> None:
    result = _fused(text)
    assert result.level == "emergency"
    assert "E6_sepsis_signs" in result.flag_ids


@pytest.mark.parametrize(
    "text",
    [
        "spot is red and hot, no fever, not dizzy",
        "red hot lump where they injected, a bit dizzy when i skip lunch",
        "red and hot around one spot, feel a bit warm but otherwise fine",
        "what if the red hot spot made me confused",
    ],
)
def test_an_infection_without_them_stays_urgent(text: str) -> None:
    assert _fused(text).level == "urgent"


def _fused_in(text: str, language: str) -> TriageResult:
    hit = FlagHit("U3_infection_signs", "urgent", language, "fever", text)
    rules = TriageResult("urgent", (hit,), ())
    net = RedFlagScores((), language)
    return fuse_triage(rules, net, NO_FAQ, frozenset({language}), TriageFusion(), text).result


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("la zona del pinchazo esta roja y caliente, tengo fiebre y el corazon a mil", "es"),
        ("rouge et chaud au point d injection, j ai de la fievre et je vais m evanouir", "fr"),
        ("zona rossa e calda, ho la febbre alta e mi sento svenire", "it"),
        ("a picada esta vermelha e quente, com febre e o coracao acelerado", "pt"),
        ("die Einstichstelle ist rot und heiss, ich habe Fieber und Herzrasen", "de"),
        ("la fronte è rossa e gonfia, mia madre è confusa, sembra disorientata", "it"),
    ],
)
def test_sepsis_signs_are_read_in_every_shipped_language(text: str, language: str) -> None:
    result = _fused_in(text, language)
    assert result.level == "emergency"
    assert "E6_sepsis_signs" in result.flag_ids


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("la zona del pinchazo esta roja y caliente, sin fiebre ni mareos", "es"),
        ("rouge et chaud au point d injection, un peu de fievre, sinon ca va", "fr"),
        ("a picada esta vermelha e quente, tive febre ontem", "pt"),
    ],
)
def test_a_fever_alone_leaves_an_infection_urgent_in_every_language(
    text: str, language: str
) -> None:
    assert _fused_in(text, language).level == "urgent"
