"""A message without a word (a stray letter, leaked markup or a template's placeholders) falls
back instead of getting the nearest FAQ entry; one-letter words beside real words still count."""

from __future__ import annotations

import pytest

from bot.core.responder import Responder
from bot.core.wordless import holds_a_word


@pytest.mark.parametrize("text", ["b", "p", "<b>x</b> {0} %s", "q?", "{1} %d ?", "a b c 4 5"])
def test_a_message_without_a_word_falls_back(responder: Responder, text: str) -> None:
    assert not holds_a_word(text)
    reply = responder.respond(text)
    assert reply.kind == "fallback", (text, reply.kind, reply.topic)


@pytest.mark.parametrize(
    "text",
    ["derf i a Bier nach dem Botox", "is a b12 jab ok after tox", "ok", "ça va", "мне плохо"],
)
def test_short_words_and_other_scripts_are_words(text: str) -> None:
    assert holds_a_word(text)


def test_a_one_letter_word_beside_real_words_is_still_answered(responder: Responder) -> None:
    reply = responder.respond("derf i a Bier nach dem Botox?")
    assert (reply.kind, reply.topic) == ("answer", "alcohol")
