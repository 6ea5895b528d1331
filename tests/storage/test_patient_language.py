"""The language a patient chose with /language, on a real SQLite file and PostgreSQL (the
fixtures of ``test_storage.py``, through ``conftest.py``: every test runs on both)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.storage import Storage

T0 = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
CLINIC = "glow"


async def test_a_chosen_language_is_kept_beside_telegrams_code(storage: Storage) -> None:
    await storage.touch_patient(CLINIC, 5, chat_id=5, first_name="Ana", language="es", now=T0)
    await storage.set_language(CLINIC, 5, "pt", T0)
    later = T0 + timedelta(minutes=5)
    patient = await storage.touch_patient(
        CLINIC, 5, chat_id=5, first_name="Ana", language="es", now=later
    )
    assert patient.language == "es"  # Telegram's code, as last seen
    assert patient.chosen_language == "pt"  # the patient's own choice survives contact


async def test_choosing_before_ever_writing_creates_the_patient(storage: Storage) -> None:
    await storage.set_language(CLINIC, 6, "de", T0)
    patient = await storage.get_patient(CLINIC, 6)
    assert patient is not None and patient.chosen_language == "de"
    assert (await storage.get_patient("derma", 6)) is None  # per clinic


async def test_a_choice_can_be_changed_and_forgotten(storage: Storage) -> None:
    await storage.set_language(CLINIC, 7, "fr", T0)
    await storage.set_language(CLINIC, 7, "it", T0)
    patient = await storage.get_patient(CLINIC, 7)
    assert patient is not None and patient.chosen_language == "it"
    await storage.set_language(CLINIC, 7, None, T0)
    patient = await storage.get_patient(CLINIC, 7)
    assert patient is not None and patient.chosen_language is None
    await storage.forget_patient(CLINIC, 7)
    assert await storage.get_patient(CLINIC, 7) is None
