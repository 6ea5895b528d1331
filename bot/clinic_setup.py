"""``aftercare-bot init-clinic DIR``: a clinic folder written from the clinic's own answers.

It asks for (or takes as options) the name, phone, country, time zone and languages, fills
in the country's emergency number and routes from ``countries.yaml``, and never writes the
demo's made-up details. What it writes passes ``aftercare-bot check``: every value is
checked here with the same rules before anything is written. In a folder of clinics
(``CLINICS_DIR``, or a folder whose clinics already have one) it also writes the
``deployment.yaml`` each clinic there needs.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.knowledge import WEEKDAYS, CountryProfile, parse_range
from bot.core.knowledge.contradictions import DEMO_DOMAIN, is_demo_phone, phone_problem
from bot.core.knowledge.countries import ROUTE_FIELDS
from bot.errors import ConfigError

#: Asks one question: (question, default or None) -> the answer as typed.
Ask = Callable[[str, str | None], str]

STARTER_DIR = Path(__file__).resolve().parent / "starter"
STARTER_FILES = ("faq.yaml", "messages.yaml")
DEPLOYMENT_FILE = "deployment.yaml"
DEFAULT_HOURS = "mon-fri 09:00-17:00"
DEFAULT_BOT_NAME = "Aftercare Assistant"
#: A country with at most this many time zones has a main one (listed first) to default to.
MAIN_ZONE_AT_MOST = 3
#: Where a knowledge folder keeps its language packs (``lang/<code>.yaml``).
PACK_DIR = "lang"

_DAYS = {day: index for index, day in enumerate(WEEKDAYS)}
_HOURS_ITEM = re.compile(r"^\s*([a-z]{3})(?:\s*-\s*([a-z]{3}))?\s+(\S.*?)\s*$")


@dataclass(frozen=True, slots=True)
class ClinicAnswers:
    """Everything ``init-clinic`` writes, checked."""

    name: str
    phone: str
    country: str
    timezone: str
    languages: tuple[str, ...]
    hours: Mapping[str, str]
    bot_name: str = DEFAULT_BOT_NAME
    optional: Mapping[str, str] = field(default_factory=dict)


def parse_hours(text: str) -> dict[str, str]:
    """``"mon-fri 09:00-18:00, sat 10:00-14:00"`` -> every weekday's hours (others closed)."""
    hours = dict.fromkeys(WEEKDAYS, "closed")
    for item in re.split(r"[,;]", text.casefold()):
        if not item.strip():
            continue
        match = _HOURS_ITEM.match(item)
        if match is None or match.group(1) not in _DAYS:
            raise ValueError(f"expected e.g. 'mon-fri 09:00-18:00', found {item.strip()!r}")
        first, last = match.group(1), match.group(2) or match.group(1)
        if last not in _DAYS or _DAYS[last] < _DAYS[first]:
            raise ValueError(f"{first}-{last} is not a run of days from Monday to Sunday")
        parse_range(match.group(3))  # raises ValueError with a readable reason
        for day in WEEKDAYS[_DAYS[first] : _DAYS[last] + 1]:
            hours[day] = match.group(3).replace(" ", "")
    return hours


def _check(kind: str, value: str, context: Mapping[str, object]) -> str | None:
    """Why ``value`` is not acceptable for ``kind``, or None."""
    profiles = context["profiles"]
    assert isinstance(profiles, Mapping)
    profile = profiles.get(context.get("country"))
    if kind == "name":
        demo = "example aesthetics" in value.casefold()
        return "the demo's name; use your clinic's" if demo else None
    if kind == "country":
        if value not in profiles:
            return f"no profile for {value!r}; one of {', '.join(sorted(profiles))}"
        return None
    if kind in {"phone", "out_of_hours_phone"}:
        if is_demo_phone(value):
            return "the demo's made-up number; give your clinic's own"
        if not isinstance(profile, CountryProfile):
            return None  # the country's own problem is reported
        short = kind == "out_of_hours_phone"
        problem = phone_problem(value, profile.phone_region, short_allowed=short)
        return f"{problem} {profile.name} ({context['country']})" if problem else None
    if kind == "timezone":
        zones = profile.timezones if isinstance(profile, CountryProfile) else []
        if value not in zones:
            return f"not a time zone of {context.get('country')}; one of: {', '.join(zones)}"
        return None
    if kind == "languages":
        shipped = context["shipped_languages"]
        assert isinstance(shipped, Sequence)
        codes = _languages(value)
        unknown = [code for code in codes if code not in shipped]
        if not codes or unknown:
            return f"use two-letter codes of shipped languages: {', '.join(shipped)}"
        return None
    if kind == "hours":
        try:
            parse_hours(value)
        except ValueError as exc:
            return str(exc)
        return None
    if kind in {"email", "booking_url"} and DEMO_DOMAIN in value.casefold():
        return "the demo's made-up address; give your clinic's own"
    return None


def _languages(value: str) -> list[str]:
    return [code.strip().casefold() for code in re.split(r"[,\s]+", value) if code.strip()]


#: (field, question) in the order they are asked (the country first: the rest is checked
#: against it); the first five are required, the hours have a default.
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("name", "Clinic name"),
    ("country", "Country (two-letter code, e.g. GB, US, DE)"),
    ("phone", "Phone number patients call"),
    ("timezone", "Time zone of your opening hours"),
    ("languages", "Languages the bot answers in (e.g. en or de,en; the first is your staff's)"),
    ("hours", "Opening hours (e.g. mon-fri 09:00-18:00, sat 10:00-14:00)"),
)
OPTIONAL_FIELDS: tuple[str, ...] = (
    "out_of_hours_phone",
    "email",
    "address",
    "booking_url",
)


def gather(
    given: Mapping[str, str | None],
    profiles: Mapping[str, CountryProfile],
    shipped_languages: Sequence[str],
    ask: Ask | None,
) -> ClinicAnswers:
    """The clinic's answers: from ``given`` (the options), else asked with ``ask``; every
    value checked. Without ``ask`` a missing or wrong value is a ``ConfigError`` naming
    every one at once."""
    context: dict[str, object] = {"profiles": profiles, "shipped_languages": shipped_languages}
    answers: dict[str, str] = {}
    problems: list[str] = []
    for name, question in QUESTIONS:
        value = (given.get(name) or "").strip()
        if name == "country":
            value = value.upper()
        default = _default(name, context)
        if not value and ask is None:
            if default is None:
                problems.append(f"--{name.replace('_', '-')} is required ({question.lower()})")
                continue
            value = default
        problem = _check(name, value, context) if value else "is required"
        while problem is not None and ask is not None:
            prompt = f"{question} ({value!r}: {problem})" if value else question
            value = ask(prompt, default).strip() or (default or "")
            value = value.upper() if name == "country" else value
            problem = _check(name, value, context) if value else "is required"
        if problem is not None:
            problems.append(f"--{name.replace('_', '-')} {value!r}: {problem}")
            if name == "country":
                break  # the rest is checked against the country
            continue
        answers[name] = value
        context[name] = value
    optional: dict[str, str] = {}
    for name in OPTIONAL_FIELDS:
        value = (given.get(name) or "").strip()
        if not value:
            continue
        problem = _check(name, value, context) if "country" in context else None
        if problem is not None:
            problems.append(f"--{name.replace('_', '-')} {value!r}: {problem}")
        optional[name] = value
    if problems:
        raise ConfigError("init-clinic: " + "; ".join(problems))
    return ClinicAnswers(
        name=answers["name"],
        phone=answers["phone"],
        country=answers["country"],
        timezone=answers["timezone"],
        languages=tuple(_languages(answers["languages"])),
        hours=parse_hours(answers["hours"]),
        bot_name=(given.get("bot_name") or DEFAULT_BOT_NAME).strip(),
        optional=optional,
    )


def _default(name: str, context: Mapping[str, object]) -> str | None:
    profiles = context["profiles"]
    assert isinstance(profiles, Mapping)
    profile = profiles.get(context.get("country"))
    if name == "timezone" and isinstance(profile, CountryProfile):
        # The mainland's zone comes first (Europe/Madrid before Atlantic/Canary); a country
        # spanning many zones (US, CA, AU) has no default: the clinic must say which.
        zones = profile.timezones
        return zones[0] if len(zones) <= MAIN_ZONE_AT_MOST else None
    if name == "languages":
        return "en"
    if name == "hours":
        return DEFAULT_HOURS
    return None


def _quoted(value: str) -> str:
    """A YAML scalar for any text (a JSON string is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def clinic_yaml(answers: ClinicAnswers, profile: CountryProfile) -> str:
    """The clinic's ``clinic.yaml``, every field explained, the country's routes filled in."""
    lines = [
        f"# {answers.name}: the clinic this bot speaks for (written by init-clinic).",
        "# Every reply ends with the name and phone below. After any edit, run",
        "# `aftercare-bot check`: it names the field of every problem.",
        "clinic:",
        f"  name: {_quoted(answers.name)}",
        f"  bot_name: {_quoted(answers.bot_name)}",
        "  # practitioners: [Dr A. Name, B. Name]     # optional",
        f"  phone: {_quoted(answers.phone)}",
    ]
    hints = {
        "out_of_hours_phone": "number for urgent problems when you are closed",
        "email": "optional",
        "address": "shown when patients ask where you are",
        "booking_url": "shown when patients ask how to book",
    }
    for name in OPTIONAL_FIELDS:
        value = answers.optional.get(name)
        if value:
            lines.append(f"  {name}: {_quoted(value)}")
        else:
            lines.append(f"  # {name}:     # {hints[name]}")
    lines += ["  opening_hours:", f"    timezone: {answers.timezone}"]
    lines += [f"    {day}: {_quoted(answers.hours[day])}" for day in WEEKDAYS]
    lines += [
        f"  country: {answers.country}",
        f"  languages: [{', '.join(answers.languages)}]",
        f"  # From the {profile.name} profile in countries.yaml. Replace a route with your own",
        "  # (one text, or one per language) if your patients should use another service.",
        f"  emergency_number: {_quoted(profile.emergency_number)}",
    ]
    for name in ROUTE_FIELDS:
        texts: dict[str, str] = getattr(profile, name)
        wanted = [lang for lang in (*answers.languages, "en") if lang in texts]
        lines.append(f"  {name}:")
        for lang in dict.fromkeys(wanted):
            lines.append(f"    {lang}: {_quoted(texts[lang])}")
    lines += [
        '  # welcome: "A sentence added to /start."          # optional',
        '  # sign_off: "A sentence added to every reply."    # optional',
    ]
    return "\n".join(lines) + "\n"


def token_env_for(folder: Path) -> str:
    """``riverside`` -> ``RIVERSIDE_TOKEN``: the variable that holds the clinic's bot token."""
    stem = re.sub(r"[^A-Z0-9]+", "_", folder.name.upper()).strip("_") or "CLINIC"
    return f"{'C_' if stem[0].isdigit() else ''}{stem}_TOKEN"


def deployment_yaml(token_env: str) -> str:
    return (
        "# Where this clinic's bot lives when one process serves several clinics (CLINICS_DIR).\n"
        "# The token itself stays in the environment, never in YAML.\n"
        f"token_env: {token_env}\n"
        "# staff_chat_id: -1001234567890     # the staff group for alerts\n"
        "# staff_user_ids: [11111111]         # who may use /alerts and /stats\n"
    )


def needs_deployment(target: Path, clinics_dir: Path | None) -> bool:
    """True inside ``CLINICS_DIR``, or beside clinics that already have a deployment.yaml."""
    parent = target.resolve().parent
    if clinics_dir is not None and clinics_dir.resolve() == parent:
        return True
    return parent.is_dir() and any(
        (sibling / DEPLOYMENT_FILE).exists() for sibling in parent.iterdir() if sibling.is_dir()
    )


def shipped_languages(knowledge_dir: Path) -> list[str]:
    """English and every language with a pack in ``knowledge_dir``."""
    packs = sorted(p.stem for p in (knowledge_dir / PACK_DIR).glob("*.yaml"))
    return ["en", *packs]


def write_clinic_folder(
    target: Path,
    answers: ClinicAnswers,
    profile: CountryProfile,
    *,
    token_env: str | None,
) -> list[str]:
    """Write the folder; returns the names written. Refuses to overwrite anything."""
    files = {"clinic.yaml": clinic_yaml(answers, profile)}
    if token_env is not None:
        files[DEPLOYMENT_FILE] = deployment_yaml(token_env)
    names = [*files, *STARTER_FILES]
    existing = [name for name in names if (target / name).exists()]
    if existing:
        raise ConfigError(f"init-clinic: not overwriting {', '.join(existing)} in {target}")
    target.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (target / name).write_text(text, encoding="utf-8")
    for name in STARTER_FILES:
        shutil.copyfile(STARTER_DIR / name, target / name)
    return names
