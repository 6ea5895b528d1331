"""The webhook route: Telegram's POST, checked, bounded, kept in the inbox, then 200.

* The secret token must match (403 otherwise). Forged requests are logged at most once a
  minute, with a count, so a flood of them cannot flood the log.
* The body may not exceed ``MAX_BODY`` bytes (413): a real update is a few kilobytes, and a
  10 MB body once kept the event loop (and ``/healthz``) busy for 70 s.
* Anything but a JSON object with an integer ``update_id`` is answered 400 (``null``, ``[]``,
  a string, bad JSON), never a 500 with a traceback.
* The update is stored in the durable inbox before the 200, so an accepted update survives
  a crash; if it cannot be stored the answer is 503 and Telegram delivers it again.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from bot.errors import StorageError
from bot.serve.inbox import UpdateInbox
from bot.serve.throttle import Throttled

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
#: Far above any real update (4,096 characters of text, escaped, plus entities and a quoted
#: message), far below what could stall the server.
MAX_BODY = 1024 * 1024

Endpoint = Callable[[Request], Awaitable[Response]]


class TooLarge(Exception):
    """The body passed ``MAX_BODY``."""


async def read_bounded(request: Request, limit: int = MAX_BODY) -> bytes:
    """The request body, refused as soon as it passes ``limit`` bytes (whatever the
    Content-Length header claims)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise TooLarge
    return bytes(body)


def update_receiver(secret: str, inbox: Callable[[], UpdateInbox | None]) -> Endpoint:
    """The POST endpoint of one bot; ``inbox`` gives its inbox while the bot runs."""
    forged = Throttled(logger)
    expected = secret.encode()

    async def receive(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(errors="replace"), expected):
            forged.log("webhook requests with a wrong or missing secret rejected")
            return PlainTextResponse("forbidden", status_code=403)
        try:
            body = await read_bounded(request)
        except TooLarge:
            return PlainTextResponse("too large", status_code=413)
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):
            return PlainTextResponse("bad update", status_code=400)
        update_id = data.get("update_id") if isinstance(data, dict) else None
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            return PlainTextResponse("bad update", status_code=400)
        target = inbox()
        if target is None:
            return PlainTextResponse("starting", status_code=503)
        try:
            await target.accept([data])
        except StorageError as exc:
            logger.warning("update %s not stored (%s); Telegram will send it again", update_id,
                           type(exc).__name__)  # fmt: skip
            return PlainTextResponse("try again", status_code=503)
        return Response(status_code=200)

    return receive
