"""Check-in planning: local send times, quiet hours, daylight-saving changes, the past skipped."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.core.checkins import PlannedCheckin, next_allowed_time, plan_checkins

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
MADRID = ZoneInfo("Europe/Madrid")
NO_QUIET = (time(0, 0), time(0, 0))


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_default_plan_is_day_1_3_14_at_ten_local_in_utc() -> None:
    plan = plan_checkins(date(2025, 6, 2), tz=MADRID, now=utc(2025, 6, 2, 12))
    assert plan == [
        PlannedCheckin("day1", utc(2025, 6, 3, 8)),  # 10:00 CEST is 08:00 UTC
        PlannedCheckin("day3", utc(2025, 6, 5, 8)),
        PlannedCheckin("day14", utc(2025, 6, 16, 8)),
    ]
    assert all(item.due_at.tzinfo is UTC for item in plan)


def test_check_ins_already_past_are_left_out() -> None:
    plan = plan_checkins(date(2025, 6, 2), tz=MADRID, now=utc(2025, 6, 7, 9))
    assert [item.kind for item in plan] == ["day14"]


def test_a_check_in_due_exactly_now_is_still_planned_but_a_second_later_is_not() -> None:
    treated = date(2025, 6, 2)
    assert plan_checkins(treated, days=(1,), tz=MADRID, now=utc(2025, 6, 3, 8)) == [
        PlannedCheckin("day1", utc(2025, 6, 3, 8))
    ]
    assert plan_checkins(treated, days=(1,), tz=MADRID, now=utc(2025, 6, 3, 8, 0, 1)) == []


def test_days_are_sorted_and_deduplicated() -> None:
    plan = plan_checkins(date(2025, 6, 2), days=(7, 1, 7), tz=MADRID, now=utc(2025, 6, 1))
    assert [item.kind for item in plan] == ["day1", "day7"]


def test_a_negative_day_is_refused() -> None:
    with pytest.raises(ValueError, match="before the treatment"):
        plan_checkins(date(2025, 6, 2), days=(-1,), tz=MADRID, now=utc(2025, 6, 1))


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        plan_checkins(date(2025, 6, 2), tz=MADRID, now=datetime(2025, 6, 1))


def test_spring_forward_keeps_ten_local_so_utc_moves_an_hour() -> None:
    # Clocks in London go forward on Sunday 30 March 2025: GMT (UTC+0) becomes BST (UTC+1).
    plan = plan_checkins(date(2025, 3, 29), days=(0, 1), tz=LONDON, now=utc(2025, 3, 28))
    assert [item.due_at for item in plan] == [utc(2025, 3, 29, 10), utc(2025, 3, 30, 9)]


def test_fall_back_keeps_ten_local_so_utc_moves_an_hour() -> None:
    # Clocks in London go back on Sunday 26 October 2025: BST becomes GMT.
    plan = plan_checkins(date(2025, 10, 25), days=(0, 1), tz=LONDON, now=utc(2025, 10, 24))
    assert [item.due_at for item in plan] == [utc(2025, 10, 25, 9), utc(2025, 10, 26, 10)]


def test_a_send_time_skipped_by_spring_forward_moves_past_the_gap() -> None:
    # New York skips 02:00-03:00 on 9 March 2025; 02:30 does not exist that day.
    plan = plan_checkins(
        date(2025, 3, 8),
        days=(1,),
        send_at=time(2, 30),
        tz=NEW_YORK,
        quiet_hours=NO_QUIET,
        now=utc(2025, 3, 1),
    )
    (only,) = plan
    assert only.due_at == utc(2025, 3, 9, 7, 30)
    assert only.due_at.astimezone(NEW_YORK).time() == time(3, 30)


def test_a_send_time_in_the_evening_quiet_hours_moves_to_the_next_morning() -> None:
    plan = plan_checkins(
        date(2025, 6, 2), days=(1,), send_at=time(22, 30), tz=MADRID, now=utc(2025, 6, 1)
    )
    assert plan == [PlannedCheckin("day1", utc(2025, 6, 4, 7))]  # 09:00 CEST on day 2


def test_a_send_time_in_the_early_morning_quiet_hours_moves_to_their_end_that_day() -> None:
    plan = plan_checkins(
        date(2025, 6, 2), days=(1,), send_at=time(6, 0), tz=MADRID, now=utc(2025, 6, 1)
    )
    assert plan == [PlannedCheckin("day1", utc(2025, 6, 3, 7))]


def test_quiet_hours_that_end_after_a_clock_change_use_the_new_offset() -> None:
    # 23:00 GMT on Saturday 29 March; quiet until 09:00 on Sunday, which is BST (08:00 UTC).
    assert next_allowed_time(utc(2025, 3, 29, 23), LONDON) == utc(2025, 3, 30, 8)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (utc(2025, 6, 3, 10), utc(2025, 6, 3, 10)),  # 12:00 local: allowed now
        (utc(2025, 6, 3, 7), utc(2025, 6, 3, 7)),  # 09:00 local: quiet hours just ended
        (utc(2025, 6, 3, 18, 59), utc(2025, 6, 3, 18, 59)),  # 20:59 local: still allowed
        (utc(2025, 6, 3, 19), utc(2025, 6, 4, 7)),  # 21:00 local: quiet begins
        (utc(2025, 6, 3, 23, 30), utc(2025, 6, 4, 7)),  # 01:30 local: after midnight
        (utc(2025, 6, 4, 3), utc(2025, 6, 4, 7)),  # 05:00 local
    ],
)
def test_next_allowed_time_waits_out_quiet_hours(moment: datetime, expected: datetime) -> None:
    assert next_allowed_time(moment, MADRID) == expected


def test_quiet_hours_within_one_day() -> None:
    siesta = (time(14, 0), time(16, 0))
    assert next_allowed_time(utc(2025, 6, 3, 12, 30), MADRID, siesta) == utc(2025, 6, 3, 14)
    assert next_allowed_time(utc(2025, 6, 3, 20), MADRID, siesta) == utc(2025, 6, 3, 20)


def test_equal_start_and_end_mean_no_quiet_hours() -> None:
    assert next_allowed_time(utc(2025, 6, 3, 1), MADRID, NO_QUIET) == utc(2025, 6, 3, 1)


def test_next_allowed_time_answers_in_utc_and_refuses_naive_times() -> None:
    local_noon = datetime(2025, 6, 3, 12, tzinfo=MADRID)
    assert next_allowed_time(local_noon, MADRID) == utc(2025, 6, 3, 10)
    assert next_allowed_time(local_noon, MADRID).tzinfo is UTC
    with pytest.raises(ValueError, match="timezone-aware"):
        next_allowed_time(datetime(2025, 6, 3, 12), MADRID)
