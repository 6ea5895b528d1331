"""Accuracy of the shipped FAQ decision against plain baselines, per split, in the same run.

Methods, all over the same phrasings (each FAQ entry's title and questions as written):

* ``ours`` — the shipped FAQ decision: the lexical matcher fused with the understanding
  model's FAQ head (``Responder.match``; confident = ``Answer``); the model is the one the bot
  serves (loaded from ``MODEL_CACHE_DIR``, else the user cache folder; trained if missing);
* ``matcher`` — the lexical ``Matcher`` alone with its shipped thresholds;
* ``wratio`` — rapidfuzz ``fuzz.WRatio`` over the raw phrasings, no normalisation;
* ``tfidf_word`` / ``tfidf_char`` — scikit-learn ``TfidfVectorizer`` cosine similarity,
  word 1-2-grams and character 2-5-grams within word boundaries.

An entry scores its best phrasing. Figures, on topic messages and out-of-scope ones:
**top-1** (the best-ranked entry is the labelled one, cutoffs aside), **answered correctly**
(confident and right) and **fallback precision** (share of out-of-scope messages NOT
confidently answered). A baseline's confidence cutoff is chosen on the dev split of
``faq_eval.jsonl`` the same way for each: the lowest cutoff that gives no confident answer on
any dev fallback message. The full shipped responder (fused triage, small talk, fused FAQ) is
reported beside, as ``aftercare-bot eval`` computes it, with the triage figures from
``bot.core.evaluation``. Target (issue 12): ``ours`` answers correctly at least 10 points more
than ``tfidf_char`` on every split. The triage sets are training data of the red-flag head,
so triage figures here are not unseen; ``benchmarks/semantic_eval.py`` cross-validates them.

    .venv/bin/python -m benchmarks.accuracy [--quick] [--faq-file PATH ...]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process
from sklearn.feature_extraction.text import TfidfVectorizer

from benchmarks.common import (
    FAQ_EVAL,
    KNOWLEDGE_DIR,
    TRIAGE_EVAL,
    Run,
    Target,
    format_table,
    make_parser,
)
from bot.config import load_settings, model_cache_folder
from bot.core.evaluation import Example, evaluate_faq, evaluate_triage, load_examples
from bot.core.knowledge import FaqEntry, load_knowledge
from bot.core.matching import Answer, Matcher
from bot.core.responder import Responder
from bot.core.understanding.source import ModelSource

NAME = "accuracy"
#: Issue 12: the shipped decision answers correctly this much more than char TF-IDF.
MARGIN_TARGET = 0.10
BASELINES = ("wratio", "tfidf_word", "tfidf_char")
QUICK_ITEMS = 60


@dataclass(frozen=True, slots=True)
class Ranked:
    """One method's verdict on one message: its best entry, that entry's score, and whether
    it would answer confidently (decided later for baselines, by the dev cutoff)."""

    top: str | None
    score: float
    confident: bool = False


Scorer = Callable[[Sequence[str]], list[Ranked]]


class Phrasings:
    """Each entry's title and questions, as written, in entry order (contiguous per entry)."""

    def __init__(self, entries: Sequence[FaqEntry]) -> None:
        self.ids = [entry.id for entry in entries]
        self.texts: list[str] = []
        self.starts: list[int] = []
        for entry in entries:
            self.starts.append(len(self.texts))
            self.texts.extend([entry.title, *entry.questions])

    def best_entries(self, similarity: np.ndarray) -> list[Ranked]:
        """Rows of message x phrasing similarity -> each message's best entry and its score."""
        per_entry = np.maximum.reduceat(similarity, self.starts, axis=1)
        best = per_entry.argmax(axis=1)
        return [
            Ranked(self.ids[int(column)], float(per_entry[row, column]))
            for row, column in enumerate(best)
        ]


def wratio_scorer(phrasings: Phrasings) -> Scorer:
    def score(texts: Sequence[str]) -> list[Ranked]:
        matrix = process.cdist(texts, phrasings.texts, scorer=fuzz.WRatio, processor=None)
        return phrasings.best_entries(np.asarray(matrix, dtype=np.float64))

    return score


def tfidf_scorer(phrasings: Phrasings, vectorizer: TfidfVectorizer) -> Scorer:
    index = vectorizer.fit_transform(phrasings.texts)

    def score(texts: Sequence[str]) -> list[Ranked]:
        # Rows are L2-normalised, so the dot product is the cosine similarity.
        similarity = (vectorizer.transform(texts) @ index.T).toarray()
        return phrasings.best_entries(np.asarray(similarity, dtype=np.float64))

    return score


def matcher_scorer(matcher: Matcher | Responder) -> Scorer:
    """The lexical matcher's decision, or (given the responder) the shipped fused one."""

    def score(texts: Sequence[str]) -> list[Ranked]:
        ranked = []
        for text in texts:
            result = matcher.match(text)
            top = result.candidates[0] if result.candidates else None
            ranked.append(
                Ranked(
                    top.entry_id if top else None,
                    top.score if top else 0.0,
                    confident=isinstance(result, Answer),
                )
            )
        return ranked

    return score


def fallback_cutoff(dev: Sequence[Example], ranked: Sequence[Ranked]) -> float:
    """The lowest cutoff giving no confident answer on dev fallback messages (score > cutoff)."""
    scores = [r.score for e, r in zip(dev, ranked, strict=True) if e.expected == "fallback"]
    return max(scores) if scores else float("-inf")


def figures(examples: Sequence[Example], ranked: Sequence[Ranked]) -> dict[str, Any]:
    topic = [(e, r) for e, r in zip(examples, ranked, strict=True) if _is_topic(e)]
    fallback = [r for e, r in zip(examples, ranked, strict=True) if e.expected == "fallback"]
    top1 = sum(r.top == e.expected for e, r in topic)
    answered = sum(r.confident and r.top == e.expected for e, r in topic)
    wrong = sum(r.confident and r.top != e.expected for e, r in topic)
    fallback_answered = sum(r.confident for r in fallback)
    return {
        "topic_items": len(topic),
        "top1_accuracy": _share(top1, len(topic)),
        "answered_correctly": _share(answered, len(topic)),
        "confident_wrong": wrong,
        "fallback_items": len(fallback),
        "fallback_confidently_answered": fallback_answered,
        "fallback_precision": 1.0 - _share(fallback_answered, len(fallback)),
    }


def _is_topic(example: Example) -> bool:
    return example.expected not in {"fallback", "smalltalk"}


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def responder_figures(responder: Responder, examples: Sequence[Example]) -> dict[str, Any]:
    report = evaluate_faq(responder, examples)
    return {
        "topic_items": report.topic_items,
        "top1_accuracy": round(report.top1_accuracy, 4),
        "answered_correctly": round(report.answered_accuracy, 4),
        "confident_wrong": report.confident_wrong,
        "clarified": report.clarified,
        "fallback_items": report.fallback_items,
        "fallback_confidently_answered": report.fallback_confident_wrong,
        "fallback_precision": round(report.fallback_precision, 4),
        "smalltalk_recognised": f"{report.smalltalk_correct}/{report.smalltalk_items}",
    }


def triage_figures(responder: Responder, examples: Sequence[Example]) -> dict[str, Any]:
    report = evaluate_triage(responder, examples)
    return {
        "emergency_items": report.emergency_items,
        "emergency_recall": round(report.emergency_recall, 4),
        "urgent_items": report.urgent_items,
        "urgent_recall": round(report.urgent_recall, 4),
        "benign_items": report.benign_items,
        "false_escalation": round(report.false_escalation_rate, 4),
    }


def by_split(examples: Sequence[Example]) -> dict[str, list[Example]]:
    """Examples grouped by split; a file without splits is one group called ``all``."""
    groups: dict[str, list[Example]] = {}
    for example in examples:
        groups.setdefault(example.split or "all", []).append(example)
    return dict(sorted(groups.items()))


def _sample(examples: list[Example], limit: int | None) -> list[Example]:
    if limit is None or len(examples) <= limit:
        return examples
    step = len(examples) / limit
    return [examples[int(i * step)] for i in range(limit)]


def _pct(value: float) -> str:
    return f"{100 * value:.1f}%"


def _pp(value: float) -> str:
    return f"{100 * value:+.1f} pp"


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser(NAME, __doc__.split("\n\n")[0])
    parser.add_argument(
        "--faq-file",
        type=Path,
        action="append",
        help="labelled FAQ JSONL to report on (repeatable; default tests/data/faq_eval.jsonl). "
        "Baseline cutoffs always come from the dev split of faq_eval.jsonl.",
    )
    args = parser.parse_args(argv)
    run = Run(NAME, args.quick, args.out)
    run.header("Accuracy: the project's matcher vs WRatio and TF-IDF over the same phrasings")
    limit = QUICK_ITEMS if args.quick else None

    knowledge = load_knowledge(KNOWLEDGE_DIR)
    cache = model_cache_folder(load_settings(None))
    responder = Responder(knowledge, understanding=ModelSource(cache, KNOWLEDGE_DIR / "lang"))
    phrasings = Phrasings(knowledge.faq)
    scorers: dict[str, Scorer] = {
        "ours": matcher_scorer(responder),
        "matcher": matcher_scorer(responder.matcher),
        "wratio": wratio_scorer(phrasings),
        "tfidf_word": tfidf_scorer(
            phrasings, TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True)
        ),
        "tfidf_char": tfidf_scorer(
            phrasings, TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
        ),
    }

    dev = _sample(load_examples(FAQ_EVAL, "dev"), limit)
    cutoffs = {
        name: fallback_cutoff(dev, scorers[name]([e.text for e in dev])) for name in BASELINES
    }

    results: dict[str, Any] = {"cutoffs": cutoffs, "faq": {}, "triage": {}, "margins": {}}
    for path in args.faq_file or [FAQ_EVAL]:
        for split, examples in by_split(load_examples(path)).items():
            examples = _sample(examples, limit)
            key = split if path == FAQ_EVAL else f"{path.name}:{split}"
            texts = [e.text for e in examples]
            methods: dict[str, dict[str, Any]] = {}
            for name, scorer in scorers.items():
                ranked = scorer(texts)
                if name in cutoffs:
                    ranked = [
                        Ranked(r.top, r.score, confident=r.score > cutoffs[name]) for r in ranked
                    ]
                methods[name] = figures(examples, ranked)
            methods["responder"] = responder_figures(responder, examples)
            results["faq"][key] = methods
            mine = methods["ours"]
            results["margins"][key] = {
                name: {
                    metric: round(mine[metric] - methods[name][metric], 4)
                    for metric in ("top1_accuracy", "answered_correctly", "fallback_precision")
                }
                for name in BASELINES
            }
            _print_split(key, path, methods, cutoffs, results["margins"][key])

    for split, examples in by_split(load_examples(TRIAGE_EVAL)).items():
        results["triage"][split] = triage_figures(responder, _sample(examples, limit))
    print("\nTriage (the responder; baselines have no triage):")
    print(
        format_table(
            ["split", "emergency recall", "urgent recall", "false escalation"],
            [
                [
                    s,
                    _pct(t["emergency_recall"]),
                    _pct(t["urgent_recall"]),
                    _pct(t["false_escalation"]),
                ]
                for s, t in results["triage"].items()
            ],
        )
    )

    parameters = {
        "faq_files": [str(p) for p in (args.faq_file or [FAQ_EVAL])],
        "triage_file": str(TRIAGE_EVAL),
        "cutoff_rule": "lowest cutoff with no confident answer on faq_eval dev fallback items",
        "items_per_split_limit": limit,
        "tfidf_word": "analyzer=word, ngram_range=(1, 2), sublinear_tf=True",
        "tfidf_char": "analyzer=char_wb, ngram_range=(2, 5), sublinear_tf=True",
        "ours": "Responder.match: the lexical matcher fused with the understanding model",
        "model_fingerprint": responder.understanding.fingerprint[:12]
        if responder.understanding
        else None,
    }
    targets = [
        Target(
            f"ours minus tfidf_char, answered correctly [{key}]",
            100 * margin["tfidf_char"]["answered_correctly"],
            100 * MARGIN_TARGET,
            "pp",
            higher_is_better=True,
        )
        for key, margin in results["margins"].items()
    ]
    run.finish(parameters, results, targets)
    return 0


def _print_split(
    key: str,
    path: Path,
    methods: dict[str, dict[str, Any]],
    cutoffs: dict[str, float],
    margins: dict[str, dict[str, float]],
) -> None:
    first = methods["ours"]
    print(
        f"\n-- {path.name} [{key}]: {first['topic_items']} topic messages, "
        f"{first['fallback_items']} out-of-scope"
    )
    rows = []
    for name, m in methods.items():
        cutoff = f"> {cutoffs[name]:.3g}" if name in cutoffs else "shipped"
        rows.append(
            [
                name,
                _pct(m["top1_accuracy"]),
                _pct(m["answered_correctly"]),
                _pct(m["fallback_precision"]),
                cutoff,
            ]
        )
    print(
        format_table(
            ["method", "top-1", "answered correctly", "fallback precision", "confident if"], rows
        )
    )
    print("ours (the shipped FAQ decision) beats:")
    for name, margin in margins.items():
        print(
            f"  {name:<11} top-1 {_pp(margin['top1_accuracy'])}, answered correctly "
            f"{_pp(margin['answered_correctly'])}, fallback precision "
            f"{_pp(margin['fallback_precision'])}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
