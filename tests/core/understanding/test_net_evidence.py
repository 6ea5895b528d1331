"""A net reading with no rule behind it needs a word of its flag's sign (issue 12; own
wordings): topic likeness alone (bad breath, a cold, a headache on the day of the injections)
is not a report, while every report that says its sign still escalates. Pure fusion: the
net's scores are given, as confident as a net gets."""

from __future__ import annotations

import pytest

from bot.core.triage.detector import NO_FLAGS
from bot.core.triage.hindsight import asks_own_risk
from bot.core.understanding import FaqScores, FlagScore, RedFlagScores, TriageFusion, fuse_triage

NO_FAQ = FaqScores(ranked=(), out_of_scope=0.0)
LANGS = frozenset({"en", "es", "de", "fr", "it", "pt"})


def _level(flag_id: str, text: str, language: str = "en") -> str | None:
    level = "emergency" if flag_id.startswith("E") else "urgent"
    flags = RedFlagScores((FlagScore(flag_id, level, 0.95, text),), language)
    return fuse_triage(NO_FLAGS, flags, NO_FAQ, LANGS, TriageFusion(), text).result.level


@pytest.mark.parametrize(
    ("flag_id", "text", "language"),
    [
        ("E3_breathing_speaking", "my breath smells of onions today, review still on?", "en"),
        ("E3_breathing_speaking", "le botox contre la transpiration, on m en a parle", "fr"),
        ("E1_swallowing", "nariz entupido e muitos espirros desde ontem", "pt"),
        ("U7_severe_headache", "got a headache since my jabs this morning", "en"),
        ("U4_severe_pain", "forehead a little sore where the needles went", "en"),
        ("U6_severe_swelling_bruising", "small bruise by my eyebrow", "en"),
    ],
)
def test_a_reading_without_its_sign_does_not_escalate(
    flag_id: str, text: str, language: str
) -> None:
    assert _level(flag_id, text, language) is None


@pytest.mark.parametrize(
    ("flag_id", "text", "language"),
    [
        ("E3_breathing_speaking", "i get puffed out just standing up", "en"),
        ("E3_breathing_speaking", "my voice keeps dropping out mid sentence", "en"),
        ("E1_swallowing", "my tea came back up my nose at breakfast", "en"),
        ("E1_swallowing", "la comida no me baja, se queda arriba", "es"),
        ("E3_breathing_speaking", "ich bekomme so schlecht luft beim liegen", "de"),
        ("U7_severe_headache", "headache for four days and tablets dont touch it", "en"),
        ("U4_severe_pain", "the ache at the injection site is 8 out of 10", "en"),
        ("U6_severe_swelling_bruising", "huge purple patch across half my forehead", "en"),
        ("U7_severe_headache", "mal di testa fortissimo da tre giorni", "it"),
        # a drink that goes the wrong way, and the cough after it (session 12)
        ("E1_swallowing", "des que je bois une gorgee ca passe de travers", "fr"),
        ("E1_swallowing", "l acqua mi va di traverso e poi tossisco", "it"),
        ("E1_swallowing", "everything i sip goes the wrong way and i cough", "en"),
    ],
)
def test_a_reading_with_its_sign_still_escalates(flag_id: str, text: str, language: str) -> None:
    assert _level(flag_id, text, language) is not None


@pytest.mark.parametrize(
    "clause",
    ["how likely is that for me?", "what are the chances of that", "how common is it"],
)
def test_asking_how_likely_it_is_asks_about_ones_own_risk(clause: str) -> None:
    assert asks_own_risk(clause)
