"""Everyday English readings of red-flag words (issue 12), in our own wordings: a number that
counts time is no count of images, getting in touch is no way of speaking, prevention asks
about what has not happened, an everyday cause explains an itch or a watery eye, and a
patient who claims the symptom they just asked about reports it."""

from __future__ import annotations

import pytest

from bot.core.responder import Responder


@pytest.mark.parametrize(
    "text",
    [
        "had my jaw done 3 weeks ago, when do i see it get narrower",
        "when will i see the change, it was two days ago",
        "had 20 units, when should i see the effect",
        "who should i talk to about a funny feeling in my forehead",
        "can i chat with someone about my results",
        "how do i avoid getting an infection",
        "best way to prevent bruising before a wedding",
        "pollen making my eyes itch and stream every spring, ok to take my antihistamine",
        "my dog makes me itchy, will that matter after tox",
    ],
)
def test_everyday_readings_do_not_escalate(responder: Responder, text: str) -> None:
    assert responder.triage.assess(text).level is None


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("seeing two of everything since friday", "urgent"),
        ("i cant talk properly, words are slurred", "emergency"),
        ("itchy rash spreading on my neck since the injections", "urgent"),
        ("hayfever as usual but now my throat is closing up", "emergency"),
        ("itchy rash everywhere, and i dont have hayfever", "urgent"),
        ("can botox give you a droopy eyelid? mine started this morning", "urgent"),
        ("what does double vision feel like, i think i have that now", "urgent"),
    ],
)
def test_the_same_words_still_report(responder: Responder, text: str, level: str) -> None:
    assert responder.triage.assess(text).level == level


@pytest.mark.parametrize(
    "text",
    [
        "so i cant go to spin till friday?",
        "my sister says i cant go on the sunbed for a fortnight",
        "cant go on holiday for 2 weeks after, is that right",
        "the tingling keeps going on and off, normal?",
    ],
)
def test_cant_go_somewhere_is_no_crisis(responder: Responder, text: str) -> None:
    assert responder.triage.assess(text).level is None


@pytest.mark.parametrize(
    "text",
    [
        "i really cant carry on like this",
        "honestly i cant go on anymore",
        "i cant keep going with this face",
        "i just cant go on",
    ],
)
def test_not_going_on_is_a_crisis(responder: Responder, text: str) -> None:
    assert responder.triage.assess(text).level == "emergency"
