"""When was the treatment? "2 hours ago", "this morning", "at 5pm", "yesterday at 17:30".

Pure: the caller passes the clinic-local ``now`` and the words of ``dialogue.yaml``. A
moment in the future or more than two weeks back is refused (a typo, not a treatment);
"at 5" without am/pm is read as the latest such moment not in the future.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from bot.core.knowledge.dialogue import TimeWords
from bot.core.text import clean, fold_accents, normalise

#: What a part of the day stands for when no hour is given.
_PART_OF_DAY = {"morning": time(10, 0), "afternoon": time(15, 0), "evening": time(19, 0)}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_OLDEST = timedelta(days=14)
#: The words of ``TimeWords`` that only say when (and that it was the treatment).
_TIME_FIELDS = (
    "ago_before",
    "ago_after",
    "hours",
    "minutes",
    "at",
    "this_morning",
    "this_afternoon",
    "this_evening",
    "today",
    "yesterday",
    "treated",
)


def _alternatives(words: Iterable[str]) -> str:
    escaped = sorted({re.escape(fold_accents(w.casefold())) for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(escaped) + ")" if escaped else "(?!x)x"


def _has(text: str, phrases: Iterable[str]) -> bool:
    padded = f" {text} "
    return any(f" {normalise(p)} " in padded for p in phrases if normalise(p))


def _hour_pattern(at_words: Iterable[str]) -> re.Pattern[str]:
    return re.compile(
        r"(?:\b" + _alternatives(at_words) + r"\s+)?"
        r"\b(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|uhr|h)?(?![\d:])"
    )


class TreatmentTime:
    """Reads treatment moments in one language's words (or all, pooled)."""

    def __init__(self, words: Iterable[TimeWords]) -> None:
        pooled = list(words)
        self._words = pooled
        hours = [w for tw in pooled for w in tw.hours]
        minutes = [w for tw in pooled for w in tw.minutes]
        before = [w for tw in pooled for w in tw.ago_before]
        after = [w for tw in pooled for w in tw.ago_after]
        amount = r"(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"
        unit = r"(" + _alternatives(hours) + "|" + _alternatives(minutes) + r")"
        self._ago_before = re.compile(
            r"\b" + _alternatives(before) + r"\s+" + amount + r"\s*" + unit + r"\b"
        )
        self._ago_after = re.compile(
            r"\b" + amount + r"\s*" + unit + r"\s+" + _alternatives(after) + r"\b"
        )
        self._minutes = frozenset(fold_accents(w.casefold()) for w in minutes)
        self._at = _hour_pattern(w for tw in pooled for w in tw.at)
        self._time_words = frozenset(
            word
            for tw in pooled
            for field in _TIME_FIELDS
            for phrase in getattr(tw, field)
            for word in normalise(phrase).split()
        )

    def without_time_words(self, words: Iterable[str]) -> list[str]:
        """``words`` (normalised) without those that only say when the treatment was ("had",
        "botox", "yesterday", "ago", "hours"): what is left asks something."""
        return [word for word in words if word not in self._time_words]

    def _any(self, attribute: str) -> list[str]:
        return [w for tw in self._words for w in getattr(tw, attribute)]

    def mentions_treatment(self, text: str) -> bool:
        """True when the message talks about the treatment itself ("had it done at 5")."""
        return _has(normalise(text), self._any("treated"))

    def find(self, text: str, now: datetime) -> tuple[date, datetime | None] | None:
        """The treatment day and, when said, the moment; None when the text gives neither."""
        raw = fold_accents(clean(text).casefold())
        norm = normalise(text)
        today = now.date()
        ago = self._ago_before.search(raw) or self._ago_after.search(raw)
        if ago is not None:
            count_text, unit = ago.group(1), ago.group(2)
            count = _NUMBER_WORDS.get(count_text) or int(count_text)
            delta = timedelta(minutes=count) if unit in self._minutes else timedelta(hours=count)
            return self._checked(now - delta, now)
        day = today
        if _has(norm, self._any("yesterday")):
            day = today - timedelta(days=1)
        hour = self._clock_time(raw)
        if hour is not None:
            moment = datetime.combine(day, hour, tzinfo=now.tzinfo)
            return self._checked(moment, now)
        for part, attribute in (
            ("morning", "this_morning"),
            ("afternoon", "this_afternoon"),
            ("evening", "this_evening"),
        ):
            if _has(norm, self._any(attribute)):
                # "this morning" said at 9:50 was before now, not at the part's usual hour
                # (and never last night's, which the clock-time rule below would make of it).
                moment = min(datetime.combine(day, _PART_OF_DAY[part], tzinfo=now.tzinfo), now)
                return self._checked(moment, now)
        if day != today or _has(norm, self._any("today")):
            return day, None
        return None

    def _clock_time(self, raw: str) -> time | None:
        for match in self._at.finditer(raw):
            hour, minute, suffix = int(match.group(1)), int(match.group(2) or 0), match.group(3)
            has_at = match.group(0).strip()[0].isalpha()
            if suffix is None and match.group(2) is None and not has_at:
                continue  # a bare number ("2 bruises") is not a time
            if hour > 23 or minute > 59:
                continue
            if suffix in {"pm", "p.m."} and hour < 12:
                hour += 12
            elif suffix in {"am", "a.m."} and hour == 12:
                hour = 0
            elif suffix is None and 1 <= hour <= 7:
                hour += 12  # nobody is injected at 5 in the morning
            return time(hour, minute)
        return None

    @staticmethod
    def _checked(moment: datetime, now: datetime) -> tuple[date, datetime] | None:
        if moment > now + timedelta(minutes=5):
            if moment - timedelta(days=1) >= now - _OLDEST:
                moment -= timedelta(days=1)  # "at 9pm", said at 8am, was last night
            else:
                return None
        if moment < now - _OLDEST:
            return None
        return moment.date(), moment
