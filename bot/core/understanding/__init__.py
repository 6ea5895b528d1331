"""Learned understanding: FAQ and red-flag probabilities, and their fusion with the rules.

model = UnderstandingModel.for_knowledge(knowledge, cache_dir=...)
model.faq_scores(text)        -> FaqScores (entries by probability, P(out of scope))
model.red_flag_scores(text)   -> RedFlagScores (flags by probability, with level, clause)
fuse_triage(rules_result, flag_scores, faq_scores, model.flag_languages) -> FusedTriage
fuse_faq(matcher.rank(text), faq_scores)                                 -> MatchResult
"""

from bot.core.understanding.calibration import (
    FaqCase,
    calibrate_faq,
    calibrate_triage,
    faq_figures,
    triage_figures,
)
from bot.core.understanding.fusion import (
    FaqFusion,
    FusedTriage,
    TriageFusion,
    any_mood_flags,
    fuse_faq,
    fuse_triage,
    is_loose,
)
from bot.core.understanding.language import LANGUAGES, detect_language
from bot.core.understanding.model import (
    FaqScores,
    FlagScore,
    RedFlagScores,
    UnderstandingModel,
)

__all__ = [
    "LANGUAGES",
    "FaqCase",
    "FaqFusion",
    "FaqScores",
    "FlagScore",
    "FusedTriage",
    "RedFlagScores",
    "TriageFusion",
    "UnderstandingModel",
    "any_mood_flags",
    "calibrate_faq",
    "calibrate_triage",
    "detect_language",
    "faq_figures",
    "fuse_faq",
    "fuse_triage",
    "is_loose",
    "triage_figures",
]
