"""Plain wordings of red flags and of harmless things, found missing on blind set 7 (issue 12)
and tested here with wordings of our own: a grip that fails, text that doubles, redness
that widens, painkillers that do nothing; a near faint from joy, a pea-sized bruise, a
blurry photo, someone else who could not swallow years ago."""

from __future__ import annotations

import pytest

from bot.core.responder import Responder


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("my hands can barely grip the kettle since yesterday", "emergency"),
        ("i cant get up from the chair without help today, my muscles just wont work", "emergency"),
        ("my left eye wont open fully this morning", "urgent"),
        ("the words on my phone go double when i look up", "urgent"),
        ("the numbers on the clock have two outlines", "urgent"),
        ("the redness round one jab spot gets wider each day", "urgent"),
        ("the painkillers dont touch the pain in my forehead", "urgent"),
        ("ibuprofen is doing nothing for this headache, day three", "urgent"),
    ],
)
def test_plain_wordings_of_a_red_flag_escalate(responder: Responder, text: str, level: str) -> None:
    reply = responder.respond(text)
    assert reply.kind == "escalation"
    assert reply.level == level or (level == "urgent" and reply.level == "emergency")


@pytest.mark.parametrize(
    "text",
    [
        "almost passed out from joy when i saw my forehead lol",
        "a pea sized bruise at one jab spot, when will it go",
        "ignore the blurry photo i sent, when can i wear makeup",
        "my aunt couldnt swallow properly after a salon job years ago, is that common?",
    ],
)
def test_harmless_wordings_do_not_escalate(responder: Responder, text: str) -> None:
    assert responder.respond(text).kind != "escalation"
