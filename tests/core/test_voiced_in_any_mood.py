"""Which red flags a question or a negation cannot turn into a mention is knowledge, not code.

``voiced_in_any_mood`` on a flag in red_flags.yaml (the mental-health crisis flag ships with
it) tells the rules that "whats even the point of carrying on?" is a report, not a question
to answer, and tells the model's safety net that "i dont want to wake up tomorrow" reports
the flag although the clause is negated. Only someone else's past still makes it a mention.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.knowledge import Knowledge, RedFlag, load_knowledge
from bot.core.responder import Responder
from bot.core.triage.detector import NO_FLAGS, TriageDetector
from bot.core.understanding import (
    FaqScores,
    FlagScore,
    RedFlagScores,
    TriageFusion,
    any_mood_flags,
    fuse_triage,
)
from tests.core.test_knowledge import edit_yaml, problems_for

CRISIS = "E5_mental_health_crisis"
LANGS = frozenset({"en"})


def _detector(knowledge: Knowledge, flags: tuple[RedFlag, ...]) -> TriageDetector:
    return TriageDetector(flags, knowledge.ignore_phrases, knowledge.concepts)


def _switched(knowledge: Knowledge, flag_id: str, value: bool) -> tuple[RedFlag, ...]:
    return tuple(
        flag.model_copy(update={"voiced_in_any_mood": value}) if flag.id == flag_id else flag
        for flag in knowledge.red_flags
    )


def test_only_the_crisis_flag_ships_voiced_in_any_mood(knowledge: Knowledge) -> None:
    assert any_mood_flags(knowledge.red_flags) == frozenset({CRISIS})
    assert Responder(knowledge).triage_fusion.any_mood == frozenset({CRISIS})


@pytest.mark.parametrize(
    "text",
    [
        "what is the point of living anymore?",
        "what if i just ended it all tonight",
        "is there even any point living anymore",
    ],
)
def test_the_rules_read_a_crisis_asked_as_a_question_as_a_report(
    knowledge: Knowledge, text: str
) -> None:
    shipped = _detector(knowledge, knowledge.red_flags).assess(text)
    assert shipped.level == "emergency" and CRISIS in shipped.flag_ids
    without = _detector(knowledge, _switched(knowledge, CRISIS, False)).assess(text)
    assert not without.escalates and CRISIS in {m.flag_id for m in without.mentions}


def test_the_field_is_what_decides_not_the_flags_name(knowledge: Knowledge) -> None:
    """Set on another flag, it makes that flag's questions reports too."""
    text = "what if my eyelid starts drooping"
    assert not _detector(knowledge, knowledge.red_flags).assess(text).escalates
    marked = _switched(knowledge, "U1_eyelid_brow_droop", True)
    assert _detector(knowledge, marked).assess(text).level == "urgent"


def test_someone_elses_past_stays_a_mention_even_for_the_crisis_flag(
    knowledge: Knowledge,
) -> None:
    result = _detector(knowledge, knowledge.red_flags).assess(
        "years ago my cousin told me she wanted to kill herself"
    )
    assert not result.escalates


@pytest.mark.parametrize(
    ("clause", "escalates"),
    [
        ("i dont want to wake up tomorrow", True),
        ("would anyone even notice if i wasnt here", True),
        ("my aunt once said she didnt want to be here anymore", False),
    ],
)
def test_the_net_reads_a_negated_clause_as_a_report_only_for_flags_in_any_mood(
    clause: str, escalates: bool
) -> None:
    flags = RedFlagScores((FlagScore(CRISIS, "emergency", 0.95, clause),), "en")
    faq = FaqScores(ranked=(), out_of_scope=0.0)
    with_field = TriageFusion(any_mood=frozenset({CRISIS}))
    assert fuse_triage(NO_FLAGS, flags, faq, LANGS, with_field).result.escalates is escalates
    assert not fuse_triage(NO_FLAGS, flags, faq, LANGS, TriageFusion()).result.escalates


def test_a_value_that_is_not_true_or_false_is_refused(knowledge_copy: Path) -> None:
    def change(data: dict) -> None:  # type: ignore[type-arg]
        flag = next(f for f in data["flags"] if f["id"] == CRISIS)
        flag["voiced_in_any_mood"] = "sometimes"

    edit_yaml(knowledge_copy / "red_flags.yaml", change)
    problems = problems_for(knowledge_copy)
    assert any(CRISIS in p and "voiced_in_any_mood" in p for p in problems), problems


def test_a_clinic_can_leave_it_out(knowledge_copy: Path) -> None:
    def change(data: dict) -> None:  # type: ignore[type-arg]
        for flag in data["flags"]:
            flag.pop("voiced_in_any_mood", None)

    edit_yaml(knowledge_copy / "red_flags.yaml", change)
    assert any_mood_flags(load_knowledge(knowledge_copy).red_flags) == frozenset()
