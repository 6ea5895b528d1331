"""Whether a clause *reports* a symptom, read with the triage rules' own context cues.

The model sees meaning but not scope: "my throat is not swelling" and "is swelling" look
alike to it. Before the safety net escalates on the model's word, the clause it fired on
must pass the same checks the rules apply: no negation, no hypothetical or information
question, not someone else's past, not a general question. Idioms are removed earlier, by
the model itself, with the knowledge's ``ignore_phrases``.

The cues are the rules' (``bot.core.triage``); this is the one place that imports them, so the
integration phase moves one import when triage moves.
"""

from __future__ import annotations

from typing import Literal

from bot.core.text import normalise
from bot.core.triage import (
    _HYPOTHETICAL,
    _NEGATION_CUES,
    _NOT_NEGATIONS,
    _is_general_question,
    _is_someone_elses_past,
)

Reading = Literal["affirmed", "negated", "hypothetical", "story", "general_question"]


def read_clause(clause: str) -> Reading:
    """How a clause speaks of whatever symptom it holds."""
    text = " ".join(_NOT_NEGATIONS.sub(" ", normalise(clause)).split())
    if _HYPOTHETICAL.search(text):
        return "hypothetical"
    if _is_someone_elses_past(text):
        return "story"
    if _is_general_question(text):
        return "general_question"
    if any(word in _NEGATION_CUES for word in text.split()):
        return "negated"
    return "affirmed"
