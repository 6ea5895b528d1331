"""The clinic's knowledge: typed schemas (``schemas``) and the strict YAML loader (``loader``)."""

from __future__ import annotations

from bot.core.knowledge.countries import COUNTRIES_FILE, ROUTE_FIELDS, CountryProfile
from bot.core.knowledge.loader import load_knowledge
from bot.core.knowledge.schemas import (
    CLINIC_FILE,
    EMERGENCY_LANGUAGES,
    FAQ_FILE,
    MESSAGES_FILE,
    RED_FLAGS_FILE,
    TEMPLATE_FIELDS,
    WEEKDAYS,
    ButtonLabels,
    Category,
    Clinic,
    FaqEntry,
    JourneyLabels,
    JourneyMessages,
    Knowledge,
    Level,
    Messages,
    OpeningHours,
    RedFlag,
    SmalltalkIntent,
    StaffMessages,
    WeekdayNames,
    parse_range,
)

__all__ = [
    "CLINIC_FILE",
    "COUNTRIES_FILE",
    "EMERGENCY_LANGUAGES",
    "FAQ_FILE",
    "MESSAGES_FILE",
    "RED_FLAGS_FILE",
    "ROUTE_FIELDS",
    "TEMPLATE_FIELDS",
    "WEEKDAYS",
    "ButtonLabels",
    "Category",
    "Clinic",
    "CountryProfile",
    "FaqEntry",
    "JourneyLabels",
    "JourneyMessages",
    "Knowledge",
    "Level",
    "Messages",
    "OpeningHours",
    "RedFlag",
    "SmalltalkIntent",
    "StaffMessages",
    "WeekdayNames",
    "load_knowledge",
    "parse_range",
]
