"""Responder throughput, one process: in-process ``respond`` and ``aftercare-bot ask --json``.

* **in-process** — ``Responder.respond`` over every evaluation message: the first pass on a
  freshly built responder (its caches empty), then warmed passes until the message count
  is reached;
* **batch CLI** — the real ``aftercare-bot ask --json`` reading thousands of lines on stdin,
  one JSON reply per line, as a subprocess. Its wall time includes start-up, so the same
  command with empty stdin is timed too and the steady rate is
  ``lines / (wall - start-up)``;
* **baseline** — a bare Python process that reads the same stdin and writes one JSON object
  per line (no bot code): the floor set by interpreter start-up and pipe I/O.

    .venv/bin/python -m benchmarks.responder_throughput [--quick]
"""

from __future__ import annotations

import contextlib
import gc
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from typing import Any

from benchmarks.common import (
    KNOWLEDGE_DIR,
    NO_ENV_FILE,
    ROOT,
    Run,
    aftercare_bot_command,
    child_env,
    cycle_to,
    eval_texts,
    format_table,
    make_parser,
    median,
    summarize_ns,
    time_each,
)
from bot.config import load_settings, model_cache_folder
from bot.core.knowledge import load_knowledge
from bot.core.responder import Responder
from bot.core.understanding.source import ModelSource

NAME = "responder_throughput"
IN_PROCESS_MESSAGES = 20_000
CLI_LINES = 10_000
QUICK_MESSAGES = 300
STARTUP_REPEATS = 3

#: The baseline batch process: stdin lines in, one JSON object per line out, flushed per line
#: exactly as ``ask --json`` does.
ECHO_JSON = (
    "import json, sys\n"
    "for line in sys.stdin:\n"
    "    print(json.dumps({'kind': 'echo', 'text': line.rstrip('\\n')}), flush=True)\n"
)


def run_batch(command: list[str], lines: Sequence[str]) -> dict[str, Any]:
    """Feed ``lines`` on stdin; wall time from spawn to exit and a check of the output."""
    payload = "".join(f"{line}\n" for line in lines).encode("utf-8")
    start = time.perf_counter_ns()
    done = subprocess.run(
        command, input=payload, capture_output=True, cwd=ROOT, env=child_env(), check=False
    )
    wall_ns = time.perf_counter_ns() - start
    out_lines = done.stdout.decode("utf-8").splitlines()
    well_formed = 0
    for line in out_lines:
        with contextlib.suppress(ValueError):
            well_formed += isinstance(json.loads(line), dict)
    return {
        "exit_code": done.returncode,
        "lines_in": len(lines),
        "lines_out": len(out_lines),
        "json_lines_out": well_formed,
        "wall_s": round(wall_ns / 1e9, 3),
        "stderr_tail": done.stderr.decode("utf-8", "replace")[-300:] if done.returncode else "",
    }


def cli_figures(command: list[str], lines: Sequence[str], repeats: int) -> dict[str, Any]:
    """Start-up (empty stdin, median of ``repeats``) and one full batch."""
    startups = [run_batch(command, [])["wall_s"] for _ in range(repeats)]
    batch = run_batch(command, lines)
    startup = median(startups)
    steady = batch["wall_s"] - startup
    return {
        **batch,
        "startup_s": round(startup, 3),
        "msgs_per_s_including_startup": round(len(lines) / batch["wall_s"]),
        "msgs_per_s_steady": round(len(lines) / steady) if steady > 0 else None,
    }


def in_process_figures(texts: Sequence[str], total: int) -> dict[str, Any]:
    start = time.perf_counter_ns()
    # The shipped path: rules, matcher and the understanding model (from the warm cache).
    cache = model_cache_folder(load_settings(None))
    source = ModelSource(cache, KNOWLEDGE_DIR / "lang")
    responder = Responder(load_knowledge(KNOWLEDGE_DIR), understanding=source)
    build_ms = (time.perf_counter_ns() - start) / 1e6
    gc.collect()
    first = time_each(responder.respond, texts)
    warm: list[int] = []
    while len(warm) < total:
        gc.collect()
        warm += time_each(responder.respond, texts[: total - len(warm)])
    return {
        "build_ms": round(build_ms, 1),
        "first_pass": {**summarize_ns(first), "msgs_per_s": round(len(first) * 1e9 / sum(first))},
        "warm": {**summarize_ns(warm), "msgs_per_s": round(len(warm) * 1e9 / sum(warm))},
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser(NAME, __doc__.split("\n\n")[0])
    args = parser.parse_args(argv)
    run = Run(NAME, args.quick, args.out)
    run.header("Responder throughput: in-process respond() and `aftercare-bot ask --json`")

    texts = eval_texts(QUICK_MESSAGES if args.quick else None)
    total = QUICK_MESSAGES if args.quick else IN_PROCESS_MESSAGES
    cli_lines = cycle_to(texts, QUICK_MESSAGES if args.quick else CLI_LINES)
    repeats = 1 if args.quick else STARTUP_REPEATS

    in_process = in_process_figures(texts, total)
    ask = [*aftercare_bot_command(), "--env-file", NO_ENV_FILE, "ask", "--json"]
    cli = cli_figures(ask, cli_lines, repeats)
    baseline = cli_figures([sys.executable, "-c", ECHO_JSON], cli_lines, repeats)

    first, warm = in_process["first_pass"], in_process["warm"]
    print(
        format_table(
            ["path", "messages", "msgs/s", "p50 ms", "p99 ms", "start-up s", "msgs/s incl. start"],
            [
                [
                    "respond(), first pass",
                    first["count"],
                    first["msgs_per_s"],
                    first["p50_ms"],
                    first["p99_ms"],
                    round(in_process["build_ms"] / 1000, 3),
                    None,
                ],
                [
                    "respond(), warm",
                    warm["count"],
                    warm["msgs_per_s"],
                    warm["p50_ms"],
                    warm["p99_ms"],
                    None,
                    None,
                ],
                [
                    "aftercare-bot ask --json",
                    cli["lines_in"],
                    cli["msgs_per_s_steady"],
                    None,
                    None,
                    cli["startup_s"],
                    cli["msgs_per_s_including_startup"],
                ],
                [
                    "baseline: python json echo",
                    baseline["lines_in"],
                    baseline["msgs_per_s_steady"],
                    None,
                    None,
                    baseline["startup_s"],
                    baseline["msgs_per_s_including_startup"],
                ],
            ],
        )
    )
    if cli["json_lines_out"] != cli["lines_in"] or cli["exit_code"] != 0:
        print(
            f"\nNOTE: ask --json answered {cli['json_lines_out']} JSON lines for "
            f"{cli['lines_in']} in (exit {cli['exit_code']}) {cli['stderr_tail']}"
        )

    parameters = {
        "messages": len(texts),
        "in_process_messages": total,
        "cli_lines": len(cli_lines),
        "cli_command": " ".join(ask),
        "startup_repeats": repeats,
    }
    results = {"in_process": in_process, "ask_json": cli, "baseline_json_echo": baseline}
    run.finish(parameters, results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
