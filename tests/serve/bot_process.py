"""The real ``aftercare-bot run`` as a child process against the fake Bot API, for tests that
kill it, stop it and restart it; and a stand-in for Telegram's webhook delivery.

``BotProcess`` keeps one database and one port across restarts (a deployment restarting),
and every run's stderr in its own file. ``WebhookDelivery`` does what Telegram does in
webhook mode: it POSTs each update until the bot answers 200, several at a time, and tries
again after a refused connection or an error status.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
import time
from collections import deque
from pathlib import Path
from typing import Any, Literal

import aiohttp

from tests.fakes import FakeBotApi
from tests.telegram_harness import ROOT, TOKEN

SECRET = "s3cret-s3cret-s3cret"
Mode = Literal["polling", "webhook"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class BotProcess:
    """One deployment of the bot: start, wait until ready, kill or stop, start again."""

    def __init__(
        self, fake: FakeBotApi, folder: Path, mode: Mode, *, module: str = "bot", **env: str
    ) -> None:
        """``module`` is what ``python -m`` runs (a test's wrapper around the bot)."""
        self.fake = fake
        self.module = module
        self.folder = folder
        self.mode = mode
        self.port = free_port()
        self.env = {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": fake.base_url,
            "TELEGRAM_RATE_LIMIT": "0",
            "DATABASE_URL": f"sqlite:///{folder}/bot.db",
            "LOG_LEVEL": "INFO",
            **env,
        }
        if mode == "webhook":
            self.env |= {
                "WEBHOOK_URL": f"http://127.0.0.1:{self.port}",
                "WEBHOOK_SECRET": SECRET,
                "WEBHOOK_LISTEN": "127.0.0.1",
                "PORT": str(self.port),
            }
        self.process: asyncio.subprocess.Process | None = None
        self.runs = 0
        self.logs: list[Path] = []

    async def start(self) -> None:
        self.runs += 1
        log = self.folder / f"run-{self.runs}.log"
        self.logs.append(log)
        environment = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
        args = ["-m", self.module, "--env-file", "/dev/null", "run"]
        if self.mode == "webhook":
            args.append("--webhook")
        with log.open("wb") as stderr:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                *args,
                cwd=ROOT,
                env={**environment, **self.env},
                stdout=asyncio.subprocess.DEVNULL,
                stderr=stderr,
            )

    async def ready(self, timeout: float = 120.0) -> None:  # noqa: ASYNC109 - a deadline
        """Until the bot takes updates: polling, its first getUpdates; webhook, /healthz 200."""
        deadline = time.monotonic() + timeout
        if self.mode == "polling":
            seen = len(self.fake.calls_to("getUpdates"))
            try:
                await self.fake.wait_for("getUpdates", count=seen + 1, timeout=timeout)
            except AssertionError:
                raise AssertionError(f"the bot never polled\n{self.tail()}") from None
            return
        url = f"http://127.0.0.1:{self.port}/healthz"
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=2)) as session:
            while time.monotonic() < deadline:
                assert self.process is not None and self.process.returncode is None, self.tail()
                with contextlib.suppress(aiohttp.ClientError, TimeoutError):
                    async with session.get(url) as response:
                        if response.status == 200:
                            return
                await asyncio.sleep(0.1)
        raise AssertionError(f"the bot was not ready within {timeout:.0f}s\n{self.tail()}")

    def kill(self) -> float:
        """SIGKILL now; returns the moment (``time.monotonic``)."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        return time.monotonic()

    async def wait(self, timeout: float = 60.0) -> int:  # noqa: ASYNC109 - a deadline
        assert self.process is not None
        return await asyncio.wait_for(self.process.wait(), timeout)

    async def stop(self, timeout: float = 60.0) -> int:  # noqa: ASYNC109 - a deadline
        """SIGTERM and the exit code."""
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        return await self.wait(timeout)

    async def close(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.kill()
            await self.process.wait()

    def log_bytes(self) -> int:
        return sum(log.stat().st_size for log in self.logs if log.exists())

    def log_text(self) -> str:
        return "".join(log.read_text(errors="replace") for log in self.logs if log.exists())

    def tail(self, lines: int = 30) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])


class WebhookDelivery:
    """Telegram's side of webhook mode: every update POSTed until it is answered 200."""

    def __init__(self, bot: BotProcess, connections: int = 40) -> None:
        self.bot = bot
        self.connections = connections
        self.pending: deque[dict[str, Any]] = deque()
        self.accepted: list[int] = []
        self.in_flight = 0
        self._workers: list[asyncio.Task[None]] = []
        self._session: aiohttp.ClientSession | None = None
        self._wake = asyncio.Event()

    async def __aenter__(self) -> WebhookDelivery:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        self._workers = [asyncio.create_task(self._work()) for _ in range(self.connections)]
        return self

    async def __aexit__(self, *exc: object) -> None:
        for worker in self._workers:
            worker.cancel()
        await asyncio.gather(*self._workers, return_exceptions=True)
        if self._session is not None:
            await self._session.close()

    def push(self, update: dict[str, Any]) -> int:
        """Queue an update (given an id like the fake gives polled ones)."""
        update_id = self.bot.fake._assign_update_id(update)  # one id sequence, as Telegram
        self.bot.fake._remember_incoming(update)
        self.pending.append(update)
        self._wake.set()
        return update_id

    async def all_accepted(self, timeout: float = 60.0) -> None:  # noqa: ASYNC109 - a deadline
        deadline = time.monotonic() + timeout
        while self.pending or self.in_flight:
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(self.pending)} updates never accepted")
            await asyncio.sleep(0.05)

    async def _work(self) -> None:
        assert self._session is not None
        while True:
            if not self.pending:
                self._wake.clear()
                await self._wake.wait()
                continue
            update = self.pending.popleft()
            self.in_flight += 1
            try:
                status = await self._post(update)
            finally:
                self.in_flight -= 1
            if status == 200:
                self.accepted.append(int(update["update_id"]))
            else:
                self.pending.append(update)  # Telegram tries again a little later
                await asyncio.sleep(0.2)

    async def _post(self, update: dict[str, Any]) -> int:
        assert self._session is not None
        webhook = self.bot.fake.webhook
        if not webhook:
            return 0
        with contextlib.suppress(aiohttp.ClientError, TimeoutError, OSError):
            async with self._session.post(
                str(webhook["url"]),
                json=update,
                headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
            ) as response:
                return response.status
        return 0
