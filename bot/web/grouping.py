"""Group unanswered questions that ask the same thing, and suggest the FAQ entry for each.

Texts are compared on their content words (stop words dropped, words stemmed, as the matcher
sees them), with two rapidfuzz scorers averaged: ``token_set_ratio`` (one wording contained in
the other) and ``token_sort_ratio`` (the same words overall), so "alcohol tonight" joins
"drink alcohol tonight" while a single shared word does not make a group. Every pair is scored
in one vectorised ``process.cdist`` call per scorer; groups are then formed greedily around
the most asked wording.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from rapidfuzz import fuzz, process

from bot.core.matching import Answer, Candidate, content_stems
from bot.core.responder import Responder
from bot.core.text import normalise
from bot.storage.dashboard import UnansweredText

#: Average of the two scorers from which two wordings are taken as the same question.
SAME_QUESTION = 78.0


@dataclass(frozen=True, slots=True)
class QuestionGroup:
    """Wordings of one unanswered question, most asked first."""

    texts: tuple[UnansweredText, ...]
    suggestions: tuple[Candidate, ...]
    answered_now_by: str | None

    @property
    def text(self) -> str:
        return self.texts[0].text

    @property
    def count(self) -> int:
        return sum(t.count for t in self.texts)

    @property
    def last_asked(self) -> datetime:
        return max(t.last_asked for t in self.texts)


def _key(text: str) -> str:
    stems = content_stems(text)
    return " ".join(sorted(set(stems))) if stems else normalise(text)


def cluster(texts: Sequence[UnansweredText], threshold: float = SAME_QUESTION) -> list[list[int]]:
    """Indexes of ``texts`` grouped by similarity; ``texts`` should be most asked first."""
    if not texts:
        return []
    keys = [_key(t.text) for t in texts]
    by_set = process.cdist(keys, keys, scorer=fuzz.token_set_ratio, processor=None)
    by_sort = process.cdist(keys, keys, scorer=fuzz.token_sort_ratio, processor=None)
    similar = (np.asarray(by_set, dtype=float) + np.asarray(by_sort, dtype=float)) / 2.0
    for index, key in enumerate(keys):
        if not key:  # nothing to compare on: only the exact same text joins it
            similar[index, :] = 0.0
            similar[:, index] = 0.0
            similar[index, index] = 100.0
    taken = [False] * len(texts)
    groups: list[list[int]] = []
    for leader in range(len(texts)):
        if taken[leader]:
            continue
        members = [leader]
        taken[leader] = True
        for other in range(leader + 1, len(texts)):
            if not taken[other] and similar[leader, other] >= threshold:
                members.append(other)
                taken[other] = True
        groups.append(members)
    return groups


def group_questions(
    texts: Sequence[UnansweredText], responder: Responder, *, suggestions: int = 3
) -> list[QuestionGroup]:
    """Similar unanswered texts together, most asked group first, each with the matcher's
    best entries for it and whether the bot would now answer it (after an edit)."""
    ordered = sorted(texts, key=lambda t: (-t.count, t.text))
    groups: list[QuestionGroup] = []
    for members in cluster(ordered):
        wordings = tuple(ordered[i] for i in members)
        lead = wordings[0].text
        ranked = responder.matcher.rank(lead, limit=suggestions)
        match = responder.matcher.match(lead)
        groups.append(
            QuestionGroup(
                texts=wordings,
                suggestions=ranked,
                answered_now_by=match.entry_id if isinstance(match, Answer) else None,
            )
        )
    return sorted(groups, key=lambda g: (-g.count, g.text))
