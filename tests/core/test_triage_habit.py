"""Effort the patient puts down to habit, not to a change (issue 12): "puffed out on the
stairs, always am" says nothing new happened, so the learned net alone does not call it an
emergency; "i always have been fit" says the opposite and is no excuse."""

from __future__ import annotations

import pytest

from bot.core.triage.hindsight import put_down_to_fitness


@pytest.mark.parametrize(
    "text",
    [
        "legs like lead after a flight of stairs, always am, ok to use the step machine?",
        "out of breath on my walk, been like that for years",
        "tired legs going up the hill, nothing new, can i hike on sunday",
        "breathless after a run, normal for me, is the gym fine",
    ],
)
def test_a_habit_explains_the_effort(text: str) -> None:
    assert put_down_to_fitness(text)


@pytest.mark.parametrize(
    "text",
    [
        "my legs give way on the stairs, i always have been really fit",
        "i always get my botox here and now i cant catch my breath sitting down",
        "arms too weak to lift the kettle since monday",
    ],
)
def test_a_change_is_not_explained_away(text: str) -> None:
    assert not put_down_to_fitness(text)
