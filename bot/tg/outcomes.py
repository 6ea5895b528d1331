"""Carry out a core ``Outcome`` on Telegram, in the order it prescribes.

1. queue the staff alert (durable: a crash after this still alerts the staff),
2. record the event,
3. send the replies,
4. send the alert (the courier), and save the conversation's memory.

Under the inbox the event and the memory are not transactions of their own: the journal
commits the event with the note of the reply that follows it, the memory with the update's
"finished" mark (``Journal.write_once`` / ``write_later``; issue 17). So does a known
patient's "seen now" (``seen_patient``), read before the core decides.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
from dataclasses import replace
from datetime import UTC, datetime
from typing import TypedDict

from telegram import Chat, InlineKeyboardMarkup, Update, User
from telegram.constants import ChatType

from bot.core.conversation import Outcome, PatientState
from bot.core.replies import Renderer, Reply
from bot.errors import StorageError
from bot.storage import (
    ANSWERED,
    CHECKIN_RESPONSE,
    CLARIFIED,
    ESCALATION,
    FALLBACK,
    SMALLTALK,
    Alert,
    AlertDraft,
    Patient,
)
from bot.storage.chats import load_state, save_change, treatment_of
from bot.tg.context import BotContext
from bot.tg.journal import current as current_journal
from bot.tg.keyboards import Keyboards
from bot.tg.late import is_late, marked_as_late
from bot.tg.send import send_reply

logger = logging.getLogger(__name__)

#: The core's record kinds under the names storage counts them by.
EVENT_KINDS = {
    "answer": ANSWERED,
    "clarify": CLARIFIED,
    "fallback": FALLBACK,
    "smalltalk": SMALLTALK,
    "escalation": ESCALATION,
    "reminder": "escalation_followup",  # the advice again after a red flag; not a new one
    "checkin_response": CHECKIN_RESPONSE,
}


def is_private(update: Update) -> bool:
    chat = update.effective_chat
    return chat is None or chat.type == ChatType.PRIVATE


async def touch_patient(update: Update, context: BotContext) -> Patient | None:
    """The sender's stored record (updated as seen now); never for group chats."""
    user, chat = update.effective_user, update.effective_chat
    if context.bot_data.storage is None or user is None or chat is None:
        return None
    if chat.type != ChatType.PRIVATE:
        return None  # nobody's health journey is kept from a group chat
    try:
        return await context.storage.touch_patient(
            context.clinic_id, user.id, **_as_seen_now(user, chat)
        )
    except StorageError:
        logger.exception("storage unavailable; answering without the patient's record")
        return None


def _as_seen_now(user: User, chat: Chat) -> _SeenNow:
    """What a message tells about its sender, as ``touch_patient`` and ``seen_patient`` take it."""
    return {
        "chat_id": chat.id,
        "first_name": readable(user.first_name),
        "language": user.language_code,
        "now": datetime.now(UTC),
    }


class _SeenNow(TypedDict):
    chat_id: int
    first_name: str | None
    language: str | None
    now: datetime


def state_of(update: Update, patient: Patient | None) -> PatientState:
    """The core's view of the sender, without the conversation's memory."""
    user = update.effective_user
    return PatientState(
        private=is_private(update),
        treatment=treatment_of(patient),
        language=patient.chosen_language if patient is not None else None,
        telegram_language=(user.language_code if user is not None else None)
        or (patient.language if patient is not None else None),
    )


def _ids(update: Update) -> tuple[int, int] | None:
    """(user id, chat id) the conversation's memory is kept under."""
    user, chat = update.effective_user, update.effective_chat
    if chat is None:
        return None
    return (user.id if user is not None else chat.id), chat.id


async def seen_patient(update: Update, context: BotContext) -> Patient | None:
    """``touch_patient`` for a message under the inbox: a known patient is read, and the
    write that they were seen rides with the update's next write (the reply's note, or the
    update's "finished" mark) instead of a transaction of its own (issue 17). A replay
    repeats it, like any bookkeeping of an unfinished update; a new patient is written at
    once, since later writes of the update (a treatment time) need the row."""
    user, chat, journal = update.effective_user, update.effective_chat, current_journal()
    storage = context.bot_data.storage
    if journal is None or storage is None or user is None or chat is None:
        return await touch_patient(update, context)
    if chat.type != ChatType.PRIVATE:
        return None  # nobody's health journey is kept from a group chat
    try:
        seen = await storage.seen_patient(context.clinic_id, user.id, **_as_seen_now(user, chat))
    except StorageError:
        logger.exception("storage unavailable; answering without the patient's record")
        return None
    if seen is None:
        return await touch_patient(update, context)
    patient, write = seen
    journal.write_later([write])
    return patient


async def patient_state(update: Update, context: BotContext) -> PatientState:
    """The core's view of the sender, with this chat's memory (the same road as the CLI)."""
    patient = await seen_patient(update, context)
    ids = _ids(update)
    if ids is None:
        return state_of(update, patient)
    return await load_state(
        context.bot_data.storage,
        context.clinic_id,
        *ids,
        patient=patient,
        private=is_private(update),
    )


def markup_for(context: BotContext, reply: Reply) -> InlineKeyboardMarkup | None:
    keyboards = context.keyboards.speaking(reply.language)
    if reply.kind == "answer" and reply.topic:
        return keyboards.answer(reply.topic, reply.related)
    if reply.kind == "clarify" and reply.suggestions:
        return keyboards.clarify(reply.suggestions)
    return None


async def speaking(update: Update, context: BotContext) -> tuple[Renderer, Keyboards]:
    """The renderer and keyboards in the sender's language (commands and buttons carry no
    sentence to read it from: their /language choice, else Telegram's, else the clinic's)."""
    language = await patient_language(update, context)
    return context.responder.renderer.speaking(language), context.keyboards.speaking(language)


async def patient_language(update: Update, context: BotContext) -> str:
    """The language to speak to the sender in when no message says otherwise (commands,
    buttons): their /language choice, else Telegram's language code, else the clinic's."""
    return context.conversation.language_of(state_of(update, await touch_patient(update, context)))


async def send(update: Update, context: BotContext, reply: Reply) -> None:
    """Send a core ``Reply`` with its buttons (none in groups) and log its kind."""
    chat = update.effective_chat
    if chat is None:
        return
    markup = markup_for(context, reply) if is_private(update) else None
    message = update.message  # the patient's own (a button's message is the bot's, and old)
    if is_late(message.date if message is not None else None, datetime.now(UTC)):
        reply = marked_as_late(reply)  # held up by an outage: the inbox tried it again later
    # No reply is lost to a crash: one noted as leaving but not yet written in full is sent
    # again by the replay, marked as a possible repeat (``bot.tg.send``; issue 16).
    await send_reply(context.bot, chat.id, reply, markup)
    if reply.kind != "notice":
        _log_reply(update, context, reply)


def _log_reply(update: Update, context: BotContext, reply: Reply) -> None:
    """One line per reply. At INFO no chat or user id stands beside what was said or found
    (a keyed pseudonym correlates one patient's lines); the red flags only at DEBUG."""
    chat = update.effective_chat
    who = pseudonym(context.bot.token, chat.id) if chat is not None else "-"
    logger.info(
        "reply who=%s kind=%s level=%s topic=%s score=%s",
        who,
        reply.kind,
        reply.level,
        reply.topic,
        reply.score,
    )
    if reply.flags:
        logger.debug("reply who=%s flags=%s", who, ",".join(reply.flags))
    message = update.effective_message
    text = (message.text or message.caption) if message else None
    if context.settings.log_message_text and text:
        logger.info("reply who=%s text=%r", who, text)


async def carry_out(update: Update, context: BotContext, outcome: Outcome) -> None:
    """Queue the alert (durable), record, reply; then the courier sends the alert, apart
    from this handler: a staff chat that hangs never delays the patient's answer, and the
    alert goes out as soon as the reply is out, or has failed."""
    alert = await _queue_alert(update, context, outcome)
    try:
        await _record(update, context, outcome)
        for reply in outcome.replies:
            await send(update, context, reply)
    finally:
        if alert is not None:
            context.bot_data.alert_wakeup.set()
    # The conversation's memory is saved once the patient has the reply: the next message
    # (seconds later at the earliest) reads it, and the reply is never held up for it. Under
    # the inbox it is committed with the update's "finished" mark (one write, not two).
    ids = _ids(update)
    change, storage, journal = outcome.change, context.bot_data.storage, current_journal()
    if ids is not None and change is not None:
        now = datetime.now(UTC)
        if journal is not None and storage is not None and change.dialogue is not None:
            memory = storage.conversation_write(context.clinic_id, *ids, change.dialogue, now)
            journal.write_later([memory])
            change = replace(change, dialogue=None)
        known = is_private(update) and update.effective_user is not None
        await save_change(storage, context.clinic_id, *ids, change, now, known_patient=known)


async def _queue_alert(update: Update, context: BotContext, outcome: Outcome) -> Alert | None:
    """Write the staff alert to the outbox before anything else is sent.

    A private message without a sender (``from`` is optional in the Bot API) is alerted
    under its chat, which is the patient's. When the update comes from the inbox the alert's
    id is derived from it, so a replay after a crash queues the same alert, not a second.
    """
    user, chat, draft = update.effective_user, update.effective_chat, outcome.alert
    if draft is None or chat is None or context.bot_data.storage is None:
        return None
    if user is None and chat.type != ChatType.PRIVATE:
        return None
    user_id = user.id if user is not None else chat.id
    name = (user.full_name if user is not None else chat.full_name) or str(user_id)
    journal = current_journal()
    fields = {"id": alert_id_for(journal.bot_id, journal.update_id)} if journal else {}
    try:
        alert = await context.storage.queue_alert(
            AlertDraft(
                clinic_id=context.clinic_id,
                user_id=user_id,
                chat_id=chat.id,
                level=draft.level,
                flag_ids=draft.flag_ids,
                patient_name=readable(name),
                message_text=draft.message_text,
                days_since_treatment=draft.days_since_treatment,
                **fields,
            ),
            datetime.now(UTC),
        )
    except StorageError:
        logger.exception("could not queue a staff alert")
        return None
    return alert


def alert_id_for(bot_id: int, update_id: int) -> str:
    """The alert id of an update: the same on every replay of it."""
    return hashlib.sha256(f"alert:{bot_id}:{update_id}".encode()).hexdigest()[:32]


def pseudonym(key: str, chat_id: int) -> str:
    """A short keyed hash of a chat id (the key is the bot token, never logged): lines of
    one patient can be followed in the log without the log naming anyone."""
    return hmac.new(key.encode(), str(chat_id).encode(), hashlib.sha256).hexdigest()[:10]


_SURROGATE = re.compile("[\ud800-\udfff]")


def readable(text: str) -> str:
    """Text any database and any log can store: lone surrogates (invalid UTF-16, which
    Telegram's JSON can carry in a name) become U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


async def _record(update: Update, context: BotContext, outcome: Outcome) -> None:
    """Statistics for the clinic: ids, kind, topic, score; the text only if the clinic asks."""
    record = outcome.record
    if record is None or context.bot_data.storage is None:
        return
    user, storage, now = update.effective_user, context.storage, datetime.now(UTC)
    rows = [
        storage.event_write(
            context.clinic_id,
            user.id if user else None,
            EVENT_KINDS[record.kind],
            topic=record.topic,
            level=record.level,
            score=record.score,
            text=record.text,
            now=now,
        )
    ]
    if record.unanswered and user is not None:
        rows.append(storage.unanswered_write(context.clinic_id, user.id, record.text, now))
    journal = current_journal()
    if journal is not None:
        # Counted once, however often the update is replayed: committed with the note of
        # the reply that follows it (or the update's "finished" mark), in one transaction.
        journal.write_once(rows)
        return
    try:
        await storage.write_bookkeeping(rows)
    except StorageError:
        logger.exception("could not record a statistics event")
