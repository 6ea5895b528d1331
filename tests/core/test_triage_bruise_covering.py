"""A bruise or swelling that now covers a large part of the face, or "has grown really
large", is the urgent U6 in six languages, read by the rules alone, though no phrasing holds
the words the patient used (issues 12, 14). A cover that is small, or that is not a bruise's,
is no flag.

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.triage.detector import TriageDetector


@pytest.mark.parametrize(
    "text",
    [
        "the bruising was a dot yesterday, today it covers half my forehead",
        "the swelling has gotten so big since this morning",
        "el moretón ya me ocupa media mejilla",
        "il livido ora copre mezza fronte",
        "o hematoma agora cobre metade da bochecha",
        "le bleu couvre presque toute la tempe maintenant",
        "der Bluterguss geht inzwischen über die halbe Wange",
        "le bleu recouvre déjà la moitié de la joue",
    ],
)
def test_a_bruise_covering_a_large_part_is_urgent(rules: TriageDetector, text: str) -> None:
    assert rules.assess(text).level == "urgent", text


@pytest.mark.parametrize(
    "text",
    [
        "my fringe covers most of my forehead, will the botox still show?",
        "the bruise covers a tiny spot, is that normal",
        "das geht den ganzen Tag schon so mit dem Bluterguss, ganz klein",
    ],
)
def test_a_small_cover_or_none_is_no_flag(rules: TriageDetector, text: str) -> None:
    assert rules.assess(text).level is None, text
