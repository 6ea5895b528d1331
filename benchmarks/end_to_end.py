"""End to end through the real bot process and a fake Bot API, beside a bare echo bot.

Both bots run as separate real processes, long polling the fake Bot API served by this
process on 127.0.0.1, with the same settings (no outgoing rate limiter, PTB's defaults,
sequential update processing). Each message comes from a different patient (its own private
chat), so the bot's per-user flood guard never steps in, and the reply to it is the first
``sendMessage`` to that chat. Per bot and round:

1. **warm-up** — a small burst, not measured;
2. **one at a time** — push a message, wait for its reply, repeat: the latency of a message
   with nothing queued before it;
3. **burst** — push N messages at once: throughput is N over the time from the push to the
   last reply; each message's latency (push to its reply) includes its wait in the queue.

Peak RSS is the child's ``VmHWM`` after its rounds (and, for scale, when it became ready);
CPU per message is the child's user + system CPU time over the burst. A third bot,
``benchmarks.precomputed_bot`` (the real bot whose replies were computed before it started),
is driven the same way as a diagnostic: it separates the responder's cost from the rest of
the bot's. The order of the bots rotates from round to round; throughput is the median over
rounds.

    .venv/bin/python -m benchmarks.end_to_end [--quick]
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from benchmarks.botapi import (
    BenchBotApi,
    BotProcess,
    aftercare_run_command,
    echo_run_command,
    precomputed_run_command,
    start_bot,
    stop_bot,
)
from benchmarks.common import (
    Run,
    Target,
    cycle_to,
    eval_texts,
    format_table,
    make_parser,
    median,
    summarize_ns,
)

NAME = "end_to_end"
#: Issue 17: the bot with its model switched off answers >= 60 % of the echo bot's rate.
THROUGHPUT_SHARE_TARGET = 0.6
#: Issue 17: the bot's own CPU per message beyond the echo bot's (model off), in ms.
OWN_CPU_LIMIT_MS = 1.5
PEAK_RSS_LIMIT_MB = 120.0
PEAK_RSS_WITH_MODEL_LIMIT_MB = 200.0


@dataclass(frozen=True, slots=True)
class Plan:
    rounds: int
    warmup: int
    one_at_a_time: int
    burst: int


NORMAL = Plan(rounds=3, warmup=100, one_at_a_time=300, burst=3_000)
QUICK = Plan(rounds=1, warmup=20, one_at_a_time=40, burst=200)
REPLY_TIMEOUT_S = 10.0

#: name -> label; the echo bot is the baseline, the precomputed bot a diagnostic.
BOTS = {
    "echo_bot": "echo bot (baseline)",
    "aftercare_bot": "aftercare bot (model on, as shipped)",
    "aftercare_no_model": "aftercare bot, UNDERSTANDING_MODEL=false",
    "aftercare_precomputed": "aftercare bot, replies precomputed",
}
#: Settings each bot runs with beyond the common ones (``botapi.start_bot``).
BOT_ENV = {"aftercare_no_model": {"UNDERSTANDING_MODEL": "false"}}

_chat_ids = itertools.count(10_000_000)


def _updates(fake: BenchBotApi, texts: Sequence[str]) -> tuple[list[int], list[dict[str, Any]]]:
    """One new private chat per message, so every message is a different patient."""
    chats = [next(_chat_ids) for _ in texts]
    return chats, [fake.text_message(t, chat_id=c) for t, c in zip(texts, chats, strict=True)]


async def one_at_a_time(fake: BenchBotApi, texts: Sequence[str]) -> tuple[list[int], int]:
    """Latency of each message pushed only after the previous one was answered."""
    samples: list[int] = []
    missing = 0
    for text in texts:
        chats, updates = _updates(fake, [text])
        pushed = fake.push_many(updates)
        if await fake.wait_replies(chats, REPLY_TIMEOUT_S):
            samples.append(fake.replied_at[chats[0]] - pushed)
        else:
            missing += 1
    return samples, missing


async def burst(fake: BenchBotApi, bot: BotProcess, texts: Sequence[str]) -> dict[str, Any]:
    """Push every message at once; throughput from the push to the last reply."""
    chats, updates = _updates(fake, texts)
    cpu_before = bot.cpu_seconds()
    pushed = fake.push_many(updates)
    replied = await fake.wait_replies(chats, max(120.0, len(texts) / 5))
    cpu = bot.cpu_seconds() - cpu_before
    arrivals = [fake.replied_at[c] for c in chats if c in fake.replied_at]
    elapsed_s = (max(arrivals) - pushed) / 1e9 if arrivals else float("nan")
    return {
        "messages": len(texts),
        "replied": replied,
        "elapsed_s": round(elapsed_s, 3),
        "msgs_per_s": round(replied / elapsed_s, 1) if arrivals else 0.0,
        "cpu_ms_per_msg": round(1000 * cpu / replied, 3) if replied else None,
        "latencies_ns": [a - pushed for a in arrivals],
    }


async def drive(
    name: str,
    command: list[str],
    texts: dict[str, list[str]],
    log: IO[bytes],
    log_path: Path,
    env: dict[str, str] | None = None,
) -> dict[str, Any]:
    """One round for one bot: start it, warm it up, measure, read its peak RSS, stop it.
    A ``PYTHONPATH`` in ``env`` (an earlier revision) is also the child's working folder,
    since ``python -m`` looks there first."""
    cwd = Path(env["PYTHONPATH"]) if env and "PYTHONPATH" in env else None
    async with BenchBotApi() as fake:
        errors_before = _error_lines(log_path)
        bot = await start_bot(name, command, fake, log, log_path, extra_env=env, cwd=cwd)
        try:
            await burst(fake, bot, texts["warmup"])
            sequential, missing = await one_at_a_time(fake, texts["one_at_a_time"])
            measured = await burst(fake, bot, texts["burst"])
            peak_rss = bot.peak_rss_mb()
            errors = bot.error_lines() - errors_before
        finally:
            await stop_bot(bot, fake)
    return {
        "ready_s": round(bot.ready_s or 0.0, 3),
        "ready_rss_mb": bot.ready_rss_mb,
        "one_at_a_time_ns": sequential,
        "one_at_a_time_missing": missing,
        "burst": measured,
        "peak_rss_mb": peak_rss,
        "error_log_lines": errors,
        "send_message_calls": fake.send_message_calls,
    }


def _error_lines(path: Path) -> int:
    text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
    return sum(" ERROR " in line for line in text.splitlines())


def summarize_bot(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    bursts = [r["burst"] for r in rounds]
    sequential = [ns for r in rounds for ns in r["one_at_a_time_ns"]]
    queued = [ns for b in bursts for ns in b["latencies_ns"]]
    peaks = [r["peak_rss_mb"] for r in rounds if r["peak_rss_mb"] is not None]
    cpu = [b["cpu_ms_per_msg"] for b in bursts if b["cpu_ms_per_msg"] is not None]
    return {
        "ready_s": median([r["ready_s"] for r in rounds]),
        "msgs_per_s": median([b["msgs_per_s"] for b in bursts]),
        "msgs_per_s_rounds": [b["msgs_per_s"] for b in bursts],
        "one_at_a_time": summarize_ns(sequential),
        "burst_latency": summarize_ns(queued),
        "cpu_ms_per_msg": median(cpu) if cpu else None,
        "peak_rss_mb": max(peaks) if peaks else None,
        "ready_rss_mb": median([r["ready_rss_mb"] for r in rounds if r["ready_rss_mb"]]) or None,
        "replies_missing": sum(b["messages"] - b["replied"] for b in bursts)
        + sum(r["one_at_a_time_missing"] for r in rounds),
        "error_log_lines": sum(r["error_log_lines"] for r in rounds),
        "rounds": [
            {k: v for k, v in r.items() if k != "one_at_a_time_ns"}
            | {"burst": {k: v for k, v in r["burst"].items() if k != "latencies_ns"}}
            for r in rounds
        ],
    }


def cost_split(
    echo: dict[str, Any], bot: dict[str, Any], bare: dict[str, Any]
) -> dict[str, float | None]:
    """Per message: the bot's own CPU beyond the echo bot's (model off, so the rules and the
    matcher count as the bot's own), and what the model adds on top (CPU, latency p50/p99)."""

    def diff(a: float | None, b: float | None) -> float | None:
        return None if a is None or b is None else round(a - b, 3)

    one, one_bare = bot["one_at_a_time"], bare["one_at_a_time"]
    return {
        "own_cpu_ms": diff(bare["cpu_ms_per_msg"], echo["cpu_ms_per_msg"]),
        "model_cpu_ms": diff(bot["cpu_ms_per_msg"], bare["cpu_ms_per_msg"]),
        "model_p50_ms": diff(one.get("p50_ms"), one_bare.get("p50_ms")),
        "model_p99_ms": diff(one.get("p99_ms"), one_bare.get("p99_ms")),
        "model_rss_mb": diff(bot["peak_rss_mb"], bare["peak_rss_mb"]),
    }


def plan_texts(plan: Plan) -> list[dict[str, list[str]]]:
    """The messages of each round's phases, taken in turn from the evaluation messages."""
    pool = eval_texts()
    sizes = {"warmup": plan.warmup, "one_at_a_time": plan.one_at_a_time, "burst": plan.burst}
    rounds = []
    offset = 0
    for _ in range(plan.rounds):
        texts = {}
        for phase, size in sizes.items():
            texts[phase] = cycle_to(pool[offset % len(pool) :] + pool, size)
            offset += size
        rounds.append(texts)
    return rounds


async def run_all(
    rounds_texts: list[dict[str, list[str]]],
    commands: dict[str, list[str]],
    logs: dict[str, tuple[IO[bytes], Path]],
    envs: dict[str, dict[str, str]],
) -> dict[str, Any]:
    rounds: dict[str, list[dict[str, Any]]] = {name: [] for name in commands}
    names = list(commands)
    for number, texts in enumerate(rounds_texts):
        order = names[number % len(names) :] + names[: number % len(names)]
        for name in order:
            log, path = logs[name]
            rounds[name].append(await drive(name, commands[name], texts, log, path, envs.get(name)))
            print(
                f"  round {number + 1}: {name} {rounds[name][-1]['burst']['msgs_per_s']:,.0f} "
                "msgs/s",
                flush=True,
            )
    return {name: summarize_bot(r) for name, r in rounds.items()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser(NAME, __doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, help="rounds per bot (default: 3; quick 1)")
    parser.add_argument("--burst", type=int, help="messages per burst (default: 3,000)")
    parser.add_argument(
        "--before",
        type=Path,
        help="a copy of an earlier revision (git archive REV | tar -x -C DIR): its bot, model on "
        "and off, runs in the same rounds, so before and after share the machine's load",
    )
    parser.add_argument(
        "--no-precomputed", action="store_true", help="leave out the precomputed diagnostic"
    )
    args = parser.parse_args(argv)
    run = Run(NAME, args.quick, args.out)
    run.header("End to end: `python -m bot run` vs a bare PTB echo bot, fake Bot API on 127.0.0.1")
    plan = QUICK if args.quick else NORMAL
    plan = Plan(
        rounds=args.rounds or plan.rounds,
        warmup=plan.warmup,
        one_at_a_time=plan.one_at_a_time,
        burst=args.burst or plan.burst,
    )
    print(
        f"{plan.rounds} round(s) per bot: {plan.warmup} warm-up, {plan.one_at_a_time} one at a "
        f"time, a burst of {plan.burst:,}\n"
    )

    bots = dict(BOTS)
    envs = dict(BOT_ENV)
    if args.no_precomputed:
        del bots["aftercare_precomputed"]
    if args.before is not None:
        before = {"PYTHONPATH": str(args.before.resolve())}
        bots["before_bot"] = f"before ({args.before.name}), model on"
        bots["before_no_model"] = f"before ({args.before.name}), model off"
        envs["before_bot"] = before
        envs["before_no_model"] = before | BOT_ENV["aftercare_no_model"]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    paths = {name: args.out.parent / f"{NAME}-{name}.log" for name in bots}
    rounds_texts = plan_texts(plan)
    texts_path = args.out.parent / f"{NAME}-texts.txt"
    every_text = {t: None for texts in rounds_texts for phase in texts.values() for t in phase}
    texts_path.write_text("".join(f"{t}\n" for t in every_text), encoding="utf-8")
    commands = {
        "echo_bot": echo_run_command(sys.executable),
        "aftercare_bot": aftercare_run_command(sys.executable),
        "aftercare_no_model": aftercare_run_command(sys.executable),
        "aftercare_precomputed": precomputed_run_command(sys.executable, texts_path),
        "before_bot": aftercare_run_command(sys.executable),
        "before_no_model": aftercare_run_command(sys.executable),
    }
    commands = {name: commands[name] for name in bots}
    with contextlib.ExitStack() as stack:
        logs = {name: (stack.enter_context(path.open("wb")), path) for name, path in paths.items()}
        results = asyncio.run(run_all(rounds_texts, commands, logs, envs))

    echo, bot, bare = results["echo_bot"], results["aftercare_bot"], results["aftercare_no_model"]
    shares = {
        name: round(results[name]["msgs_per_s"] / echo["msgs_per_s"], 3)
        if echo["msgs_per_s"] and name in results
        else None
        for name in bots
        if name != "echo_bot"
    }
    share = shares["aftercare_bot"]
    results["throughput_share_of_echo"] = share
    results["no_model_throughput_share_of_echo"] = shares["aftercare_no_model"]
    results["precomputed_throughput_share_of_echo"] = shares.get("aftercare_precomputed")
    results["cost_split"] = cost_split(echo, bot, bare)
    if "before_bot" in results:
        results["before_throughput_share_of_echo"] = shares["before_bot"]
        results["before_no_model_throughput_share_of_echo"] = shares["before_no_model"]
        results["before_cost_split"] = cost_split(
            echo, results["before_bot"], results["before_no_model"]
        )
    rows = []
    for name, label in bots.items():
        r = results[name]
        one, queued = r["one_at_a_time"], r["burst_latency"]
        rows.append(
            [
                label,
                r["ready_s"],
                round(r["msgs_per_s"]),
                one["p50_ms"],
                one["p95_ms"],
                one["p99_ms"],
                queued["p50_ms"],
                queued["p99_ms"],
                r["cpu_ms_per_msg"],
                r["ready_rss_mb"],
                r["peak_rss_mb"],
                r["replies_missing"],
                r["error_log_lines"],
            ]
        )
    print()
    print(
        format_table(
            [
                "bot",
                "ready s",
                "msgs/s",
                "1-by-1 p50 ms",
                "p95",
                "p99",
                "burst p50 ms",
                "p99",
                "CPU ms/msg",
                "RSS at ready MB",
                "peak RSS MB",
                "missing",
                "errors",
            ],
            rows,
        )
    )
    print()
    for name, value in shares.items():
        if value is not None:
            print(f"{bots[name]}: throughput {100 * value:.1f}% of the echo bot's")
    split = results["cost_split"]
    print(
        "CPU per message: the bot's own beyond the echo bot (model off) "
        f"{split['own_cpu_ms']} ms; the model's {split['model_cpu_ms']} ms; "
        f"one-at-a-time p50/p99 the model adds {split['model_p50_ms']} / {split['model_p99_ms']} ms"
    )
    if "before_cost_split" in results:
        old = results["before_cost_split"]
        print(
            f"before: the bot's own CPU beyond the echo bot {old['own_cpu_ms']} ms; "
            f"the model's {old['model_cpu_ms']} ms"
        )
    no_model_share = shares["aftercare_no_model"]
    targets = [
        Target(
            "throughput vs echo bot, model off",
            None if no_model_share is None else round(100 * no_model_share, 1),
            100 * THROUGHPUT_SHARE_TARGET,
            "%",
            higher_is_better=True,
        ),
        Target("own CPU per message beyond echo", split["own_cpu_ms"], OWN_CPU_LIMIT_MS, "ms"),
        Target("peak RSS, model off", bare["peak_rss_mb"], PEAK_RSS_LIMIT_MB, "MB"),
        Target("peak RSS, model on", bot["peak_rss_mb"], PEAK_RSS_WITH_MODEL_LIMIT_MB, "MB"),
    ]
    parameters = {
        "rounds": plan.rounds,
        "warmup": plan.warmup,
        "one_at_a_time": plan.one_at_a_time,
        "burst": plan.burst,
        "rate_limiter": "off for both (TELEGRAM_RATE_LIMIT=0; the echo bot has none)",
        "bot_command": " ".join(aftercare_run_command("python")),
        "echo_command": " ".join(echo_run_command("python")),
        "precomputed_command": " ".join(precomputed_run_command("python", texts_path)),
        "bots": bots,
        "before": None if args.before is None else str(args.before),
        "logs": {name: str(path) for name, path in paths.items()},
    }
    run.finish(parameters, results, targets)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
