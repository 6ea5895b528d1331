"""Long polling for one clinic or several, in one event loop, until SIGTERM, Ctrl-C or ``stop``;
with the dashboard switched on, its web server runs beside the polling in the same loop."""

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


async def serve_polling(
    bots: Sequence[ClinicBot],
    stop: asyncio.Event | None = None,
    *,
    settings: Settings | None = None,
) -> None:
    """Poll for every bot; one clinic's failure to start does not take the others down.

    With ``DASHBOARD=true`` (in ``settings``, default the first bot's) a small web server
    at ``WEBHOOK_LISTEN:PORT`` serves ``/healthz`` and every clinic's dashboard.
    """
    stop = stop or asyncio.Event()
    server_settings = settings or bots[0].settings
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    applications = {bot.name: build_application(bot.settings, bot.responder) for bot in bots}
    dashboard = []
    if server_settings.dashboard:
        # Only now: the web server, Starlette and Jinja cost start-up time and memory that a
        # polling bot without the dashboard never needs (issue 17).
        from bot.serve.dashboard import dashboard_routes, dashboard_settings

        dashboard = dashboard_routes(applications, dashboard_settings(server_settings))
    async with contextlib.AsyncExitStack() as stack:
        started = []
        for bot in bots:
            application = applications[bot.name]
            try:
                await stack.enter_async_context(running(application, Polling()))
            except Exception:  # one clinic's bad token must not take the others down
                logger.exception("clinic '%s' could not start; the others carry on", bot.name)
                continue
            logger.info("clinic '%s' is running", bot.name)
            started.append(application)
        if not started:
            raise ConfigError("no clinic could start")
        if dashboard:
            from bot.serve.web import health_route, web_server

            await stack.enter_async_context(
                web_server(
                    [health_route(started), *dashboard],
                    server_settings.webhook_listen,
                    server_settings.port,
                )
            )
        await stop.wait()


def run_polling(settings: Settings, responder: Responder) -> None:
    """Long polling for one clinic until Ctrl-C or SIGTERM; received updates are finished first."""
    logger.info("starting long polling")
    asyncio.run(
        serve_polling([ClinicBot(settings.clinic_id, settings, responder)], settings=settings)
    )
