"""Start-up time: from process start to ready, beside bare-interpreter baselines.

* processes, each timed from spawn to exit: ``python -c pass``, ``python -c "import
  telegram"`` and ``python -c "import telegram.ext"`` (baselines), then ``python -m bot
  check``, which loads and validates the knowledge as start-up does and exits;
* ``python -m bot run`` from spawn to its first ``getUpdates`` at the fake Bot API (ready to
  answer: knowledge loaded and validated, application built, commands registered), beside
  the bare echo bot measured the same way;
* in-process: ``load_knowledge`` and building the ``Responder`` (first call, then the median
  of repeated calls).

Runs are interleaved round-robin so drift on the machine hits every command alike.

    .venv/bin/python -m benchmarks.startup [--quick] [--before DIR]

``--before DIR`` (a ``git archive`` of an earlier revision) adds that revision's ``bot run``
to the same interleaved rounds. Each bot's RSS when it became ready is printed too. Target
(issue 17): ``bot run`` ready at most 1.0 s after the echo bot. The bots are timed as a
clinic restarts them: each keeps its database (migrated by a first, unmeasured start, which
also fills the model cache).
"""

from __future__ import annotations

import asyncio
import gc
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.botapi import (
    BenchBotApi,
    aftercare_run_command,
    echo_run_command,
    start_bot,
    stop_bot,
)
from benchmarks.common import (
    KNOWLEDGE_DIR,
    NO_ENV_FILE,
    ROOT,
    Run,
    Target,
    child_env,
    format_table,
    make_parser,
    median,
)
from bot.core.knowledge import load_knowledge
from bot.core.responder import Responder

NAME = "startup"
#: Issue 17: ``bot run`` ready at most this long after the echo bot.
READY_OVER_ECHO_LIMIT_S = 1.0
REPEATS = 10
RUN_REPEATS = 5
IN_PROCESS_REPEATS = 10

PROCESSES: dict[str, list[str]] = {
    "python -c pass (baseline)": [sys.executable, "-c", "pass"],
    "python -c 'import telegram' (baseline)": [sys.executable, "-c", "import telegram"],
    "python -c 'import telegram.ext' (baseline)": [sys.executable, "-c", "import telegram.ext"],
    "python -m bot check": [sys.executable, "-m", "bot", "--env-file", NO_ENV_FILE, "check"],
}


def spawn_to_exit(command: list[str]) -> float:
    start = time.perf_counter_ns()
    done = subprocess.run(command, cwd=ROOT, env=child_env(), capture_output=True, check=False)
    elapsed = (time.perf_counter_ns() - start) / 1e9
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}: {done.stderr[-500:]!r}")
    return elapsed


async def spawn_to_polling(
    name: str, command: list[str], log_path: Path, env: dict[str, str] | None = None
) -> tuple[float, float | None]:
    """Seconds from spawn to the first getUpdates, and the RSS (MB) at that moment. A
    ``PYTHONPATH`` in ``env`` (an earlier revision) is also the working folder."""
    cwd = Path(env["PYTHONPATH"]) if env and "PYTHONPATH" in env else None
    with log_path.open("ab") as log:
        async with BenchBotApi() as fake:
            bot = await start_bot(
                name, command, fake, log, log_path, timeout=300.0, extra_env=env, cwd=cwd
            )
            await stop_bot(bot, fake)
    return bot.ready_s or 0.0, bot.ready_rss_mb


def stats(samples: Sequence[float]) -> dict[str, Any]:
    return {
        "runs": len(samples),
        "median_s": round(median(samples), 4),
        "min_s": round(min(samples), 4),
        "max_s": round(max(samples), 4),
    }


def in_process(repeats: int) -> dict[str, Any]:
    def timed(call: Any) -> tuple[float, Any]:
        start = time.perf_counter_ns()
        value = call()
        return (time.perf_counter_ns() - start) / 1e9, value

    first_load, knowledge = timed(lambda: load_knowledge(KNOWLEDGE_DIR))
    first_build, _ = timed(lambda: Responder(knowledge))
    loads, builds = [], []
    for _ in range(repeats):
        gc.collect()
        loads.append(timed(lambda: load_knowledge(KNOWLEDGE_DIR))[0])
        builds.append(timed(lambda: Responder(knowledge))[0])
    return {
        "load_knowledge": {"first_s": round(first_load, 4), **stats(loads)},
        "build_responder": {"first_s": round(first_build, 4), **stats(builds)},
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser(NAME, __doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, help="an earlier revision's copy to time beside")
    args = parser.parse_args(argv)
    run = Run(NAME, args.quick, args.out)
    run.header("Start-up time: process start to ready, beside bare-interpreter baselines")
    repeats = 1 if args.quick else REPEATS
    run_repeats = 1 if args.quick else RUN_REPEATS

    if not args.quick:
        for command in PROCESSES.values():  # warm the OS file cache; not measured
            spawn_to_exit(command)
    samples: dict[str, list[float]] = {name: [] for name in PROCESSES}
    for _ in range(repeats):
        for name, command in PROCESSES.items():
            samples[name].append(spawn_to_exit(command))

    args.out.parent.mkdir(parents=True, exist_ok=True)
    log_path = args.out.parent / f"{NAME}-bots.log"
    log_path.write_bytes(b"")
    bot_run = aftercare_run_command(sys.executable)
    ready_commands: dict[str, tuple[list[str], dict[str, str] | None]] = {
        "echo bot: spawn to first getUpdates (baseline)": (echo_run_command(sys.executable), None),
        "python -m bot run: spawn to first getUpdates": (bot_run, None),
        "... with UNDERSTANDING_MODEL=false": (bot_run, {"UNDERSTANDING_MODEL": "false"}),
    }
    if args.before is not None:
        ready_commands[f"before ({args.before.name}): bot run to first getUpdates"] = (
            bot_run,
            {"PYTHONPATH": str(args.before.resolve())},
        )
    samples.update({name: [] for name in ready_commands})
    ready_rss: dict[str, list[float]] = {name: [] for name in ready_commands}
    # Timed as a clinic restarts: each bot keeps one database, migrated (and its model
    # cached) by a first start that is not measured.
    for number, (name, (command, env)) in enumerate(ready_commands.items()):
        database = args.out.parent / f"{NAME}-restart-{number}.db"
        for leftover in args.out.parent.glob(f"{database.name}*"):
            leftover.unlink()
        env = (env or {}) | {"DATABASE_URL": f"sqlite:///{database.resolve()}"}
        ready_commands[name] = (command, env)
        asyncio.run(spawn_to_polling(name, command, log_path, env))
    for _ in range(run_repeats):
        for name, (command, env) in ready_commands.items():
            seconds, rss = asyncio.run(spawn_to_polling(name, command, log_path, env))
            samples[name].append(seconds)
            if rss is not None:
                ready_rss[name].append(rss)
    for leftover in args.out.parent.glob(f"{NAME}-restart-*.db*"):
        leftover.unlink()
    processes: dict[str, dict[str, Any]] = {name: stats(v) for name, v in samples.items()}
    for name, values in ready_rss.items():
        processes[name]["rss_at_ready_mb"] = median(values) if values else None
    inside = in_process(1 if args.quick else IN_PROCESS_REPEATS)
    rows = [
        [name, s["runs"], s["median_s"], s["min_s"], s["max_s"], s.get("rss_at_ready_mb", "")]
        for name, s in processes.items()
    ]
    rows += [
        [
            f"in-process {name} (first call {r['first_s']:.3f} s)",
            r["runs"],
            r["median_s"],
            r["min_s"],
            r["max_s"],
            "",
        ]
        for name, r in inside.items()
    ]
    print(format_table(["what", "runs", "median s", "min s", "max s", "RSS at ready MB"], rows))

    check = processes["python -m bot check"]["median_s"]
    bare = processes["python -c pass (baseline)"]["median_s"]
    ptb = processes["python -c 'import telegram.ext' (baseline)"]["median_s"]
    ready = processes["python -m bot run: spawn to first getUpdates"]["median_s"]
    echo = processes["echo bot: spawn to first getUpdates (baseline)"]["median_s"]
    results: dict[str, Any] = {
        "processes": processes,
        "in_process": inside,
        "check_minus_bare_python_s": round(check - bare, 4),
        "run_ready_minus_echo_ready_s": round(ready - echo, 4),
        "run_ready_minus_import_telegram_ext_s": round(ready - ptb, 4),
    }
    print(
        f"\n`bot check` costs {check - bare:.2f} s over a bare interpreter; `bot run` is ready "
        f"{ready - echo:.2f} s after the echo bot would be."
    )
    parameters = {
        "repeats": repeats,
        "run_repeats": run_repeats,
        "log": str(log_path),
        "before": None if args.before is None else str(args.before),
    }
    targets = [
        Target(
            "bot run ready after the echo bot", round(ready - echo, 3), READY_OVER_ECHO_LIMIT_S, "s"
        )
    ]
    run.finish(parameters, results, targets)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
