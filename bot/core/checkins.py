"""When to check in on a patient after treatment: pure planning, the clock passed in.

Times are chosen in the clinic's time zone (10:00 local on day 1, 3 and 14 by default) and
returned in UTC, so they stay right across daylight-saving changes. Nobody is messaged during
quiet hours: a time inside them moves to the moment they end, which is also what
``next_allowed_time`` does for check-ins that fell due while the bot was down.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DEFAULT_DAYS: tuple[int, ...] = (1, 3, 14)
DEFAULT_SEND_AT = time(10, 0)
DEFAULT_QUIET_HOURS: tuple[time, time] = (time(21, 0), time(9, 0))


@dataclass(frozen=True, slots=True)
class PlannedCheckin:
    """A check-in the planner wants sent: ``kind`` such as ``day3``, ``due_at`` in UTC."""

    kind: str
    due_at: datetime


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {moment.isoformat()}")


def _local(day: date, at: time, tz: ZoneInfo) -> datetime:
    """``day`` at wall-clock ``at`` in ``tz``, as a real instant (in UTC).

    A wall-clock time skipped by a spring-forward change (02:30 when clocks jump from 02:00 to
    03:00) becomes the same distance past the jump (03:30); an hour repeated in autumn means
    its first occurrence.
    """
    return datetime.combine(day, at.replace(tzinfo=None), tzinfo=tz).astimezone(UTC)


def _in_quiet_hours(at: time, quiet_hours: tuple[time, time]) -> bool:
    start, end = quiet_hours
    if start == end:
        return False
    if start < end:
        return start <= at < end
    return at >= start or at < end  # the quiet period spans midnight


def next_allowed_time(
    moment: datetime,
    tz: ZoneInfo,
    quiet_hours: tuple[time, time] = DEFAULT_QUIET_HOURS,
) -> datetime:
    """``moment`` (in UTC) if it is outside quiet hours in ``tz``, else when they end.

    Quiet hours are local wall-clock times ``(start, end)``; ``(21:00, 09:00)`` spans midnight,
    and equal times mean there are none.
    """
    _require_aware(moment, "moment")
    local = moment.astimezone(tz)
    wall = local.time().replace(tzinfo=None)
    if not _in_quiet_hours(wall, quiet_hours):
        return moment.astimezone(UTC)
    start, end = quiet_hours
    day = local.date()
    if start > end and wall >= start:  # late evening: quiet until tomorrow morning
        day += timedelta(days=1)
    return max(_local(day, end, tz), moment.astimezone(UTC))


def plan_checkins(
    treated_on: date,
    *,
    days: Sequence[int] = DEFAULT_DAYS,
    send_at: time = DEFAULT_SEND_AT,
    tz: ZoneInfo,
    quiet_hours: tuple[time, time] = DEFAULT_QUIET_HOURS,
    now: datetime,
) -> list[PlannedCheckin]:
    """The check-ins still to come for a treatment on ``treated_on``, in due order.

    Day ``n`` is ``n`` calendar days after the treatment, at ``send_at`` local time (moved out
    of quiet hours); its kind is ``"day<n>"``. Check-ins whose time is already past at
    ``now`` are left out: a patient who tells the bot on day 5 gets only the day 14 one.
    """
    _require_aware(now, "now")
    planned: list[PlannedCheckin] = []
    for day in sorted(set(days)):
        if day < 0:
            raise ValueError(f"check-in day {day} is before the treatment")
        due = next_allowed_time(
            _local(treated_on + timedelta(days=day), send_at, tz), tz, quiet_hours
        )
        if due >= now:
            planned.append(PlannedCheckin(kind=f"day{day}", due_at=due))
    return planned
