"""Today's matcher and rules vs the learned understanding layer, per labelled set, in one run.

FAQ methods (answered correctly / clarified / confident wrong over topic messages; share of
out-of-scope messages answered):

* ``today``      the responder as shipped: rules triage, small talk, lexical matcher;
* ``tfidf_char`` char 2-5-gram TF-IDF cosine over the FAQ phrasings, cutoff = the lowest with
                 no answer on a dev out-of-scope message (as ``benchmarks/accuracy.py``);
* ``model``      the FAQ head alone (answer when P(entry) and P(out of scope) pass dev cutoffs);
* ``fusion``     rules + safety net, small talk, then ``fuse_faq`` over matcher and model.

Triage methods: ``today`` (rules), ``model`` (red-flag head alone, no context rules, cutoff
chosen on dev for <= 3% false escalation), ``fusion`` (``fuse_triage``).

Every threshold is calibrated on the dev splits only; "test", "holdout" and "blind2" are
reported, never tuned on. Run:

    .venv/bin/python -m benchmarks.semantic_eval [--cache-dir DIR] [--misses SET]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from benchmarks.common import DATA_DIR, KNOWLEDGE_DIR
from bot.core.evaluation import Example, load_examples
from bot.core.knowledge import load_knowledge
from bot.core.matching import Answer, Candidate, Clarify, MatchResult, decide
from bot.core.responder import Responder
from bot.core.text import normalise
from bot.core.triage import TriageResult
from bot.core.understanding import (
    FaqCase,
    FaqScores,
    FusedTriage,
    RedFlagScores,
    TriageFusion,
    UnderstandingModel,
    calibrate_faq,
    calibrate_triage,
    faq_figures,
    fuse_faq,
    fuse_triage,
)

FAQ_SETS = (("faq_eval.jsonl", "dev"), ("faq_eval.jsonl", "test"), ("faq_holdout.jsonl", None))
TRIAGE_SETS = (
    ("triage_eval.jsonl", "dev"),
    ("triage_eval.jsonl", "test"),
    ("triage_holdout.jsonl", None),
    ("triage_blind2.jsonl", None),
)


@dataclass(frozen=True, slots=True)
class Scored:
    """Everything every method needs about one message, computed once."""

    example: Example
    rules: TriageResult
    smalltalk: str | None
    lexical: tuple[Candidate, ...]
    faq: FaqScores
    flags: RedFlagScores


def score_all(
    responder: Responder, model: UnderstandingModel, examples: Sequence[Example]
) -> list[Scored]:
    return [
        Scored(
            e,
            responder.triage.assess(e.text),
            responder.smalltalk.intent(e.text),
            responder.matcher.rank(e.text),
            model.faq_scores(e.text),
            model.red_flag_scores(e.text),
        )
        for e in examples
    ]


# ------------------------------------------------------------------ FAQ methods


def _faq_row(name: str, scored: Sequence[Scored], kinds: Sequence[tuple[str, str | None]]) -> str:
    topic = [(s, k) for s, k in zip(scored, kinds, strict=True) if _is_topic(s.example)]
    oos = [k for s, k in zip(scored, kinds, strict=True) if s.example.expected == "fallback"]
    answered = sum(k == ("answer", s.example.expected) for s, k in topic)
    clarified = sum(k[0] == "clarify" for _, k in topic)
    wrong = sum(k[0] == "answer" and k[1] != s.example.expected for s, k in topic)
    oos_answered = sum(k[0] == "answer" for k in oos)
    n, m = len(topic), len(oos)
    return (
        f"  {name:<11} answered {_pct(answered, n)}  clarified {_pct(clarified, n)}  "
        f"wrong {wrong:>3}  out-of-scope answered {_pct(oos_answered, m)} ({oos_answered}/{m})"
    )


def _is_topic(example: Example) -> bool:
    return example.expected not in {"fallback", "smalltalk"}


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "   - "


def _kind(result: MatchResult) -> tuple[str, str | None]:
    if isinstance(result, Answer):
        return ("answer", result.entry_id)
    if isinstance(result, Clarify):
        return ("clarify", result.candidates[0].entry_id)
    return ("fallback", None)


def pipeline_kind(
    scored: Scored, triage: TriageResult, match: MatchResult
) -> tuple[str, str | None]:
    """What the responder would do: escalate, small talk, or the FAQ decision."""
    if not normalise(scored.example.text):
        return ("fallback", None)
    if triage.escalates:
        return ("escalation", None)
    if scored.smalltalk is not None:
        return ("smalltalk", None)
    return _kind(match)


class TfidfChar:
    """Char 2-5-gram cosine retrieval over the same phrasings as the matcher."""

    def __init__(self, responder: Responder) -> None:
        self.ids: list[str] = []
        texts: list[str] = []
        for entry in responder.knowledge.faq:
            for text in [entry.title, *entry.questions]:
                texts.append(text)
                self.ids.append(entry.id)
        self.vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
        self.index = self.vectorizer.fit_transform(texts)
        self.cutoff = 1.0

    def best(self, text: str) -> tuple[str, float]:
        row = np.asarray((self.vectorizer.transform([text]) @ self.index.T).toarray())[0]
        return self.ids[int(row.argmax())], float(row.max())


def model_alone_kind(scored: Scored, answer: float, oos: float) -> tuple[str, str | None]:
    top = scored.faq.top
    if top is None or scored.faq.out_of_scope >= oos or top[1] < answer:
        return ("fallback", None)
    return ("answer", top[0])


def calibrate_model_alone(dev: Sequence[Scored]) -> tuple[float, float]:
    best: tuple[int, tuple[float, float]] = (-1, (0.5, 0.5))
    fallbacks = [s for s in dev if s.example.expected == "fallback"]
    for answer in np.arange(0.1, 0.95, 0.05):
        for oos in (0.3, 0.45, 0.6, 0.8):
            kinds = [model_alone_kind(s, float(answer), oos) for s in dev]
            if sum(model_alone_kind(s, float(answer), oos)[0] == "answer" for s in fallbacks) > (
                0.05 * len(fallbacks)
            ):
                continue
            right = sum(
                k == ("answer", s.example.expected) for s, k in zip(dev, kinds, strict=True)
            )
            if right > best[0]:
                best = (right, (float(answer), oos))
    return best[1]


# ------------------------------------------------------------------ triage methods


def model_alone_triage(scored: Scored, cutoff: float) -> str | None:
    top = scored.flags.top
    if top is None or top.probability < cutoff:
        return None
    return top.level


def _triage_row(name: str, scored: Sequence[Scored], levels: Sequence[str | None]) -> str:
    e = [lv for s, lv in zip(scored, levels, strict=True) if s.example.expected == "emergency"]
    u = [lv for s, lv in zip(scored, levels, strict=True) if s.example.expected == "urgent"]
    b = [(s, lv) for s, lv in zip(scored, levels, strict=True) if s.example.expected == "none"]
    foreign = [(s, lv) for s, lv in b if (s.example.lang or "en") != "en"]
    return (
        f"  {name:<11} emergency {_pct(sum(lv == 'emergency' for lv in e), len(e))}  "
        f"urgent {_pct(sum(lv is not None for lv in u), len(u))}  "
        f"false escalation {_pct(sum(lv is not None for _, lv in b), len(b))} "
        f"(non-English {sum(lv is not None for _, lv in foreign)}/{len(foreign)})"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--cache-dir", type=Path, default=Path(tempfile.gettempdir()) / "aftercare-understanding"
    )
    parser.add_argument(
        "--misses", help="print fusion misses for this set label (e.g. faq_eval:dev)"
    )
    args = parser.parse_args(argv)

    knowledge = load_knowledge(KNOWLEDGE_DIR)
    responder = Responder(knowledge)
    started = time.perf_counter()
    model = UnderstandingModel.for_knowledge(
        knowledge, cache_dir=args.cache_dir, language_packs=KNOWLEDGE_DIR / "lang"
    )
    print(
        f"model ready in {time.perf_counter() - started:.1f}s, fingerprint {model.fingerprint[:12]}"
    )
    languages = model.flag_languages

    def fused(s: Scored, fusion: TriageFusion | None = None) -> FusedTriage:
        return fuse_triage(s.rules, s.flags, s.faq, languages, fusion)

    # ---- calibrate on dev only
    faq_dev = score_all(responder, model, load_examples(DATA_DIR / "faq_eval.jsonl", "dev"))
    tri_dev = score_all(responder, model, load_examples(DATA_DIR / "triage_eval.jsonl", "dev"))
    triage_fusion = calibrate_triage(
        [s.example.expected for s in tri_dev], lambda i, f: fused(tri_dev[i], f)
    )
    faq_cases = [
        FaqCase(
            s.example.expected,
            s.lexical,
            s.faq,
            fused(s, triage_fusion).result.escalates or s.smalltalk is not None,
        )
        for s in faq_dev
    ]
    faq_fusion = calibrate_faq(faq_cases)
    tfidf = TfidfChar(responder)
    tfidf.cutoff = max(
        (tfidf.best(s.example.text)[1] for s in faq_dev if s.example.expected == "fallback"),
        default=0.0,
    )
    alone_answer, alone_oos = calibrate_model_alone(faq_dev)
    benign_dev = sorted(
        (s.flags.top.probability if s.flags.top else 0.0)
        for s in tri_dev
        if s.example.expected == "none"
    )
    model_cutoff = benign_dev[int(len(benign_dev) * 0.97)] + 1e-9 if benign_dev else 0.5
    print(f"calibrated on dev: {faq_fusion}")
    print(f"                   {triage_fusion}")
    print(
        f"                   model alone: answer p>={alone_answer:.2f}, P(oos)<{alone_oos}; "
        f"red flag p>={model_cutoff:.3f}; tfidf_char cutoff {tfidf.cutoff:.3f}"
    )
    check = faq_figures(faq_cases, faq_fusion)
    print(f"                   dev check: {check}")

    for file_name, split in FAQ_SETS:
        examples = load_examples(DATA_DIR / file_name, split)
        scored = (
            faq_dev if (file_name, split) == FAQ_SETS[0] else score_all(responder, model, examples)
        )
        label = f"{file_name.removesuffix('.jsonl')}:{split or 'all'}"
        print(
            f"\n== FAQ {label}: {sum(_is_topic(e) for e in examples)} topic, "
            f"{sum(e.expected == 'fallback' for e in examples)} out-of-scope"
        )
        today = [
            pipeline_kind(s, s.rules, decide(s.lexical, responder.matcher.thresholds))
            for s in scored
        ]
        print(_faq_row("today", scored, today))
        tf = []
        for s in scored:
            entry, score = tfidf.best(s.example.text)
            tf.append(("answer", entry) if score > tfidf.cutoff else ("fallback", None))
        print(_faq_row("tfidf_char", scored, tf))
        print(
            _faq_row(
                "model", scored, [model_alone_kind(s, alone_answer, alone_oos) for s in scored]
            )
        )
        fusion_kinds = [
            pipeline_kind(s, fused(s, triage_fusion).result, fuse_faq(s.lexical, s.faq, faq_fusion))
            for s in scored
        ]
        print(_faq_row("fusion", scored, fusion_kinds))
        if args.misses == label:
            _print_faq_misses(scored, fusion_kinds)

    for file_name, split in TRIAGE_SETS:
        examples = load_examples(DATA_DIR / file_name, split)
        scored = (
            tri_dev
            if (file_name, split) == TRIAGE_SETS[0]
            else score_all(responder, model, examples)
        )
        label = f"{file_name.removesuffix('.jsonl')}:{split or 'all'}"
        print(f"\n== triage {label}: {len(examples)} messages")
        print(_triage_row("today", scored, [s.rules.level for s in scored]))
        print(_triage_row("model", scored, [model_alone_triage(s, model_cutoff) for s in scored]))
        results = [fused(s, triage_fusion) for s in scored]
        print(_triage_row("fusion", scored, [r.result.level for r in results]))
        if args.misses == label:
            for s, r in zip(scored, results, strict=True):
                want = s.example.expected
                got = r.result.level or "none"
                ok = got == want or (want == "urgent" and got == "emergency")
                if not ok:
                    top = s.flags.top
                    detail = f"{top.flag_id}:{top.probability:.2f}" if top else "-"
                    text = s.example.text[:100]
                    print(f"    {want:<9} got {got:<9} [{r.source:<10} {detail}] {text}")
    return 0


def _print_faq_misses(scored: Sequence[Scored], kinds: Sequence[tuple[str, str | None]]) -> None:
    for s, k in zip(scored, kinds, strict=True):
        if k == ("answer", s.example.expected) or (
            s.example.expected == "fallback" and k[0] != "answer"
        ):
            continue
        if s.example.expected == "smalltalk":
            continue
        top = s.faq.top
        lex = f"{s.lexical[0].entry_id}:{s.lexical[0].score}" if s.lexical else "-"
        print(
            f"    {s.example.expected:<28} got {k[0]}:{k[1]} "
            f"[m {top[0] if top else '-'}:{top[1] if top else 0:.2f} oos {s.faq.out_of_scope:.2f}; "
            f"lex {lex}] {s.example.text[:80]}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
