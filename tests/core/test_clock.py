"""Opening hours decide whether an urgent reply says "call us now" or the out-of-hours route."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.core.clock import is_open, parse_range
from bot.core.knowledge import Knowledge, OpeningHours
from bot.core.responder import Responder

HOURS = OpeningHours(timezone="Europe/London", mon="09:00-18:00", sat="10:00-14:00")


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 11, 23, 9, 0, tzinfo=UTC), True),  # Monday 09:00 GMT
        (datetime(2026, 11, 23, 17, 59, tzinfo=UTC), True),
        (datetime(2026, 11, 23, 18, 0, tzinfo=UTC), False),
        (datetime(2026, 11, 24, 10, 0, tzinfo=UTC), False),  # Tuesday: closed in HOURS
        (datetime(2026, 7, 6, 8, 30, tzinfo=UTC), True),  # Monday 09:30 BST (summer time)
        (datetime(2026, 11, 29, 12, 0, tzinfo=UTC), False),  # Sunday
    ],
)
def test_is_open_in_the_clinics_own_time_zone(moment: datetime, expected: bool) -> None:
    assert is_open(HOURS, moment) is expected


def test_ranges_are_validated() -> None:
    assert parse_range("closed") is None
    with pytest.raises(ValueError, match="HH:MM"):
        parse_range("9 till 5")
    with pytest.raises(ValueError, match="after opening"):
        parse_range("18:00-09:00")


def test_urgent_reply_during_opening_hours_says_call_now(responder: Responder) -> None:
    reply = responder.respond("my eyelid is drooping", now=datetime(2026, 11, 23, 11, tzinfo=UTC))
    assert "Call Example Aesthetics Clinic now on 020 7946 0000" in reply.text


def test_urgent_reply_at_night_gives_the_out_of_hours_route(responder: Responder) -> None:
    reply = responder.respond("my eyelid is drooping", now=datetime(2026, 11, 23, 2, tzinfo=UTC))
    assert "closed right now" in reply.text
    assert "07700 900000" in reply.text and "NHS 111" in reply.text
    assert "Call Example Aesthetics Clinic now" not in reply.text


def test_an_emergency_never_waits_for_opening_hours(knowledge: Knowledge) -> None:
    reply = Responder(knowledge).respond(
        "i cant breathe", now=datetime(2026, 11, 23, 2, tzinfo=UTC)
    )
    assert reply.text.startswith("Call 999 now.")
