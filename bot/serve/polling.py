"""Long polling for one clinic or several, in one event loop, until SIGTERM, Ctrl-C or ``stop``."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Sequence

from bot.config import Settings
from bot.core.responder import Responder
from bot.errors import ConfigError
from bot.serve.lifecycle import ClinicBot, Polling, running
from bot.tg.app import build_application

logger = logging.getLogger(__name__)


async def serve_polling(bots: Sequence[ClinicBot], stop: asyncio.Event | None = None) -> None:
    """Poll for every bot; one clinic's failure to start does not take the others down."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    async with contextlib.AsyncExitStack() as stack:
        started = 0
        for bot in bots:
            application = build_application(bot.settings, bot.responder)
            try:
                await stack.enter_async_context(running(application, Polling()))
            except Exception:  # one clinic's bad token must not take the others down
                logger.exception("clinic '%s' could not start; the others carry on", bot.name)
                continue
            logger.info("clinic '%s' is running", bot.name)
            started += 1
        if not started:
            raise ConfigError("no clinic could start")
        await stop.wait()


def run_polling(settings: Settings, responder: Responder) -> None:
    """Long polling for one clinic until Ctrl-C or SIGTERM; received updates are finished first."""
    logger.info("starting long polling")
    asyncio.run(serve_polling([ClinicBot(settings.clinic_id, settings, responder)]))
