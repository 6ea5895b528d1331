"""Thin python-telegram-bot callbacks: unpack the update, call the responder, send the reply.

No decision is made here that the responder could make; handlers only translate between
Telegram and ``Reply``. Message text is never logged unless the clinic enables it.
"""

from __future__ import annotations

import logging
import time
import traceback
from datetime import UTC, datetime

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, TelegramError

from bot.core.journey import Treatment, recovery_day
from bot.core.replies import Reply, split_for_telegram, to_html
from bot.errors import StorageError
from bot.storage import (
    ANSWERED,
    CLARIFIED,
    ESCALATION,
    FALLBACK,
    SMALLTALK,
    Alert,
    AlertDraft,
    Patient,
)
from bot.tg.alerts import send_alert
from bot.tg.context import BotContext
from bot.tg.keyboards import parse_callback
from bot.tg.send import ANSWER_POLICY, ESCALATION_POLICY, DeliveryFailed, deliver

logger = logging.getLogger(__name__)


def _is_private(update: Update) -> bool:
    chat = update.effective_chat
    return chat is None or chat.type == ChatType.PRIVATE


async def send_text(
    context: BotContext,
    chat_id: int,
    text: str,
    *,
    markup: InlineKeyboardMarkup | None = None,
    bold_lines: int = 0,
    urgent: bool = False,
) -> None:
    """Send plain text as escaped HTML, split under the limit, retried through passing faults.

    The keyboard goes on the last part, where the patient's thumb is.
    """
    chunks = split_for_telegram(text)
    policy = ESCALATION_POLICY if urgent else ANSWER_POLICY
    for index, chunk in enumerate(chunks):
        html_text = to_html(chunk, bold_lines=bold_lines if index == 0 else 0)
        keyboard = markup if index == len(chunks) - 1 else None

        async def send(html_text: str = html_text, keyboard: object = keyboard) -> Message:
            return await context.bot.send_message(
                chat_id=chat_id,
                text=html_text,
                parse_mode=ParseMode.HTML,
                reply_markup=keyboard,  # type: ignore[arg-type]
            )

        await deliver(send, policy)


def _markup_for(context: BotContext, reply: Reply) -> InlineKeyboardMarkup | None:
    if reply.kind == "answer" and reply.topic:
        return context.keyboards.answer(reply.topic, reply.related)
    if reply.kind == "clarify" and reply.suggestions:
        return context.keyboards.clarify(reply.suggestions)
    return None


async def send_reply(update: Update, context: BotContext, reply: Reply) -> None:
    """Send a responder ``Reply`` with its buttons (none in groups)."""
    chat = update.effective_chat
    if chat is None:
        return
    escalation = reply.kind == "escalation"
    await send_text(
        context,
        chat.id,
        reply.text,
        markup=_markup_for(context, reply) if _is_private(update) else None,
        bold_lines=1 if escalation else 0,
        urgent=escalation,
    )
    _log_reply(update, context, reply)


def _log_reply(update: Update, context: BotContext, reply: Reply) -> None:
    text = update.effective_message.text if update.effective_message else None
    extra = f" text={text!r}" if context.settings.log_message_text and text else ""
    logger.info(
        "reply chat=%s kind=%s level=%s topic=%s score=%s flags=%s%s",
        update.effective_chat.id if update.effective_chat else None,
        reply.kind,
        reply.level,
        reply.topic,
        reply.score,
        ",".join(reply.flags) or "-",
        extra,
    )


async def _reply_plain(update: Update, context: BotContext, text: str) -> None:
    if update.effective_chat is not None:
        await send_text(context, update.effective_chat.id, text)


# ---- commands ------------------------------------------------------------------------------


async def cmd_start(update: Update, context: BotContext) -> None:
    """Greet with the clinic's name, say what the bot can and cannot do, invite a question."""
    renderer = context.responder.renderer
    knowledge = context.responder.knowledge
    parts = [renderer.say(knowledge.messages.start)]
    if knowledge.clinic.welcome:
        parts.append(renderer.say(knowledge.clinic.welcome))
    parts.append(renderer.say(knowledge.messages.pointer))
    await _reply_plain(update, context, "\n\n".join(parts))


async def cmd_help(update: Update, context: BotContext) -> None:
    renderer = context.responder.renderer
    messages = context.responder.knowledge.messages
    await _reply_plain(
        update, context, "\n\n".join([renderer.say(messages.help), renderer.say(messages.pointer)])
    )


async def cmd_topics(update: Update, context: BotContext) -> None:
    """Browse the FAQ by subject with buttons."""
    if update.effective_chat is None:
        return
    text = context.responder.renderer.say(context.responder.knowledge.messages.topics)
    await send_text(context, update.effective_chat.id, text, markup=context.keyboards.categories())


async def cmd_contact(update: Update, context: BotContext) -> None:
    await _reply_plain(update, context, context.responder.renderer.contact())


async def cmd_emergency(update: Update, context: BotContext) -> None:
    await _reply_plain(update, context, context.responder.renderer.emergency_info())


async def cmd_privacy(update: Update, context: BotContext) -> None:
    await _reply_plain(update, context, context.responder.renderer.privacy())


# ---- messages ------------------------------------------------------------------------------


async def on_text(update: Update, context: BotContext) -> None:
    """Every text message (and every edit) goes through the responder: triage first, always."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    user_id = update.effective_user.id if update.effective_user else message.chat_id
    verdict = context.flood.check(user_id, time.monotonic())
    if verdict != "ok":
        # Flooding: answer only what triage flags; warn once per window about the rest.
        triage = context.responder.triage.assess(message.text)
        if not triage.escalates:
            if verdict == "warn":
                messages = context.responder.knowledge.messages
                await _reply_plain(
                    update, context, context.responder.renderer.say(messages.slow_down)
                )
            return
    patient = await _touch_patient(update, context)
    treatment = (
        Treatment(patient.treated_on, area=patient.treatment_area)
        if patient is not None and patient.treated_on is not None
        else None
    )
    reply = context.responder.respond(
        message.text, private=_is_private(update), treatment=treatment
    )
    await _answer_and_alert(update, context, reply, message.text, patient)


async def _answer_and_alert(
    update: Update, context: BotContext, reply: Reply, text: str, patient: Patient | None
) -> None:
    """Queue the staff alert first (durable), then reply to the patient, then alert staff."""
    alert = await _queue_alert(update, context, reply, text, patient)
    await _record(update, context, reply, text)
    await send_reply(update, context, reply)
    if alert is not None and context.settings.staff_chat_id is not None:
        try:
            await send_alert(
                context.bot,
                context.storage,
                alert,
                context.settings.staff_chat_id,
                context.responder.knowledge,
                context.bot_data.alert_policy,
            )
        except StorageError:
            logger.exception("could not record the alert's delivery; the sweep will retry")


async def _touch_patient(update: Update, context: BotContext) -> Patient | None:
    user, chat = update.effective_user, update.effective_chat
    if context.bot_data.storage is None or user is None or chat is None:
        return None
    if chat.type != ChatType.PRIVATE:
        return None  # nobody's health journey is kept from a group chat
    try:
        return await context.storage.touch_patient(
            context.clinic_id,
            user.id,
            chat_id=chat.id,
            first_name=user.first_name,
            language=user.language_code,
            now=datetime.now(UTC),
        )
    except StorageError:
        logger.exception("storage unavailable; answering without the patient's record")
        return None


async def _queue_alert(
    update: Update, context: BotContext, reply: Reply, text: str, patient: Patient | None
) -> Alert | None:
    """Write the staff alert to the outbox before anything else is sent."""
    user, chat = update.effective_user, update.effective_chat
    if reply.kind != "escalation" or reply.level is None or user is None or chat is None:
        return None
    if context.bot_data.storage is None:
        return None
    now = datetime.now(UTC)
    days = None
    if patient is not None and patient.treated_on is not None:
        days = recovery_day(patient.treated_on, now.date())
    draft = AlertDraft(
        clinic_id=context.clinic_id,
        user_id=user.id,
        chat_id=chat.id,
        level=reply.level,
        flag_ids=reply.flags,
        patient_name=user.full_name or str(user.id),
        message_text=text if context.settings.alert_include_message_text else None,
        days_since_treatment=days,
    )
    try:
        return await context.storage.queue_alert(
            draft, now, claim_for=context.bot_data.alert_policy.lease
        )
    except StorageError:
        logger.exception("could not queue a staff alert")
        return None


_EVENT_KINDS = {
    "answer": ANSWERED,
    "clarify": CLARIFIED,
    "fallback": FALLBACK,
    "smalltalk": SMALLTALK,
    "escalation": ESCALATION,
}


async def _record(update: Update, context: BotContext, reply: Reply, text: str) -> None:
    """Statistics for the clinic: ids, kind, topic, score; the text only if the clinic asks."""
    if context.bot_data.storage is None:
        return
    user = update.effective_user
    keep = text if context.settings.store_message_text else None
    now = datetime.now(UTC)
    try:
        await context.storage.record_event(
            context.clinic_id,
            user.id if user else None,
            _EVENT_KINDS[reply.kind],
            topic=reply.topic,
            level=reply.level,
            score=reply.score,
            text=keep,
            now=now,
        )
        if reply.kind == "fallback" and user is not None:
            await context.storage.record_unanswered(context.clinic_id, user.id, keep, now)
    except StorageError:
        logger.exception("could not record a statistics event")


async def on_media(update: Update, context: BotContext) -> None:
    """Photos, files, voice notes and the rest: say what the bot can't do; triage any caption."""
    message = update.effective_message
    if message is None:
        return
    kind = _media_kind(message)
    caption_reply = None
    if message.caption:
        caption_reply = context.responder.respond(message.caption, private=_is_private(update))
    if caption_reply is not None and caption_reply.kind == "escalation":
        # Safety first, before anything else; the staff are alerted as for any message.
        patient = await _touch_patient(update, context)
        await _answer_and_alert(update, context, caption_reply, message.caption or "", patient)
    renderer = context.responder.renderer
    await send_reply(update, context, renderer.non_text(kind))
    if caption_reply is not None and caption_reply.kind in {"answer", "clarify"}:
        await send_reply(update, context, caption_reply)


def _media_kind(message: Message) -> str:
    if message.photo:
        return "photo"
    if message.document:
        return "document"
    if message.voice or message.audio or message.video or message.video_note:
        return "voice"
    if message.sticker:
        return "sticker"
    if message.location or message.venue:
        return "location"
    if message.contact:
        return "contact"
    if message.poll:
        return "poll"
    return "other"


# ---- buttons -------------------------------------------------------------------------------


async def on_button(update: Update, context: BotContext) -> None:
    """Topic browsing, answers from buttons, feedback and "none of these"."""
    query = update.callback_query
    if query is None:
        return
    callback = parse_callback(query.data)
    renderer = context.responder.renderer
    messages = context.responder.knowledge.messages
    if callback is None:
        await query.answer()
        return
    if callback.action == "feedback":
        logger.info("feedback topic=%s helpful=%s", callback.value, callback.helpful)
        user = update.effective_user
        if context.bot_data.storage is not None and user is not None:
            try:
                await context.storage.record_feedback(
                    context.clinic_id,
                    user.id,
                    callback.value,
                    bool(callback.helpful),
                    datetime.now(UTC),
                )
            except StorageError:
                logger.exception("could not record feedback")
        await query.answer(renderer.say(messages.feedback_thanks))
        return
    await query.answer()
    if callback.action == "topics":
        await _edit(query.message, renderer.say(messages.topics), context.keyboards.categories())
    elif callback.action == "category":
        await _edit(
            query.message,
            renderer.say(messages.topics_in_category),
            context.keyboards.category(callback.value),
        )
    elif callback.action == "faq":
        await _show_answer(update, context, callback.value)
    elif callback.action == "none":
        await _reply_plain(update, context, renderer.contact())


async def _show_answer(update: Update, context: BotContext, entry_id: str) -> None:
    try:
        entry = context.responder.knowledge.entry(entry_id)
    except KeyError:
        return
    reply = context.responder.renderer.answer(entry.id, None)
    query = update.callback_query
    from_browser = query is not None and query.message is not None and _is_browser(query.message)
    if from_browser and query is not None:
        markup = context.keyboards.answer(entry.id, entry.related, back=entry.category)
        await _edit(query.message, reply.text, markup)
    else:
        await send_reply(update, context, reply)


def _is_browser(message: object) -> bool:
    """True for the /topics message (its buttons browse subjects), which is edited in place."""
    markup = getattr(message, "reply_markup", None)
    rows = getattr(markup, "inline_keyboard", ()) or ()
    return any(str(button.callback_data or "").startswith("t:") for row in rows for button in row)


async def _edit(message: object, text: str, markup: InlineKeyboardMarkup) -> None:
    if not isinstance(message, Message):
        return
    try:
        await message.edit_text(to_html(text), parse_mode=ParseMode.HTML, reply_markup=markup)
    except BadRequest as error:
        if "not modified" not in str(error).lower():
            raise


# ---- errors --------------------------------------------------------------------------------


async def on_error(update: object, context: BotContext) -> None:
    """Log the failure without message text and give the patient a safe way forward."""
    error = context.error
    # The traceback's frames, not the exception's message: a message may quote the patient.
    frames = "".join(traceback.format_tb(error.__traceback__)) if error is not None else ""
    logger.error("error while handling an update: %s\n%s", type(error).__name__, frames)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    try:
        await send_text(
            context, update.effective_chat.id, context.responder.renderer.error(), urgent=True
        )
    except (DeliveryFailed, TelegramError):  # the safe reply failed too; nothing more to do
        logger.error("could not send the error reply")
