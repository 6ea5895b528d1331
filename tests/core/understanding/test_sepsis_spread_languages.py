"""A fever with a redness that doubled or grew within hours is sepsis (E6, aftercare-facts:
"rapidly spreading redness") in every shipped language, with or without an infection the
rules found; confusion said in a message's own words raises a U3 the rules found in another
language's phrasing ("pus" is English and French alike). A spread with no redness ("the
price has doubled") raises nothing (session 9; own wordings)."""

from __future__ import annotations

import pytest

from bot.core.triage.detector import NO_FLAGS, FlagHit, TriageResult
from bot.core.understanding import FaqScores, RedFlagScores, TriageFusion, fuse_triage

NO_FAQ = FaqScores(ranked=(), out_of_scope=0.0)
SEPSIS = "E6_sepsis_signs"


def _fused(text: str, language: str, rules: TriageResult = NO_FLAGS) -> TriageResult:
    quiet = RedFlagScores((), language)
    languages = frozenset({"en", language})
    return fuse_triage(rules, quiet, NO_FAQ, languages, TriageFusion(), text).result


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "that red area has doubled since lunch and im shivering"),
        ("es", "la rojez se duplicó desde la mañana y tengo fiebre"),
        ("de", "die rote stelle hat sich in zwei stunden verdoppelt, ich hab fieber"),
        ("fr", "la plaque rouge a doublé depuis midi, j'ai des frissons"),
        ("it", "l'arrossamento è raddoppiato in tre ore e ho la febbre"),
        ("pt", "a mancha vermelha dobrou desde o almoço e estou com febre"),
    ],
)
def test_fever_with_a_redness_that_doubled_is_sepsis(language: str, text: str) -> None:
    result = _fused(text, language)
    assert result.level == "emergency"
    assert SEPSIS in result.flag_ids


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "the bruise has doubled since yesterday, no fever"),
        ("fr", "j'ai eu de la fièvre, le prix a doublé depuis l'an dernier"),
        ("de", "die rötung hat sich verdoppelt"),
    ],
)
def test_a_spread_without_fever_or_redness_is_not(language: str, text: str) -> None:
    assert _fused(text, language).level is None


def test_confusion_in_the_message_language_raises_an_infection_found_in_english() -> None:
    text = "je suis complètement paumée, 39 de fièvre et y a du pus"
    hit = FlagHit("U3_infection_signs", "urgent", "en", "pus", text)
    result = _fused(text, "fr", TriageResult("urgent", (hit,), ()))
    assert result.level == "emergency"
    assert SEPSIS in result.flag_ids


def test_a_price_that_doubled_does_not_raise_an_infection() -> None:
    text = "red and hot spot, had a temperature, and the price has doubled"
    hit = FlagHit("U3_infection_signs", "urgent", "en", "red and hot", text)
    assert _fused(text, "en", TriageResult("urgent", (hit,), ())).level == "urgent"
