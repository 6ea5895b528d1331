"""The queue of one process's SQLite writers: one at a time, a reply's journal write first.

SQLite lets one writer in at a time; ``bot.storage.engine.write_transaction`` queues a
process's writers here rather than letting them sleep on the busy timeout. A plain FIFO
lock put a reply's journal write (the note the reply's body waits for, and the removal of
its "unconfirmed" mark once the body is written) behind every write already waiting: in
webhook mode one durable (FSYNC) receive per POST. While the mark waits, a kill makes the
next start send that reply again (marked "possible repeat"), and in SIGKILL rounds on
SQLite a replay's resend, waiting again behind the next start's receives, was resent at
four to six restarts in a row (``benchmarks/RELIABILITY.md``, session 9). So a waiter
asking to go ``first`` is handed the lock before every ordinary waiter; the writer holding
it is never interrupted. Journal writes are few (one or two per reply) and short, so the
others are delayed, never starved.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class WriterQueue:
    """An asyncio lock whose waiters are served in two classes: ``first``, then the rest,
    each in arrival order."""

    def __init__(self) -> None:
        self._held = False
        self._first: deque[asyncio.Future[None]] = deque()
        self._rest: deque[asyncio.Future[None]] = deque()

    @property
    def waiting(self) -> int:
        """How many writers wait for their turn (cancelled ones may still be counted)."""
        return len(self._first) + len(self._rest)

    @asynccontextmanager
    async def turn(self, *, first: bool = False) -> AsyncIterator[None]:
        """Hold the lock for the ``async with`` block; ``first`` goes ahead of the others."""
        if self._held or self._first or self._rest:
            handed = asyncio.get_running_loop().create_future()
            (self._first if first else self._rest).append(handed)
            try:
                await handed
            except asyncio.CancelledError:
                if handed.done() and not handed.cancelled():
                    self._hand_on()  # the turn came just as we were cancelled: pass it on
                raise
        else:
            self._held = True
        try:
            yield
        finally:
            self._hand_on()

    def _hand_on(self) -> None:
        """Give the lock to the next live waiter (``first`` ones before the rest), or free it."""
        for waiting in (self._first, self._rest):
            while waiting:
                handed = waiting.popleft()
                if not handed.done():
                    handed.set_result(None)
                    return  # still held: by the waiter just woken
        self._held = False
