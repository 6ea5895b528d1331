"""Someone else's everyday illness, and crisis words aimed at a thing, are no red flag; a
third person's complication and weariness of life itself are (issue 12;
``bot/core/triage/elsewhere_illness.py``, ``bot/core/triage/crisis_aimed.py``).

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.responder import Responder

NOT_A_RED_FLAG = [
    # someone else's illness, the patient asking about their own care
    "my baby has a fever, can i still go to my appointment tomorrow?",
    "my daughter has a rash from chickenpox, can i still come in for my top up",
    "my toddler has a temperature, is it ok to still bring her to my appointment",
    "my little one has a temperature, do i need to cancel my botox appointment",
    "my husband has a rash from his new washing powder, can i still have my top up",
    # crisis words aimed at a treatment, a payment or a line
    "i don't see the point of paying for a top up if it wears off so fast",
    "i want these lines to disappear, how many sessions",
    "the bruise seems to disappear with concealer",
    "honestly botox has been life changing for my confidence",
    "the numbing cream was a lifesaver thank you",
    "i've had enough of my frown lines, can i get more units?",
    "fed up with life admin, can i pay by card",
    "whats the point of carrying on with the top ups if it wears off in 3 months",
    "is there any point going on holiday the week after my jabs",
]


@pytest.mark.parametrize("text", NOT_A_RED_FLAG)
def test_no_red_flag(responder: Responder, text: str) -> None:
    assert responder.respond(text).level is None


STILL_ESCALATES = [
    ("my mum had botox tuesday and can't swallow", "emergency"),
    ("my sister had her jabs on monday and now she's struggling to breathe", "emergency"),
    ("my son is choking on a sweet and going blue", "emergency"),
    ("my wife had botox last week and her eyelid is drooping badly today", "urgent"),
    ("my mum had botox thursday and now she has a fever and the spot is red and hot", "urgent"),
    ("my baby has a fever and i have a rash where i was injected, can i still come in", "urgent"),
    ("honestly i've had enough of life", "emergency"),
    ("tbh i'm sick and tired of living", "emergency"),
    ("i've had enough of this life, nobody would notice", "emergency"),
    ("i don't see the point anymore", "emergency"),
    ("i just want to disappear", "emergency"),
    ("whats the point in anything, i want to disappear forever", "emergency"),
    ("what is the point of carrying on", "emergency"),
    ("no point going on if i have to look like this all year", "emergency"),
    ("whats the point of keeping on if my face stays this way", "emergency"),
]


@pytest.mark.parametrize(("text", "level"), STILL_ESCALATES)
def test_still_escalates(responder: Responder, text: str, level: str) -> None:
    assert responder.respond(text).level == level
