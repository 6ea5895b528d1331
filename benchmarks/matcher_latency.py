"""Matcher latency per message at the shipped FAQ size and at synthetic sizes, beside rapidfuzz.

For each FAQ size the project's ``Matcher.match`` and the baseline — plain
``rapidfuzz.process.extractOne`` (``fuzz.WRatio``, no processor) over the raw phrasings —
answer every evaluation message. The matcher is timed on its first pass over a freshly built
index (its typo cache still empty) and then, after that warm-up, on repeated passes; the
targets are read from the warmed passes. Synthetic FAQs come from ``benchmarks.synthetic``.

    .venv/bin/python -m benchmarks.matcher_latency [--quick]
"""

from __future__ import annotations

import gc
import time
from collections.abc import Sequence
from typing import Any

from rapidfuzz import fuzz, process

from benchmarks.common import (
    KNOWLEDGE_DIR,
    Run,
    Target,
    eval_texts,
    format_table,
    make_parser,
    summarize_ns,
    time_each,
)
from benchmarks.synthetic import DEFAULT_SEED, synthetic_faq, words
from bot.core.knowledge import FaqEntry, load_knowledge
from bot.core.matching import Matcher

NAME = "matcher_latency"
SIZES = (1_000, 10_000, 50_000)
QUICK_SIZES = (1_000,)
QUICK_MESSAGES = 200
PASSES = 3
BASELINE_WARMUP = 20
SHIPPED_P99_LIMIT_MS = 1.0
LARGE_P99_LIMIT_MS = 20.0


def measure(entries: Sequence[FaqEntry], texts: Sequence[str], passes: int) -> dict[str, Any]:
    """Time the matcher (first pass, then warmed passes) and extractOne on the same texts."""
    start = time.perf_counter_ns()
    matcher = Matcher(entries)
    build_ms = (time.perf_counter_ns() - start) / 1e6
    raw = [q for entry in entries for q in (entry.title, *entry.questions)]

    gc.collect()
    first = time_each(matcher.match, texts)
    warm: list[int] = []
    for _ in range(passes):
        gc.collect()
        warm += time_each(matcher.match, texts)

    def extract_one(text: str) -> object:
        return process.extractOne(text, raw, scorer=fuzz.WRatio, processor=None)

    time_each(extract_one, texts[:BASELINE_WARMUP])
    gc.collect()
    baseline = time_each(extract_one, texts)

    matcher_warm, base = summarize_ns(warm), summarize_ns(baseline)
    return {
        "phrasings": sum(len(entry.questions) for entry in entries),
        "indexed_phrasings": matcher.size,
        "entries": len(entries),
        "distinct_words": len({w for q in raw for w in words(q)}),
        "build_ms": round(build_ms, 1),
        "matcher_first_pass": summarize_ns(first),
        "matcher": matcher_warm,
        "extract_one": base,
        "p50_speedup": round(base["p50_ms"] / matcher_warm["p50_ms"], 1),
        "p99_speedup": round(base["p99_ms"] / matcher_warm["p99_ms"], 1),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser(NAME, __doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="synthetic FAQ seed")
    args = parser.parse_args(argv)
    run = Run(NAME, args.quick, args.out)
    run.header("Matcher latency per message: Matcher.match vs rapidfuzz extractOne(WRatio)")

    texts = eval_texts(QUICK_MESSAGES if args.quick else None)
    sizes = QUICK_SIZES if args.quick else SIZES
    passes = 1 if args.quick else PASSES
    shipped = load_knowledge(KNOWLEDGE_DIR).faq

    results: dict[str, dict[str, Any]] = {}
    print(
        f"{len(texts)} evaluation messages; matcher: 1 first pass + {passes} timed passes; "
        "extractOne: 1 timed pass\n"
    )
    results["shipped"] = measure(shipped, texts, passes)
    print(f"  shipped: {results['shipped']['phrasings']:,} phrasings measured", flush=True)
    generation: dict[str, Any] = {"seed": args.seed}
    for size in sizes:
        faq = synthetic_faq(shipped, size, seed=args.seed)
        generation["heaps_k"], generation["heaps_beta"] = faq.heaps.k, faq.heaps.beta
        results[str(size)] = measure(faq.entries, texts, passes)
        print(f"  synthetic {size:,}: measured", flush=True)

    rows = []
    for label, r in results.items():
        m, f, b = r["matcher"], r["matcher_first_pass"], r["extract_one"]
        rows.append(
            [
                label,
                r["phrasings"],
                r["entries"],
                r["distinct_words"],
                r["build_ms"],
                m["p50_ms"],
                m["p99_ms"],
                f["p99_ms"],
                b["p50_ms"],
                b["p99_ms"],
                f"{r['p99_speedup']}x",
            ]
        )
    print()
    print(
        format_table(
            [
                "FAQ",
                "phrasings",
                "entries",
                "words",
                "build ms",
                "match p50 ms",
                "match p99 ms",
                "1st-pass p99",
                "extractOne p50",
                "extractOne p99",
                "p99 speed-up",
            ],
            rows,
        )
    )

    targets = [
        Target(
            "match p99, shipped FAQ",
            results["shipped"]["matcher"]["p99_ms"],
            SHIPPED_P99_LIMIT_MS,
            "ms",
        ),
    ]
    if "50000" in results:
        targets.append(
            Target(
                "match p99, 50,000 phrasings",
                results["50000"]["matcher"]["p99_ms"],
                LARGE_P99_LIMIT_MS,
                "ms",
            )
        )
    parameters = {
        "messages": len(texts),
        "timed_passes": passes,
        "sizes": ["shipped", *map(str, sizes)],
        "baseline": "rapidfuzz.process.extractOne(text, raw_phrasings, scorer=fuzz.WRatio, "
        "processor=None)",
        "synthetic": generation,
    }
    run.finish(parameters, results, targets)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
