"""``check`` refuses a clinic that contradicts its country or keeps the demo's details."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.config import DEFAULT_KNOWLEDGE_DIR
from bot.core.knowledge.contradictions import load_checked_knowledge, phone_problem
from bot.errors import KnowledgeError
from tests.core.clinics import DE_CLINIC, GB_CLINIC, US_CLINIC, write_clinic


def errors_for(tmp_path: Path, base: dict[str, Any], **changes: Any) -> list[str]:
    folder = write_clinic(tmp_path / "mine", base, **changes)
    with pytest.raises(KnowledgeError) as caught:
        load_checked_knowledge(DEFAULT_KNOWLEDGE_DIR, folder)
    return caught.value.problems


@pytest.mark.parametrize("base", [US_CLINIC, DE_CLINIC, GB_CLINIC], ids=["US", "DE", "GB"])
def test_a_consistent_clinic_passes(tmp_path: Path, base: dict[str, Any]) -> None:
    folder = write_clinic(tmp_path / "mine", base)
    knowledge, warnings = load_checked_knowledge(DEFAULT_KNOWLEDGE_DIR, folder)
    assert warnings == [] and knowledge.clinic.country == base["country"]


def test_an_emergency_number_from_another_country_is_an_error(tmp_path: Path) -> None:
    (problem,) = errors_for(tmp_path, US_CLINIC, emergency_number="999")
    assert problem == (
        "mine/clinic.yaml: field 'clinic.emergency_number' is '999', but the emergency "
        "number in United States (US) is 911"
    )
    folder = write_clinic(tmp_path / "ok", GB_CLINIC, emergency_number="112")
    load_checked_knowledge(DEFAULT_KNOWLEDGE_DIR, folder)  # 112 works in the UK too


def test_a_time_zone_outside_the_country_is_an_error(tmp_path: Path) -> None:
    hours = {**US_CLINIC["opening_hours"], "timezone": "Europe/London"}
    (problem,) = errors_for(tmp_path, US_CLINIC, opening_hours=hours)
    assert problem.startswith(
        "mine/clinic.yaml: field 'clinic.opening_hours.timezone' is 'Europe/London', which is "
        "not a time zone of United States (US) (use one of: America/New_York"
    )


def test_a_phone_number_not_valid_for_the_country_is_an_error(tmp_path: Path) -> None:
    problems = errors_for(
        tmp_path, US_CLINIC, phone="+44 161 496 0111", out_of_hours_phone="0222 222"
    )
    assert problems == [
        "mine/clinic.yaml: field 'clinic.phone' '+44 161 496 0111' is a number in GB, not in "
        "United States (US)",
        "mine/clinic.yaml: field 'clinic.out_of_hours_phone' '0222 222' is not a valid phone "
        "number in United States (US)",
    ]
    assert phone_problem("116117", "DE", short_allowed=True) is None  # a national service
    assert phone_problem("116117", "DE") is not None  # but not the clinic's own phone


def test_the_demos_details_are_errors_in_a_clinic_folder(tmp_path: Path) -> None:
    problems = errors_for(
        tmp_path,
        GB_CLINIC,
        phone="+44 20 7946 0000",
        out_of_hours_phone="07700 900000",
        email="care@example-clinic.test",
        name="Example Aesthetics Clinic",
    )
    assert problems == [
        "mine/clinic.yaml: field 'clinic.phone' is the demo's made-up number '+44 20 7946 0000'",
        "mine/clinic.yaml: field 'clinic.out_of_hours_phone' is the demo's made-up number "
        "'07700 900000'",
        "mine/clinic.yaml: field 'clinic.email' is the demo's made-up 'care@example-clinic.test'",
        "mine/clinic.yaml: field 'clinic.name' still holds the demo's 'Example Aesthetics Clinic'",
    ]


def test_the_shipped_demo_only_warns(capsys: pytest.CaptureFixture[str]) -> None:
    knowledge, warnings = load_checked_knowledge(DEFAULT_KNOWLEDGE_DIR)
    assert knowledge.clinic.name == "Example Aesthetics Clinic"
    assert {w.severity for w in warnings} == {"warning"} and len(warnings) >= 5
    assert main(["--env-file", "/dev/null", "check"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("OK:")
    assert "warning: clinic.yaml: field 'clinic.phone' is the demo's made-up number" in (
        captured.err
    )


def test_check_fails_on_a_contradiction_in_clinic_dir(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_clinic(tmp_path / "brooklyn", US_CLINIC, emergency_number="999")
    monkeypatch.setenv("CLINIC_DIR", str(folder))
    assert main(["--env-file", "/dev/null", "check"]) == 2
    assert "brooklyn/clinic.yaml: field 'clinic.emergency_number' is '999'" in (
        capsys.readouterr().err
    )
    assert main(["--env-file", "/dev/null", "ask", "hello"]) == 2  # start-up refuses it too
