"""An emoji a new sentence follows ends the sentence before it, as a full stop would: a "didnt"
before the emoji says nothing about the swelling after it. An emoji inside a sentence does
not split it.

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.responder import Responder
from bot.core.text import split_clauses


@pytest.mark.parametrize(
    "text",
    [
        "everyone asks if i had my lips done and i didnt 😳 they are puffing up more and more"
        " and my voice is thick",
        "people think i got lip filler, i wish i hadnt 😭 my tongue is swelling now and its"
        " hard to swallow",
    ],
)
def test_a_sign_after_the_emoji_is_not_denied(responder: Responder, text: str) -> None:
    reply = responder.respond(text)
    assert reply.kind == "escalation"
    assert reply.level == "emergency"


def test_an_emoji_inside_a_sentence_keeps_it_whole() -> None:
    assert split_clauses("my lips 😳 are swelling", "en") == ["my lips   are swelling"]
    assert split_clauses("i didnt 😳 they are swelling", "en") == ["i didnt", "they are swelling"]
