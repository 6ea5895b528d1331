"""Flood control warns once per window and lets normal conversation through."""

from __future__ import annotations

from bot.core.flood import FloodGuard


def test_normal_pace_is_never_limited() -> None:
    guard = FloodGuard(max_messages=3, window_seconds=10)
    assert [guard.check(1, t * 5.0) for t in range(20)] == ["ok"] * 20


def test_a_burst_gets_one_warning_then_quiet_then_recovers() -> None:
    guard = FloodGuard(max_messages=3, window_seconds=10)
    verdicts = [guard.check(1, 100 + i * 0.01) for i in range(8)]
    assert verdicts == ["ok", "ok", "ok", "warn", "quiet", "quiet", "quiet", "quiet"]
    assert guard.check(1, 200) == "ok"


def test_users_are_counted_separately() -> None:
    guard = FloodGuard(max_messages=2, window_seconds=10)
    assert [guard.check(1, 0), guard.check(1, 0), guard.check(1, 0)] == ["ok", "ok", "warn"]
    assert guard.check(2, 0) == "ok"
