"""Answers that depend on time use the patient's own treatment date (clock passed in)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.core.clock import days_since_treatment, recovery_day
from bot.core.journey import Treatment
from bot.core.responder import Responder

TREATED = Treatment(date(2026, 11, 20), datetime(2026, 11, 20, 11, 0, tzinfo=UTC))


def test_recovery_day_counts_from_the_treatment_date() -> None:
    assert recovery_day(date(2026, 11, 20), date(2026, 11, 20)) == 0
    assert recovery_day(date(2026, 11, 20), date(2026, 11, 23)) == 3
    assert recovery_day(date(2026, 11, 20), date(2026, 11, 19)) == 0


def test_exercise_on_the_day_of_treatment_says_wait_and_until_when(responder: Responder) -> None:
    reply = responder.respond(
        "can i go to the gym?", now=datetime(2026, 11, 20, 15, tzinfo=UTC), treatment=TREATED
    )
    assert "not yet" in reply.text and "tomorrow at 11am" in reply.text


def test_exercise_on_day_three_is_generally_fine(responder: Responder) -> None:
    reply = responder.respond(
        "can i go to the gym?", now=datetime(2026, 11, 23, 9, tzinfo=UTC), treatment=TREATED
    )
    assert "generally fine now" in reply.text and "not yet" not in reply.text


def test_timeline_answers_say_which_day_it_is(responder: Responder) -> None:
    reply = responder.respond(
        "when will i see results?", now=datetime(2026, 11, 23, 9, tzinfo=UTC), treatment=TREATED
    )
    assert "day 3 after your treatment" in reply.text


def test_without_a_treatment_date_the_answer_is_general(responder: Responder) -> None:
    reply = responder.respond("can i go to the gym?", now=datetime(2026, 11, 20, 15, tzinfo=UTC))
    assert "For you:" not in reply.text


def test_only_a_date_assumes_a_midday_appointment(responder: Responder) -> None:
    reply = responder.respond(
        "sauna ok?",
        now=datetime(2026, 11, 21, 9, tzinfo=UTC),
        treatment=Treatment(date(2026, 11, 20)),
    )
    assert "waiting 2 days" in reply.text and "tomorrow at 12pm" in reply.text


@pytest.mark.parametrize(
    ("today", "expected"),
    [(date(2025, 6, 2), 0), (date(2025, 6, 3), 1), (date(2025, 6, 16), 14), (date(2025, 6, 1), -1)],
)
def test_days_since_treatment_can_go_negative(today: date, expected: int) -> None:
    assert days_since_treatment(date(2025, 6, 2), today) == expected
