"""Memory of a serving responder over many distinct messages (issue 17: no growth).

A bot answers messages it has never read before; the soak (``benchmarks.soak``) cycles the
866 evaluation messages, so caches keyed by a message's text stop growing after one round
there and never show what distinct traffic costs. Here each revision runs in a child
process: build the responder as ``bot run`` does (model off unless ``--model``), read RSS,
then answer every distinct labelled message under ``tests/data`` (single messages and
dialogue turns, ~19,500) once, reading RSS (after a garbage collection) at each quarter.
Printed per revision: RSS at ready, at each quarter, the growth, and CPU ms per message.

    .venv/bin/python -m benchmarks.message_memory [--quick] [--before DIR] [--model]

``--before DIR``: an earlier revision's copy (``git archive``), run the same way beside.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

NAME = "message_memory"
QUICK_MESSAGES = 2000
QUARTERS = 4


def _rss_mb() -> float:
    """This process's resident memory now (``VmRSS``), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(texts: list[str]) -> dict[str, Any]:
    """In this process: the responder built, then each of ``texts`` once. Imports only the
    bot (whichever revision ``PYTHONPATH`` names) and the standard library."""
    from bot.cli import build_responder
    from bot.config import load_settings

    responder = build_responder(load_settings(env_file=None))
    gc.collect()
    ready = _rss_mb()
    marks = {len(texts) * q // QUARTERS for q in range(1, QUARTERS + 1)}
    samples: list[tuple[int, float]] = []
    now = datetime.now(UTC)
    started = time.process_time()
    for count, text in enumerate(texts, start=1):
        responder.respond(text, private=True, now=now)
        if count in marks:
            gc.collect()
            samples.append((count, round(_rss_mb(), 1)))
    cpu_ms = (time.process_time() - started) * 1000 / max(1, len(texts))
    return {
        "messages": len(texts),
        "ready_mb": round(ready, 1),
        "samples": samples,
        "cpu_ms_per_message": round(cpu_ms, 2),
    }


def run_child(tree: Path, texts_file: Path, model: bool) -> dict[str, Any]:
    """``measure`` in a fresh process importing the bot from ``tree``."""
    from benchmarks.common import child_env

    env = child_env(UNDERSTANDING_MODEL="true" if model else "false")
    env["PYTHONPATH"] = str(tree.resolve())
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(texts_file)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    from benchmarks.common import DATA_DIR, ROOT, Run, make_parser
    from benchmarks.retrain_locality import labelled_texts

    parser = make_parser(NAME, __doc__ or "")
    parser.add_argument("--before", type=Path, help="an earlier revision's copy to run beside")
    parser.add_argument("--model", action="store_true", help="with the understanding model")
    args = parser.parse_args()
    run = Run(NAME, args.quick, args.out)
    texts = list(dict.fromkeys(labelled_texts(DATA_DIR)))
    texts = texts[:QUICK_MESSAGES] if args.quick else texts
    trees = {"this_checkout": ROOT}
    if args.before is not None:
        trees["before"] = args.before
    with tempfile.TemporaryDirectory() as folder:
        texts_file = Path(folder) / "texts.json"
        texts_file.write_text(json.dumps(texts), encoding="utf-8")
        results = {name: run_child(tree, texts_file, args.model) for name, tree in trees.items()}
    for name, result in results.items():
        marks = ", ".join(f"{count}: {mb:.1f}" for count, mb in result["samples"])
        grown = result["samples"][-1][1] - result["ready_mb"]
        print(
            f"{name:28} ready {result['ready_mb']:.1f} MB | after messages {marks} MB | "
            f"grown {grown:+.1f} MB | {result['cpu_ms_per_message']:.2f} ms CPU/msg"
        )
    run.finish(
        {
            "messages": len(texts),
            "model": args.model,
            "before": None if args.before is None else str(args.before),
        },
        results,
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        texts = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
        print(json.dumps(measure(texts)))
    else:
        main()
