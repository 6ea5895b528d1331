"""Where the time goes: cProfile of start-up, of ``respond``, of the matcher at size, and of
the real bot process under a burst — the evidence behind the other benchmarks' figures.

Sections (each lists the functions with the most self time, and the project's own functions
with the most cumulative time):

* ``startup`` — ``load_knowledge`` + ``Responder`` build, in-process, plus the slowest
  imports of ``bot.cli`` (``python -X importtime``);
* ``respond`` — ``Responder.respond`` over every evaluation message (first pass + a warm one);
* ``matcher`` — ``Matcher.match`` at 50,000 synthetic phrasings (1,000 with ``--quick``);
* ``bot_process`` — ``python -m cProfile -m bot run`` against the fake Bot API while it
  answers a burst of messages (profile written when it shuts down);
* ``storage`` — the two writes ``on_text`` makes for every message (``touch_patient`` and
  ``record_event``) timed alone on a fresh SQLite file: wall and CPU time per message (CPU
  of all threads, so aiosqlite's worker thread counts; cProfile sees only the main thread).

    .venv/bin/python -m benchmarks.hotspots [--quick]
"""

from __future__ import annotations

import asyncio
import cProfile
import pstats
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.botapi import BenchBotApi, start_bot, stop_bot
from benchmarks.common import (
    KNOWLEDGE_DIR,
    NO_ENV_FILE,
    ROOT,
    Run,
    child_env,
    cycle_to,
    eval_texts,
    format_table,
    make_parser,
)
from benchmarks.end_to_end import burst
from benchmarks.synthetic import synthetic_faq
from bot.core.knowledge import load_knowledge
from bot.core.matching import Matcher
from bot.core.responder import Responder
from bot.storage import ANSWERED, Storage

NAME = "hotspots"
TOP = 12
PROJECT_DIR = str(ROOT / "bot")


def _rows(stats: pstats.Stats, key: str, only_project: bool) -> list[dict[str, Any]]:
    table: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    items: list[dict[str, Any]] = []
    for (filename, line, function), (_, calls, self_s, cumulative_s, _) in table.items():
        if only_project and not filename.startswith(PROJECT_DIR):
            continue
        short = filename.replace(str(ROOT) + "/", "").replace(sys.prefix + "/", "")
        for marker in ("site-packages/", "lib/python3"):
            if marker in short:
                short = short.split(marker, 1)[1]
        items.append(
            {
                "function": f"{short}:{line}({function})",
                "calls": calls,
                "self_s": round(self_s, 4),
                "cumulative_s": round(cumulative_s, 4),
            }
        )
    items.sort(key=lambda row: -float(row[key]))
    return items[:TOP]


def summarize(stats: pstats.Stats) -> dict[str, Any]:
    return {
        "total_s": round(stats.total_tt, 4),  # type: ignore[attr-defined]
        "top_self": _rows(stats, "self_s", only_project=False),
        "top_project_cumulative": _rows(stats, "cumulative_s", only_project=True),
    }


def profile(call: Callable[[], object]) -> pstats.Stats:
    profiler = cProfile.Profile()
    profiler.enable()
    call()
    profiler.disable()
    return pstats.Stats(profiler)


def slowest_imports() -> list[dict[str, Any]]:
    """``python -X importtime -c 'import bot.cli'``: modules by cumulative import time."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import bot.cli"],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    rows: list[tuple[float, str]] = []
    for line in done.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[0].strip().isdigit():
            rows.append((int(parts[1]) / 1e6, parts[2].strip()))
    rows.sort(reverse=True)
    return [{"module": module, "cumulative_s": round(s, 4)} for s, module in rows[:TOP]]


async def profile_bot_process(texts: Sequence[str], profile_path: Path, log_path: Path) -> int:
    command = [
        sys.executable,
        "-m",
        "cProfile",
        "-o",
        str(profile_path),
        "-m",
        "bot",
        "--env-file",
        NO_ENV_FILE,
        "run",
    ]
    with log_path.open("wb") as log:
        async with BenchBotApi() as fake:
            bot = await start_bot("aftercare_bot (profiled)", command, fake, log, log_path)
            try:
                measured = await burst(fake, bot, texts)
            finally:
                await stop_bot(bot, fake, grace=30.0)
    return int(measured["replied"])


async def storage_writes(folder: Path, count: int) -> dict[str, float]:
    """Per message: the patient upsert and the statistics event, each its own transaction."""
    storage = await Storage.open(f"sqlite:///{folder / 'bench.db'}")
    try:
        for user in range(20):  # warm-up: connection, statement cache
            await storage.touch_patient(
                "bench", user, chat_id=user, first_name="Pat", language=None, now=datetime.now(UTC)
            )
        cpu, start = time.process_time(), time.perf_counter_ns()
        for user in range(1_000, 1_000 + count):
            now = datetime.now(UTC)
            await storage.touch_patient(
                "bench", user, chat_id=user, first_name="Pat", language=None, now=now
            )
            await storage.record_event("bench", user, ANSWERED, topic="t", score=90.0, now=now)
        wall_ms = (time.perf_counter_ns() - start) / 1e6 / count
        cpu_ms = 1000 * (time.process_time() - cpu) / count
    finally:
        await storage.close()
    return {
        "messages": count,
        "wall_ms_per_msg": round(wall_ms, 3),
        "cpu_ms_per_msg": round(cpu_ms, 3),
    }


def print_section(title: str, section: dict[str, Any]) -> None:
    print(f"\n-- {title}: {section['total_s']:.2f} s profiled")
    print(
        format_table(
            ["most self time", "calls", "self s", "cum s"],
            [
                [r["function"][-70:], r["calls"], r["self_s"], r["cumulative_s"]]
                for r in section["top_self"]
            ],
        )
    )
    print()
    print(
        format_table(
            ["bot/ functions, most cumulative time", "calls", "self s", "cum s"],
            [
                [r["function"][-70:], r["calls"], r["self_s"], r["cumulative_s"]]
                for r in section["top_project_cumulative"]
            ],
        )
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser(NAME, __doc__.split("\n\n")[0])
    args = parser.parse_args(argv)
    run = Run(NAME, args.quick, args.out)
    run.header("Hotspots: start-up, respond(), the matcher, the bot process, storage writes")
    texts = eval_texts(100 if args.quick else None)
    results: dict[str, Any] = {}

    holder: dict[str, Any] = {}
    startup = profile(lambda: holder.setdefault("r", Responder(load_knowledge(KNOWLEDGE_DIR))))
    results["startup"] = {**summarize(startup), "slowest_imports": slowest_imports()}
    print_section("start-up (load_knowledge + Responder)", results["startup"])
    print()
    print(
        format_table(
            ["slowest imports under `import bot.cli`", "cum s"],
            [[r["module"], r["cumulative_s"]] for r in results["startup"]["slowest_imports"]],
        )
    )

    responder = Responder(load_knowledge(KNOWLEDGE_DIR))
    results["respond"] = summarize(
        profile(lambda: [responder.respond(text) for text in [*texts, *texts]])
    )
    print_section(f"respond() x {2 * len(texts)} messages", results["respond"])

    size = 1_000 if args.quick else 50_000
    matcher = Matcher(synthetic_faq(responder.knowledge.faq, size).entries)
    for text in texts:  # warm the typo cache, as the latency benchmark does
        matcher.match(text)
    results["matcher"] = summarize(profile(lambda: [matcher.match(text) for text in texts]))
    print_section(f"Matcher.match at {size:,} phrasings x {len(texts)}", results["matcher"])

    count = 100 if args.quick else 2_000
    with tempfile.TemporaryDirectory() as scratch:
        profile_path = Path(scratch) / "bot.prof"
        replied = asyncio.run(
            profile_bot_process(cycle_to(texts, count), profile_path, Path(scratch) / "bot.log")
        )
        if profile_path.exists():
            results["bot_process"] = {
                **summarize(pstats.Stats(str(profile_path))),
                "messages_answered": replied,
            }
            print_section(
                f"bot process, burst of {count:,} (under cProfile)", results["bot_process"]
            )
        else:
            results["bot_process"] = {"error": "the profiled bot wrote no profile"}

    writes = 50 if args.quick else 1_000
    with tempfile.TemporaryDirectory() as scratch:
        results["storage"] = asyncio.run(storage_writes(Path(scratch), writes))
    print(
        f"\n-- storage, alone: touch_patient + record_event per message on SQLite: "
        f"{results['storage']['wall_ms_per_msg']:.2f} ms wall, "
        f"{results['storage']['cpu_ms_per_msg']:.2f} ms CPU per message ({writes:,} messages)"
    )

    parameters = {
        "messages": len(texts),
        "matcher_size": size,
        "bot_burst": count,
        "storage_messages": writes,
        "top": TOP,
    }
    run.finish(parameters, results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
