"""Is the clinic open right now? Pure: the clock is passed in.

An urgent reply must not say "call us now" at 2 a.m.; outside opening hours it gives the
out-of-hours route instead.
"""

from __future__ import annotations

import re
from datetime import datetime, time
from zoneinfo import ZoneInfo

from bot.knowledge import OpeningHours

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def parse_range(text: str) -> tuple[time, time] | None:
    """``"09:00-18:00"`` -> (09:00, 18:00); ``"closed"`` -> None; anything else raises."""
    if text.strip().lower() == "closed":
        return None
    match = _RANGE.match(text)
    if match is None:
        raise ValueError(f"expected 'HH:MM-HH:MM' or 'closed', found {text!r}")
    h1, m1, h2, m2 = (int(part) for part in match.groups())
    start, end = time(h1, m1), time(h2, m2)
    if end <= start:
        raise ValueError(f"closing time must be after opening time in {text!r}")
    return start, end


def is_open(hours: OpeningHours | None, now: datetime) -> bool:
    """True when ``now`` (timezone-aware) falls inside today's opening hours.

    A clinic that has not given its hours is treated as open: the reply then says to call
    the clinic and still names the out-of-hours route as a fallback.
    """
    if hours is None:
        return True
    local = now.astimezone(ZoneInfo(hours.timezone))
    window = parse_range(getattr(hours, _DAYS[local.weekday()]))
    if window is None:
        return False
    return window[0] <= local.time().replace(tzinfo=None) < window[1]
