"""Soak: many messages at a steady rate through the real bot; memory at the start and the end.

``python -m bot run`` long polls the fake Bot API (``benchmarks.botapi``), as in
``end_to_end``, with a fresh SQLite file. After a warm-up, messages are pushed at a fixed
rate (each from a new private chat, so the database and python-telegram-bot's per-chat
state grow as they would with real patients), and the bot's resident memory is sampled as it
goes. At the end the script waits for every reply. Printed: replies missing (the target is
none), RSS at the start of the paced phase and at its end, the peak (``VmHWM``), how far
replies fell behind (latency from push to reply, p50 / p99 / max) and CPU per message.

    .venv/bin/python -m benchmarks.soak [--quick] [--messages 20000] [--rate 100] [--no-model]
    .venv/bin/python -m benchmarks.soak --closed [--messages 12000]

``--closed`` measures memory per distinct user where the machine cannot keep the rate: the
messages go in batches of ``BATCH``, each pushed only once the last is answered (no backlog
ever held, whatever the load), and the RSS is read again after ``IDLE_S`` of quiet and one
more message (the per-user state of users quiet that long is forgotten: ``bot.core.flood``).

Issue 17's targets: no lost reply; RSS at the end within noise of the start (here: grows by
less than 10 % of the start, or 10 MB, whichever is more). The machine's other load can
slow the bot below the rate; then a backlog builds (the latency columns grow, not the
missing count) and the updates it holds count in its memory: the RSS target is only
meaningful when the bot keeps up (``--rate`` below its throughput).
"""

from __future__ import annotations

import asyncio
import itertools
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

from benchmarks.botapi import BenchBotApi, BotProcess, aftercare_run_command, start_bot, stop_bot
from benchmarks.common import (
    Run,
    Target,
    cycle_to,
    eval_texts,
    format_table,
    make_parser,
    summarize_ns,
)

NAME = "soak"
#: RSS growth allowed from the start of the paced phase to its end: the larger of the two.
GROWTH_SHARE = 0.10
GROWTH_FLOOR_MB = 10.0
SAMPLE_EVERY_S = 2.0
TICK_S = 0.01
WARMUP = 200

_chat_ids = itertools.count(30_000_000)


@dataclass(frozen=True, slots=True)
class Plan:
    messages: int
    rate: float


NORMAL = Plan(messages=20_000, rate=100.0)
QUICK = Plan(messages=400, rate=100.0)


def rss_mb(pid: int) -> float | None:
    """Current resident memory of a live process, in MiB."""
    try:
        return round(float(psutil.Process(pid).memory_info().rss) / 2**20, 1)
    except psutil.Error:
        return None


async def paced(
    fake: BenchBotApi, bot: BotProcess, texts: Sequence[str], rate: float
) -> dict[str, Any]:
    """Push ``texts`` at ``rate`` per second (in 10 ms ticks), sampling RSS; wait for replies."""
    chats = [next(_chat_ids) for _ in texts]
    pushed_at: dict[int, int] = {}
    samples: list[tuple[float, float]] = []
    loop = asyncio.get_running_loop()
    start = loop.time()
    next_sample = start
    sent = 0
    cpu_before = bot.cpu_seconds()
    while sent < len(texts):
        now = loop.time()
        due = min(len(texts), int((now - start) * rate) + 1)
        if due > sent:
            batch = range(sent, due)
            stamp = fake.push_many([fake.text_message(texts[i], chat_id=chats[i]) for i in batch])
            pushed_at.update((chats[i], stamp) for i in batch)
            sent = due
        if now >= next_sample:
            value = rss_mb(bot.pid)
            if value is not None:
                samples.append((round(now - start, 1), value))
            next_sample += SAMPLE_EVERY_S
        await asyncio.sleep(TICK_S)
    push_s = loop.time() - start

    async def sample_while_draining() -> None:
        while True:
            await asyncio.sleep(SAMPLE_EVERY_S)
            value = rss_mb(bot.pid)
            if value is not None:
                samples.append((round(loop.time() - start, 1), value))

    sampler = asyncio.ensure_future(sample_while_draining())
    try:
        replied = await fake.wait_replies(chats, max(120.0, len(texts) / 20))
    finally:
        sampler.cancel()
    drained_s = loop.time() - start
    cpu = bot.cpu_seconds() - cpu_before
    end_rss = rss_mb(bot.pid)
    if end_rss is not None:
        samples.append((round(drained_s, 1), end_rss))
    latencies = [fake.replied_at[c] - pushed_at[c] for c in chats if c in fake.replied_at]
    return _figures(len(texts), replied, push_s, drained_s, cpu, latencies, samples)


def _figures(
    messages: int,
    replied: int,
    push_s: float,
    drained_s: float,
    cpu: float,
    latencies: Sequence[int],
    samples: list[tuple[float, float]],
) -> dict[str, Any]:
    return {
        "messages": messages,
        "replied": replied,
        "missing": messages - replied,
        "push_s": round(push_s, 1),
        "drained_s": round(drained_s, 1),
        "achieved_rate": round(messages / push_s, 1) if push_s else None,
        "cpu_ms_per_msg": round(1000 * cpu / replied, 3) if replied else None,
        "latency": summarize_ns(latencies),
        "rss_samples_mb": samples,
    }


BATCH = 50
#: Longer than the flood guard's window (10 s): every user of the run is then idle.
IDLE_S = 12.0


async def closed_loop(
    fake: BenchBotApi, bot: BotProcess, texts: Sequence[str], rate: float
) -> dict[str, Any]:
    """Push ``texts`` ``BATCH`` at a time, each batch once the one before is answered, each
    from a new chat; sample RSS after each batch, and after ``IDLE_S`` of quiet."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    samples: list[tuple[float, float]] = []
    cpu_before = bot.cpu_seconds()
    replied = 0
    for first in range(0, len(texts), BATCH):
        batch = texts[first : first + BATCH]
        chats = [next(_chat_ids) for _ in batch]
        fake.push_many([fake.text_message(t, chat_id=c) for t, c in zip(batch, chats, strict=True)])
        replied += await fake.wait_replies(chats, 120.0)
        value = rss_mb(bot.pid)
        if value is not None and (first // BATCH) % 20 == 0:
            samples.append((round(loop.time() - start, 1), value))
    drained_s = loop.time() - start
    cpu = bot.cpu_seconds() - cpu_before
    end_rss = rss_mb(bot.pid)
    await asyncio.sleep(IDLE_S)
    last = next(_chat_ids)
    fake.push_many([fake.text_message(texts[0], chat_id=last)])
    await fake.wait_replies([last], 60.0)
    if end_rss is not None:
        samples.append((round(drained_s, 1), end_rss))
    figures = _figures(len(texts), replied, drained_s, drained_s, cpu, [], samples)
    return figures | {"rss_after_idle_mb": rss_mb(bot.pid)}


async def soak(
    plan: Plan,
    texts: list[str],
    log_path: Path,
    extra_env: dict[str, str],
    closed: bool = False,
) -> dict[str, Any]:
    with log_path.open("wb") as log:
        async with BenchBotApi() as fake:
            bot = await start_bot(
                NAME,
                aftercare_run_command(sys.executable),
                fake,
                log,
                log_path,
                extra_env=extra_env,
            )
            try:
                warm_chats = [next(_chat_ids) for _ in range(WARMUP)]
                fake.push_many(
                    [
                        fake.text_message(t, chat_id=c)
                        for t, c in zip(texts, warm_chats, strict=False)
                    ]
                )
                await fake.wait_replies(warm_chats, 120.0)
                start_rss = rss_mb(bot.pid)
                run = closed_loop if closed else paced
                result = await run(fake, bot, cycle_to(texts, plan.messages), plan.rate)
                result["rss_start_mb"] = start_rss
                result["rss_end_mb"] = (
                    result["rss_samples_mb"][-1][1] if result["rss_samples_mb"] else None
                )
                result["peak_rss_mb"] = bot.peak_rss_mb()
                result["ready_rss_mb"] = bot.ready_rss_mb
                result["error_log_lines"] = bot.error_lines()
            finally:
                await stop_bot(bot, fake, grace=30.0)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser(NAME, __doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, help="messages in the paced phase (20,000)")
    parser.add_argument("--rate", type=float, help="messages per second (100)")
    parser.add_argument(
        "--no-model", action="store_true", help="run the bot with UNDERSTANDING_MODEL=false"
    )
    parser.add_argument(
        "--closed",
        action="store_true",
        help=f"batches of {BATCH}, each once the last is answered (memory per user)",
    )
    args = parser.parse_args(argv)
    run = Run(NAME, args.quick, args.out)
    run.header("Soak: `python -m bot run` fed at a steady rate, fake Bot API on 127.0.0.1")
    base = QUICK if args.quick else NORMAL
    plan = Plan(messages=args.messages or base.messages, rate=args.rate or base.rate)
    extra_env = {"UNDERSTANDING_MODEL": "false"} if args.no_model else {}
    print(f"{WARMUP} warm-up, then {plan.messages:,} messages at {plan.rate:g}/s\n", flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    log_path = args.out.parent / f"{NAME}.log"
    started = time.perf_counter()
    result = asyncio.run(soak(plan, eval_texts(), log_path, extra_env, args.closed))
    start, end = result["rss_start_mb"], result["rss_end_mb"]
    growth = None if start is None or end is None else round(end - start, 1)
    result["rss_growth_mb"] = growth
    if growth is not None:
        idle = result.get("rss_after_idle_mb")
        print(
            f"RSS growth over {plan.messages:,} distinct users: {growth} MB "
            f"({growth * 2**20 / plan.messages:.0f} bytes per user); "
            f"after {IDLE_S:g} s idle: {idle} MB\n",
            flush=True,
        )
    allowed = max(GROWTH_FLOOR_MB, GROWTH_SHARE * (start or 0.0))
    latency = result["latency"]
    print(
        format_table(
            [
                "messages",
                "missing",
                "rate /s",
                "drained s",
                "latency p50 ms",
                "p99",
                "max",
                "CPU ms/msg",
                "RSS start MB",
                "RSS end MB",
                "peak RSS MB",
                "errors",
            ],
            [
                [
                    result["messages"],
                    result["missing"],
                    result["achieved_rate"],
                    result["drained_s"],
                    latency["p50_ms"],
                    latency["p99_ms"],
                    latency["max_ms"],
                    result["cpu_ms_per_msg"],
                    start,
                    end,
                    result["peak_rss_mb"],
                    result["error_log_lines"],
                ]
            ],
        )
    )
    targets = [
        Target("replies missing", result["missing"], 1, "messages"),
        Target("RSS growth, start to end", growth, allowed, "MB"),
    ]
    parameters = {
        "warmup": WARMUP,
        "messages": plan.messages,
        "rate": plan.rate,
        "model": not args.no_model,
        "bot_command": " ".join(aftercare_run_command("python")),
        "log": str(log_path),
        "wall_s": round(time.perf_counter() - started, 1),
    }
    run.finish(parameters, result, targets)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
