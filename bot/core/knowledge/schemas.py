"""The typed shape of ``knowledge/*.yaml``: pydantic schemas and the loaded ``Knowledge``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from typing import TYPE_CHECKING, Annotated, Any, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field, StringConstraints

if TYPE_CHECKING:
    from bot.core.knowledge.dialogue import DialogueFile

from bot.core.knowledge.countries import (
    STRICT,
    CountryCode,
    CountryProfile,
    EmergencyNumber,
    LocalText,
    in_language,
)

FAQ_FILE = "faq.yaml"
RED_FLAGS_FILE = "red_flags.yaml"
CLINIC_FILE = "clinic.yaml"
MESSAGES_FILE = "messages.yaml"

#: The days of the week as opening hours name them, Monday first (``datetime.weekday()`` order).
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

#: Languages whose emergency phrasings and messages must all be present.
EMERGENCY_LANGUAGES: tuple[str, ...] = ("en", "es", "de", "fr", "ru")

Category = Literal["about", "timeline", "aftercare", "effects", "worries", "medical", "practical"]
Level = Literal["emergency", "urgent"]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Ident = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_]+$", min_length=1, max_length=48)]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]

#: Placeholders a template may use; anything else is a typo the loader reports.
TEMPLATE_FIELDS: frozenset[str] = frozenset(
    {
        "clinic_name",
        "bot_name",
        "phone",
        "out_of_hours_phone",
        "email",
        "booking_url",
        "address",
        "emergency_number",
        "urgent_care",
        "crisis_line",
        "side_effect_reporting",
        "names",
        "practitioners",
        "opening_hours",
        "wait",
        "until",
        "day",
        "date",
        "area",
        "days",
        "example",
        "name",
        "n",
        "time",
        "weekday",
    }
)


class _Strict(BaseModel):
    model_config = STRICT


class FaqEntry(_Strict):
    """One question topic: its phrasings are what the matcher compares messages against."""

    id: Ident
    category: Category
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)]
    questions: list[Text] = Field(min_length=6)
    keywords: list[Text] = Field(default_factory=list)
    answer: Text
    related: list[Ident] = Field(default_factory=list)
    # Timeline rules: hours to wait after treatment before this is advised (the answer then
    # says whether that time has passed, and when it will), or whether to say the recovery day.
    wait_hours: int | None = Field(default=None, ge=1, le=24 * 30)
    mention_day: bool = False


class FaqFile(_Strict):
    entries: list[Any] = Field(min_length=1)


class RedFlag(_Strict):
    """A symptom that must be escalated before any FAQ answer is given."""

    id: Ident
    level: Level
    name: dict[LanguageCode, Text]
    phrasings: dict[LanguageCode, list[Text]]
    message: dict[LanguageCode, Text]
    #: The symptom is voiced as a question, a wish or through negations ("whats the point of
    #: living", "would be easier if i didnt wake up"): those cues, which make other symptoms
    #: mere mentions, do not here; only someone else's past does. Suicidal ideation is the
    #: case: a crisis reply to a question about it is kind, missing it is not.
    voiced_in_any_mood: bool = False


class RedFlagsFile(_Strict):
    ignore_phrases: dict[LanguageCode, list[Text]] = Field(default_factory=dict)
    concepts: dict[Ident, dict[LanguageCode, list[Text]]] = Field(default_factory=dict)
    flags: list[Any] = Field(min_length=1)


class OpeningHours(_Strict):
    """Weekly opening hours in the clinic's own time zone; ``closed`` or ``HH:MM-HH:MM``."""

    timezone: Text
    mon: Text = "closed"
    tue: Text = "closed"
    wed: Text = "closed"
    thu: Text = "closed"
    fri: Text = "closed"
    sat: Text = "closed"
    sun: Text = "closed"


class Clinic(_Strict):
    """The clinic's branding and contact details; every reply is signed with these."""

    name: Text
    bot_name: Text
    practitioners: list[Text] = Field(default_factory=list)
    phone: Text
    out_of_hours_phone: Text | None = None
    email: Text | None = None
    address: Text | None = None
    booking_url: Text | None = None
    opening_hours: OpeningHours | None = None
    # The country's profile (countries.yaml) fills in the number and the routes the clinic
    # leaves out; a route is a text per language, or one text for every language.
    country: CountryCode
    emergency_number: EmergencyNumber
    urgent_care: LocalText
    crisis_line: LocalText
    side_effect_reporting: LocalText
    languages: list[LanguageCode] = Field(default_factory=lambda: ["en"])
    welcome: Text | None = None
    sign_off: Text | None = None

    def zone(self) -> ZoneInfo:
        """The clinic's time zone (UTC when it gave no opening hours)."""
        hours = self.opening_hours
        return ZoneInfo(hours.timezone) if hours is not None else ZoneInfo("UTC")

    def route(self, name: str, language: str) -> str:
        """A route (``urgent_care``, ``crisis_line``, ``side_effect_reporting``) in
        ``language``, else in English, else in the one language the clinic wrote it in."""
        texts: dict[str, str] = getattr(self, name)
        return in_language(texts, language)


class ClinicFile(_Strict):
    clinic: Clinic


class SmalltalkIntent(_Strict):
    phrasings: list[Text] = Field(min_length=1)
    reply: Text


class ButtonLabels(_Strict):
    helpful: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
    not_helpful: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)
    ]
    back: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
    none_of_these: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)
    ]


class JourneyLabels(_Strict):
    today: Text
    yesterday: Text
    two_days: Text
    three_days: Text
    pick: Text
    all_good: Text
    question: Text
    wrong: Text
    forget_yes: Text
    forget_no: Text
    im_on_it: Text


class JourneyMessages(_Strict):
    """What the bot says while learning the treatment date, checking in and forgetting."""

    treated_ask: Text
    treated_pick: Text
    treated_bad_date: Text
    area_ask: Text
    saved: Text
    saved_no_checkins: Text
    checkins_stopped: Text
    forget_confirm: Text
    forget_done: Text
    forget_cancelled: Text
    checkin: Text
    checkin_ok: Text
    checkin_question: Text
    checkin_wrong: Text
    labels: JourneyLabels
    areas: dict[Ident, Text]


class WeekdayNames(_Strict):
    """How opening hours name the days (short forms) and a closed day, per language."""

    mon: Text
    tue: Text
    wed: Text
    thu: Text
    fri: Text
    sat: Text
    sun: Text
    closed: Text


class TimeWords(_Strict):
    """How a timing note says a wait and a moment ("24 hours", "tomorrow at 3pm")."""

    hours: Text
    days: Text
    today_at: Text
    tomorrow_at: Text
    weekday_at: Text
    weekdays: list[Text] = Field(min_length=7, max_length=7)
    twelve_hour: bool = False
    #: How a date is written in a confirmation (``strftime``: "%d %b %Y", "%d/%m/%Y").
    date_format: Text = "%d/%m/%Y"


class StaffMessages(_Strict):
    refused: Text
    no_open_alerts: Text
    taken: Text
    #: Sent above the one-time dashboard sign-in link (the link follows on its own line).
    dashboard_link: Text
    #: /dashboard sent by staff outside a private chat: no link in a group.
    dashboard_private: Text
    #: /dashboard when the clinic has not switched the dashboard on.
    dashboard_off: Text


class Messages(_Strict):
    """Every fixed sentence the bot says, so a clinic can reword them without code."""

    start: Text
    help: Text
    fallback: Text
    clarify: Text
    empty: Text
    error: Text
    pointer: Text
    pointer_urgent: Text
    pointer_urgent_closed: Text
    timing_wait: Text
    timing_done: Text
    timing_day: Text
    timing_day_zero: Text
    emergency_action: dict[LanguageCode, Text]
    emergency_pointer: Text
    recognised: dict[LanguageCode, Text]
    urgent_action: Text
    info_safety_note: Text
    smalltalk: dict[Ident, SmalltalkIntent]
    non_text: dict[Ident, Text]
    contact: Text
    weekdays: WeekdayNames
    emergency_info: Text
    privacy: Text
    topics: Text
    topics_in_category: Text
    categories: dict[Category, Text]
    buttons: ButtonLabels
    feedback_thanks: Text
    slow_down: Text
    group_mention: Text
    journey: JourneyMessages
    staff: StaffMessages
    #: The command menu per command name (setMyCommands), and /language.
    commands: dict[Ident, Text]
    language_name: Text
    language_ask: Text
    language_set: Text
    time_words: TimeWords


@dataclass(frozen=True, slots=True)
class EntryText:
    """One FAQ entry's words in one language (its rules, such as ``wait_hours``, are shared)."""

    title: str
    answer: str
    questions: tuple[str, ...]
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Knowledge:
    """Everything loaded from one knowledge folder, validated and cross-checked.

    ``faq`` and ``messages`` are the English originals; the language packs
    (``knowledge/lang/*.yaml``) add ``texts`` and ``localized_messages`` per language, read
    through ``entry_text``, ``phrasings`` and ``messages_for`` (English fills any gap).
    """

    faq: tuple[FaqEntry, ...]
    red_flags: tuple[RedFlag, ...]
    ignore_phrases: Mapping[str, tuple[str, ...]]
    concepts: Mapping[str, Mapping[str, tuple[str, ...]]]
    clinic: Clinic
    messages: Messages
    #: The clinic's country profile, when ``countries.yaml`` has one (``check`` reads it).
    country: CountryProfile | None = None
    #: Entries the clinic switched off (``enabled: false``): not answered, not offered.
    switched_off: tuple[FaqEntry, ...] = ()
    #: How to follow a conversation (``dialogue.yaml``); None: every message stands alone.
    dialogue: DialogueFile | None = None
    #: Language -> entry id -> that entry's words, for every loaded pack (English is ``faq``).
    texts: Mapping[str, Mapping[str, EntryText]] = field(default_factory=dict)
    #: Language -> every fixed message, English where the pack has none.
    localized_messages: Mapping[str, Messages] = field(default_factory=dict)
    #: What an enabled language lacks or says differently from English (``check`` lists it).
    language_gaps: tuple[str, ...] = ()

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the clinic enabled, its own first (``clinic.yaml`` ``languages:``)."""
        return tuple(self.clinic.languages) or ("en",)

    @property
    def staff_language(self) -> str:
        """Staff-facing texts are in the clinic's first language."""
        return self.languages[0]

    @property
    def text_languages(self) -> tuple[str, ...]:
        """Every language with FAQ texts loaded, enabled or not (English first)."""
        return ("en", *(language for language in self.texts if language != "en"))

    def messages_for(self, language: str) -> Messages:
        """The fixed messages in ``language``; English for a language without a pack."""
        return self.localized_messages.get(language, self.messages)

    def entry_text(self, entry_id: str, language: str) -> EntryText:
        """An entry's title, answer, phrasings and keywords in ``language``, else English."""
        found = self.texts.get(language, {}).get(entry_id) if language != "en" else None
        if found is not None:
            return found
        entry = self.entry(entry_id)
        return EntryText(entry.title, entry.answer, tuple(entry.questions), tuple(entry.keywords))

    def phrasings(self, entry_id: str, language: str) -> tuple[str, ...]:
        """The questions written for an entry in ``language`` (no English fallback: empty
        when the language has none), as the matcher and the understanding model learn them."""
        if language == "en":
            return tuple(self.entry(entry_id).questions)
        found = self.texts.get(language, {}).get(entry_id)
        return found.questions if found is not None else ()

    def flag_phrasings(self, flag_id: str, language: str) -> tuple[str, ...]:
        """A red flag's phrasings in ``language`` (packs already merged), ``$concepts`` kept."""
        for flag in self.red_flags:
            if flag.id == flag_id:
                return tuple(flag.phrasings.get(language, ()))
        raise KeyError(flag_id)

    def entry(self, entry_id: str) -> FaqEntry:
        for entry in self.faq:
            if entry.id == entry_id:
                return entry
        raise KeyError(entry_id)

    @property
    def phrasing_count(self) -> int:
        return sum(len(entry.questions) for entry in self.faq)


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
