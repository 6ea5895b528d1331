"""A clinic's country picks its emergency number and routes; the clinic's own values win;
no reply, in any language, names a route from another country."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.config import DEFAULT_KNOWLEDGE_DIR
from bot.core.knowledge import ROUTE_FIELDS, Knowledge, load_knowledge
from bot.core.knowledge.loader import load_countries
from bot.core.replies import Renderer, clinic_fields, fill, format_hours
from bot.core.responder import Responder
from bot.core.triage.detector import FlagHit, TriageResult
from bot.errors import KnowledgeError
from tests.core.clinics import DE_CLINIC, GB_CLINIC, US_CLINIC, write_clinic

NIGHT = datetime(2026, 11, 24, 3, tzinfo=UTC)  # closed everywhere
DAY_NY = datetime(2026, 11, 23, 15, tzinfo=UTC)  # Monday 10:00 in New York

#: What a clinic in another country must never be told (word-bounded, case-insensitive).
UK_ROUTES = ("999", "NHS", "111", "Samaritans", "Yellow Card", "MHRA")
US_ROUTES = ("911", "988", "MedWatch", "FDA")


def knowledge_for(tmp_path: Path, base: dict[str, Any], **changes: Any) -> Knowledge:
    return load_knowledge(DEFAULT_KNOWLEDGE_DIR, write_clinic(tmp_path / "clinic", base, **changes))


def test_every_shipped_country_has_a_complete_profile() -> None:
    profiles = load_countries(DEFAULT_KNOWLEDGE_DIR)
    wanted = "GB IE US CA AU NZ DE AT CH FR BE ES IT PT NL".split()
    assert set(wanted) <= set(profiles)
    for code, profile in profiles.items():
        assert profile.phone_region == code
        for field in ROUTE_FIELDS:
            assert "en" in getattr(profile, field), (code, field)


def test_a_clinic_gets_its_countrys_number_and_routes(tmp_path: Path) -> None:
    knowledge = knowledge_for(tmp_path, US_CLINIC)
    clinic = knowledge.clinic
    assert clinic.emergency_number == "911"
    assert knowledge.country is not None and knowledge.country.name == "United States"
    assert clinic.route("urgent_care", "en") == knowledge.country.urgent_care["en"]
    assert "988" in clinic.route("crisis_line", "en")
    assert "MedWatch" in clinic.route("side_effect_reporting", "en")
    assert "MedWatch de la FDA" in clinic.route("side_effect_reporting", "es")
    assert clinic.route("crisis_line", "de") == clinic.route("crisis_line", "en")  # no de text


def test_the_clinics_own_values_override_the_profile(tmp_path: Path) -> None:
    knowledge = knowledge_for(
        tmp_path,
        DE_CLINIC,
        urgent_care="our on-call doctor on +49 30 901829",
        crisis_line={"de": "die Krisenhilfe Berlin", "en": "the Berlin crisis service"},
    )
    clinic = knowledge.clinic
    assert clinic.emergency_number == "112"
    # One text is the clinic's route in every language; a mapping replaces the profile's.
    assert clinic.route("urgent_care", "de") == "our on-call doctor on +49 30 901829"
    assert clinic.route("crisis_line", "de") == "die Krisenhilfe Berlin"
    assert clinic.route("crisis_line", "fr") == "the Berlin crisis service"
    assert "BfArM" in clinic.route("side_effect_reporting", "de")  # still the profile's


def test_a_country_without_a_profile_must_state_its_routes(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError) as caught:
        knowledge_for(tmp_path, US_CLINIC, country="PH", opening_hours=None)
    text = "\n".join(caught.value.problems)
    assert "clinic.yaml: field 'clinic.country' 'PH' has no profile in countries.yaml" in text
    assert "emergency_number, urgent_care, crisis_line, side_effect_reporting" in text
    assert "clinic.yaml: field 'clinic.emergency_number' is missing" in text
    own = {
        "emergency_number": "911",
        "urgent_care": "the nearest emergency room",
        "crisis_line": "the NCMH crisis hotline on 1553",
        "side_effect_reporting": "the Philippine FDA",
    }
    knowledge = knowledge_for(tmp_path, US_CLINIC, country="PH", opening_hours=None, **own)
    assert knowledge.country is None and knowledge.clinic.emergency_number == "911"


def test_routes_are_in_the_replys_language_where_the_profile_has_it(tmp_path: Path) -> None:
    knowledge = knowledge_for(tmp_path, DE_CLINIC)
    renderer = Renderer(knowledge)
    assert "116117" in renderer.speaking("de").values["urgent_care"]
    assert renderer.speaking("de").values["urgent_care"].startswith("den ärztlichen")
    assert renderer.speaking("en").values["urgent_care"].startswith("the out-of-hours")
    assert renderer.speaking("fr").values["urgent_care"].startswith("the out-of-hours")
    closed = Responder(knowledge).respond("Mein Augenlid hängt seit gestern", now=NIGHT)
    assert closed.level == "urgent"
    if closed.language == "de":
        assert "den ärztlichen Bereitschaftsdienst unter 116117" in closed.text


def test_opening_hours_read_as_runs_of_days_in_the_replys_language() -> None:
    knowledge = load_knowledge(DEFAULT_KNOWLEDGE_DIR)
    hours = knowledge.clinic.opening_hours
    assert format_hours(hours) == (
        "Mon-Wed 09:00-18:00, Thu 09:00-20:00, Fri 09:00-18:00, Sat 10:00-14:00, Sun closed"
    )
    german = knowledge.messages_for("de").weekdays
    assert format_hours(hours, german).endswith("Sa 10:00-14:00, So geschlossen")


def test_a_line_naming_a_detail_the_clinic_has_not_given_is_left_out(tmp_path: Path) -> None:
    clinic = knowledge_for(tmp_path, US_CLINIC, booking_url=None, email=None).clinic
    values = clinic_fields(clinic)
    text = fill("Hours: {opening_hours}\nEmail: {email}\nBook: {booking_url}\nCall {phone}", values)
    assert text == "Hours: Mon 09:00-17:00, Tue-Fri closed, Sat 10:00-14:00, Sun closed\n" + (
        "Call +1 718 555 0100"
    )


def _without_own_routes(text: str, knowledge: Knowledge) -> str:
    """The text with this clinic's own routes and numbers taken out: what is left must not
    name another country's (the German crisis line "0800 111 0 111" is its own)."""
    clinic = knowledge.clinic
    own = [clinic.phone, clinic.out_of_hours_phone or ""]
    for field in ROUTE_FIELDS:
        own += list(getattr(clinic, field).values())
    for value in sorted(filter(None, own), key=len, reverse=True):
        text = text.replace(value, " ")
    return text


def _foreign(text: str, banned: tuple[str, ...]) -> list[str]:
    return [
        word for word in banned if re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text, re.I)
    ]


def every_reply(knowledge: Knowledge) -> list[tuple[str, str]]:
    """Every kind of reply, in every language the clinic enables: (what, text)."""
    responder = Responder(knowledge)
    out: list[tuple[str, str]] = []
    for language in knowledge.languages:
        renderer = responder.renderer.speaking(language)
        messages = knowledge.messages_for(language)
        for entry in knowledge.faq:
            out.append((f"{language} answer {entry.id}", renderer.answer(entry.id, 80).text))
        ids = [entry.id for entry in knowledge.faq[:3]]
        out.append((f"{language} clarify", renderer.clarify(ids, 50).text))
        out.append((f"{language} fallback", renderer.fallback().text))
        for intent in messages.smalltalk:
            out.append((f"{language} smalltalk {intent}", renderer.smalltalk(intent).text))
        for kind in messages.non_text:
            out.append((f"{language} non-text {kind}", renderer.non_text(kind).text))
        for what in ("contact", "emergency_info", "privacy", "error"):
            out.append((f"{language} {what}", getattr(renderer, what)()))
        for flag in knowledge.red_flags:
            hit = FlagHit(flag.id, flag.level, language, "-", "-")
            triage = TriageResult(flag.level, (hit,), ())
            for now in (NIGHT, DAY_NY):
                reply = renderer.escalation(triage, now=now)
                out.append((f"{language} escalation {flag.id}", reply.text))
            group = renderer.escalation(triage, private=False, now=NIGHT)
            out.append((f"{language} group escalation {flag.id}", group.text))
        for key, template in _templates(messages.model_dump()):
            out.append((f"{language} message {key}", renderer.say(template, day="3")))
    return out


def _templates(value: Any, where: str = "") -> list[tuple[str, str]]:
    if isinstance(value, str):
        return [(where, value)]
    if isinstance(value, dict):
        return [t for key, item in value.items() for t in _templates(item, f"{where}.{key}")]
    if isinstance(value, list):
        return [t for item in value for t in _templates(item, where)]
    return []


@pytest.mark.parametrize(
    ("base", "banned"),
    [(US_CLINIC, UK_ROUTES), (DE_CLINIC, UK_ROUTES + US_ROUTES), (GB_CLINIC, US_ROUTES)],
    ids=["US", "DE", "GB"],
)
def test_no_reply_names_a_route_from_another_country(
    tmp_path: Path, base: dict[str, Any], banned: tuple[str, ...]
) -> None:
    knowledge = knowledge_for(tmp_path, base)
    replies = every_reply(knowledge)
    assert len(replies) > 500
    found = {
        what: words
        for what, text in replies
        if (words := _foreign(_without_own_routes(text, knowledge), banned))
    }
    assert found == {}


def test_the_reporting_answer_names_the_countrys_own_scheme(tmp_path: Path) -> None:
    for base, scheme in ((US_CLINIC, "FDA MedWatch"), (DE_CLINIC, "BfArM"), (GB_CLINIC, "MHRA")):
        knowledge = knowledge_for(tmp_path / base["country"], base)
        reply = Responder(knowledge).renderer.answer("reporting_side_effects", 80)
        assert scheme in reply.text
    german = Renderer(knowledge_for(tmp_path / "de", DE_CLINIC)).speaking("de")
    assert "das BfArM (Online-Meldung unter" in german.answer("reporting_side_effects", 80).text


def test_the_urgent_pointer_and_emergency_info_use_the_countrys_routes(tmp_path: Path) -> None:
    knowledge = knowledge_for(tmp_path, US_CLINIC)
    responder = Responder(knowledge)
    urgent = responder.respond("my eyelid is drooping", now=NIGHT).text
    assert knowledge.country is not None
    assert knowledge.country.urgent_care["en"] in urgent and "+1 718 555 0199" in urgent
    emergency = responder.respond("I can't breathe").text
    assert emergency.startswith("Call 911 now.")
    info = responder.renderer.emergency_info()
    assert "Call 911 now" in info and "988 Suicide & Crisis Lifeline" in info
    spanish = responder.renderer.speaking("es").emergency_info()
    assert "Línea 988 de Prevención del Suicidio" in spanish
