"""Swelling in the words patients use (issue 12; own wordings): an itch with a swelling mouth
is the allergic emergency, and a swelling said to keep growing, in any shipped language, needs
only the urgent threshold. Pure fusion: the net's scores are given."""

from __future__ import annotations

import pytest

from bot.core.triage.detector import NO_FLAGS, FlagHit, TriageResult
from bot.core.understanding import FaqScores, FlagScore, RedFlagScores, TriageFusion, fuse_triage

NO_FAQ = FaqScores(ranked=(), out_of_scope=0.0)
LANGS = frozenset({"en", "es", "de", "fr", "it", "pt"})


def _itch_and(text: str) -> str | None:
    hit = FlagHit("U8_allergic_skin", "urgent", "en", "itchy", text)
    rules = TriageResult("urgent", (hit,), ())
    net = RedFlagScores((), "en")
    return fuse_triage(rules, net, NO_FAQ, LANGS, TriageFusion(), text).result.level


@pytest.mark.parametrize(
    "text",
    [
        "itchy all over and my top lip has gone fat, spreading towards my nose",
        "itchy bumps on my arms and my tongue feels thick",
        "really itchy face, my mouth looks like someone punched it",
    ],
)
def test_an_itch_with_a_swelling_mouth_is_an_emergency(text: str) -> None:
    assert _itch_and(text) == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "itchy patch on my forehead, lips are fine",
        "itchy rash on my neck, no swelling of my lips or tongue",
    ],
)
def test_an_itch_with_the_mouth_fine_stays_urgent(text: str) -> None:
    assert _itch_and(text) == "urgent"


def _swelling(probability: float, text: str, clause: str, language: str) -> str | None:
    score = FlagScore("U6_severe_swelling_bruising", "urgent", probability, clause)
    flags = RedFlagScores((score,), language)
    return fuse_triage(NO_FLAGS, flags, NO_FAQ, LANGS, TriageFusion(), text).result.level


@pytest.mark.parametrize(
    ("text", "clause", "language"),
    [
        ("ma joue est gonflée, et ça continue de grossir", "ma joue est gonflée", "fr"),
        ("tengo la mejilla hinchada y sigue hinchandose", "tengo la mejilla hinchada", "es"),
        ("la guancia è gonfia e continua a gonfiarsi", "la guancia è gonfia", "it"),
        ("a bochecha está inchada e continua a crescer", "a bochecha está inchada", "pt"),
        ("die Wange ist dick und schwillt weiter an", "die Wange ist dick", "de"),
        ("my cheek is puffy, its doubled since lunch", "my cheek is puffy", "en"),
    ],
)
def test_a_swelling_said_to_keep_growing_anywhere_in_the_message_needs_the_urgent_line(
    text: str, clause: str, language: str
) -> None:
    assert _swelling(0.77, text, clause, language) == "urgent"


def test_a_swelling_with_no_trend_needs_the_severity_line() -> None:
    assert _swelling(0.77, "ma joue est gonflée depuis hier", "ma joue est gonflée", "fr") is None
