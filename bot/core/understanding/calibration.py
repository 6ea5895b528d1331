"""Choose the fusion thresholds on labelled messages (the dev split), as pure grid searches.

Targets (issue 12): clarify on at most 10% of answerable questions, out-of-scope messages
answered at most 5%; false escalation at most 3% while recall is as high as it gets.
Each search takes precomputed scores, so a sweep costs milliseconds per setting.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.core.matching import Answer, Candidate, Clarify
from bot.core.understanding.fusion import FaqFusion, FusedTriage, TriageFusion, fuse_faq
from bot.core.understanding.model import FaqScores

CLARIFY_MAX = 0.10
OUT_OF_SCOPE_ANSWERED_MAX = 0.05
FALSE_ESCALATION_MAX = 0.03


@dataclass(frozen=True, slots=True)
class FaqCase:
    """One labelled FAQ message with what the other stages said about it."""

    expected: str  # an entry id, "fallback" or "smalltalk"
    lexical: tuple[Candidate, ...]
    model: FaqScores
    handled_before: bool  # escalated or small talk: the FAQ decision is never reached


@dataclass(frozen=True, slots=True)
class FaqFigures:
    topic: int
    answered_correct: int
    clarified: int
    confident_wrong: int
    out_of_scope: int
    out_of_scope_answered: int

    def share(self, part: int, whole: int) -> float:
        return part / whole if whole else 0.0


def faq_figures(cases: Sequence[FaqCase], fusion: FaqFusion) -> FaqFigures:
    counts = [0, 0, 0, 0, 0, 0]
    for case in cases:
        if case.expected == "smalltalk":
            continue
        result = None if case.handled_before else fuse_faq(case.lexical, case.model, fusion)
        if case.expected == "fallback":
            counts[4] += 1
            counts[5] += isinstance(result, Answer)
            continue
        counts[0] += 1
        if isinstance(result, Answer):
            if result.entry_id == case.expected:
                counts[1] += 1
            else:
                counts[3] += 1
        elif isinstance(result, Clarify):
            counts[2] += 1
    return FaqFigures(*counts)


def calibrate_faq(
    cases: Sequence[FaqCase], out_of_scope_max: float = OUT_OF_SCOPE_ANSWERED_MAX
) -> FaqFusion:
    """Most answered-correctly on ``cases`` within the clarify and out-of-scope limits;
    ties go to fewer confident wrong answers."""
    best: tuple[tuple[int, int], FaqFusion] | None = None
    grid = itertools.product(
        (0.5, 0.6, 0.7, 0.8, 0.9),  # model weight
        range(20, 71, 5),  # answer
        range(10, 51, 5),  # clarify
        (0.0, 3.0, 6.0),  # min gap
        (0.3, 0.45, 0.6, 0.8),  # out of scope
    )
    for weight, answer, clarify, gap, oos in grid:
        if clarify > answer:
            continue
        fusion = FaqFusion(weight, float(answer), float(clarify), gap, oos)
        f = faq_figures(cases, fusion)
        if f.share(f.clarified, f.topic) > CLARIFY_MAX:
            continue
        if f.share(f.out_of_scope_answered, f.out_of_scope) > out_of_scope_max:
            continue
        key = (f.answered_correct, -f.confident_wrong)
        if best is None or key > best[0]:
            best = (key, fusion)
    return best[1] if best else FaqFusion()


@dataclass(frozen=True, slots=True)
class TriageFigures:
    emergency: int
    emergency_caught: int
    urgent: int
    urgent_caught: int
    benign: int
    benign_escalated: int

    @property
    def false_escalation(self) -> float:
        return self.benign_escalated / self.benign if self.benign else 0.0


def triage_figures(expected: Sequence[str], decide: Callable[[int], FusedTriage]) -> TriageFigures:
    counts = [0, 0, 0, 0, 0, 0]
    for index, label in enumerate(expected):
        level = decide(index).result.level
        if label == "emergency":
            counts[0] += 1
            counts[1] += level == "emergency"
        elif label == "urgent":
            counts[2] += 1
            counts[3] += level is not None
        else:
            counts[4] += 1
            counts[5] += level is not None
    return TriageFigures(*counts)


#: A false alarm costs as much as a missed urgent case (a missed emergency counts two): the
#: calibrator never trades a missed red flag for a false alarm fewer.
FALSE_ALARM_COST = 1


def calibrate_triage(
    expected: Sequence[str],
    decide: Callable[[int, TriageFusion], FusedTriage],
    any_mood: frozenset[str] = frozenset(),
) -> TriageFusion:
    """The fusion with the best ``2 x emergencies caught + urgent caught - false alarms``
    on ``expected`` (false escalation within its limit); ties go to the higher thresholds
    (fewer model decisions). ``decide(i, fusion)`` is the fused triage of message ``i``;
    ``any_mood``: the knowledge's flags voiced in any mood (``any_mood_flags``)."""
    best: tuple[tuple[int, float], TriageFusion] | None = None
    levels = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
    stand_downs = [(False, 0.1, 0.5)] + [
        (True, flag_max, faq_min) for flag_max in (0.05, 0.2) for faq_min in (0.3, 0.6)
    ]
    for emergency, urgent, (stand_down, flag_max, faq_min) in itertools.product(
        levels, levels, stand_downs
    ):
        fusion = TriageFusion(
            emergency=emergency,
            urgent=urgent,
            stand_down=stand_down,
            stand_down_flag_max=flag_max,
            stand_down_faq_min=faq_min,
            any_mood=any_mood,
        )
        f = triage_figures(expected, lambda i, fusion=fusion: decide(i, fusion))  # type: ignore[misc]
        if f.false_escalation > FALSE_ESCALATION_MAX:
            continue
        gain = 2 * f.emergency_caught + f.urgent_caught - FALSE_ALARM_COST * f.benign_escalated
        key = (gain, emergency + urgent - flag_max + faq_min)
        if best is None or key > best[0]:
            best = (key, fusion)
    return best[1] if best else TriageFusion(any_mood=any_mood)
