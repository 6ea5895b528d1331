"""Breath, speech and trend in plain words the phrasings do not hold (issue 12; own wordings):
a bare "gasping", a sentence that will not come, pain "ramping up", a bruise that has gone
"from a dot to half my cheek". Each has an everyday use beside it that must not escalate."""

from __future__ import annotations

import pytest

from bot.core.responder import Responder


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("my husband had his frown lines done and now hes gasping on the sofa", "emergency"),
        ("cant finish a sentence without stopping for air", "emergency"),
        ("my nan cant get a full sentence out since her jabs", "emergency"),
        ("the ache in my brow keeps building, day 3", "urgent"),
        ("swelling has gone from a small lump to half my forehead", "urgent"),
    ],
)
def test_plain_words_for_breath_speech_and_trend_escalate(
    responder: Responder, text: str, level: str
) -> None:
    assert responder.triage.assess(text).level == level


@pytest.mark.parametrize(
    "text",
    [
        "gasping for a brew after my appointment",
        "i gasped at how smooth my forehead looks",
        "i cant write a sentence without a typo lol",
        "the hype is ramping up for my sisters wedding, will my tox be settled",
    ],
)
def test_their_everyday_uses_do_not(responder: Responder, text: str) -> None:
    assert responder.triage.assess(text).level is None


def test_the_recovery_day_is_not_days_of_headache(responder: Responder) -> None:
    assert responder.triage.assess("light headache on day 1, tender spots, normal?").level is None
    assert responder.triage.assess("headache for days now and its not easing").level == "urgent"
