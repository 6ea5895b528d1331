"""English red-flag reports in wordings nobody had listed (issue 12, session 7), found with a
self-written probe set and fixed as rules in general form: a combination whose two signs sit
in a list with another symptom between them, an injection site that looks "angry", an
overdose told by its amount, a headache with vomiting, a vision that darkens. Wordings of our
own; the harmless look-alikes beside each rule must stay answers."""

from __future__ import annotations

import pytest

from bot.core.knowledge import RedFlag
from bot.core.responder import Responder
from bot.core.triage.detector import TriageDetector


def combination_flag() -> RedFlag:
    return RedFlag(
        id="E6_test",
        level="emergency",
        name={"en": "a test combination"},
        phrasings={"en": ["fever vomiting"]},
        message={"en": "Test."},
    )


def test_a_combination_is_found_with_one_clause_between_its_two_signs() -> None:
    detector = TriageDetector([combination_flag()])
    result = detector.assess("a fever since noon, my forehead is hot, vomiting twice now")
    assert result.level == "emergency"


def test_a_combination_is_not_made_across_a_negated_sign() -> None:
    detector = TriageDetector([combination_flag()])
    result = detector.assess("a fever since noon, my forehead is hot, no vomiting though")
    assert result.level is None


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("shaking under the duvet, cheeks red and hot at the jabs, thrown up twice", "emergency"),
        ("got a temperature and ive vomited twice since lunch", "emergency"),
        ("i have swallowed a whole packet of paracetamol", "emergency"),
        ("took a handful of my sleeping tablets an hour ago", "emergency"),
        ("one jab spot is angry looking and sore", "urgent"),
        ("the skin on my forehead is angry and red today", "urgent"),
        ("cant stop shivering tonight since the jabs", "urgent"),
        ("head pounding and ive been puking all evening", "urgent"),
        ("my sight keeps going dark on the left", "urgent"),
        ("i'm so wobbly on my feet since this morning", "urgent"),
    ],
)
def test_unlisted_english_reports_escalate(responder: Responder, text: str, level: str) -> None:
    reply = responder.respond(text)
    assert reply.kind == "escalation"
    assert reply.level == level or (level == "urgent" and reply.level == "emergency")


@pytest.mark.parametrize(
    "text",
    [
        "my eyes look tired, thats life with two kids, will botox help",
        "took a load of photos before my appointment to compare",
        "had it done last week, honestly life changing",
        "dark circles under my eyes, can you treat those",
        "the bruise is going dark purple, is that normal",
        "i was shivering on the walk home because it was freezing haha",
    ],
)
def test_harmless_look_alikes_are_not_escalated(responder: Responder, text: str) -> None:
    assert responder.respond(text).kind != "escalation"
