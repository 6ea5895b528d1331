"""Per-user flood control: a sliding window of recent messages, with the clock passed in.

A patient typing dozens of messages a second gets one polite slow-down reply per window
instead of dozens of answers. The handler still triages every message, so a red flag inside
a flood is answered all the same.

It is the bot's one piece of per-user state in process memory, so it is bounded twice: users
quiet for a window are forgotten (expiry), and never more than ``max_users`` are remembered
(the least recently seen goes first), however many write within one window (issue 16).
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
    #: Users remembered at most; a dict keeps them least recently seen first.
    max_users: int = 10_000
    _seen: dict[int, deque[float]] = field(default_factory=dict)
    _warned_at: dict[int, float] = field(default_factory=dict)
    _swept_at: float = 0.0

    def __len__(self) -> int:
        """How many users are remembered (those who wrote within the last window or so)."""
        return len(self._seen)

    def check(self, user_id: int, now: float) -> Verdict:
        if now - self._swept_at > self.window_seconds:
            self._forget_idle(now)
        recent = self._seen.pop(user_id, None)  # re-inserted last: the most recently seen
        if recent is None:
            recent = deque()
            while len(self._seen) >= self.max_users:
                oldest = next(iter(self._seen))
                del self._seen[oldest]
                self._warned_at.pop(oldest, None)
        self._seen[user_id] = recent
        while recent and now - recent[0] > self.window_seconds:
            recent.popleft()
        recent.append(now)
        if len(recent) <= self.max_messages:
            return "ok"
        warned = self._warned_at.get(user_id)
        if warned is not None and now - warned <= self.window_seconds:
            return "quiet"
        self._warned_at[user_id] = now
        return "warn"

    def _forget_idle(self, now: float) -> None:
        """Drop users quiet for a whole window: they hold no recent message and no warning,
        so forgetting them changes no verdict. Once per window, so memory follows the users
        active in the last window or two, however many wrote over the bot's lifetime."""
        self._swept_at = now
        idle = [u for u, q in self._seen.items() if not q or now - q[-1] > self.window_seconds]
        for user_id in idle:
            del self._seen[user_id]
            self._warned_at.pop(user_id, None)
