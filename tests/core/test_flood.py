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


def test_no_more_users_are_remembered_than_the_bound() -> None:
    """12,000 new users within one window (none has gone quiet yet, so expiry frees nothing):
    the guard holds its bound, and a flooder still writing is the one it keeps."""
    guard = FloodGuard(max_messages=2, window_seconds=10, max_users=1_000)
    assert [guard.check(7, 0.0) for _ in range(3)] == ["ok", "ok", "warn"]
    for user in range(100_000, 112_000):
        guard.check(user, 1.0)
        if user % 500 == 0:
            assert guard.check(7, 1.0) == "quiet"  # still counted: recently seen
        assert len(guard) <= 1_000
    assert len(guard) == 1_000
    assert guard.check(100_000, 1.0) == "ok"  # long evicted: a new count
