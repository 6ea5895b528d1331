"""Where the patient is in their recovery, and what that changes in an answer. Pure.

"Can I work out?" on the day of treatment should say to wait until 24 hours have passed
and when that is; on day 3 it should say it is generally fine now. FAQ entries carry the
rule as data (``wait_hours``, ``mention_day``); the clock is passed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from bot.core.clock import recovery_day
from bot.core.knowledge import FaqEntry, Messages, TimeWords
from bot.core.replies import fill

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


def _clock(moment: datetime, words: TimeWords) -> str:
    """The clock time: "3pm" or "10:30am" where the language reads a 12-hour clock, else "15:00"."""
    if not words.twelve_hour:
        return moment.strftime("%H:%M")
    if moment.minute:
        return moment.strftime("%I:%M%p").lstrip("0").lower()
    return moment.strftime("%I%p").lstrip("0").lower()


def _when(moment: datetime, now: datetime, words: TimeWords) -> str:
    """A plain phrase for a moment soon after ``now``: "today at 3pm", "tomorrow at 10am",
    in the words of the reply's language."""
    time = _clock(moment, words)
    days = (moment.date() - now.date()).days
    if days <= 0:
        return fill(words.today_at, {"time": time})
    if days == 1:
        return fill(words.tomorrow_at, {"time": time})
    weekday = words.weekdays[moment.weekday()]
    return fill(words.weekday_at, {"weekday": weekday, "time": time})


def _duration(hours: int, words: TimeWords) -> str:
    if hours % 24 == 0 and hours >= 48:
        return fill(words.days, {"n": str(hours // 24)})
    return fill(words.hours, {"n": str(hours)})


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
        words = messages.time_words
        values = {"wait": _duration(entry.wait_hours, words), "day": str(day)}
        if local_now < until:
            values["until"] = _when(until.astimezone(tz), local_now, words)
            return fill(messages.timing_wait, values)
        return fill(messages.timing_done, values)
    if entry.mention_day:
        template = messages.timing_day_zero if day == 0 else messages.timing_day
        return fill(template, {"day": str(day)})
    return None


_MONTHS = {
    name: index
    for index, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{2}|\d{4}))?$")
_WORDY = re.compile(
    r"^(?:(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)|([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?)$"
)


def date_example(month_first: bool) -> str:
    """How to type a date, in the order the clinic's country reads it."""
    return "11/20/2026" if month_first else "20/11/2026"


def parse_treatment_date(text: str, today: date, *, month_first: bool = False) -> date | None:
    """Read a treatment date as patients type it; None when it is unreadable or implausible.

    Accepts 2026-11-20, 20/11/2026, 20/11, 20.11.26, "20 nov", "nov 20", "today",
    "yesterday". ``month_first`` reads 11/20 the American way. Dates in the future or more
    than a year ago are refused: they are typos, not treatments.
    """
    cleaned = text.strip().lower().rstrip(".!")
    if cleaned == "today":
        return today
    if cleaned == "yesterday":
        return today - timedelta(days=1)
    year: int | None = None
    try:
        if match := _ISO.match(cleaned):
            year, month, day = (int(part) for part in match.groups())
        elif match := _NUMERIC.match(cleaned):
            first, second = int(match.group(1)), int(match.group(2))
            month, day = (first, second) if month_first else (second, first)
            if match.group(3):
                year = int(match.group(3))
                year = year + 2000 if year < 100 else year
        elif match := _WORDY.match(cleaned):
            day_text = match.group(1) or match.group(4)
            month_text = match.group(2) or match.group(3)
            if month_text not in _MONTHS:
                return None
            day, month = int(day_text), _MONTHS[month_text]
        else:
            return None
        found = date(year if year is not None else today.year, month, day)
    except ValueError:
        return None
    if year is None and found > today:
        found = found.replace(year=found.year - 1)
    if found > today or (today - found).days > 366:
        return None
    return found
