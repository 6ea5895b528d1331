""" "I don't breathe" is how Italian, Spanish and Portuguese speakers say "I can't breathe"
("non respiro", "no respiro", "não respiro"): the breathing emergency (E3), even after another
sentence; "I don't breathe badly" is no sign (issues 12, 14). Wordings are our own."""

from __future__ import annotations

import pytest

from bot.core.responder import Responder


@pytest.mark.parametrize(
    "text",
    [
        "aiuto non respiro",
        "Siamo tornati dalla spiaggia. non respiro",
        "me pusieron el botox ayer y ahora no respiro",
        "Volvimos del cine. no respiro",
        "socorro não respiro direito",
        "Chegamos da praia. nao to respirando",
    ],
)
def test_i_dont_breathe_is_the_breathing_emergency(responder: Responder, text: str) -> None:
    reply = responder.respond(text)
    assert (reply.kind, reply.level) == ("escalation", "emergency")
    assert "E3_breathing_speaking" in reply.flags


@pytest.mark.parametrize(
    "text",
    [
        "ho il naso un po' chiuso ma non respiro male, posso andare in palestra?",
        "no respiro mal, solo tengo la nariz tapada, puedo hacer deporte?",
    ],
)
def test_i_dont_breathe_badly_is_no_sign(responder: Responder, text: str) -> None:
    assert responder.respond(text).kind != "escalation"
