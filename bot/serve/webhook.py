"""Webhook mode: one small ASGI app (Starlette on uvicorn) in front of the bot Applications.

python-telegram-bot's built-in webhook server cannot serve a health check or several bots,
so we follow its documented custom-webhook pattern: check the secret token on every request,
turn the JSON into an ``Update`` and put it on the Application's queue. ``GET /healthz`` is
for the hosting platform. uvicorn handles SIGTERM: it stops accepting requests, lets those
in flight finish, and then every Application processes what is already queued before exit.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route
from telegram import Update

from bot.config import Settings
from bot.core.responder import Responder
from bot.errors import ConfigError
from bot.serve.dashboard import dashboard_routes, dashboard_settings
from bot.serve.lifecycle import ClinicBot, running
from bot.serve.web import health_route
from bot.tg.app import BotApplication, build_application

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


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

    def receiver(target: WebhookTarget):  # type: ignore[no-untyped-def]
        async def receive(request: Request) -> Response:
            given = request.headers.get(SECRET_HEADER, "")
            if not hmac.compare_digest(given.encode(), target.secret.encode()):
                logger.warning("webhook request with a wrong or missing secret rejected")
                return PlainTextResponse("forbidden", status_code=403)
            try:
                data = await request.json()
                update = Update.de_json(data, target.application.bot)
            except (json.JSONDecodeError, ValueError, TypeError, KeyError):
                return PlainTextResponse("bad update", status_code=400)
            if update is None:
                return PlainTextResponse("bad update", status_code=400)
            await target.application.update_queue.put(update)
            return Response(status_code=200)

        return receive

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

    uvicorn stops on SIGTERM or Ctrl-C; ``stop``, when given, does the same from code.
    """
    import uvicorn  # imported here: polling deployments never need the web server

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
    server = uvicorn.Server(
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
                    allowed_updates=Update.ALL_TYPES,
                )
            except Exception:  # one clinic's failure must not take the others down
                logger.exception("bot '%s' could not start; the others carry on", target.name)
                continue
            started += 1
        if not started:
            raise ConfigError("no bot could start")
        logger.info("webhook server listening on port %s", server_settings.port)

        async def stop_when_asked() -> None:
            if stop is not None:
                await stop.wait()
                server.should_exit = True

        watcher = asyncio.create_task(stop_when_asked())
        try:
            await server.serve()
        finally:
            watcher.cancel()


def run_webhook(settings: Settings, responder: Responder) -> None:
    asyncio.run(serve_webhook(settings, responder))
