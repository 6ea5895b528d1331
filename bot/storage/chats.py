"""The one road every channel takes around the core: load the chat's state before an event,
save what the Outcome changed after it.

Telegram (``bot.tg.outcomes``) and the command line (``aftercare-bot ask --chats``,
``aftercare-bot chat``) both call these two functions, so a dialogue gets the same replies
on either, and two bot processes sharing one database see the same conversation.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from bot.core.conversation import (
    Conversation,
    Event,
    Outcome,
    PatientState,
    StateChange,
    TopicChosen,
    TypedQuestion,
)
from bot.core.journey import Treatment
from bot.errors import StorageError
from bot.storage.models import Patient
from bot.storage.store import Storage

logger = logging.getLogger(__name__)


def treatment_of(patient: Patient | None) -> Treatment | None:
    """What the patient told us about their treatment, as the core reads it."""
    if patient is None or patient.treated_on is None:
        return None
    return Treatment(patient.treated_on, treated_at=patient.treated_at, area=patient.treatment_area)


async def load_state(
    storage: Storage | None,
    clinic_id: str,
    user_id: int,
    chat_id: int,
    *,
    patient: Patient | None,
    private: bool = True,
    language: str | None = None,
) -> PatientState:
    """The core's view of the sender: their treatment and this chat's memory. Storage
    trouble costs the memory, never the answer."""
    memory = None
    if storage is not None:
        try:
            memory = await storage.load_conversation(clinic_id, user_id, chat_id)
        except StorageError:
            logger.exception("could not load the conversation; answering without it")
    state = PatientState(
        private=private,
        treatment=treatment_of(patient),
        language=language or (patient.chosen_language if patient is not None else None),
        telegram_language=patient.language if patient is not None else None,
    )
    return state if memory is None else replace(state, dialogue=memory)


async def save_change(
    storage: Storage | None,
    clinic_id: str,
    user_id: int,
    chat_id: int,
    change: StateChange | None,
    now: datetime,
    *,
    known_patient: bool = True,
) -> None:
    """Save the conversation memory and a treatment time said in a message; a failure is
    logged (the reply still goes out)."""
    if storage is None or change is None:
        return
    try:
        if change.dialogue is not None:
            await storage.save_conversation(clinic_id, user_id, chat_id, change.dialogue, now)
        if change.treated_at is not None and change.treated_on is not None and known_patient:
            await storage.set_treatment_time(
                clinic_id, user_id, change.treated_on, change.treated_at
            )
    except StorageError:
        logger.exception("could not save the conversation")


class LocalChats:
    """Conversations outside Telegram (``ask --json --chats``, ``chat``) over a real store:
    the same core function, the same load-before and save-after as the Telegram handlers.

    Chat names are the caller's; each gets a stable numeric id (numbers are kept as they
    are, so a dialogue can be replayed under the ids a Telegram test used).
    """

    def __init__(
        self, storage: Storage, conversation: Conversation, clinic_id: str = "default"
    ) -> None:
        self.storage = storage
        self.conversation = conversation
        self.clinic_id = clinic_id
        self._ids: dict[str, int] = {}

    def chat_id(self, chat: str) -> int:
        if chat not in self._ids:
            text = chat.strip()
            number = int(text) if text.lstrip("-").isdigit() else None
            self._ids[chat] = number if number is not None else 1_000_000 + len(self._ids)
        return self._ids[chat]

    async def say(self, chat: str, text: str, now: datetime | None = None) -> Outcome:
        """One typed message in ``chat``: load, decide, save, exactly as on Telegram."""
        return await self._handle(chat, TypedQuestion(text), now)

    async def choose(self, chat: str, entry_id: str, now: datetime | None = None) -> Outcome:
        """A topic picked from a list, as a tapped topic button is on Telegram."""
        return await self._handle(chat, TopicChosen(entry_id), now)

    async def _handle(self, chat: str, event: Event, now: datetime | None) -> Outcome:
        moment = now or datetime.now(UTC)
        chat_id = self.chat_id(chat)
        patient = await self.storage.touch_patient(
            self.clinic_id, chat_id, chat_id=chat_id, first_name=None, language=None, now=moment
        )
        state = await load_state(self.storage, self.clinic_id, chat_id, chat_id, patient=patient)
        outcome = self.conversation.handle(event, state, moment)
        await save_change(self.storage, self.clinic_id, chat_id, chat_id, outcome.change, moment)
        return outcome


@asynccontextmanager
async def local_chats(
    conversation: Conversation, database_url: str | None = None
) -> AsyncIterator[LocalChats]:
    """``LocalChats`` over ``database_url``, or over a temporary SQLite file removed after."""
    with tempfile.TemporaryDirectory(prefix="aftercare-chats-") as folder:
        url = database_url or f"sqlite:///{Path(folder) / 'chats.db'}"
        storage = await Storage.open(url)
        try:
            yield LocalChats(storage, conversation)
        finally:
            await storage.close()
