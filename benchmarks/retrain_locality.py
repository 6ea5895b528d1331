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

``--faq-edit`` makes the edit a language-pack one instead: 20 FAQ wordings (five languages,
none in any labelled set), the size of a732101's. Every probability moves then (the vocabulary
is shared and SGD reads on past the new rows), so what counts is **answers**: messages whose
FAQ decision (answer with its entry, clarify or fall back: the lexical matcher fused with the
model as the bot does) changed, split into those touching an edited entry and the unrelated
rest, and red-flag readings crossing 0.4 (the lowest safety-net threshold the calibrator
tries). On the first 2,000 labelled messages (``--quick``) on 196190e, with the FAQ head in
SGD's seeded shuffle and a top-k word vocabulary: 146 decisions moved, 110 of them unrelated
to the edited entries, and 5 red-flag crossings (issue 14: why a732101 had to be reverted).
Reading the FAQ head in content order with the vocabulary cut by document frequency brought
that to 6 moved (4 unrelated) and 0 crossings in a trial, not landed: that switch re-draws
the FAQ head once and moved dialogue tests' readings.

    .venv/bin/python -m benchmarks.retrain_locality [--quick] [--faq-edit]
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.common import DATA_DIR, KNOWLEDGE_DIR, make_parser
from bot.core.knowledge import load_knowledge
from bot.core.matching import Answer, MatchResult
from bot.core.responder import Responder
from bot.core.understanding.corpus import LABELLED_WEIGHT, Corpus, Example, build_corpus
from bot.core.understanding.fusion import fuse_faq
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


#: A pack-only edit: 20 FAQ wordings in everyday words (es/de/fr/it/pt), as a clinic adds them.
EXTRA_WORDINGS: tuple[tuple[str, str, str], ...] = (
    ("cuándo puedo volver a correr por el parque", "exercise_gym", "es"),
    ("me puedo echar una siesta boca abajo", "sleeping_position", "es"),
    ("cuánto me va a durar el efecto más o menos", "how_long_results_last", "es"),
    ("puedo tomarme una caña esta tarde", "alcohol", "es"),
    ("ab wann darf ich wieder laufen gehen im wald", "exercise_gym", "de"),
    ("darf ich mich heute abend schminken", "makeup_skincare_washing", "de"),
    ("wie lange sieht man die blauen flecken noch", "bruising", "de"),
    ("kann ich morgen mit dem flieger in den urlaub", "flying_travel", "de"),
    ("je peux me démaquiller ce soir sans frotter", "makeup_skincare_washing", "fr"),
    ("au bout de combien de jours je verrai le résultat", "when_results_appear", "fr"),
    ("est-ce que je peux aller au hammam ce week-end", "heat_sauna_sun", "fr"),
    ("un doliprane pour la douleur c'est bon", "pain_relief", "fr"),
    ("posso andare a correre domani mattina", "exercise_gym", "it"),
    ("quanto mi dura di solito l'effetto", "how_long_results_last", "it"),
    ("posso struccarmi stasera senza problemi", "makeup_skincare_washing", "it"),
    ("mi posso sdraiare sul divano dopo pranzo", "stay_upright_lying_down", "it"),
    ("posso voltar pra academia amanhã", "exercise_gym", "pt"),
    ("hoje tem churrasco, posso beber uma cervejinha", "alcohol", "pt"),
    ("quanto tempo demora pra fazer efeito", "when_results_appear", "pt"),
    ("posso tomar sol na praia no fim de semana", "heat_sauna_sun", "pt"),
)

#: The red-flag probability a reading counts as "crossing" at (the lowest level threshold).
FLAG_LINE = 0.4


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


def compare_answers(
    responder: Responder,
    base: UnderstandingModel,
    edited: UnderstandingModel,
    texts: list[str],
    edited_entries: set[str],
) -> dict[str, Any]:
    """Counts of FAQ decisions and red-flag crossings that differ between two models."""
    moved = related = flags = 0
    changes: list[str] = []
    for text in texts:
        lexical = responder.matcher.rank(text)
        a = _decision(fuse_faq(lexical, base.faq_scores(text)))
        b = _decision(fuse_faq(lexical, edited.faq_scores(text)))
        if a != b:
            moved += 1
            touches = a[1] in edited_entries or b[1] in edited_entries
            related += touches
            if not touches:
                changes.append(f"{a[0]}:{a[1]} -> {b[0]}:{b[1]}  {text[:70]}")
        flags += _flag_over_line(base, text) != _flag_over_line(edited, text)
    return {
        "messages": len(texts),
        "faq_answers_moved": moved,
        "faq_answers_moved_on_edited_entries": related,
        "faq_answers_moved_unrelated": moved - related,
        "flag_crossings_moved": flags,
        "unrelated_changes": changes,
    }


def _decision(result: MatchResult) -> tuple[str, str | None]:
    return type(result).__name__, result.entry_id if isinstance(result, Answer) else None


def _flag_over_line(model: UnderstandingModel, text: str) -> str | None:
    top = model.red_flag_scores(text).top
    return top.flag_id if top is not None and top.probability >= FLAG_LINE else None


def faq_edit(corpus: Corpus, texts: list[str]) -> dict[str, Any]:
    """Train with and without ``EXTRA_WORDINGS`` and compare the decisions on ``texts``."""
    entries = {e.label for e in corpus.faq}
    extra = tuple(
        Example(text, entry, lang) for text, entry, lang in EXTRA_WORDINGS if entry in entries
    )
    edited = dataclasses.replace(corpus, faq=(*corpus.faq, *extra))
    responder = Responder(load_knowledge(KNOWLEDGE_DIR))
    result = compare_answers(
        responder,
        UnderstandingModel.train(corpus),
        UnderstandingModel.train(edited),
        texts,
        {e.label for e in extra},
    )
    result["extra_wordings"] = len(extra)
    return result


def main() -> None:
    parser = make_parser("retrain_locality", __doc__ or "")
    parser.add_argument(
        "--faq-edit", action="store_true", help="edit FAQ wordings instead of red-flag reports"
    )
    args = parser.parse_args()
    knowledge = load_knowledge(KNOWLEDGE_DIR)
    corpus = build_corpus(knowledge, KNOWLEDGE_DIR / "lang")
    if args.faq_edit:
        texts = list(dict.fromkeys(labelled_texts(DATA_DIR)))
        if args.quick:
            texts = texts[:2000]
        result = faq_edit(corpus, texts)
        for key, value in result.items():
            if key != "unrelated_changes":
                print(f"{key:38} {value}")
        for line in result["unrelated_changes"][:40]:
            print("  ", line)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
        return
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
