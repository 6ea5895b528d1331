"""Assertions shared by the per-language triage grammar tests: a denied, asked or figurative
symptom does not escalate; the same words in a report escalate at least at their level."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from bot.core.responder import Responder


def assert_not_escalated(responder: Responder, text: str) -> None:
    result = responder.assess(text)
    assert not result.escalates, (text, result.flag_ids)


def assert_escalated(responder: Responder, language: str, text: str, level: str) -> None:
    result = responder.assess(text)
    allowed = {"emergency"} if level == "emergency" else {"urgent", "emergency"}
    assert result.level in allowed, (language, text, result.level)


def grammar_deck_tests(
    not_escalated: Sequence[str], escalated: Sequence[tuple[str, str, str]]
) -> tuple[Callable[..., None], Callable[..., None]]:
    """The two tests of a grammar deck (``test_triage_grammar_*.py``) over its own lists; the
    module binds them to its own test names, so each deck reports under its file."""

    @pytest.mark.parametrize("text", not_escalated)
    def denied_asked_or_figurative(responder: Responder, text: str) -> None:
        assert_not_escalated(responder, text)

    @pytest.mark.parametrize(("language", "text", "level"), escalated)
    def reported_in_the_same_words(
        responder: Responder, language: str, text: str, level: str
    ) -> None:
        assert_escalated(responder, language, text, level)

    return denied_asked_or_figurative, reported_in_the_same_words
