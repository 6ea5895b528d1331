"""Embeddings vs no embeddings: all-MiniLM-L6-v2 beside the shipped TF-IDF heads, FAQ only.

Variants, each fused with the lexical matcher by ``fuse_faq`` and calibrated the same way
(``calibrate_faq`` on ``faq_eval``, both splits), reported on ``faq_holdout`` (unseen):

* ``matcher``        the lexical matcher alone (today's shipped thresholds);
* ``tfidf``          the shipped understanding model's FAQ head (no embeddings);
* ``minilm``         MiniLM cosine to every English phrasing (entry = its best phrasing;
                     P(out of scope) read as 1 - best cosine);
* ``tfidf+minilm``   the mean of the two.

Triage is the rules alone for every variant (what the FAQ decision never sees is the same).
Needs the measurement-only setup described in ``benchmarks/minilm.py``:

    PYTHONPATH=/tmp/minilm/libs .venv/bin/python -m benchmarks.embeddings_eval \\
        --model /tmp/minilm/model
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from benchmarks.common import DATA_DIR, KNOWLEDGE_DIR
from benchmarks.minilm import MiniLM
from bot.core.evaluation import Example, load_examples
from bot.core.knowledge import load_knowledge
from bot.core.matching import Answer, Candidate, Clarify, decide
from bot.core.responder import Responder
from bot.core.understanding import FaqCase, UnderstandingModel, calibrate_faq
from bot.core.understanding.fusion import fuse_faq
from bot.core.understanding.model import FaqScores

Scorer = Callable[[str], FaqScores]


class Nearest:
    """MiniLM cosine similarity to each entry's best English phrasing."""

    def __init__(self, model: MiniLM, responder: Responder) -> None:
        self.model = model
        self.ids: list[str] = []
        vectors = []
        for entry in responder.knowledge.faq:
            for text in [entry.title, *entry.questions]:
                self.ids.append(entry.id)
                vectors.append(model.embed(text))
        self.index = np.stack(vectors)
        self.entries = sorted(set(self.ids))
        self.column = np.asarray([self.entries.index(i) for i in self.ids])
        self._seen: dict[str, FaqScores] = {}

    def scores(self, text: str) -> FaqScores:
        if text not in self._seen:
            self._seen[text] = self._scores(text)
        return self._seen[text]

    def _scores(self, text: str) -> FaqScores:
        cosine = self.index @ self.model.embed(text)
        best = np.full(len(self.entries), -1.0)
        np.maximum.at(best, self.column, cosine)
        order = np.argsort(-best)[:5]
        ranked = tuple((self.entries[i], float(max(best[i], 0.0))) for i in order)
        return FaqScores(ranked, 1.0 - float(max(best.max(), 0.0)))


def mean_scores(a: FaqScores, b: FaqScores) -> FaqScores:
    pooled: dict[str, float] = {}
    for ranked in (a.ranked, b.ranked):
        for entry, p in ranked:
            pooled[entry] = pooled.get(entry, 0.0) + p / 2
    ranked = tuple(sorted(pooled.items(), key=lambda item: -item[1])[:5])
    return FaqScores(ranked, (a.out_of_scope + b.out_of_scope) / 2)


def row(name: str, examples: Sequence[Example], kinds: Sequence[tuple[str, str | None]]) -> str:
    topic = [(e, k) for e, k in zip(examples, kinds, strict=True) if e.expected != "fallback"]
    oos = [k for e, k in zip(examples, kinds, strict=True) if e.expected == "fallback"]
    right = sum(k == ("answer", e.expected) for e, k in topic)
    clar = sum(k[0] == "clarify" for _, k in topic)
    wrong = sum(k[0] == "answer" and k[1] != e.expected for e, k in topic)
    oos_answered = sum(k[0] == "answer" for k in oos)
    return (
        f"  {name:<13} answered {100 * right / len(topic):5.1f}%  clarified "
        f"{100 * clar / len(topic):5.1f}%  wrong {wrong:>3}  out-of-scope answered "
        f"{100 * oos_answered / len(oos):5.1f}% ({oos_answered}/{len(oos)})"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, required=True, help="unpacked MiniLM folder")
    parser.add_argument("--cache-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    cache = args.cache_dir or Path(
        os.environ.get("MODEL_CACHE_DIR") or Path(tempfile.gettempdir()) / "aftercare-models"
    )
    knowledge = load_knowledge(KNOWLEDGE_DIR)
    responder = Responder(knowledge)
    tfidf = UnderstandingModel.for_knowledge(knowledge, cache, KNOWLEDGE_DIR / "lang")
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    minilm = MiniLM(args.model)
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    nearest = Nearest(minilm, responder)
    index_s = time.perf_counter() - started
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"MiniLM: load {load_s:.1f}s, {len(nearest.ids)} phrasings embedded in {index_s:.0f}s "
        f"({1000 * index_s / len(nearest.ids):.1f} ms each); peak RSS {rss_before:.0f} -> "
        f"{rss_after:.0f} MB; weights {sum(v.nbytes for v in minilm.w.values()) / 1e6:.0f} MB"
    )

    calibration = load_examples(DATA_DIR / "faq_eval.jsonl")
    holdout = load_examples(DATA_DIR / "faq_holdout.jsonl")
    variants: dict[str, Scorer | None] = {
        "matcher": None,
        "tfidf": tfidf.faq_scores,
        "minilm": nearest.scores,
        "tfidf+minilm": lambda t: mean_scores(tfidf.faq_scores(t), nearest.scores(t)),
    }

    def cases(examples: Sequence[Example], scorer: Scorer) -> list[FaqCase]:
        out = []
        for e in examples:
            if e.expected == "smalltalk":
                continue
            handled = responder.triage.assess(e.text).escalates or (
                responder.smalltalk.intent(e.text) is not None
            )
            out.append(FaqCase(e.expected, lexical[e.text], scorer(e.text), handled))
        return out

    lexical: dict[str, tuple[Candidate, ...]] = {
        e.text: responder.matcher.rank(e.text) for e in (*calibration, *holdout)
    }
    print("\n== faq_holdout (unseen); thresholds calibrated on faq_eval")
    for name, scorer in variants.items():
        rows = [e for e in holdout if e.expected != "smalltalk"]
        if scorer is None:
            kinds = []
            for e in rows:
                if responder.triage.assess(e.text).escalates:
                    kinds.append(("escalation", None))
                    continue
                result = decide(lexical[e.text], responder.matcher.thresholds)
                kinds.append(_kind(result))
            print(row(name, rows, kinds))
            continue
        started = time.perf_counter()
        fusion = calibrate_faq(cases(calibration, scorer))
        held = cases(rows, scorer)
        kinds = [
            ("escalation", None)
            if c.handled_before
            else _kind(fuse_faq(c.lexical, c.model, fusion))
            for c in held
        ]
        print(row(name, rows, kinds) + f"   [{fusion}; {time.perf_counter() - started:.0f}s]")
    return 0


_ESCALATED: tuple[str, str | None] = ("escalation", None)


def _kind(result: object) -> tuple[str, str | None]:
    if isinstance(result, Answer):
        return ("answer", result.entry_id)
    if isinstance(result, Clarify):
        return ("clarify", result.candidates[0].entry_id)
    return ("fallback", None)


if __name__ == "__main__":
    raise SystemExit(main())
