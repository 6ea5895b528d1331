"""The clinic's clock: its time zone, opening hours, quiet hours and the recovery day. Pure.

The clock is always passed in. An urgent reply must not say "call us now" at 2 a.m.;
outside opening hours it gives the out-of-hours route instead. Nobody is messaged during
quiet hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from bot.core.checkins import DEFAULT_QUIET_HOURS, next_allowed_time
from bot.core.knowledge import WEEKDAYS, Clinic, OpeningHours, parse_range


def days_since_treatment(treated_on: date, today: date) -> int:
    """0 on the day itself, 1 the day after; negative before it (the planner needs that)."""
    return (today - treated_on).days


def recovery_day(treated_on: date, today: date) -> int:
    """The day a patient is told they are on: never negative ("day 0" at worst)."""
    return max(0, days_since_treatment(treated_on, today))


def is_open(hours: OpeningHours | None, now: datetime) -> bool:
    """True when ``now`` (timezone-aware) falls inside today's opening hours.

    A clinic that has not given its hours is treated as open: the reply then says to call
    the clinic and still names the out-of-hours route as a fallback.
    """
    if hours is None:
        return True
    local = now.astimezone(ZoneInfo(hours.timezone))
    window = parse_range(getattr(hours, WEEKDAYS[local.weekday()]))
    if window is None:
        return False
    return window[0] <= local.time().replace(tzinfo=None) < window[1]


@dataclass(frozen=True, slots=True)
class ClinicClock:
    """One clinic's sense of time; every question about "when" for that clinic asks it."""

    zone: ZoneInfo
    opening_hours: OpeningHours | None = None
    quiet_hours: tuple[time, time] = DEFAULT_QUIET_HOURS

    @classmethod
    def for_clinic(
        cls, clinic: Clinic, quiet_hours: tuple[time, time] = DEFAULT_QUIET_HOURS
    ) -> ClinicClock:
        return cls(clinic.zone(), clinic.opening_hours, quiet_hours)

    def local(self, now: datetime) -> datetime:
        return now.astimezone(self.zone)

    def today(self, now: datetime) -> date:
        """The clinic's calendar date at ``now``."""
        return self.local(now).date()

    def is_open(self, now: datetime) -> bool:
        return is_open(self.opening_hours, now)

    def recovery_day(self, treated_on: date, now: datetime) -> int:
        """The day of recovery a patient is on at ``now``, by the clinic's calendar."""
        return recovery_day(treated_on, self.today(now))

    def next_allowed_time(self, now: datetime) -> datetime:
        """``now``, or the end of quiet hours when ``now`` falls inside them."""
        return next_allowed_time(now, self.zone, self.quiet_hours)
