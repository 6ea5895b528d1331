"""Start and stop one bot ``Application``: the one sequence polling, webhook and tests share."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta

from telegram import Update

from bot.config import Settings
from bot.core.responder import Responder
from bot.tg.app import BotApplication


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


@asynccontextmanager
async def running(
    application: BotApplication, polling: Polling | None = None
) -> AsyncIterator[BotApplication]:
    """Initialise, open storage (post_init), start, and optionally poll; undo it all on exit.

    On exit updates already received are processed before the Application stops.
    """
    async with application:  # initialize() ... shutdown()
        if application.post_init is not None:  # run_polling() would call it here too
            await application.post_init(application)
        await application.start()
        if polling is not None:
            assert application.updater is not None
            await application.updater.start_polling(
                poll_interval=polling.poll_interval,
                timeout=polling.timeout,
                allowed_updates=Update.ALL_TYPES,
            )
        try:
            yield application
        finally:
            if polling is not None and application.updater is not None:
                await application.updater.stop()
            await application.stop()
            if application.post_shutdown is not None:
                await application.post_shutdown(application)
