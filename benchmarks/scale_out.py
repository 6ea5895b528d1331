"""Scale out: one webhook worker vs two behind one address, on one PostgreSQL database.

Each worker is ``python -m bot run --webhook`` on its own port (the same token, secret and
``DATABASE_URL``); this process plays Telegram (the fake Bot API of ``benchmarks.botapi``)
and the load balancer: every update is POSTed to the workers in turn, up to 40 at a time
(Telegram's default ``max_connections``), and posted again until one answers 200. Per
configuration, on a fresh database:

1. **one at a time** — an update, then wait for its reply: latency p50 / p99;
2. **burst** — N updates at once: throughput from the first POST to the last reply;
3. **checks** — replies per chat (every message comes from a new chat, so each chat gets
   exactly one reply; more is a message answered twice), staff alerts queued vs alert
   messages sent to the staff chat (an alert sent twice shows here), updates in the inbox
   finished vs received;
4. **database work per message** — PostgreSQL's own counters (``pg_stat_database``) over the
   burst: transactions committed and rows written per message.

    eval "$(scripts/test-postgres)"
    .venv/bin/python -m benchmarks.scale_out [--quick] [--burst 2000] [--database-url URL]

The server URL comes from ``--database-url`` or ``TEST_DATABASE_URL``; each configuration
gets a new database on that server, dropped afterwards. Without a server the script says so
and writes no figures.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import itertools
import os
import signal
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import aiohttp
import asyncpg

from benchmarks.botapi import BenchBotApi
from benchmarks.common import (
    FAKE_TOKEN,
    NO_ENV_FILE,
    ROOT,
    Run,
    Target,
    child_env,
    cycle_to,
    eval_texts,
    format_table,
    make_parser,
    peak_rss_mb,
    summarize_ns,
)
from bot.storage.engine import parse_database_url

NAME = "scale_out"
SECRET = "bench-secret-bench-secret"
STAFF_CHAT = -1_009_000_000
CONNECTIONS = 40
_chat_ids = itertools.count(50_000_000)


def webhook_path(clinic: str = "default") -> str:
    """The secret path ``bot.serve.webhook.WebhookTarget`` serves a clinic's updates on."""
    return "/telegram/" + hashlib.sha256(f"{clinic}:{SECRET}".encode()).hexdigest()[:32]


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _dsn(url: str) -> str:
    return parse_database_url(url).set(drivername="postgresql").render_as_string(False)


async def create_database(server: str) -> str:
    name = f"aftercare_bench_{uuid.uuid4().hex[:10]}"
    connection = await asyncpg.connect(_dsn(server))
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    return (
        parse_database_url(server)
        .set(drivername="postgresql", database=name)
        .render_as_string(False)
    )


async def drop_database(server: str, url: str) -> None:
    name = parse_database_url(url).database
    connection = await asyncpg.connect(_dsn(server))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


async def db_counters(url: str) -> dict[str, int]:
    """PostgreSQL's counters for this database (fresh snapshot)."""
    connection = await asyncpg.connect(_dsn(url))
    try:
        row = await connection.fetchrow(
            "SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted,"
            " tup_fetched FROM pg_stat_database WHERE datname = current_database()"
        )
    finally:
        await connection.close()
    return {key: int(value) for key, value in dict(row or {}).items()}


async def db_checks(url: str) -> dict[str, int]:
    connection = await asyncpg.connect(_dsn(url))
    try:
        inbox = await connection.fetch("SELECT status, count(*) AS n FROM inbox GROUP BY status")
        alerts = await connection.fetchval("SELECT count(*) FROM staff_alerts")
    finally:
        await connection.close()
    return {f"inbox_{row['status']}": int(row["n"]) for row in inbox} | {"alerts": int(alerts)}


class Worker:
    """One ``bot run --webhook`` process on its own port."""

    def __init__(self, index: int, fake: BenchBotApi, database_url: str, folder: Path) -> None:
        self.port = _free_port()
        self.log_path = folder / f"{NAME}-worker{index}.log"
        self.env = child_env(
            TELEGRAM_BOT_TOKEN=FAKE_TOKEN,
            TELEGRAM_API_BASE_URL=fake.base_url,
            TELEGRAM_RATE_LIMIT="0",
            DATABASE_URL=database_url,
            WEBHOOK_URL=f"http://127.0.0.1:{self.port}",
            WEBHOOK_SECRET=SECRET,
            WEBHOOK_LISTEN="127.0.0.1",
            PORT=str(self.port),
            STAFF_CHAT_ID=str(STAFF_CHAT),
        )
        self.process: asyncio.subprocess.Process | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{webhook_path()}"

    async def start(self) -> None:
        with self.log_path.open("wb") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "--env-file", NO_ENV_FILE, "run", "--webhook",
                cwd=ROOT, env=self.env, stdin=asyncio.subprocess.DEVNULL, stdout=log, stderr=log,
            )  # fmt: skip

    async def ready(self, session: aiohttp.ClientSession, timeout: float = 180.0) -> None:  # noqa: ASYNC109
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.returncode is not None:
                raise RuntimeError(self.log_path.read_text(errors="replace")[-1500:])
            with contextlib.suppress(aiohttp.ClientError, TimeoutError, OSError):
                async with session.get(f"http://127.0.0.1:{self.port}/healthz") as response:
                    if response.status == 200:
                        return
            await asyncio.sleep(0.2)
        raise RuntimeError(f"worker not ready in {timeout:.0f} s")

    async def stop(self) -> None:
        if self.process is None or self.process.returncode is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(self.process.wait(), 40)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()

    def cpu_seconds(self) -> float:
        import psutil

        assert self.process is not None
        try:
            times = psutil.Process(self.process.pid).cpu_times()
        except psutil.Error:
            return 0.0
        return float(times.user + times.system)


class Balancer:
    """Telegram plus a round-robin load balancer: POST until 200, ``CONNECTIONS`` at a time."""

    def __init__(self, fake: BenchBotApi, workers: Sequence[Worker], session: Any) -> None:
        self.fake = fake
        self.urls = itertools.cycle([w.url for w in workers])
        self.session = session
        self.gate = asyncio.Semaphore(CONNECTIONS)
        self.retries = 0

    async def deliver(self, update: dict[str, Any]) -> None:
        async with self.gate:
            while True:
                with contextlib.suppress(aiohttp.ClientError, TimeoutError, OSError):
                    async with self.session.post(
                        next(self.urls),
                        json=update,
                        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
                    ) as response:
                        if response.status == 200:
                            return
                self.retries += 1
                await asyncio.sleep(0.1)

    def update(self, text: str, chat: int) -> dict[str, Any]:
        update = self.fake.text_message(text, chat_id=chat)
        self.fake._assign_update_id(update)
        self.fake._remember_incoming(update)
        return update


def _sends_per_chat(fake: BenchBotApi) -> Counter[int]:
    return Counter(
        int(call.params["chat_id"])
        for call in fake.calls_to("sendMessage")
        if str(call.params.get("chat_id", "")).lstrip("-").isdigit()
    )


async def configuration(
    workers_count: int, server: str, texts: dict[str, list[str]], folder: Path
) -> dict[str, Any]:
    url = await create_database(server)
    try:
        async with (
            BenchBotApi() as fake,
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as session,
        ):
            workers = [Worker(i, fake, url, folder) for i in range(workers_count)]
            for worker in workers:  # one after the other: the first one migrates
                await worker.start()
                await worker.ready(session)
            balancer = Balancer(fake, workers, session)
            try:
                warm = [next(_chat_ids) for _ in texts["warmup"]]
                await asyncio.gather(
                    *(
                        balancer.deliver(balancer.update(t, c))
                        for t, c in zip(texts["warmup"], warm, strict=True)
                    )
                )
                await fake.wait_replies(warm, 120)
                one: list[int] = []
                for text in texts["one_at_a_time"]:
                    chat = next(_chat_ids)
                    start = time.perf_counter_ns()
                    await balancer.deliver(balancer.update(text, chat))
                    if await fake.wait_replies([chat], 30):
                        one.append(fake.replied_at[chat] - start)
                await asyncio.sleep(1.5)  # let the backends flush their statistics
                before = await db_counters(url)
                cpu_before = sum(w.cpu_seconds() for w in workers)
                chats = [next(_chat_ids) for _ in texts["burst"]]
                start = time.perf_counter_ns()
                await asyncio.gather(
                    *(
                        balancer.deliver(balancer.update(t, c))
                        for t, c in zip(texts["burst"], chats, strict=True)
                    )
                )
                replied = await fake.wait_replies(chats, max(120.0, len(chats) / 5))
                arrivals = [fake.replied_at[c] for c in chats if c in fake.replied_at]
                elapsed = (max(arrivals) - start) / 1e9 if arrivals else float("nan")
                cpu = sum(w.cpu_seconds() for w in workers) - cpu_before
                await asyncio.sleep(3.0)  # stragglers (a second reply would land now) and stats
                after = await db_counters(url)
                peaks = [peak_rss_mb(w.process.pid) for w in workers if w.process is not None]
            finally:
                for worker in workers:
                    await worker.stop()
            sends = _sends_per_chat(fake)
            patient_chats = [*warm, *chats]
            checks = await db_checks(url)
        n = len(chats)
        delta = {k: after[k] - before[k] for k in after}
        return {
            "workers": workers_count,
            "burst": n,
            "replied": replied,
            "msgs_per_s": round(replied / elapsed, 1) if arrivals else 0.0,
            "cpu_ms_per_msg": round(1000 * cpu / replied, 2) if replied else None,
            "one_at_a_time": summarize_ns(one),
            "burst_latency": summarize_ns([a - start for a in arrivals]),
            "chats_answered_twice": sum(1 for c in patient_chats if sends[c] > 1),
            "alerts_queued": checks["alerts"],
            "alert_messages_sent": sends[STAFF_CHAT],
            "inbox": {k: v for k, v in checks.items() if k.startswith("inbox_")},
            "transactions_per_msg": round((delta["xact_commit"] + delta["xact_rollback"]) / n, 2),
            "rows_written_per_msg": round(
                (delta["tup_inserted"] + delta["tup_updated"] + delta["tup_deleted"]) / n, 2
            ),
            "rows_fetched_per_msg": round(delta["tup_fetched"] / n, 2),
            "post_retries": balancer.retries,
            "peak_rss_mb": peaks,
        }
    finally:
        await drop_database(server, url)


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser(NAME, __doc__.split("\n\n")[0])
    parser.add_argument("--burst", type=int, help="messages in the burst (default 2,000)")
    parser.add_argument("--database-url", help="a PostgreSQL server (default TEST_DATABASE_URL)")
    args = parser.parse_args(argv)
    run = Run(NAME, args.quick, args.out)
    run.header("Scale out: 1 vs 2 webhook workers on one PostgreSQL database")
    server = args.database_url or os.environ.get("TEST_DATABASE_URL", "").strip()
    if not server:
        print('No PostgreSQL: pass --database-url or eval "$(scripts/test-postgres)" first.')
        run.finish({"skipped": "no PostgreSQL server"}, {"skipped": True})
        return 0
    burst = args.burst or (150 if args.quick else 2_000)
    pool = eval_texts()
    texts = {
        "warmup": cycle_to(pool, 20 if args.quick else 100),
        "one_at_a_time": cycle_to(pool[100:], 20 if args.quick else 200),
        "burst": cycle_to(pool[300:], burst),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {}
    for count in (1, 2):
        results[f"workers_{count}"] = asyncio.run(
            configuration(count, server, texts, args.out.parent)
        )
        print(
            f"  {count} worker(s): {results[f'workers_{count}']['msgs_per_s']} msgs/s", flush=True
        )
    columns: dict[str, Callable[[dict[str, Any]], Any]] = {
        "workers": lambda r: r["workers"],
        "msgs/s": lambda r: r["msgs_per_s"],
        "1-by-1 p50 ms": lambda r: r["one_at_a_time"]["p50_ms"],
        "p99": lambda r: r["one_at_a_time"]["p99_ms"],
        "burst p99 ms": lambda r: r["burst_latency"]["p99_ms"],
        "CPU ms/msg": lambda r: r["cpu_ms_per_msg"],
        "db transactions/msg": lambda r: r["transactions_per_msg"],
        "rows written/msg": lambda r: r["rows_written_per_msg"],
        "answered twice": lambda r: r["chats_answered_twice"],
        "alerts queued": lambda r: r["alerts_queued"],
        "alert msgs sent": lambda r: r["alert_messages_sent"],
        "missing": lambda r: r["burst"] - r["replied"],
        "peak RSS MB": lambda r: r["peak_rss_mb"],
    }
    print()
    print(
        format_table(
            list(columns), [[get(r) for get in columns.values()] for r in results.values()]
        )
    )
    one, two = results["workers_1"], results["workers_2"]
    results["speed_up"] = (
        round(two["msgs_per_s"] / one["msgs_per_s"], 2) if one["msgs_per_s"] else None
    )
    twice = one["chats_answered_twice"] + two["chats_answered_twice"]
    alerts_extra = sum(max(0, r["alert_messages_sent"] - r["alerts_queued"]) for r in (one, two))
    targets = [
        Target("messages answered twice", twice, 1, "chats"),
        Target("alerts sent twice", alerts_extra, 1, "alerts"),
    ]
    parameters = {
        "burst": burst,
        "connections": CONNECTIONS,
        "phases": {k: len(v) for k, v in texts.items()},
    }
    run.finish(parameters, results, targets)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
