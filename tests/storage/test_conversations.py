"""Conversation memory and treatment times, on a real SQLite file and PostgreSQL (the
fixtures of ``test_storage.py``, through ``conftest.py``: every test runs on both)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.core.dialogue import DialogueState, EscalationMemory
from bot.storage import Storage

T0 = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
CLINIC = "glow"


async def test_an_unknown_chat_remembers_nothing(storage: Storage) -> None:
    assert await storage.load_conversation(CLINIC, 1, 1) == DialogueState()


async def test_memory_round_trips_exactly(storage: Storage) -> None:
    state = DialogueState(
        topics=("exercise_gym", "alcohol"),
        topics_at=T0,
        clarify=("alcohol", "flying_travel"),
        clarify_at=T0 + timedelta(minutes=1),
        escalation=EscalationMemory("urgent", ("U1_eyelid_brow_droop",), T0, alerted=True),
    )
    await storage.save_conversation(CLINIC, 7, 7, state, T0)
    assert await storage.load_conversation(CLINIC, 7, 7) == state
    # Per chat and per clinic: the same user elsewhere remembers nothing.
    assert await storage.load_conversation(CLINIC, 7, -100) == DialogueState()
    assert await storage.load_conversation("derma", 7, 7) == DialogueState()


async def test_an_escalation_said_to_be_someone_elses_is_remembered_as_such(
    storage: Storage,
) -> None:
    """ "That was my friend, not me": saved by one worker, read by the next (migration 0007)."""
    theirs = EscalationMemory("emergency", ("E1_swallowing",), T0, alerted=True, someone_else=True)
    await storage.save_conversation(CLINIC, 13, 13, DialogueState(escalation=theirs), T0)
    loaded = await storage.load_conversation(CLINIC, 13, 13)
    assert loaded.escalation is not None and loaded.escalation.someone_else
    # Told it is the patient's own after all: saved back as theirs no longer.
    mine = EscalationMemory("emergency", ("E1_swallowing",), T0, alerted=True)
    await storage.save_conversation(CLINIC, 13, 13, DialogueState(escalation=mine), T0)
    assert await storage.load_conversation(CLINIC, 13, 13) == DialogueState(escalation=mine)


async def test_saving_replaces_and_an_empty_memory_deletes_the_row(
    storage: Storage, raw: AsyncEngine
) -> None:
    await storage.save_conversation(
        CLINIC, 8, 8, DialogueState(topics=("bruising",), topics_at=T0), T0
    )
    await storage.save_conversation(
        CLINIC, 8, 8, DialogueState(topics=("alcohol",), topics_at=T0), T0
    )
    assert (await storage.load_conversation(CLINIC, 8, 8)).topics == ("alcohol",)
    await storage.save_conversation(CLINIC, 8, 8, DialogueState(), T0)
    async with raw.connect() as connection:
        count = (await connection.exec_driver_sql("SELECT count(*) FROM conversations")).scalar()
    assert count == 0


async def test_no_message_text_is_stored(storage: Storage, raw: AsyncEngine) -> None:
    state = DialogueState(topics=("alcohol",), topics_at=T0)
    await storage.save_conversation(CLINIC, 9, 9, state, T0)
    async with raw.connect() as connection:
        row = (await connection.execute(sa.text("SELECT * FROM conversations"))).one()
    assert "can i drink" not in repr(row)
    assert set(row._mapping) >= {"topics", "clarify", "escalation_level", "expires_at"}
    assert "text" not in row._mapping


async def test_expired_memories_are_purged_and_forget_deletes_the_rest(storage: Storage) -> None:
    await storage.touch_patient(CLINIC, 10, chat_id=10, first_name="A", language="en", now=T0)
    short = DialogueState(topics=("alcohol",), topics_at=T0)
    long = DialogueState(escalation=EscalationMemory("emergency", ("E1_swallowing",), T0))
    await storage.save_conversation(CLINIC, 10, 10, short, T0)
    await storage.save_conversation(CLINIC, 11, 11, long, T0)
    assert await storage.purge_expired_conversations(T0 + timedelta(hours=1)) == 1
    assert await storage.load_conversation(CLINIC, 11, 11) == long
    await storage.forget_patient(CLINIC, 11)
    assert await storage.load_conversation(CLINIC, 11, 11) == DialogueState()


async def test_the_treatment_time_is_kept_with_the_date(storage: Storage) -> None:
    await storage.touch_patient(CLINIC, 12, chat_id=12, first_name="B", language="en", now=T0)
    moment = datetime(2026, 12, 2, 17, 0, tzinfo=UTC)
    await storage.set_treatment(CLINIC, 12, date(2026, 12, 2), "forehead", treated_at=moment)
    patient = await storage.get_patient(CLINIC, 12)
    assert patient is not None and patient.treated_at == moment
    assert patient.treatment_area == "forehead"
    later = moment + timedelta(hours=1)
    assert await storage.set_treatment_time(CLINIC, 12, date(2026, 12, 2), later)
    patient = await storage.get_patient(CLINIC, 12)
    assert patient is not None and patient.treated_at == later
    assert patient.treatment_area == "forehead"
