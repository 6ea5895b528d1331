"""Every benchmark runs in ``--quick`` mode and writes well-formed JSON with the expected keys.

Timings are never asserted: benchmarks print figures, they do not fail on time. The scripts
run as subprocesses, exactly as documented (``python -m benchmarks.<name> --quick``), all
started at once so the whole module takes about as long as the slowest one.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from benchmarks.common import RESULT_KEYS, ROOT

# Six scripts share two cores, each loading the learned model: generous, since a smoke test
# only checks that they finish and write their results (speed is the benchmarks' own job).
SCRIPT_TIMEOUT_S = 420

#: Per benchmark: key paths (dotted) that must exist in ``results`` (values are not checked).
EXPECTED: dict[str, tuple[str, ...]] = {
    "matcher_latency": (
        "shipped.matcher.p50_ms",
        "shipped.matcher.p99_ms",
        "shipped.matcher_first_pass.p99_ms",
        "shipped.extract_one.p99_ms",
        "shipped.phrasings",
        "1000.matcher.p99_ms",
        "1000.extract_one.p50_ms",
        "1000.distinct_words",
    ),
    "accuracy": (
        "cutoffs.wratio",
        "cutoffs.tfidf_word",
        "cutoffs.tfidf_char",
        "faq.dev.matcher.top1_accuracy",
        "faq.dev.wratio.fallback_precision",
        "faq.test.tfidf_word.answered_correctly",
        "faq.test.tfidf_char.top1_accuracy",
        "faq.test.responder.fallback_precision",
        "margins.test.wratio.top1_accuracy",
        "triage.dev.emergency_recall",
        "triage.test.urgent_recall",
        "triage.test.false_escalation",
    ),
    "responder_throughput": (
        "in_process.first_pass.msgs_per_s",
        "in_process.warm.msgs_per_s",
        "in_process.warm.p99_ms",
        "ask_json.msgs_per_s_steady",
        "ask_json.json_lines_out",
        "ask_json.startup_s",
        "baseline_json_echo.msgs_per_s_including_startup",
    ),
    "end_to_end": (
        "echo_bot.msgs_per_s",
        "echo_bot.one_at_a_time.p99_ms",
        "aftercare_bot.msgs_per_s",
        "aftercare_bot.one_at_a_time.p50_ms",
        "aftercare_bot.one_at_a_time.p95_ms",
        "aftercare_bot.burst_latency.p99_ms",
        "aftercare_bot.peak_rss_mb",
        "aftercare_precomputed.msgs_per_s",
        "aftercare_no_model.msgs_per_s",
        "aftercare_no_model.peak_rss_mb",
        "cost_split.own_cpu_ms",
        "cost_split.model_cpu_ms",
        "throughput_share_of_echo",
        "no_model_throughput_share_of_echo",
        "precomputed_throughput_share_of_echo",
    ),
    "startup": (
        "processes.python -c pass (baseline).median_s",
        "processes.python -m bot check.median_s",
        "processes.python -m bot run: spawn to first getUpdates.median_s",
        "in_process.load_knowledge.median_s",
        "in_process.build_responder.first_s",
    ),
    "soak": (
        "missing",
        "rss_start_mb",
        "rss_end_mb",
        "rss_growth_mb",
        "peak_rss_mb",
        "latency.p99_ms",
    ),
    "message_memory": (
        "this_checkout.ready_mb",
        "this_checkout.samples",
        "this_checkout.cpu_ms_per_message",
    ),
    "hotspots": (
        "startup.top_self",
        "startup.slowest_imports",
        "respond.top_project_cumulative",
        "matcher.top_self",
        "bot_process.top_self",
        "storage.cpu_ms_per_msg",
    ),
}

TARGETS: dict[str, int] = {
    "matcher_latency": 1,
    "end_to_end": 4,
    "accuracy": 2,
    "soak": 2,
    "startup": 1,
}


@dataclass(slots=True)
class Started:
    process: subprocess.Popen[str]
    out: Path


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Started]]:
    """Start every benchmark in quick mode at once; stop any still running afterwards."""
    folder = tmp_path_factory.mktemp("benchmarks")
    runs = {}
    for name in EXPECTED:
        out = folder / f"{name}.json"
        process = subprocess.Popen(
            [sys.executable, "-m", f"benchmarks.{name}", "--quick", "--out", str(out)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        runs[name] = Started(process, out)
    yield runs
    for run in runs.values():
        if run.process.poll() is None:
            run.process.kill()
        run.process.communicate()


def _lookup(document: dict[str, Any], dotted: str) -> Any:
    node: Any = document
    for part in dotted.split("."):
        assert isinstance(node, dict) and part in node, f"missing {dotted!r} (at {part!r})"
        node = node[part]
    return node


@pytest.mark.timeout(SCRIPT_TIMEOUT_S + 30)
@pytest.mark.parametrize("name", list(EXPECTED))
def test_benchmark_completes_and_writes_its_results(name: str, started: dict[str, Started]) -> None:
    run = started[name]
    try:
        output, _ = run.process.communicate(timeout=SCRIPT_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        run.process.kill()
        output, _ = run.process.communicate()
        pytest.fail(f"{name} --quick did not finish in {SCRIPT_TIMEOUT_S} s:\n{output[-2000:]}")
    assert run.process.returncode == 0, output[-3000:]

    document = json.loads(run.out.read_text(encoding="utf-8"))
    assert set(RESULT_KEYS) <= set(document)
    assert document["benchmark"] == name
    assert document["mode"] == "quick"
    assert {"cpu_model", "logical_cores", "ram_gb", "python"} <= set(document["machine"])
    for dotted in EXPECTED[name]:
        # Present; a figure may be null when a quick run is too short to measure it.
        _lookup(document["results"], dotted)
    assert len(document["targets"]) == TARGETS.get(name, 0)
    for target in document["targets"]:
        assert {"name", "value", "limit", "unit", "holds"} <= set(target)
    assert "wrote" in output  # the table was printed and the file announced
