"""The fake Bot API, instrumented for timing, and the bot processes the benchmarks drive.

``BenchBotApi`` is the test suite's ``FakeBotApi`` (127.0.0.1 only) with three additions a
benchmark needs: it stamps, with ``time.perf_counter_ns``, the arrival of the first
``getUpdates`` (the child is polling: ready) and of the first ``sendMessage`` to each chat
(the reply to that chat's message); and it queues many updates at once in linear time
(``push_update`` re-sorts the queue on every call, which would stall a burst of thousands).

Each bot runs as a real child process (``python -m bot run`` or the echo bot), its output in
a log file, and is stopped after its peak RSS (``VmHWM``) has been read.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import psutil

from benchmarks.common import FAKE_TOKEN, NO_ENV_FILE, ROOT, child_env, peak_rss_mb
from tests.fakes import FakeBotApi

JSON = dict[str, Any]

#: The outgoing rate limit, off for both bots (the bot's default is Telegram's 30 per second).
RATE_LIMIT_ENV = {"TELEGRAM_RATE_LIMIT": "0"}


def aftercare_run_command(python: str) -> list[str]:
    """``python -m bot run`` exactly as a clinic starts it, minus any local ``.env``."""
    return [python, "-m", "bot", "--env-file", NO_ENV_FILE, "run"]


def echo_run_command(python: str) -> list[str]:
    return [python, "-m", "benchmarks.echo_bot"]


def precomputed_run_command(python: str, texts: Path | None = None) -> list[str]:
    extra = ["--texts", str(texts)] if texts is not None else []
    return [python, "-m", "benchmarks.precomputed_bot", *extra]


class BenchBotApi(FakeBotApi):
    """``FakeBotApi`` that timestamps polls and replies for latency measurement."""

    def __init__(self) -> None:
        super().__init__()
        self.first_poll_ns: int | None = None
        self.polling = asyncio.Event()
        #: chat id -> perf_counter_ns of the first sendMessage to it.
        self.replied_at: dict[int, int] = {}
        self.send_message_calls = 0
        self._replied = asyncio.Event()

    async def __aenter__(self) -> BenchBotApi:
        await self.start()
        return self

    def push_many(self, updates: Sequence[JSON]) -> int:
        """Queue every update at once; returns the perf_counter_ns stamp of the push."""
        for update in updates:
            self._assign_update_id(update)
            self._remember_incoming(update)
            self._pending.append(update)
        stamp = time.perf_counter_ns()
        self._notify_updates()
        return stamp

    def release_polls(self) -> None:
        """Answer any waiting long poll at once, so the child can shut down promptly."""
        self._closing = True
        self._notify_updates()

    async def wait_replies(self, chat_ids: Sequence[int], timeout: float) -> int:  # noqa: ASYNC109
        """Wait until every chat has a reply or ``timeout`` passes; returns how many replied."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            event = self._replied
            done = sum(chat in self.replied_at for chat in chat_ids)
            remaining = deadline - loop.time()
            if done == len(chat_ids) or remaining <= 0:
                return done
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(remaining):
                    await event.wait()

    async def _get_updates(self, params: dict[str, Any]) -> list[JSON]:
        if self.first_poll_ns is None:
            self.first_poll_ns = time.perf_counter_ns()
            self.polling.set()
        return await super()._get_updates(params)

    def _send_message(self, params: dict[str, Any]) -> JSON:
        result = super()._send_message(params)
        now = time.perf_counter_ns()
        self.send_message_calls += 1
        chat = params.get("chat_id")
        if isinstance(chat, int) and chat not in self.replied_at:
            self.replied_at[chat] = now
            event, self._replied = self._replied, asyncio.Event()
            event.set()
        return result


@dataclass(slots=True)
class BotProcess:
    """A bot child process polling a ``BenchBotApi``."""

    name: str
    process: asyncio.subprocess.Process
    spawned_ns: int
    log_path: Path
    log: IO[bytes]
    database: Path | None = None
    ready_s: float | None = None
    ready_rss_mb: float | None = None

    @property
    def pid(self) -> int:
        return self.process.pid

    def cpu_seconds(self) -> float:
        """User + system CPU time the child has used so far."""
        try:
            times = psutil.Process(self.pid).cpu_times()
        except psutil.Error:
            return 0.0
        return float(times.user + times.system)

    def peak_rss_mb(self) -> float | None:
        return peak_rss_mb(self.pid)

    def error_lines(self) -> int:
        """Lines logged at ERROR so far (a handler failure shows up here)."""
        self.log.flush()
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return sum(" ERROR " in line for line in text.splitlines())


async def start_bot(
    name: str,
    command: list[str],
    fake: BenchBotApi,
    log: IO[bytes],
    log_path: Path,
    timeout: float = 300.0,  # noqa: ASYNC109 - a loaded machine needs minutes
    extra_env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> BotProcess:
    """Spawn ``command`` against ``fake`` and wait for its first ``getUpdates`` (ready).

    The bot gets a fresh SQLite database beside its log, never the developer's own;
    ``extra_env`` adds or replaces settings (``UNDERSTANDING_MODEL=false``, a kept database);
    ``cwd`` (default: this checkout) is where ``python -m bot`` finds the package first.
    """
    database = log_path.with_name(f"{log_path.stem}-{time.time_ns()}.db")
    settings = {
        "TELEGRAM_BOT_TOKEN": FAKE_TOKEN,
        "TELEGRAM_API_BASE_URL": fake.base_url,
        "DATABASE_URL": f"sqlite:///{database}",
        **RATE_LIMIT_ENV,
    }
    env = child_env(**(settings | (extra_env or {})))  # extra_env may name its own database
    spawned = time.perf_counter_ns()
    process = await asyncio.create_subprocess_exec(
        *command, cwd=cwd or ROOT, env=env, stdin=asyncio.subprocess.DEVNULL, stdout=log, stderr=log
    )
    bot = BotProcess(name, process, spawned, log_path, log, database=database)
    waiter = asyncio.ensure_future(fake.polling.wait())
    exited = asyncio.ensure_future(process.wait())
    await asyncio.wait({waiter, exited}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    waiter.cancel()
    exited.cancel()
    if fake.first_poll_ns is None:
        await stop_bot(bot, fake)
        raise RuntimeError(
            f"{name} did not start polling within {timeout:g} s:\n{_log_tail(log_path)}"
        )
    bot.ready_s = (fake.first_poll_ns - spawned) / 1e9
    bot.ready_rss_mb = bot.peak_rss_mb()
    return bot


def _log_tail(path: Path, size: int = 800) -> str:
    return path.read_text(encoding="utf-8", errors="replace")[-size:]


async def stop_bot(bot: BotProcess, fake: BenchBotApi, grace: float = 10.0) -> int | None:
    """SIGTERM (PTB shuts down cleanly), then SIGKILL after ``grace`` seconds."""
    fake.release_polls()
    if bot.process.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            bot.process.send_signal(signal.SIGTERM)
        try:
            async with asyncio.timeout(grace):
                await bot.process.wait()
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                bot.process.kill()
            await bot.process.wait()
    if bot.database is not None:
        for leftover in bot.database.parent.glob(f"{bot.database.name}*"):  # -wal, -shm too
            leftover.unlink(missing_ok=True)
    return bot.process.returncode
