"""Start and stop one bot ``Application``: the one sequence polling, webhook and tests share.

Started: storage open (post_init), the durable inbox replaying what a crash left, the staff
alert courier, and (for polling) the poller. Stopped in reverse: no new updates are taken,
what was accepted is finished within ``SHUTDOWN_GRACE_SECONDS`` (the rest stays in the inbox
for the next start), then the Application stops and storage closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta

from bot.config import Settings
from bot.core.responder import Responder
from bot.serve.inbox import UpdateInbox
from bot.serve.poller import Poller
from bot.tg.app import HANDLED_UPDATES, BotApplication
from bot.tg.courier import run_courier


@dataclass(frozen=True, slots=True)
class ClinicBot:
    """One clinic, ready to run: its name (the clinic id), settings and responder."""

    name: str
    settings: Settings
    responder: Responder


@dataclass(frozen=True, slots=True)
class Polling:
    """How to poll Telegram for updates (tests poll fast)."""

    poll_interval: float = 0.0
    timeout: timedelta = timedelta(seconds=10)


_inboxes: weakref.WeakKeyDictionary[BotApplication, UpdateInbox] = weakref.WeakKeyDictionary()


def inbox_of(application: BotApplication) -> UpdateInbox | None:
    """The inbox of a running application (the webhook route hands updates to it)."""
    return _inboxes.get(application)


@asynccontextmanager
async def running(
    application: BotApplication, polling: Polling | None = None
) -> AsyncIterator[BotApplication]:
    """Initialise, open storage (post_init), start the inbox, the courier and optionally the
    poller; undo it all on exit, finishing accepted updates first."""
    async with application:  # initialize() ... shutdown()
        if application.post_init is not None:  # run_polling() would call it here too
            await application.post_init(application)
        data = application.bot_data
        settings = data.settings
        assert settings is not None and data.storage is not None
        await application.start()
        stop = asyncio.Event()
        inbox = UpdateInbox(
            application,
            data.storage,
            lease=timedelta(seconds=settings.inbox_lease_seconds),
            concurrency=settings.inbox_concurrency,
        )
        await inbox.start()
        _inboxes[application] = inbox
        tasks = [asyncio.create_task(run_courier(data, application.bot, stop), name="courier")]
        if polling is not None:
            poller = Poller(
                application.bot,
                inbox,
                HANDLED_UPDATES,
                timeout=polling.timeout,
                poll_interval=polling.poll_interval,
            )
            await application.bot.delete_webhook()
            tasks.append(asyncio.create_task(poller.run(stop), name="poller"))
        try:
            yield application
        finally:
            stop.set()  # the poller confirms what it fetched and stops taking updates
            if polling is not None:
                await asyncio.gather(tasks[-1], return_exceptions=True)
            await inbox.stop(settings.shutdown_grace_seconds)
            _inboxes.pop(application, None)
            for task in tasks:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
            await application.stop()
            if application.post_shutdown is not None:
                await application.post_shutdown(application)
