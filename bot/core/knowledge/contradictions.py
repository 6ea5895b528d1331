"""A clinic that contradicts its own country, or still carries the demo's made-up details.

The loader checks that each file is well formed; this checks that the values agree with the
country the clinic names: its emergency number, the time zone of its opening hours and its
phone numbers (with Google's ``phonenumbers`` data). It also finds the shipped demo
clinic's fictional details (UK drama numbers, ``example-clinic.test``) left in place.

Every contradiction is an error. The demo's details are an error in a clinic's own folder
and only a warning in the knowledge folder's own ``clinic.yaml``, which *is* the demo: the
bot must run out of the box, and ``aftercare-bot check`` must pass on the shipped files.
``aftercare-bot check`` and start-up both run this (``load_checked_knowledge``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bot.core.knowledge.loader import load_knowledge
from bot.core.knowledge.schemas import CLINIC_FILE, Clinic, Knowledge
from bot.errors import KnowledgeError

Severity = Literal["error", "warning"]

#: The demo clinic's made-up details (knowledge/clinic.yaml). Phone numbers are compared by
#: their digits in international form, texts without regard to case.
DEMO_PHONES: frozenset[str] = frozenset({"+442079460000", "+447700900000"})
DEMO_DOMAIN = "example-clinic.test"
DEMO_TEXTS: dict[str, str] = {
    "name": "Example Aesthetics Clinic",
    "address": "1 Example Street",
    "practitioners": "Dr Alex Example",
}
PHONE_FIELDS: tuple[str, ...] = ("phone", "out_of_hours_phone")


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem with a clinic's values; ``text`` names the file and the field."""

    severity: Severity
    text: str

    def __str__(self) -> str:
        return self.text if self.severity == "error" else f"warning: {self.text}"


def clinic_label(clinic_dir: Path | None) -> str:
    """How findings name the clinic file: ``riverside/clinic.yaml`` or ``clinic.yaml``."""
    return f"{clinic_dir.name}/{CLINIC_FILE}" if clinic_dir is not None else CLINIC_FILE


def clinic_findings(knowledge: Knowledge, label: str, *, demo: bool) -> list[Finding]:
    """Every contradiction between a clinic and its country, and the demo's details left in
    place (a warning when ``demo``: the file checked is the shipped demo itself)."""
    findings = _country_findings(knowledge, label)
    severity: Severity = "warning" if demo else "error"
    findings += [Finding(severity, text) for text in demo_details(knowledge.clinic, label)]
    return findings


def _country_findings(knowledge: Knowledge, label: str) -> list[Finding]:
    clinic, profile = knowledge.clinic, knowledge.country
    found: list[Finding] = []
    place = f"{profile.name} ({clinic.country})" if profile else clinic.country
    if profile is not None and not profile.accepts_emergency_number(clinic.emergency_number):
        found.append(
            Finding(
                "error",
                f"{label}: field 'clinic.emergency_number' is {clinic.emergency_number!r}, "
                f"but the emergency number in {place} is {profile.emergency_number}",
            )
        )
    hours = clinic.opening_hours
    if profile is not None and hours is not None and hours.timezone not in profile.timezones:
        zones = ", ".join(profile.timezones[:4]) + (", ..." if len(profile.timezones) > 4 else "")
        found.append(
            Finding(
                "error",
                f"{label}: field 'clinic.opening_hours.timezone' is {hours.timezone!r}, which "
                f"is not a time zone of {place} (use one of: {zones})",
            )
        )
    region = profile.phone_region if profile is not None else clinic.country
    for field in PHONE_FIELDS:
        value = getattr(clinic, field)
        if value is None or is_demo_phone(value):
            continue  # a demo number is reported once, as the demo's (see demo_details)
        problem = phone_problem(value, region, short_allowed=field == "out_of_hours_phone")
        if problem is not None:
            found.append(
                Finding("error", f"{label}: field 'clinic.{field}' {value!r} {problem} {place}")
            )
    return found


def phone_problem(value: str, region: str, *, short_allowed: bool = False) -> str | None:
    """Why ``value`` is not a phone number patients in ``region`` can call, or None.

    Short numbers (111, 116117) are accepted where ``short_allowed``: an out-of-hours route
    may be a national service rather than the clinic's own line.
    """
    import phonenumbers  # only when knowledge is checked: 1.4 MB a serving bot never needs
    from phonenumbers import shortnumberinfo

    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return "is not a phone number in"
    if phonenumbers.is_valid_number_for_region(number, region):
        return None
    if short_allowed and shortnumberinfo.is_valid_short_number_for_region(number, region):
        return None
    elsewhere = phonenumbers.region_code_for_number(number)
    if phonenumbers.is_valid_number(number) and elsewhere:
        return f"is a number in {elsewhere}, not in"
    return "is not a valid phone number in"


def is_demo_phone(value: str) -> bool:
    """True for the demo's made-up numbers, however they are written (``+44 20 ...``)."""
    import phonenumbers

    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) in DEMO_PHONES


def demo_details(clinic: Clinic, label: str) -> list[str]:
    """The demo clinic's fictional details still in ``clinic``, one line per field."""
    found: list[str] = []
    for field in PHONE_FIELDS:
        value = getattr(clinic, field)
        if value is not None and is_demo_phone(value):
            found.append(f"{label}: field 'clinic.{field}' is the demo's made-up number {value!r}")
    for field in ("email", "booking_url"):
        value = getattr(clinic, field)
        if value is not None and DEMO_DOMAIN in value.casefold():
            found.append(f"{label}: field 'clinic.{field}' is the demo's made-up {value!r}")
    for field, demo in DEMO_TEXTS.items():
        value = getattr(clinic, field)
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, str) and demo.casefold() in v.casefold() for v in values):
            found.append(f"{label}: field 'clinic.{field}' still holds the demo's {demo!r}")
    return found


def load_checked_knowledge(
    knowledge_dir: Path, clinic_dir: Path | None = None
) -> tuple[Knowledge, list[Finding]]:
    """``load_knowledge`` plus the clinic's findings: raises ``KnowledgeError`` listing
    every error; returns the knowledge with the warnings."""
    knowledge = load_knowledge(knowledge_dir, clinic_dir)
    findings = clinic_findings(knowledge, clinic_label(clinic_dir), demo=clinic_dir is None)
    errors = [str(f) for f in findings if f.severity == "error"]
    if errors:
        raise KnowledgeError(errors)
    return knowledge, [f for f in findings if f.severity == "warning"]
