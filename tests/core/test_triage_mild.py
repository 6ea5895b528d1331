"""The rules alone read a slight, expected effect of the treatment as no red flag: a small
itch where the needle went in, a little dribbling after a lip flip, chewing that tires a bit
after jaw toxin (issue 12). The same sign strong, spreading, failing outright or with no such
treatment, and every emergency, still escalates.

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.triage.detector import TriageDetector

SLIGHT_AND_EXPECTED = [
    "slightly itchy just where the needle went in",
    "a little itch at a single spot on my forehead",
    "bit of itching at the injection points this morning",
    "a wee bit of drooling when i drink since my lip flip",
    "tiny bit of dribbling from the corner after the gummy smile botox",
    "my chewing gets a bit tired on steak since the masseter injections",
    "chewing is mildly tiring after my jaw botox for grinding",
    "je bave un petit peu en buvant depuis mon lip flip",
    "sabbere ein bisschen beim Trinken seit dem Lip Flip",
]


@pytest.mark.parametrize("text", SLIGHT_AND_EXPECTED)
def test_a_slight_expected_effect_raises_no_flag(rules: TriageDetector, text: str) -> None:
    assert rules.assess(text).level is None


STILL_ESCALATES = [
    ("a little itchy where they injected and now it is spreading to my neck", "urgent"),
    ("a bit itchy at one spot and there are hives coming up", "urgent"),
    ("slightly itchy red rash all over my cheeks", "urgent"),
    ("itching at the injection points", "urgent"),
    ("drooling a little at night", "urgent"),
    ("cant stop dribbling a bit since the lip flip", "urgent"),
    ("chewing is a bit tiring and i never had my jaw done", "urgent"),
    ("dribbling all the time since the lip flip, and not just a little", "urgent"),
    ("since my lip flip coffee keeps dribbling out of my mouth, a bit awkward at work", "urgent"),
    ("ich kann nicht trinken und sabbere ein bisschen seit dem Lip Flip", "urgent"),
    ("a tiny itch where the needle went in and my lips are swelling up", "emergency"),
    ("bit of dribbling since my lip flip and now i cant swallow", "emergency"),
    ("my little boy is choking on a grape", "emergency"),
    ("my mother has a fever and is confused since her botox", "emergency"),
    ("honestly i can't swallow, i'm not laughing", "emergency"),
]


@pytest.mark.parametrize(("text", "level"), STILL_ESCALATES)
def test_a_strong_failing_or_unexplained_sign_still_escalates(
    rules: TriageDetector, text: str, level: str
) -> None:
    assert rules.assess(text).level == level
