"""The rules alone read a worry about a sign the patient might get as a hypothetical, not a
report, in six languages (issue 12). A worry about the present, and a sign reported beside
the worry, still escalate.

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.triage.detector import TriageDetector

FEARED = [
    "bit paranoid the tox will leave me with a droopy eyelid",
    "first time, so nervous about ending up with a droopy eye",
    "temo que me quede el párpado caído como a mi prima",
    "hab ein bisschen Angst vor einem hängenden Augenlid",
    "j'ai un peu peur d'avoir une paupière qui tombe",
    "ho paura che mi venga la palpebra cadente",
    "tenho receio de ficar com a pálpebra caída",
]


@pytest.mark.parametrize("text", FEARED)
def test_a_feared_future_sign_is_no_report(rules: TriageDetector, text: str) -> None:
    assert rules.assess(text).level is None


STILL_ESCALATES = [
    ("scared that my throat is closing up", "emergency"),
    ("worried i'm having a reaction, my lips have swollen right up", "emergency"),
    ("i was worried i might get a droopy eye and now my left lid is drooping", "urgent"),
    ("my little boy is choking on a grape", "emergency"),
    ("honestly i can't swallow, i'm not laughing", "emergency"),
]


@pytest.mark.parametrize(("text", "level"), STILL_ESCALATES)
def test_a_present_worry_or_a_reported_sign_still_escalates(
    rules: TriageDetector, text: str, level: str
) -> None:
    assert rules.assess(text).level == level
