"""How far a triage-only data edit moves the FAQ head's readings (issue 12, retrain locality).

Trains the understanding model twice in the same run: on the shipped corpus, and on the same
corpus with 20 extra red-flag reports (written here, in six languages, none of them in any
labelled set). Then reads every message of every labelled set under ``tests/data`` (single
messages and each dialogue turn) with both models and counts:

* **FAQ readings moved**: messages whose FAQ probabilities differ at all, the largest change
  in any entry's probability, and messages whose top entry changed;
* **red-flag readings moved**: the same for the red-flag head (expected: the edit is there).

A triage-only edit should leave every FAQ reading bit-identical. With one TF-IDF vocabulary
shared by both heads (fitted on FAQ and red-flag sentences together: which n-grams make the
``max_features`` cut and every IDF weight depend on both) it moves all of them: on 50b1234,
16,673 of 16,673 labelled messages' FAQ readings moved, 221 top entries changed, by up to
0.236 in probability. With a vocabulary of its own for the FAQ head: 0 moved.

    .venv/bin/python -m benchmarks.retrain_locality [--quick]
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.common import DATA_DIR, KNOWLEDGE_DIR, make_parser
from bot.core.knowledge import load_knowledge
from bot.core.understanding.corpus import LABELLED_WEIGHT, Example, build_corpus
from bot.core.understanding.model import UnderstandingModel

#: A triage-only edit: 20 red-flag reports in new wording (emergency and urgent, six languages).
EXTRA_REPORTS: tuple[tuple[str, str, str], ...] = (
    ("my whole face is puffing up and my tongue feels thick", "E2_allergic_reaction", "en"),
    ("throat feels tight and i'm wheezing since the jabs", "E2_allergic_reaction", "en"),
    ("i can't get food down, it sticks halfway", "E1_swallowing", "en"),
    ("choking on my own spit since this afternoon", "E1_swallowing", "en"),
    ("i can't catch my breath even sitting still", "E3_breathing_speaking", "en"),
    ("my arms feel like jelly and i can hardly lift a cup", "E4_spreading_weakness", "en"),
    ("words come out slurred and my mouth won't work right", "E3_breathing_speaking", "en"),
    ("everything is doubled when i look at the telly", "U2_vision_change", "en"),
    ("the spot they injected is hot, red and oozing", "U3_infection_signs", "en"),
    ("my eyelid has dropped over half my eye", "U1_eyelid_brow_droop", "en"),
    ("la lengua se me está hinchando mucho", "E2_allergic_reaction", "es"),
    ("no puedo tragar bien desde ayer", "E1_swallowing", "es"),
    ("ich kriege kaum luft seit der spritze", "E3_breathing_speaking", "de"),
    ("mir ist die zunge dick geworden und es juckt überall", "E2_allergic_reaction", "de"),
    ("j'ai du mal à avaler depuis hier soir", "E1_swallowing", "fr"),
    ("je vois double depuis ce matin", "U2_vision_change", "fr"),
    ("non riesco a respirare bene da stamattina", "E3_breathing_speaking", "it"),
    ("la palpebra mi è scesa e non si apre", "U1_eyelid_brow_droop", "it"),
    ("estou com muita dificuldade para engolir", "E1_swallowing", "pt"),
    ("o lugar da injeção está quente e com pus", "U3_infection_signs", "pt"),
)


def labelled_texts(folder: Path) -> Iterator[str]:
    """Every message text in the labelled sets: single messages and dialogue turns."""
    for path in sorted(folder.rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row: dict[str, Any] = json.loads(line)
            if "text" in row:
                yield str(row["text"])
            for turn in row.get("turns", ()):
                yield str(turn["text"])


def compare(
    base: UnderstandingModel, edited: UnderstandingModel, texts: list[str]
) -> dict[str, Any]:
    """Counts of moved FAQ and red-flag readings between two models over ``texts``."""
    faq_moved = faq_top = flag_moved = flag_top = 0
    faq_delta = flag_delta = 0.0
    for text in texts:
        a, b = base.faq_scores(text, limit=1000), edited.faq_scores(text, limit=1000)
        pa = dict(a.ranked) | {"__oos__": a.out_of_scope}
        pb = dict(b.ranked) | {"__oos__": b.out_of_scope}
        delta = max(abs(pa[k] - pb.get(k, 0.0)) for k in pa)
        faq_moved += pa != pb
        faq_delta = max(faq_delta, delta)
        faq_top += (a.top and a.top[0]) != (b.top and b.top[0])
        fa, fb = base.red_flag_scores(text, limit=1000), edited.red_flag_scores(text, limit=1000)
        qa = {s.flag_id: s.probability for s in fa.ranked}
        qb = {s.flag_id: s.probability for s in fb.ranked}
        flag_moved += qa != qb
        flag_delta = max(flag_delta, max((abs(qa[k] - qb.get(k, 0.0)) for k in qa), default=0.0))
        flag_top += (fa.top and fa.top.flag_id) != (fb.top and fb.top.flag_id)
    return {
        "messages": len(texts),
        "faq_moved": faq_moved,
        "faq_top_changed": faq_top,
        "faq_max_delta": round(faq_delta, 4),
        "flag_moved": flag_moved,
        "flag_top_changed": flag_top,
        "flag_max_delta": round(flag_delta, 4),
    }


def main() -> None:
    parser = make_parser("retrain_locality", __doc__ or "")
    args = parser.parse_args()
    knowledge = load_knowledge(KNOWLEDGE_DIR)
    corpus = build_corpus(knowledge, KNOWLEDGE_DIR / "lang")
    extra = tuple(
        Example(text, flag, lang, LABELLED_WEIGHT)
        for text, flag, lang in EXTRA_REPORTS
        if flag in corpus.levels
    )
    edited = dataclasses.replace(corpus, red_flags=(*corpus.red_flags, *extra))
    texts = list(dict.fromkeys(labelled_texts(DATA_DIR)))
    if args.quick:
        texts = texts[:300]
    base_model = UnderstandingModel.train(corpus)
    edited_model = UnderstandingModel.train(edited)
    result = compare(base_model, edited_model, texts)
    result["extra_reports"] = len(extra)
    for key, value in result.items():
        print(f"{key:20} {value}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
