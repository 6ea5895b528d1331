"""Webhook mode: one small ASGI app (Starlette on uvicorn) in front of the bot Applications.

python-telegram-bot's built-in webhook server cannot serve a health check or several bots,
so we follow its documented custom-webhook pattern: check the secret token on every request,
turn the JSON into an ``Update`` and put it on the Application's queue. ``GET /healthz`` is
for the hosting platform. uvicorn handles SIGTERM: it stops accepting requests, lets those
in flight finish, and then every Application processes what is already queued before exit.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from telegram import Update

from bot.tg.app import BotApplication

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


def build_web_app(targets: Sequence[WebhookTarget]) -> Starlette:
    """The ASGI app: one POST route per bot, and ``GET /healthz``."""

    async def healthz(request: Request) -> Response:
        running = all(target.application.running for target in targets)
        status = 200 if running else 503
        return JSONResponse({"status": "ok" if running else "starting"}, status_code=status)

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

    routes = [Route("/healthz", healthz, methods=["GET"])]
    routes += [Route(t.path, receiver(t), methods=["POST"]) for t in targets]
    return Starlette(routes=routes)
