"""Pure functions that combine the rules, the lexical matcher and the model into one decision.

FAQ: ``fuse_faq`` mixes the lexical matcher's candidates (0-100) with the model's entry
probabilities into one 0-100 score per entry, then answers, clarifies or falls back by
thresholds calibrated on the dev split (``calibration.py``). A message the model reads as
out of scope is never answered.

Triage: ``fuse_triage`` keeps the rules in charge and lets the model act in three ways only:

1. **Safety net** (the rules found no affirmed red flag): the model's top flag escalates at
   that flag's level when its probability reaches the level's threshold, the message is in
   a language the model learned red flags in, the rules did not read the message as a
   mention of that flag (hypothetical, question, someone else's past), and the clause the
   model fired on reads as affirmed (``context.read_clause``: not negated, hypothetical,
   a story or a general question). Idioms are already cut out by the model.
2. **Raise** (the rules found an urgent flag): a confident model emergency flag in an
   affirmed clause raises the level to emergency ("highest level wins"). Never lowers.
3. **Stand down on a loose urgent match** (the only downgrade): every rule hit is *urgent*
   and *loose* (the phrasing matched through a stem, a typo or across two clauses, not word
   for word in one clause), the model's top red-flag probability is below
   ``stand_down_flag_max``, and the FAQ head reads an ordinary in-scope question with
   probability at least ``stand_down_faq_min``. Then the message is answered, not
   escalated. An emergency hit, or any word-for-word hit, is never overruled.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from bot.core.matching import Answer, Candidate, Clarify, MatchResult, NoMatch
from bot.core.text import normalise
from bot.core.triage import LEVEL_RANK, FlagHit, Level, TriageResult
from bot.core.understanding.context import read_clause
from bot.core.understanding.model import FaqScores, FlagScore, RedFlagScores

# ---------------------------------------------------------------------------- FAQ


@dataclass(frozen=True, slots=True)
class FaqFusion:
    """How lexical and model scores mix, and where answer / clarify / fallback begin.

    Defaults were chosen on ``tests/data/faq_eval.jsonl`` split dev (see ``calibration``).
    """

    model_weight: float = 0.5
    answer: float = 40.0
    clarify: float = 10.0
    min_gap: float = 0.0
    out_of_scope: float = 0.45


def fuse_faq(
    lexical: Sequence[Candidate], model: FaqScores, fusion: FaqFusion | None = None
) -> MatchResult:
    """Answer, clarify or fall back from the matcher's candidates and the model's scores."""
    fusion = fusion or FaqFusion()
    candidates = fused_candidates(lexical, model, fusion.model_weight)
    if model.out_of_scope >= fusion.out_of_scope or not candidates:
        return NoMatch(candidates)
    top = candidates[0]
    if top.score < fusion.clarify:
        return NoMatch(candidates)
    runner_up = candidates[1].score if len(candidates) > 1 else 0.0
    if top.score >= fusion.answer and top.score - runner_up >= fusion.min_gap:
        return Answer(top.entry_id, top.score, candidates)
    return Clarify(tuple(c for c in candidates[:3] if c.score >= fusion.clarify))


def fused_candidates(
    lexical: Sequence[Candidate], model: FaqScores, model_weight: float, limit: int = 5
) -> tuple[Candidate, ...]:
    """Entries by ``100 * (w * p_model + (1 - w) * lexical / 100)``, best first."""
    scores: dict[str, float] = {}
    for candidate in lexical:
        scores[candidate.entry_id] = (1 - model_weight) * candidate.score
    for entry_id, probability in model.ranked:
        scores[entry_id] = scores.get(entry_id, 0.0) + model_weight * 100.0 * probability
    ranked = sorted(scores.items(), key=lambda item: -item[1])[:limit]
    return tuple(Candidate(entry_id, round(score, 2)) for entry_id, score in ranked)


# ---------------------------------------------------------------------------- triage


@dataclass(frozen=True, slots=True)
class TriageFusion:
    """Thresholds of the safety net, the raise, and the one allowed stand-down.

    Defaults were chosen on ``tests/data/triage_eval.jsonl`` split dev (see ``calibration``):
    the rules already catch all of its emergencies, so dev admits only a cautious net, no
    raise (a threshold above 1 turns it off) and no stand-down.
    """

    emergency: float = 0.95
    urgent: float = 0.95
    raise_to_emergency: float = 1.01
    stand_down: bool = False
    stand_down_flag_max: float = 0.1
    stand_down_faq_min: float = 0.5


Source = Literal["none", "rules", "model", "rules+model", "stood_down"]


@dataclass(frozen=True, slots=True)
class FusedTriage:
    """The triage result to act on, and which part decided it (for logs and evaluation)."""

    result: TriageResult
    source: Source


def fuse_triage(
    rules: TriageResult,
    flags: RedFlagScores,
    faq: FaqScores,
    languages: Iterable[str],
    fusion: TriageFusion | None = None,
) -> FusedTriage:
    """Combine the rules' result with the model's red-flag and FAQ scores (see module doc)."""
    fusion = fusion or TriageFusion()
    if rules.escalates:
        if _may_stand_down(rules, flags, faq, fusion):
            mentions = (*rules.mentions, *rules.hits)
            return FusedTriage(TriageResult(None, (), mentions), "stood_down")
        if rules.level == "urgent":
            raised = _net_hit(rules, flags, languages, fusion, emergency_only=True)
            if raised is not None:
                hits = (raised, *rules.hits)
                return FusedTriage(TriageResult("emergency", hits, rules.mentions), "rules+model")
        return FusedTriage(rules, "rules")
    hit = _net_hit(rules, flags, languages, fusion, emergency_only=False)
    if hit is None:
        return FusedTriage(rules, "none")
    return FusedTriage(TriageResult(hit.level, (hit,), rules.mentions), "model")


def is_loose(hit: FlagHit) -> bool:
    """A rule hit found through stems, typos or two clauses, not word for word in one clause."""
    if " / " in hit.clause:
        return True
    clause_words = set(normalise(hit.clause).split())
    literal = [w for w in normalise(_without_concepts(hit.phrasing)).split()]
    return not all(word in clause_words for word in literal)


def _without_concepts(phrasing: str) -> str:
    return " ".join(word for word in phrasing.split() if not word.startswith("$"))


def _may_stand_down(
    rules: TriageResult, flags: RedFlagScores, faq: FaqScores, fusion: TriageFusion
) -> bool:
    if not fusion.stand_down or rules.level != "urgent":
        return False
    if not all(hit.level == "urgent" and is_loose(hit) for hit in rules.hits):
        return False
    top_flag = flags.top.probability if flags.top else 0.0
    top_faq = faq.top[1] if faq.top else 0.0
    return top_flag < fusion.stand_down_flag_max and top_faq >= fusion.stand_down_faq_min


def _threshold(level: str, fusion: TriageFusion) -> float:
    return fusion.emergency if level == "emergency" else fusion.urgent


def _net_hit(
    rules: TriageResult,
    flags: RedFlagScores,
    languages: Iterable[str],
    fusion: TriageFusion,
    *,
    emergency_only: bool,
) -> FlagHit | None:
    if flags.language not in set(languages):
        return None
    mentioned = {hit.flag_id for hit in rules.mentions}
    for score in flags.ranked:
        if emergency_only and score.level != "emergency":
            continue
        needed = fusion.raise_to_emergency if emergency_only else _threshold(score.level, fusion)
        if score.probability < needed or score.flag_id in mentioned:
            continue
        if read_clause(score.clause) != "affirmed":
            continue
        return _as_hit(score, flags.language)
    return None


def _as_hit(score: FlagScore, language: str) -> FlagHit:
    level: Level = "emergency" if score.level == "emergency" else "urgent"
    return FlagHit(
        flag_id=score.flag_id,
        level=level,
        language=language,
        phrasing=f"(model p={score.probability:.2f})",
        clause=score.clause,
    )


def highest(levels: Iterable[Level | None]) -> Level | None:
    """The most severe of several levels (None when there is none)."""
    best: Level | None = None
    for level in levels:
        if LEVEL_RANK[level] > LEVEL_RANK[best]:
            best = level
    return best
