"""Going somewhere is no head: "heading" stems to "head", the word "$headache" names, so a
trip of a few days ("heading to spain for a week") read as a headache that has lasted days
(U7). The head itself, and "light headed", still are what they say.

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.triage.detector import TriageDetector


@pytest.mark.parametrize(
    "text",
    [
        "heading to lisbon for a week on saturday, is flying ok",
        "im heading out camping for 3 days, can i skip washing my face",
        "we headed home to see family for four days, fine to drink?",
        "heading off on a work trip for a few days",
    ],
)
def test_going_somewhere_for_days_is_no_headache(rules: TriageDetector, text: str) -> None:
    assert rules.assess(text).level is None


@pytest.mark.parametrize(
    "text",
    [
        "ive had a headache for 4 days straight now",
        "my head has been throbbing for a week and tablets do nothing",
        "so light headed for days, the room spins",
    ],
)
def test_the_head_itself_for_days_is_still_urgent(rules: TriageDetector, text: str) -> None:
    assert rules.assess(text).level == "urgent"
