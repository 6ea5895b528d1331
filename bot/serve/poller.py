"""Long polling that confirms an update to Telegram only after the inbox has kept it.

python-telegram-bot's ``Updater`` turns the JSON into ``Update`` objects inside
``get_updates`` and moves its offset as soon as they are queued in memory. That loses
updates on a crash, and one update it cannot parse makes it retry the same batch forever
(logging the patient's words at CRITICAL each time). This poller asks the Bot API for the
raw JSON (``HTTPXRequest.do_request``, python-telegram-bot's public transport), hands it to
the inbox, which stores it before anything else, and only then moves the offset. Parsing
happens later, per update, where a bad one can be set aside alone.

Failures back off (1 s doubling to 30 s, or Telegram's ``retry_after``) and are logged as one
line, at most once a minute.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Sequence
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from telegram import Bot
from telegram.error import TelegramError
from telegram.request import HTTPXRequest

from bot.serve.inbox import UpdateInbox
from bot.serve.throttle import Throttled

logger = logging.getLogger(__name__)

MAX_BACKOFF = 30.0


class PollError(Exception):
    """getUpdates did not answer with updates; ``retry_after`` when Telegram asked to wait."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class Poller:
    """``run(stop)`` polls until ``stop`` is set, then confirms what the inbox kept."""

    def __init__(
        self,
        bot: Bot,
        inbox: UpdateInbox,
        allowed_updates: Sequence[str],
        *,
        timeout: timedelta = timedelta(seconds=10),
        poll_interval: float = 0.0,
    ) -> None:
        self._bot = bot
        self._inbox = inbox
        self._allowed = json.dumps(list(allowed_updates))
        seconds = max(0.0, timeout.total_seconds())
        # Telegram wants whole seconds; a fraction (tests poll fast) is passed as it is.
        self._timeout: float = int(seconds) if seconds.is_integer() else seconds
        self._interval = poll_interval
        self._offset: int | None = None
        self._confirmed: int | None = None
        self._request = HTTPXRequest(connection_pool_size=2, read_timeout=self._timeout + 10.0)
        self._errors = Throttled(logger)

    async def run(self, stop: asyncio.Event) -> None:
        await self._request.initialize()
        try:
            await self._loop(stop)
        finally:
            await self._confirm()
            await self._request.shutdown()

    async def _loop(self, stop: asyncio.Event) -> None:
        backoff = 1.0
        wait: float = 0  # the first call returns at once: what waited while the bot was down
        while not stop.is_set():
            if self._inbox.full:
                await _sleep_unless(stop, 0.5)  # the inbox catches up first
                continue
            fetch = asyncio.ensure_future(self._fetch(wait))
            wait = self._timeout
            stopping = asyncio.ensure_future(stop.wait())
            await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
            stopping.cancel()
            if not fetch.done():
                fetch.cancel()  # unconfirmed updates come back on the next start
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await fetch
                return
            try:
                updates = fetch.result()
                await self._inbox.accept(updates)
            except PollError as error:
                wait = error.retry_after if error.retry_after is not None else backoff
                self._errors.log("getUpdates failed (%s); retrying in %.0fs", error, wait)
                backoff = min(backoff * 2, MAX_BACKOFF)
                await _sleep_unless(stop, wait)
                continue
            except Exception as error:  # a network fault, a database fault, anything else
                self._errors.log(
                    "getUpdates failed (%s); retrying in %.0fs", type(error).__name__, backoff
                )
                await _sleep_unless(stop, backoff)
                backoff = min(backoff * 2, MAX_BACKOFF)
                continue
            backoff = 1.0
            ids = [u["update_id"] for u in updates if isinstance(u.get("update_id"), int)]
            if ids:
                self._offset = max(ids) + 1  # kept in the inbox: now Telegram may forget them
            if self._interval:
                await _sleep_unless(stop, self._interval)

    async def _fetch(self, wait_seconds: float) -> list[dict[str, Any]]:
        """One getUpdates call; the raw update objects, or ``PollError``."""
        params: dict[str, Any] = {"timeout": wait_seconds, "allowed_updates": self._allowed}
        if self._offset is not None:
            params["offset"] = self._offset
        status, body = await self._request.do_request(
            f"{self._bot.base_url}/getUpdates?{urlencode(params)}",
            "GET",
            read_timeout=wait_seconds + 10.0,
            write_timeout=10.0,
            connect_timeout=10.0,
            pool_timeout=10.0,
        )
        try:
            answer = json.loads(body)
        except ValueError:
            raise PollError(f"HTTP {status}, not JSON") from None
        if not isinstance(answer, dict):
            raise PollError(f"HTTP {status}, not a JSON object")
        result = answer.get("result")
        if status == 200 and answer.get("ok") is True and isinstance(result, list):
            self._confirmed = self._offset
            return [update for update in result if isinstance(update, dict)]
        parameters = answer.get("parameters")
        retry_after = parameters.get("retry_after") if isinstance(parameters, dict) else None
        description = str(answer.get("description", ""))[:120]
        raise PollError(
            f"HTTP {status} {description}".strip(),
            float(retry_after) if isinstance(retry_after, int | float) else None,
        )

    async def _confirm(self) -> None:
        """Tell Telegram the last batch was received (the inbox has it), so the next start
        does not download it again; harmless if it fails (the inbox drops repeats)."""
        if self._offset is None or self._offset == self._confirmed:
            return
        with contextlib.suppress(PollError, TelegramError, TimeoutError):
            async with asyncio.timeout(3):
                await self._fetch(0)


async def _sleep_unless(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(seconds):
            await stop.wait()
