"""``aftercare-bot init-clinic``: a clinic folder from the clinic's own answers, which
``check`` accepts, with its country's routes and none of the demo's made-up details."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from bot.cli import main
from bot.clinic_setup import gather, parse_hours, shipped_languages, token_env_for
from bot.config import DEFAULT_KNOWLEDGE_DIR
from bot.core.knowledge import load_knowledge
from bot.core.knowledge.loader import load_countries
from bot.errors import ConfigError

DEMO = ("020 7946", "07700 900", "example-clinic.test", "Example Aesthetics", "Example Street")


def init(folder: Path, *options: str) -> int:
    return main(["--env-file", "/dev/null", "init-clinic", str(folder), "--no-input", *options])


def check(monkeypatch: pytest.MonkeyPatch, **env: str) -> int:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return main(["--env-file", "/dev/null", "check"])


def test_a_us_clinic_from_options_passes_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "brooklyn"
    options = ["--name", "Brooklyn Skin", "--phone", "(718) 555-0100", "--country", "us"]
    options += ["--timezone", "America/New_York", "--languages", "en,es"]
    options += ["--hours", "mon-fri 09:00-18:00, sat 10:00-14:00"]
    options += ["--address", "10 Atlantic Ave, Brooklyn", "--booking-url", "https://b.test/book"]
    assert init(folder, *options) == 0
    assert "CLINIC_DIR=" in capsys.readouterr().out
    text = (folder / "clinic.yaml").read_text(encoding="utf-8")
    assert not [demo for demo in DEMO if demo in text]
    assert 'emergency_number: "911"' in text and "urgent care center" in text
    assert "MedWatch de la FDA" in text  # the Spanish route too: the clinic answers in Spanish
    assert not (folder / "deployment.yaml").exists()
    assert check(monkeypatch, CLINIC_DIR=str(folder)) == 0
    assert capsys.readouterr().err == ""  # not even a warning
    clinic = load_knowledge(DEFAULT_KNOWLEDGE_DIR, folder).clinic
    assert clinic.languages == ["en", "es"] and clinic.opening_hours is not None
    assert clinic.opening_hours.sat == "10:00-14:00" and clinic.opening_hours.sun == "closed"


def test_a_german_clinic_gets_the_german_routes_and_its_only_time_zone(tmp_path: Path) -> None:
    folder = tmp_path / "berlin"
    options = ["--name", "Praxis am Markt", "--phone", "030 901820", "--country", "DE"]
    assert init(folder, *options, "--languages", "de,en") == 0
    clinic = load_knowledge(DEFAULT_KNOWLEDGE_DIR, folder).clinic
    assert clinic.emergency_number == "112"
    assert clinic.opening_hours is not None and clinic.opening_hours.timezone == "Europe/Berlin"
    assert clinic.route("urgent_care", "de") == "den ärztlichen Bereitschaftsdienst unter 116117"
    assert set(clinic.urgent_care) == {"de", "en"}


def test_missing_and_wrong_answers_are_all_named_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "mine"
    assert init(folder) == 2
    err = capsys.readouterr().err
    for option in ("--name", "--country", "--phone"):
        assert f"{option} is required" in err
    options = ["--name", "Mine", "--phone", "020 7946 0000", "--country", "US"]
    assert init(folder, *options, "--timezone", "Europe/London", "--languages", "en,xx") == 2
    err = capsys.readouterr().err
    assert "--phone '020 7946 0000': the demo's made-up number" in err
    assert "--timezone 'Europe/London': not a time zone of US" in err
    assert "--languages 'en,xx': use two-letter codes of shipped languages" in err
    assert init(folder, "--name", "Mine", "--phone", "12", "--country", "ZZ") == 2
    assert "--country 'ZZ': no profile for 'ZZ'" in capsys.readouterr().err
    assert not folder.exists()


def test_the_questions_are_asked_again_until_the_answer_fits() -> None:
    answers: Iterator[str] = iter(
        ["Riverside Skin", "GB", "12345", "0161 496 0111", "", "en", "mon-fri 8:00-16:00"]
    )
    asked: list[str] = []

    def ask(question: str, default: str | None) -> str:
        asked.append(question)
        return next(answers)

    profiles = load_countries(DEFAULT_KNOWLEDGE_DIR)
    result = gather({}, profiles, shipped_languages(DEFAULT_KNOWLEDGE_DIR), ask)
    assert result.phone == "0161 496 0111" and result.timezone == "Europe/London"
    assert result.hours["mon"] == "8:00-16:00" and result.hours["sat"] == "closed"
    assert "'12345': is not a valid phone number in United Kingdom (GB)" in asked[3]
    with pytest.raises(ConfigError):
        gather({"name": "x"}, profiles, ["en"], None)
    with pytest.raises(ValueError, match="run of days"):
        parse_hours("fri-mon 09:00-17:00")


def test_in_a_clinics_folder_it_writes_the_deployment_file_check_needs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "clinics"
    monkeypatch.setenv("CLINICS_DIR", str(root))
    options = ["--phone", "0161 496 0111", "--country", "GB"]
    assert init(root / "riverside", "--name", "Riverside Skin", *options) == 0
    assert "RIVERSIDE_TOKEN" in capsys.readouterr().out
    monkeypatch.delenv("CLINICS_DIR")
    # Beside a clinic that has one, the next clinic gets one too, even without CLINICS_DIR.
    assert init(root / "old-town", "--name", "Old Town Skin", *options) == 0
    deployment = yaml.safe_load((root / "old-town" / "deployment.yaml").read_text("utf-8"))
    assert (
        deployment
        == {"token_env": "OLD_TOWN_TOKEN"}
        == {"token_env": token_env_for(root / "old-town")}
    )
    assert check(monkeypatch, CLINICS_DIR=str(root)) == 0
    out = capsys.readouterr().out
    assert "clinic 'riverside': OK" in out and "clinic 'old-town': OK" in out
