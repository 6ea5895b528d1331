"""Fresh wordings of a lid swollen shut, reading that swims, a headache that keeps the patient
awake and breathlessness at rest escalate; the everyday versions do not (issue 12).

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.responder import Responder

ESCALATES = [
    ("eye swelled shut overnight after my crows feet", "urgent"),
    ("my lid puffed up shut after my crows feet jabs", "urgent"),
    ("left eye is so puffy i can barely see out of it", "urgent"),
    ("letters are swimming when i read since the botox", "urgent"),
    ("the words keep swimming on the page when i try to read", "urgent"),
    ("text jumping around when i read since my jabs", "urgent"),
    ("cant sleep because of the pounding in my head, day 5 after botox", "urgent"),
    ("the headache kept me awake all night, day 4 after tox", "urgent"),
    ("breathless at rest since this afternoon", "emergency"),
    ("i'm short of breath doing nothing, is that the botox", "emergency"),
]


@pytest.mark.parametrize(("text", "level"), ESCALATES)
def test_escalates(responder: Responder, text: str, level: str) -> None:
    assert responder.respond(text).level == level


EVERYDAY = [
    "bit puffy under my eyes this morning, normal?",
    "eyes a bit puffy from crying at a film lol, can i put ice on my forehead",
    "i swim every morning, when can i go back to the pool",
    "can you text me the aftercare sheet, the words on the leaflet are tiny",
    "my baby kept me awake all night, can i have a coffee after botox",
    "slight headache the day of treatment is that normal?",
]


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_wording_is_no_red_flag(responder: Responder, text: str) -> None:
    assert responder.respond(text).level is None
