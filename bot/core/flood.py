"""Per-user flood control: a sliding window of recent messages, with the clock passed in.

A patient typing dozens of messages a second gets one polite slow-down reply per window
instead of dozens of answers. The handler still triages every message, so a red flag inside
a flood is answered all the same.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Literal

Verdict = Literal["ok", "warn", "quiet"]


@dataclass(slots=True)
class FloodGuard:
    """``check(user, now)`` says whether to answer, warn once, or stay quiet."""

    max_messages: int = 8
    window_seconds: float = 10.0
    _seen: dict[int, deque[float]] = field(default_factory=dict)
    _warned_at: dict[int, float] = field(default_factory=dict)

    def check(self, user_id: int, now: float) -> Verdict:
        recent = self._seen.setdefault(user_id, deque())
        while recent and now - recent[0] > self.window_seconds:
            recent.popleft()
        recent.append(now)
        if len(recent) <= self.max_messages:
            return "ok"
        warned = self._warned_at.get(user_id)
        if warned is not None and now - warned <= self.window_seconds:
            return "quiet"
        self._warned_at[user_id] = now
        self._forget_idle(now)
        return "warn"

    def _forget_idle(self, now: float) -> None:
        """Drop users who have been quiet for a while, so memory stays bounded."""
        if len(self._seen) < 10_000:
            return
        for user_id in [u for u, q in self._seen.items() if not q or now - q[-1] > 60]:
            self._seen.pop(user_id, None)
            self._warned_at.pop(user_id, None)
