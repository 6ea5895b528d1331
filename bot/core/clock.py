"""Is the clinic open right now? Pure: the clock is passed in.

An urgent reply must not say "call us now" at 2 a.m.; outside opening hours it gives the
out-of-hours route instead.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core.knowledge import WEEKDAYS, OpeningHours, parse_range


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
