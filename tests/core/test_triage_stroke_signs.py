"""A drooping face or mouth with speech gone wrong is a stroke's signs, an emergency (E7, or
E3 where a speech phrasing reads the speech),
in six languages, read by the rules alone, whoever has them (issue 14); before, the droop
alone was found and the message got the urgent U5. A droop with speech said to be fine, a
droop alone and garbled words without a droop are no emergency.

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.triage.detector import TriageDetector
from bot.core.triage.stroke import garbled_speech


@pytest.mark.parametrize(
    "text",
    [
        "my dad keeps talking gibberish and one side of his mouth is drooping",
        "mein vater redet auf einmal ganz wirr und sein mundwinkel hängt runter",
        "mio nonno parla in modo confuso e ha la bocca storta da stamattina",
        "a mi abuelo se le cayó la cara de un lado y habla muy raro",
        "o meu avô está com a boca torta e fala tudo enrolado",
        "ma grand-mère a la bouche qui tombe d'un côté et on ne la comprend plus",
    ],
)
def test_a_droop_with_garbled_speech_is_an_emergency(rules: TriageDetector, text: str) -> None:
    assert rules.assess(text).level == "emergency", text


@pytest.mark.parametrize(
    "text",
    [
        "one corner of my mouth droops since the lip flip but im talking fine",
        "mein mundwinkel hängt ein bisschen, reden geht ganz normal",
        "la boca torcida de un lado desde el botox, hablo normal",
    ],
)
def test_a_droop_with_speech_fine_stays_urgent(rules: TriageDetector, text: str) -> None:
    assert rules.assess(text).level == "urgent", text


@pytest.mark.parametrize(
    "text",
    [
        "my toddler is talking gibberish all day, can i have botox while breastfeeding?",
        "se me cayó la cara de vergüenza cuando me vieron las cejas",
    ],
)
def test_garbled_speech_or_a_fallen_face_alone_is_no_flag(rules: TriageDetector, text: str) -> None:
    assert rules.assess(text).level is None, text


def test_denied_speech_is_not_garbled() -> None:
    assert garbled_speech("she is not talking nonsense, her mouth just droops") is None
    assert garbled_speech("er redet nicht wirr") is None
    assert garbled_speech("non si capisce cosa dice") is not None
