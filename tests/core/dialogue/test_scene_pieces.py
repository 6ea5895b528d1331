"""One question with some scene-setting around it gets one answer, not a reply to "a few
things": the scene ("heading to the alps next week", "bit nervous, first time") asks nothing.
Real second questions, even without a question word ("and sleep on my side"), still count.

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, topics


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("heading to the alps next week, snow and sun ok?", "heat_sauna_sun"),
        ("bit nervous, first time, is it actually safe", "is_botox_safe"),
        (
            "lines creeping back already, when can i book my next one",
            "next_appointment_and_interval",
        ),
    ],
)
def test_a_scene_and_one_question_get_one_answer(
    conversation: Conversation, text: str, expected: str
) -> None:
    (outcome,) = chat(conversation, text)
    assert topics(outcome) == (expected,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "can i have a glass of wine tonight and sleep on my side",
            {"alcohol", "sleeping_position"},
        ),
        (
            "is a bit of forehead heaviness normal? and can i go for a run",
            {"heavy_or_frozen_feeling", "exercise_gym"},
        ),
    ],
)
def test_two_questions_still_get_two_answers(
    conversation: Conversation, text: str, expected: set[str]
) -> None:
    (outcome,) = chat(conversation, text)
    assert set(topics(outcome)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "got a sunbed session booked for friday, is that ok? and can i put makeup on tomorrow",
            ("heat_sauna_sun", "makeup_skincare_washing"),
        ),
        (
            "booked in for a spin class on saturday, will that be fine? also is a beer ok",
            ("exercise_gym", "alcohol"),
        ),
    ],
)
def test_a_piece_that_a_bare_question_asks_about_is_a_question(
    conversation: Conversation, text: str, expected: tuple[str, ...]
) -> None:
    """ "..., is that ok?" names nothing itself: it asks about the piece before, so that piece
    is a question of its own, not scene-setting, even when the rest reads strongly."""
    (outcome,) = chat(conversation, text)
    assert topics(outcome) == expected
