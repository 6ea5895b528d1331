"""The rules alone read the patient's own faint at the needle, said to be over, as no
emergency, in six languages (issue 12). A faint that goes on or came back, one with no needle
behind it, and every other emergency in the message, still escalate.

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.triage.detector import TriageDetector

OVER = [
    "went all faint when i saw the needles, totally fine again after some water",
    "nearly fainted during my injections yesterday, all good now",
    "me desmayé un poco con la aguja pero ya estoy bien",
    "wäre bei der Spritze fast umgekippt, inzwischen wieder gut",
    "mi sono quasi svenuta durante le iniezioni ma adesso sto bene",
    "quase desmaiei com a agulha mas já estou bem",
]


@pytest.mark.parametrize("text", OVER)
def test_a_faint_at_the_needle_that_is_over_is_no_emergency(
    rules: TriageDetector, text: str
) -> None:
    assert rules.assess(text).level is None


STILL_EMERGENCY = [
    "felt faint at the needle and i still feel faint now",
    "fainted during the injections, fine for an hour, then fainted again at home",
    "fainted on the bus this morning, ok now",
    "went faint at the needle, better now, but my throat is closing up",
    "my little boy is choking on a grape",
    "my mother has a fever and is confused since her botox",
]


@pytest.mark.parametrize("text", STILL_EMERGENCY)
def test_a_faint_going_on_or_elsewhere_still_escalates(rules: TriageDetector, text: str) -> None:
    assert rules.assess(text).level == "emergency"
