"""Log lines that may repeat without end (forged requests, a poll that keeps failing, poison
updates) at most once a minute, each saying how many were held back; the log stays bounded
whatever the traffic."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable


class Throttled:
    """``log(message, *args)`` writes at most once per ``every`` seconds.

    The first occurrence is always written; later ones within the period are counted and the
    count is appended to the next line written (``... (37 more like this)``).
    """

    def __init__(
        self,
        logger: logging.Logger,
        level: int = logging.WARNING,
        *,
        every: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._logger = logger
        self._level = level
        self._every = every
        self._clock = clock
        self._last: float | None = None
        self._held_back = 0

    def log(self, message: str, *args: object) -> bool:
        """Write the line if the period allows; True when it was written."""
        now = self._clock()
        if self._last is not None and now - self._last < self._every:
            self._held_back += 1
            return False
        if self._held_back:
            message = f"{message} ({self._held_back} more like this since the last one)"
        self._logger.log(self._level, message, *args)
        self._last = now
        self._held_back = 0
        return True
