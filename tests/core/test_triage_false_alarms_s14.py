"""Benign shapes that escalated, each beside its real counterpart, which still escalates
(issues 12, 14): a question about a sign that also asks whom to call ("what number do i
ring"), a crisis phrasing assembled from a quantity word in one clause ("all week") and the
rest in the next, a tight chest the patient calls their usual asthma, and a German denial
about the eye ("Auge nicht geschwollen") that a phrasing reduced to "auge nicht" read as an
eye that will not shut.

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.triage.detector import TriageDetector


@pytest.mark.parametrize(
    "text",
    [
        "what are the signs of an infection and who should i call about it",
        "what does a droopy eyelid look like and which number do i ring",
        "had a runny nose all week, same as usual in autumn. can i take my hay fever tablets?",
        "i have asthma and my chest gets a little tight in the cold like it always does, ok to "
        "have botox?",
        "the usual asthma tightness in my chest, nothing new, can i still go ahead",
        "Auge nicht geschwollen, sieht alles normal aus",
        "linkes Auge nicht gerötet, alles gut, darf ich schminken?",
    ],
)
def test_the_benign_shape_is_no_flag(rules: TriageDetector, text: str) -> None:
    assert rules.assess(text).level is None, text


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("my forehead looks infected and hot, what number do i ring", "urgent"),
        ("i feel so hopeless, im going to take all my tablets", "emergency"),
        ("asthma as usual but my inhaler isnt working and my chest is so tight", "emergency"),
        ("my chest went tight right after the jabs, i do have asthma", "emergency"),
        ("seit gestern geht mein Auge nicht mehr richtig zu", "urgent"),
    ],
)
def test_the_real_counterpart_still_escalates(rules: TriageDetector, text: str, level: str) -> None:
    assert rules.assess(text).level == level, text
