"""What the understanding model costs the bot: start-up, memory, per-message time, training.

Each figure is measured beside the same path without the model, in the same run:

* **start-up to ready**: a fresh process that imports the bot, loads the knowledge and builds
  the responder exactly as ``aftercare-bot run`` does (``bot.cli.build_responder``), with a
  warm model cache; vs the same build with ``understanding=None``. Median of N runs;
* **peak RSS** of that process after answering every evaluation message; and whether
  scikit-learn or SciPy were imported (serving must not import them);
* **responder latency**: ``Responder.respond`` per message, p50 / p99 over the evaluation
  messages (three warmed passes), with and without the model, in-process;
* **training** when the knowledge changed: a fresh process with an empty cache folder, time
  to ready and peak RSS.

    .venv/bin/python -m benchmarks.understanding_cost [--runs 5]

Budgets (issue 12, printed, never enforced): responder p99 <= 15 ms; bot RSS <= 250 MB with
the model; start-up to ready <= 2.5 s with a warm cache.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.common import DATA_DIR, ROOT, calibration_ms
from bot.cli import build_responder, load_clinic
from bot.config import load_settings
from bot.core.responder import Responder

CHILD = """
import json, resource, sys, time
started = time.perf_counter()
from bot.cli import build_responder, load_clinic, thresholds_from
from bot.config import load_settings
from bot.core.responder import Responder
settings = load_settings(None)
if sys.argv[1] == "model":
    responder = build_responder(settings)
else:
    responder = Responder(load_clinic(settings), thresholds_from(settings))
ready = time.perf_counter() - started
rss_ready = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
for line in open(sys.argv[2], encoding="utf-8"):
    responder.respond(json.loads(line)["text"])
print(json.dumps({
    "ready_s": ready,
    "rss_ready_mb": rss_ready,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "sklearn_or_scipy": sorted(
        m for m in sys.modules if m.split(".")[0] in {"sklearn", "scipy"} and "." not in m
    ),
}))
"""


def child(kind: str, messages: Path, env: dict[str, str]) -> dict[str, object]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, kind, str(messages)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_s"] = time.perf_counter() - started
    return result


def latencies(responder: Responder, texts: Sequence[str], passes: int = 3) -> list[float]:
    for text in texts[:50]:
        responder.respond(text)
    times: list[float] = []
    for _ in range(passes):
        gc.collect()
        for text in texts:
            started = time.perf_counter_ns()
            responder.respond(text)
            times.append((time.perf_counter_ns() - started) / 1e6)
    return times


def pct(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    settings = load_settings(None)
    print(f"machine calibration {calibration_ms():.1f} ms (33.9 ms on a quiet run of this VM)")

    with tempfile.TemporaryDirectory() as tmp:
        messages = Path(tmp) / "messages.jsonl"
        lines = []
        for name in ("faq_eval.jsonl", "triage_eval.jsonl"):
            lines += (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
        messages.write_text("\n".join(line for line in lines if line.strip()) + "\n")
        texts = [json.loads(line)["text"] for line in lines if line.strip()]

        # Warm the cache the children will use, then time them alternately.
        build_responder(settings)
        runs: dict[str, list[dict[str, object]]] = {"model": [], "rules": []}
        for _ in range(args.runs):
            for kind in runs:
                runs[kind].append(child(kind, messages, env))
        for kind, results in runs.items():
            ready = statistics.median(float(r["ready_s"]) for r in results)  # type: ignore[arg-type]
            rss = max(float(r["peak_rss_mb"]) for r in results)  # type: ignore[arg-type]
            at_ready = max(float(r["rss_ready_mb"]) for r in results)  # type: ignore[arg-type]
            print(
                f"{kind:<6} start-up to ready median {ready:.2f}s over {len(results)} runs; "
                f"RSS at ready {at_ready:.0f} MB, peak after {len(texts)} messages {rss:.0f} MB; "
                f"imported {results[0]['sklearn_or_scipy'] or 'no scikit-learn/SciPy'}"
            )

        shipped = build_responder(settings)
        plain = Responder(load_clinic(settings))
        for name, responder in (("model", shipped), ("rules", plain)):
            times = latencies(responder, texts)
            print(
                f"{name:<6} respond p50 {pct(times, 0.5):.2f} ms, p99 {pct(times, 0.99):.2f} ms, "
                f"max {max(times):.1f} ms ({len(times)} calls)"
            )

        cold = dict(env, MODEL_CACHE_DIR=str(Path(tmp) / "empty-cache"))
        trained = child("model", messages, cold)
        print(
            f"cold cache (knowledge changed): ready after {float(trained['ready_s']):.1f}s, "  # type: ignore[arg-type]
            f"peak RSS {float(trained['peak_rss_mb']):.0f} MB"  # type: ignore[arg-type]
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
