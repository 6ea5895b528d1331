"""Assertions shared by the per-language triage grammar tests: a denied, asked or figurative
symptom does not escalate; the same words in a report escalate at least at their level."""

from __future__ import annotations

from bot.core.responder import Responder


def assert_not_escalated(responder: Responder, text: str) -> None:
    result = responder.assess(text)
    assert not result.escalates, (text, result.flag_ids)


def assert_escalated(responder: Responder, language: str, text: str, level: str) -> None:
    result = responder.assess(text)
    allowed = {"emergency"} if level == "emergency" else {"urgent", "emergency"}
    assert result.level in allowed, (language, text, result.level)
