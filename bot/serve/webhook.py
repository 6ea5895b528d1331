"""Webhook mode: one small ASGI app (Starlette on uvicorn) in front of the bot Applications.

python-telegram-bot's built-in webhook server cannot serve a health check or several bots,
so we follow its documented custom-webhook pattern: check the secret token on every request
and hand the update on; here to the durable inbox (``bot.serve.receive``), which keeps it
before the 200. ``GET /healthz`` is for the hosting platform.

SIGTERM and Ctrl-C are ours, not uvicorn's (uvicorn re-raises a captured signal when it
stops, which killed the process before the bots had finished): the server stops taking
requests and finishes those in flight, then every bot finishes what it accepted within
``SHUTDOWN_GRACE_SECONDS`` (the rest stays in the inbox), and the process exits 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import signal
from collections.abc import Sequence
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.routing import BaseRoute, Route

from bot.config import Settings
from bot.core.responder import Responder
from bot.errors import ConfigError
from bot.serve.dashboard import dashboard_routes, dashboard_settings
from bot.serve.lifecycle import ClinicBot, inbox_of, running
from bot.serve.receive import SECRET_HEADER, Endpoint, update_receiver
from bot.serve.web import QuietServer, health_route
from bot.tg.app import HANDLED_UPDATES, BotApplication, build_application

logger = logging.getLogger(__name__)

__all__ = ["SECRET_HEADER", "WebhookTarget", "build_web_app", "serve_webhook", "serve_webhooks"]


@dataclass(frozen=True, slots=True)
class WebhookTarget:
    """One bot behind the server: its own secret path and secret token."""

    name: str
    application: BotApplication
    secret: str

    @property
    def path(self) -> str:
        """A path nobody can guess without the secret, different for every bot."""
        digest = hashlib.sha256(f"{self.name}:{self.secret}".encode()).hexdigest()[:32]
        return f"/telegram/{digest}"


def build_web_app(
    targets: Sequence[WebhookTarget], extra_routes: Sequence[BaseRoute] = ()
) -> Starlette:
    """The ASGI app: one POST route per bot, ``GET /healthz``, and ``extra_routes`` (the
    dashboard, when it is switched on)."""

    def receiver(target: WebhookTarget) -> Endpoint:
        return update_receiver(target.secret, lambda: inbox_of(target.application))

    routes: list[BaseRoute] = [health_route([t.application for t in targets])]
    routes += [Route(t.path, receiver(t), methods=["POST"]) for t in targets]
    return Starlette(routes=[*routes, *extra_routes])


async def serve_webhook(
    settings: Settings, responder: Responder, stop: asyncio.Event | None = None
) -> None:
    """Webhook mode for one clinic; see ``serve_webhooks``."""
    await serve_webhooks([ClinicBot(settings.clinic_id, settings, responder)], settings, stop)


async def serve_webhooks(
    bots: Sequence[ClinicBot],
    server_settings: Settings,
    stop: asyncio.Event | None = None,
) -> None:
    """Webhook mode behind uvicorn, one secret path per bot; returns after a graceful stop.

    SIGTERM or Ctrl-C (or ``stop``, from code) stop the server, then the bots.
    """
    import uvicorn  # imported here: polling deployments never need the web server

    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)

    if not server_settings.webhook_url:
        raise ConfigError("WEBHOOK_URL is required in webhook mode (the public https address)")
    if server_settings.webhook_secret is None:
        raise ConfigError("WEBHOOK_SECRET is required in webhook mode")
    secret = server_settings.webhook_secret.get_secret_value()
    targets = [
        WebhookTarget(bot.name, build_application(bot.settings, bot.responder), secret)
        for bot in bots
    ]
    dashboard = (
        dashboard_routes(
            {t.name: t.application for t in targets}, dashboard_settings(server_settings)
        )
        if server_settings.dashboard
        else []
    )
    server = QuietServer(  # leaves SIGTERM to the handlers above
        uvicorn.Config(
            build_web_app(targets, dashboard),
            host=server_settings.webhook_listen,
            port=server_settings.port,
            log_level="warning",
            lifespan="off",
        )
    )
    async with contextlib.AsyncExitStack() as stack:
        started = 0
        for target in targets:
            try:
                application = await stack.enter_async_context(running(target.application))
                await application.bot.set_webhook(
                    url=f"{server_settings.webhook_url}{target.path}",
                    secret_token=target.secret,
                    allowed_updates=list(HANDLED_UPDATES),
                )
            except Exception:  # one clinic's failure must not take the others down
                logger.exception("bot '%s' could not start; the others carry on", target.name)
                continue
            started += 1
        if not started:
            raise ConfigError("no bot could start")
        logger.info("webhook server listening on port %s", server_settings.port)

        async def stop_when_asked() -> None:
            await stop.wait()
            server.should_exit = True

        watcher = asyncio.create_task(stop_when_asked())
        try:
            await server.serve()
        finally:
            watcher.cancel()


def run_webhook(settings: Settings, responder: Responder) -> None:
    asyncio.run(serve_webhook(settings, responder))
