"""Where the patient is in their recovery, and what that changes in an answer. Pure.

"Can I work out?" on the day of treatment should say to wait until 24 hours have passed
and when that is; on day 3 it should say it is generally fine now. FAQ entries carry the
rule as data (``wait_hours``, ``mention_day``); the clock is passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from bot.knowledge import FaqEntry, Messages
from bot.replies import fill

#: When only the date is known, assume the appointment was at midday.
ASSUMED_APPOINTMENT_HOUR = 12


@dataclass(frozen=True, slots=True)
class Treatment:
    """What the patient told us: the date, maybe the moment, maybe the area treated."""

    treated_on: date
    treated_at: datetime | None = None
    area: str | None = None

    def moment(self, tz: tzinfo) -> datetime:
        if self.treated_at is not None:
            return self.treated_at
        return datetime(
            self.treated_on.year,
            self.treated_on.month,
            self.treated_on.day,
            ASSUMED_APPOINTMENT_HOUR,
            tzinfo=tz,
        )


def recovery_day(treated_on: date, today: date) -> int:
    """0 on the day of treatment, 1 the day after, and so on (never negative)."""
    return max(0, (today - treated_on).days)


def _when(moment: datetime, now: datetime) -> str:
    """A plain phrase for a moment soon after ``now``: "today at 3pm", "tomorrow at 10am"."""
    hour = moment.strftime("%I%p").lstrip("0").lower()
    if moment.minute:
        hour = moment.strftime("%I:%M%p").lstrip("0").lower()
    days = (moment.date() - now.date()).days
    if days <= 0:
        return f"today at {hour}"
    if days == 1:
        return f"tomorrow at {hour}"
    return f"{moment.strftime('%A')} at {hour}"


def _duration(hours: int) -> str:
    if hours % 24 == 0 and hours >= 48:
        return f"{hours // 24} days"
    return f"{hours} hours"


def timing_note(
    entry: FaqEntry, treatment: Treatment | None, now: datetime, messages: Messages
) -> str | None:
    """The sentence that puts a general answer into this patient's timeline, if any."""
    if treatment is None:
        return None
    tz = now.tzinfo or UTC
    local_now = now.astimezone(tz)
    day = recovery_day(treatment.treated_on, local_now.date())
    if entry.wait_hours is not None:
        until = treatment.moment(tz) + timedelta(hours=entry.wait_hours)
        values = {"wait": _duration(entry.wait_hours), "day": str(day)}
        if local_now < until:
            values["until"] = _when(until.astimezone(tz), local_now)
            return fill(messages.timing_wait, values)
        return fill(messages.timing_done, values)
    if entry.mention_day:
        template = messages.timing_day_zero if day == 0 else messages.timing_day
        return fill(template, {"day": str(day)})
    return None
