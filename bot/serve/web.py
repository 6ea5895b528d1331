"""The bot's own small web server pieces: ``GET /healthz``, and a uvicorn server run beside
long polling (for the dashboard) that leaves signal handling to the polling loop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import AsyncIterator, Iterator, Sequence

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from bot.errors import ConfigError
from bot.tg.app import BotApplication

logger = logging.getLogger(__name__)


def health_route(applications: Sequence[BotApplication]) -> Route:
    """``GET /healthz``: 200 while every bot runs, 503 while one is starting or stopping."""

    async def healthz(request: Request) -> Response:
        running = bool(applications) and all(app.running for app in applications)
        status = 200 if running else 503
        return JSONResponse({"status": "ok" if running else "starting"}, status_code=status)

    return Route("/healthz", healthz, methods=["GET"])


class QuietServer(uvicorn.Server):
    """uvicorn without its own SIGINT/SIGTERM handlers: the serving loop (polling or webhook)
    owns the signals and stops this server before the bots (uvicorn would re-raise a signal
    it captured, killing the process before the bots had finished)."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket, or a ConfigError naming the address (uvicorn would exit)."""
    sock: socket.socket | None = None
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        if sock is not None:
            sock.close()
        raise ConfigError(f"PORT: cannot listen on {host}:{port} ({exc})") from exc
    return sock


@contextlib.asynccontextmanager
async def web_server(
    routes: Sequence[BaseRoute], host: str, port: int
) -> AsyncIterator[uvicorn.Server]:
    """Serve ``routes`` on ``host:port`` in this event loop until the block ends."""
    sock = _listen(host, port)
    server = QuietServer(
        uvicorn.Config(Starlette(routes=list(routes)), log_level="warning", lifespan="off")
    )
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        while not server.started:
            if task.done():
                task.result()  # raises what stopped it
                raise ConfigError(f"the web server on {host}:{port} stopped at start-up")
            await asyncio.sleep(0.02)
        logger.info("web server listening on %s:%s", host, port)
        yield server
    finally:
        server.should_exit = True
        await task
        sock.close()
