"""The responder orders the work (triage, small talk, FAQ, fallback) and signs every reply."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.core.responder import Responder

POINTER = "Example Aesthetics Clinic"
PHONE = "020 7946 0000"
OPEN = datetime(2026, 11, 23, 11, tzinfo=UTC)  # a Monday morning in London
CLARIFY_CANDIDATES = (
    "face tight",
    "bumps and bruise",
    "heavy brow tight",
    "eyes puffy and sore",
    "my face",  # the shipped fused decision: too little to answer from
    "my skin",
    "the injections",
)


def a_clarifying_message(responder: Responder) -> str:
    return next(t for t in CLARIFY_CANDIDATES if responder.respond(t).kind == "clarify")


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("can I go to the gym tonight?", "answer"),
        ("<clarify>", "clarify"),
        ("what's the capital of peru", "fallback"),
        ("hello", "smalltalk"),
        ("thanks so much", "smalltalk"),
        ("ok thanks that helps", "smalltalk"),
        ("I can't swallow", "escalation"),
        ("my eyelid is drooping", "escalation"),
        ("", "fallback"),
    ],
)
def test_every_kind_of_reply_points_to_the_practitioner(
    responder: Responder, message: str, kind: str
) -> None:
    if message == "<clarify>":
        message = a_clarifying_message(responder)
    reply = responder.respond(message, now=OPEN)
    assert reply.kind == kind
    assert POINTER in reply.text and PHONE in reply.text


def test_triage_runs_before_matching(responder: Responder) -> None:
    """A message that is both an FAQ question and a red flag gets the escalation."""
    faq_only = responder.respond("when can I wear makeup again?")
    assert faq_only.kind == "answer"
    both = responder.respond("when can I wear makeup again? my tongue is swelling")
    assert both.kind == "escalation" and both.level == "emergency"


@pytest.mark.parametrize(
    "message",
    [
        "",
        "   ",
        "\u200b\u200c\u200d\ufeff",
        "😀🎉💉",
        "x" * 10_000,
        "gym " * 2_500,
        "?!?!",
        "\x00\x01 null bytes",
        "ＣＡＮ Ｉ ＤＲＩＮＫ",  # full-width letters
        "<b>can i drink</b> &amp;",
    ],
)
def test_strange_messages_get_a_sensible_reply(responder: Responder, message: str) -> None:
    reply = responder.respond(message)
    assert reply.text and POINTER in reply.text
    assert reply.kind in {"answer", "clarify", "fallback", "smalltalk", "escalation"}


def test_an_emergency_buried_in_a_very_long_message_is_found(responder: Responder) -> None:
    # 3,600 characters before the red flag: long, but within Telegram's 4,096 (anything
    # beyond that is cut before processing, see tests/core/test_bounded_work.py).
    message = "so about my appointment " * 150 + "and now I can't breathe properly " + "ok " * 150
    assert responder.respond(message).level == "emergency"


def test_the_fallback_admits_it_and_keeps_the_emergency_line(responder: Responder) -> None:
    reply = responder.respond("can you recommend a good plumber")
    assert reply.kind == "fallback"
    assert "don't have a reliable answer" in reply.text
    assert "call 999 now" in reply.text


def test_replies_never_dose_or_promise(responder: Responder) -> None:
    """Spot-check the wording rules on every FAQ answer."""
    for entry in responder.knowledge.faq:
        text = entry.answer.lower()
        assert "harmless" not in text
        assert "nothing to worry about" not in text
        assert " mg" not in text and "units of" not in text


def test_clarify_suggests_up_to_three_topics(responder: Responder) -> None:
    reply = responder.respond(a_clarifying_message(responder))
    assert 1 <= len(reply.suggestions) <= 3
    for suggestion in reply.suggestions:
        assert responder.knowledge.entry(suggestion).title in reply.text
