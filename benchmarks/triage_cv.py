"""Calibrate the triage fusion thresholds by cross-validation over every labelled set (issue 12).

Each labelled source set (``LABELLED_SOURCES``: the triage and FAQ sets in tests/data, with
the blind_dev triage copies) is read by a model trained without it (the fold models of
``benchmarks/semantic_eval.py``, cached by fingerprint). The hand-written
``triage_examples.yaml`` stays in every fold's training (it is no evaluation set). Then one
grid over (emergency, urgent, raise-to-emergency, stand-down) is searched on all out-of-fold
readings at once: the point that meets the recall targets (emergency >= 98%, urgent >= 96%)
first (or comes closest: emergency shortfall counts double), then has the fewest false
escalations, then the highest thresholds (fewest model decisions).

    .venv/bin/python -m benchmarks.triage_cv [--cache-dir DIR] [--readings FILE]

``--readings`` keeps the out-of-fold readings in a pickle, so a second run (after a rule
change) only re-runs the rules and the grid.
"""

from __future__ import annotations

import argparse
import itertools
import os
import pickle
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import DATA_DIR, KNOWLEDGE_DIR
from bot.core.evaluation import load_examples
from bot.core.knowledge import load_knowledge
from bot.core.responder import Responder
from bot.core.triage.detector import TriageResult
from bot.core.understanding import TriageFusion, UnderstandingModel, fuse_triage
from bot.core.understanding.corpus import LABELLED_SOURCES, labelled_messages
from bot.core.understanding.model import Reading

EMERGENCY_TARGET = 0.98
URGENT_TARGET = 0.96
EMERGENCY_LEVELS = (0.5, 0.6, 0.7, 0.8, 0.9)
URGENT_LEVELS = (0.7, 0.8, 0.9, 1.01)
RAISE_LEVELS = (0.6, 0.7, 0.8, 1.01)
STAND_DOWNS = ((True, 0.1, 0.5), (True, 0.05, 0.6))


@dataclass(frozen=True, slots=True)
class Row:
    """One labelled message, its set, its expected level and its out-of-fold reading."""

    text: str
    source: str
    expected: str
    reading: Reading


def read_out_of_fold(cache_dir: Path) -> list[Row]:
    """Every labelled set read by a model trained without that set."""
    knowledge = load_knowledge(KNOWLEDGE_DIR)
    labelled = labelled_messages()
    rows: list[Row] = []
    for source in LABELLED_SOURCES:
        model = UnderstandingModel.for_knowledge(
            knowledge,
            cache_dir,
            KNOWLEDGE_DIR / "lang",
            labelled=[m for m in labelled if m.source != source],
        )
        triage_set = source.startswith("triage")
        for example in load_examples(DATA_DIR / f"{source}.jsonl"):
            expected = example.expected if triage_set else "none"
            rows.append(Row(example.text, source, expected, model.read(example.text)))
    return rows


@dataclass(frozen=True, slots=True)
class Figures:
    emergency: float
    urgent: float
    false_escalation: float


def figures(rows: Sequence[Row], levels: Sequence[str | None]) -> Figures:
    e = [lv for r, lv in zip(rows, levels, strict=True) if r.expected == "emergency"]
    u = [lv for r, lv in zip(rows, levels, strict=True) if r.expected == "urgent"]
    n = [lv for r, lv in zip(rows, levels, strict=True) if r.expected == "none"]
    return Figures(
        sum(lv == "emergency" for lv in e) / max(len(e), 1),
        sum(lv is not None for lv in u) / max(len(u), 1),
        sum(lv is not None for lv in n) / max(len(n), 1),
    )


def decide(
    rows: Sequence[Row], rules: Sequence[TriageResult], languages: frozenset[str], f: TriageFusion
) -> list[str | None]:
    return [
        fuse_triage(rule, row.reading.flags, row.reading.faq, languages, f).result.level
        for row, rule in zip(rows, rules, strict=True)
    ]


def calibrate(
    rows: Sequence[Row],
    rules: Sequence[TriageResult],
    languages: frozenset[str],
    any_mood: frozenset[str] = frozenset(),
) -> tuple[TriageFusion, Figures]:
    best: tuple[tuple[float, ...], TriageFusion, Figures] | None = None
    for emergency, urgent, lift, (stand, flag_max, faq_min) in itertools.product(
        EMERGENCY_LEVELS, URGENT_LEVELS, RAISE_LEVELS, STAND_DOWNS
    ):
        fusion = TriageFusion(
            emergency=emergency,
            urgent=urgent,
            raise_to_emergency=lift,
            stand_down=stand,
            stand_down_flag_max=flag_max,
            stand_down_faq_min=faq_min,
            any_mood=any_mood,
        )
        f = figures(rows, decide(rows, rules, languages, fusion))
        shortfall = 2 * max(0.0, EMERGENCY_TARGET - f.emergency) + max(
            0.0, URGENT_TARGET - f.urgent
        )
        key = (-round(shortfall, 4), -round(f.false_escalation, 4), emergency + urgent + lift)
        if best is None or key > best[0]:
            best = (key, fusion, f)
    assert best is not None
    return best[1], best[2]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--readings", type=Path, default=None)
    args = parser.parse_args(argv)
    cache_dir = args.cache_dir or Path(
        os.environ.get("MODEL_CACHE_DIR") or Path(tempfile.gettempdir()) / "aftercare-models"
    )
    if args.readings is not None and args.readings.exists():
        rows: list[Row] = pickle.loads(args.readings.read_bytes())
    else:
        rows = read_out_of_fold(cache_dir)
        if args.readings is not None:
            args.readings.write_bytes(pickle.dumps(rows))
    knowledge = load_knowledge(KNOWLEDGE_DIR)
    responder = Responder(knowledge)
    rules = [responder.triage.assess(r.text) for r in rows]
    languages = frozenset({"en", "es", "de", "fr", "it", "pt", "ru"})
    fusion, overall = calibrate(rows, rules, languages, responder.triage_fusion.any_mood)
    print(f"calibrated on {len(rows)} out-of-fold readings: {fusion}")
    print(
        f"  all sets: emergency {overall.emergency:.1%} urgent {overall.urgent:.1%} "
        f"false escalation {overall.false_escalation:.1%}"
    )
    rules_only = TriageFusion(emergency=1.01, urgent=1.01, stand_down=False)
    for source in LABELLED_SOURCES:
        index = [i for i, r in enumerate(rows) if r.source == source]
        sub = [rows[i] for i in index]
        for name, f in (("rules", rules_only), ("fused", fusion)):
            fig = figures(sub, decide(sub, [rules[i] for i in index], languages, f))
            print(
                f"  {source:<22} {name}: emergency {fig.emergency:.1%} urgent {fig.urgent:.1%} "
                f"false escalation {fig.false_escalation:.1%}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
