"""Shared pieces of the benchmarks: the machine, timing statistics, tables, targets and JSON.

Every script builds its command line with :func:`make_parser` (``--quick``, ``--out``), times
with ``time.perf_counter_ns`` and ends with :func:`finish`, which prints the targets and
writes one JSON document of the shape :data:`RESULT_KEYS` describes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import psutil

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "benchmarks" / "results"
DATA_DIR = ROOT / "tests" / "data"
KNOWLEDGE_DIR = ROOT / "knowledge"
FAQ_EVAL = DATA_DIR / "faq_eval.jsonl"
TRIAGE_EVAL = DATA_DIR / "triage_eval.jsonl"

#: A settings file that never exists, so a developer's ``.env`` cannot change what is measured.
NO_ENV_FILE = "/nonexistent/aftercare-benchmark.env"

#: A token of the right shape for the fake Bot API; it never leaves 127.0.0.1.
# Built from parts so that no token-shaped string is committed (secret scanners flag those).
FAKE_TOKEN = "123456789" + ":" + "AAH" + "benchTOKEN" * 3 + "12"

#: Top-level keys of every results file (the smoke test checks them).
RESULT_KEYS: tuple[str, ...] = (
    "benchmark",
    "mode",
    "machine",
    "started_at",
    "duration_s",
    "parameters",
    "results",
    "targets",
)

PACKAGES = ("python-telegram-bot", "rapidfuzz", "scikit-learn", "numpy", "httpx", "aiohttp")


# ---- the machine ---------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _git(*args: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip()


def calibration_ms(repeats: int = 5) -> float:
    """Median time of a fixed pure-Python workload: compares this machine's speed across runs.

    Shared virtual machines vary by tens of percent from hour to hour; a slow calibration
    explains slow figures better than a change in the code does.
    """
    samples = []
    for _ in range(repeats):
        start = time.perf_counter_ns()
        words: dict[str, int] = {}
        for i in range(100_000):
            key = f"w{i % 997}"
            words[key] = words.get(key, 0) + i * i % 7
        samples.append((time.perf_counter_ns() - start) / 1e6)
    return round(median(samples), 2)


def machine_info() -> dict[str, Any]:
    """What the figures were measured on, including the code's revision (bot/ may be dirty)."""
    memory = psutil.virtual_memory()
    versions: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    dirty = _git("status", "--porcelain", "--", "bot", "knowledge")
    return {
        "cpu_model": cpu_model(),
        "logical_cores": os.cpu_count(),
        "physical_cores": psutil.cpu_count(logical=False),
        "ram_gb": round(memory.total / 2**30, 1),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "load_average_1m": round(os.getloadavg()[0], 2),
        "calibration_ms": calibration_ms(),
        "packages": versions,
        "git_commit": _git("rev-parse", "--short", "HEAD") or None,
        "bot_or_knowledge_modified": bool(dirty),
    }


def describe_machine(machine: dict[str, Any]) -> str:
    modified = " (bot/ or knowledge/ modified)" if machine["bot_or_knowledge_modified"] else ""
    return (
        f"{machine['cpu_model']}, {machine['logical_cores']} logical cores, "
        f"{machine['ram_gb']} GB RAM, {machine['implementation']} {machine['python']}, "
        f"load {machine['load_average_1m']}, calibration {machine['calibration_ms']} ms; "
        f"commit {machine['git_commit']}{modified}"
    )


# ---- timing --------------------------------------------------------------------------------


def summarize_ns(samples_ns: Sequence[int]) -> dict[str, float]:
    """Count, mean and percentiles (linear interpolation) of nanosecond samples, in ms."""
    if not samples_ns:
        return {
            "count": 0,
            "mean_ms": 0.0,
            "p50_ms": 0.0,
            "p95_ms": 0.0,
            "p99_ms": 0.0,
            "max_ms": 0.0,
        }
    values = np.asarray(samples_ns, dtype=np.float64) / 1e6
    p50, p95, p99 = np.percentile(values, [50, 95, 99]).tolist()
    return {
        "count": len(values),
        "mean_ms": round(float(values.mean()), 4),
        "p50_ms": round(p50, 4),
        "p95_ms": round(p95, 4),
        "p99_ms": round(p99, 4),
        "max_ms": round(float(values.max()), 4),
    }


def time_each(call: Callable[[str], object], items: Iterable[str]) -> list[int]:
    """Nanoseconds taken by ``call(item)`` for each item, in order."""
    clock = time.perf_counter_ns
    samples = []
    for item in items:
        start = clock()
        call(item)
        samples.append(clock() - start)
    return samples


def median(values: Sequence[float]) -> float:
    return float(np.median(np.asarray(values, dtype=np.float64))) if values else 0.0


# ---- data ----------------------------------------------------------------------------------


def read_texts(path: Path) -> list[str]:
    """Message texts of a labelled JSONL file, one line each (newlines become spaces)."""
    texts = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            texts.append(" ".join(str(json.loads(line)["text"]).split()))
    return texts


def eval_texts(limit: int | None = None) -> list[str]:
    """Every evaluation message (FAQ set, both splits, then triage set); ``limit`` samples evenly.

    The blind hold-out set is never read here.
    """
    texts = read_texts(FAQ_EVAL) + read_texts(TRIAGE_EVAL)
    if limit is None or limit >= len(texts):
        return texts
    step = len(texts) / limit
    return [texts[int(i * step)] for i in range(limit)]


def cycle_to(texts: Sequence[str], count: int) -> list[str]:
    """``count`` messages taken from ``texts`` round and round."""
    return [texts[i % len(texts)] for i in range(count)]


# ---- processes -----------------------------------------------------------------------------


def child_env(**extra: str) -> dict[str, str]:
    """Environment for a child process: no Telegram settings leak in, the checkout importable."""
    skip = ("TELEGRAM_", "MATCH_", "DATABASE_URL")
    env = {k: v for k, v in os.environ.items() if not k.startswith(skip)}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    env.update(extra)
    return env


def peak_rss_mb(pid: int) -> float | None:
    """Peak resident set size (VmHWM) of a live process, in MiB; None if unreadable."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text(encoding="utf-8").splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except (OSError, ValueError):
        pass
    try:
        return round(float(psutil.Process(pid).memory_info().rss) / 2**20, 1)  # current, not peak
    except psutil.Error:
        return None


def aftercare_bot_command() -> list[str]:
    """The installed ``aftercare-bot`` console script, or ``python -m bot`` if it is missing."""
    script = Path(sys.executable).with_name("aftercare-bot")
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot"]


# ---- output --------------------------------------------------------------------------------


def format_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A plain-text table; numbers right-aligned, floats to 3 decimals below 10, else 1."""

    def cell(value: object) -> str:
        if isinstance(value, float):
            return f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}"
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value:,}"
        return "-" if value is None else str(value)

    body = [[cell(v) for v in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in body)) for i, h in enumerate(headers)]
    numeric = [
        all(r[i][:1].isdigit() or r[i][:1] in "+-" for r in body) for i in range(len(headers))
    ]

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ).rstrip()

    return "\n".join([line(list(headers)), line(["-" * w for w in widths]), *map(line, body)])


@dataclass(frozen=True, slots=True)
class Target:
    """A figure the issue sets a limit for. Printed as holding or not; never raised on."""

    name: str
    value: float | None
    limit: float
    unit: str
    higher_is_better: bool = False

    @property
    def holds(self) -> bool:
        if self.value is None:
            return False
        return self.value >= self.limit if self.higher_is_better else self.value < self.limit

    def line(self) -> str:
        sign = ">=" if self.higher_is_better else "<"
        value = "n/a" if self.value is None else f"{self.value:,.3g} {self.unit}"
        verdict = "HOLDS" if self.holds else "DOES NOT HOLD"
        return f"{verdict:<14} {self.name}: {value} (target {sign} {self.limit:g} {self.unit})"

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": self.value,
            "limit": self.limit,
            "unit": self.unit,
            "higher_is_better": self.higher_is_better,
            "holds": self.holds,
        }


def make_parser(name: str, description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"python -m benchmarks.{name}", description=description)
    parser.add_argument(
        "--quick", action="store_true", help="smoke mode: a few hundred messages, small sizes"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=RESULTS_DIR / f"{name}.json",
        help=f"where to write the JSON results (default: benchmarks/results/{name}.json)",
    )
    return parser


def _busy_cpu_s() -> float:
    """CPU seconds the whole machine has spent busy (not idle, not waiting on I/O)."""
    times = psutil.cpu_times()
    return float(sum(times) - times.idle - getattr(times, "iowait", 0.0))


def _own_cpu_s() -> float:
    """CPU seconds of this process and of its children that have exited."""
    times = psutil.Process().cpu_times()
    return float(times.user + times.system + times.children_user + times.children_system)


#: Above this share of the machine used by other processes, a run is flagged as disturbed.
DISTURBED_SHARE = 0.1


@dataclass(slots=True)
class Run:
    """One benchmark run: the machine, the clock, then the JSON and the verdicts at the end."""

    name: str
    quick: bool
    out: Path
    machine: dict[str, Any] = field(default_factory=machine_info)
    started_at: str = field(
        default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    )
    _start_ns: int = field(default_factory=time.perf_counter_ns)
    _busy_start: float = field(default_factory=_busy_cpu_s)
    _own_start: float = field(default_factory=_own_cpu_s)

    def other_load(self) -> dict[str, float]:
        """CPU used by processes outside this run, over the run: a noise indicator."""
        wall = (time.perf_counter_ns() - self._start_ns) / 1e9
        busy = _busy_cpu_s() - self._busy_start
        own = _own_cpu_s() - self._own_start
        other = max(0.0, busy - own)
        capacity = wall * (os.cpu_count() or 1)
        return {
            "other_processes_cpu_s": round(other, 1),
            "other_processes_share": round(other / capacity, 3) if capacity else 0.0,
        }

    def header(self, title: str) -> None:
        mode = "quick (smoke) mode" if self.quick else "normal mode"
        print(f"== {title} — {mode}, {self.started_at}")
        print(f"   {describe_machine(self.machine)}\n")

    def finish(
        self,
        parameters: dict[str, Any],
        results: dict[str, Any],
        targets: Sequence[Target] = (),
    ) -> Path:
        """Print the targets' verdicts and write the results file; returns its path."""
        if targets:
            print("\nTargets (printed, never enforced):")
            for target in targets:
                print(f"  {target.line()}")
        noise = self.other_load()
        if noise["other_processes_share"] > DISTURBED_SHARE:
            print(
                f"\nNOTE: other processes used {100 * noise['other_processes_share']:.0f}% of "
                "the machine's CPU during this run; the timings may be disturbed."
            )
        document = {
            "benchmark": self.name,
            "mode": "quick" if self.quick else "normal",
            "machine": self.machine,
            "started_at": self.started_at,
            "duration_s": round((time.perf_counter_ns() - self._start_ns) / 1e9, 2),
            "disturbance": noise,
            "parameters": parameters,
            "results": results,
            "targets": [target.as_dict() for target in targets],
        }
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.out.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", "utf-8")
        print(f"\nwrote {self.out} ({document['duration_s']} s)")
        return self.out
