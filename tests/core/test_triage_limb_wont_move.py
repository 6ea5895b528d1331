"""A limb that will not move is weakness of the body (an emergency), the patient's own or
someone else's now; a face or brow that will not move is the treatment working, and a
question about it is no report.

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.responder import Responder


@pytest.mark.parametrize(
    "text",
    [
        "since lunch i cant move my left arm properly",
        "my husband is here and he cant lift his right leg",
        "unable to use my right hand since this afternoon",
    ],
)
def test_a_limb_that_will_not_move_is_an_emergency(responder: Responder, text: str) -> None:
    reply = responder.respond(text)
    assert reply.kind == "escalation"
    assert reply.level == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "cant move my forehead at all, is that normal",
        "what would happen if i couldnt move my arm after it",
    ],
)
def test_the_face_or_a_question_is_not(responder: Responder, text: str) -> None:
    assert responder.respond(text).kind != "escalation"
