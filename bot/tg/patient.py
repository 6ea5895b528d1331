"""The patients' side: commands, messages, media and answer buttons.

Handlers unpack the update, call the core's ``Conversation`` and carry its ``Outcome`` out
(``bot.tg.outcomes``); no decision is made here. Message text is never logged unless the
clinic enables it.
"""

from __future__ import annotations

import logging
import time
import traceback
from datetime import UTC, datetime

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.core.conversation import Caption, TopicChosen, TypedQuestion
from bot.core.replies import to_html
from bot.errors import StorageError
from bot.tg.callbacks import Browse, Feedback, NoneOfThese, ShowAnswer, decode
from bot.tg.context import BotContext
from bot.tg.journal import before_reading
from bot.tg.journal import current as current_journal
from bot.tg.outcomes import carry_out, patient_state, speaking, state_of
from bot.tg.send import DeliveryFailed, send_text

logger = logging.getLogger(__name__)


async def _reply_plain(update: Update, context: BotContext, text: str, language: str) -> None:
    if update.effective_chat is not None:
        await send_text(context.bot, update.effective_chat.id, text, language=language)


# ---- commands ------------------------------------------------------------------------------


async def cmd_start(update: Update, context: BotContext) -> None:
    """Greet with the clinic's name, say what the bot can and cannot do, invite a question."""
    renderer, _ = await speaking(update, context)
    clinic = context.responder.knowledge.clinic
    parts = [renderer.say(renderer.messages.start)]
    if clinic.welcome:
        parts.append(renderer.say(clinic.welcome))
    parts.append(renderer.say(renderer.messages.pointer))
    await _reply_plain(update, context, "\n\n".join(parts), renderer.language)


async def cmd_help(update: Update, context: BotContext) -> None:
    renderer, _ = await speaking(update, context)
    messages = renderer.messages
    text = "\n\n".join([renderer.say(messages.help), renderer.say(messages.pointer)])
    await _reply_plain(update, context, text, renderer.language)


async def cmd_topics(update: Update, context: BotContext) -> None:
    """Browse the FAQ by subject with buttons."""
    if update.effective_chat is None:
        return
    renderer, keyboards = await speaking(update, context)
    text = renderer.say(renderer.messages.topics)
    await send_text(
        context.bot,
        update.effective_chat.id,
        text,
        language=renderer.language,
        markup=keyboards.categories(),
    )


async def cmd_contact(update: Update, context: BotContext) -> None:
    renderer, _ = await speaking(update, context)
    await _reply_plain(update, context, renderer.contact(), renderer.language)


async def cmd_emergency(update: Update, context: BotContext) -> None:
    renderer, _ = await speaking(update, context)
    await _reply_plain(update, context, renderer.emergency_info(), renderer.language)


async def cmd_privacy(update: Update, context: BotContext) -> None:
    renderer, _ = await speaking(update, context)
    await _reply_plain(update, context, renderer.privacy(), renderer.language)


# ---- messages ------------------------------------------------------------------------------


async def on_text(update: Update, context: BotContext) -> None:
    """Every text message (and every edit) goes through the core: triage first, always."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    user_id = update.effective_user.id if update.effective_user else message.chat_id
    journal = current_journal()
    # A message tried again (Telegram refused its reply) is not a new message: counted again,
    # a few quick tries would read as a flood and the patient would get "slow down" instead.
    retried = journal is not None and journal.attempt > 0
    verdict = "ok" if retried else context.flood.check(user_id, time.monotonic())
    conversation, now = context.conversation, datetime.now(UTC)
    await before_reading()
    if verdict != "ok":
        # Flooding: the patient's record is not touched unless triage flags the message.
        flooded = conversation.handle(
            TypedQuestion(message.text, flood=verdict), state_of(update, None), now
        )
        if flooded.record is None:
            await carry_out(update, context, flooded)
            return
    state = await patient_state(update, context)
    await before_reading()
    await carry_out(update, context, conversation.handle(TypedQuestion(message.text), state, now))


async def on_media(update: Update, context: BotContext) -> None:
    """Photos, files, voice notes and the rest: say what the bot can't do; triage any caption."""
    message = update.effective_message
    if message is None:
        return
    event = Caption(_media_kind(message), message.caption)
    outcome = context.conversation.handle(event, state_of(update, None), datetime.now(UTC))
    if outcome.alert is not None:
        # Safety first: a red flag in a caption is answered and alerted as any message.
        state = await patient_state(update, context)
        outcome = context.conversation.handle(event, state, datetime.now(UTC))
    await carry_out(update, context, outcome)


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
    callback = decode(query.data)
    renderer, keyboards = await speaking(update, context)
    messages = renderer.messages
    if isinstance(callback, Feedback):
        logger.info("feedback topic=%s helpful=%s", callback.entry_id, callback.helpful)
        user = update.effective_user
        if context.bot_data.storage is not None and user is not None:
            try:
                await context.storage.record_feedback(
                    context.clinic_id,
                    user.id,
                    callback.entry_id,
                    callback.helpful,
                    datetime.now(UTC),
                )
            except StorageError:
                logger.exception("could not record feedback")
        await query.answer(renderer.say(messages.feedback_thanks))
        return
    await query.answer()
    if isinstance(callback, Browse) and not callback.category:
        await _edit(query.message, renderer.say(messages.topics), keyboards.categories())
    elif isinstance(callback, Browse):
        await _edit(
            query.message,
            renderer.say(messages.topics_in_category),
            keyboards.category(callback.category),
        )
    elif isinstance(callback, ShowAnswer):
        await _show_answer(update, context, callback.entry_id)
    elif isinstance(callback, NoneOfThese):
        await _reply_plain(update, context, renderer.contact(), renderer.language)


async def _show_answer(update: Update, context: BotContext, entry_id: str) -> None:
    """A topic chosen by a button: the same core path as a typed question (timeline note too)."""
    state = await patient_state(update, context)
    outcome = context.conversation.handle(TopicChosen(entry_id), state, datetime.now(UTC))
    reply = outcome.reply
    if reply is None or reply.topic is None:
        return
    query = update.callback_query
    from_browser = query is not None and query.message is not None and _is_browser(query.message)
    if from_browser and query is not None:
        entry = context.responder.knowledge.entry(reply.topic)
        keyboards = context.keyboards.speaking(reply.language)
        markup = keyboards.answer(entry.id, entry.related, back=entry.category)
        await _edit(query.message, reply.text, markup)
    else:
        await carry_out(update, context, outcome)


def _is_browser(message: object) -> bool:
    """True for the /topics message (its buttons browse subjects), which is edited in place."""
    markup = getattr(message, "reply_markup", None)
    rows = getattr(markup, "inline_keyboard", ()) or ()
    return any(isinstance(decode(button.callback_data), Browse) for row in rows for button in row)


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
    """Log the failure without message text and give the patient a safe way forward.

    A reply Telegram could not take for now (a 5xx, a network fault, every retry spent) is
    no fault of the bot's: the inbox runs the update again later, skipping what was already
    delivered, so the patient gets the real answer rather than an apology. That is one line
    in the log, not a traceback.
    """
    error = context.error
    if is_passing_fault(error):
        journal = current_journal()
        if journal is not None:
            journal.retry = True
        logger.warning(
            "reply not delivered (%s); %s",
            type(error).__name__,
            "the update will be tried again" if journal is not None else "giving up",
        )
        return
    # The traceback's frames, not the exception's message: a message may quote the patient.
    frames = "".join(traceback.format_tb(error.__traceback__)) if error is not None else ""
    logger.error("error while handling an update: %s\n%s", type(error).__name__, frames)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    renderer = context.responder.renderer
    try:
        await send_text(
            context.bot,
            update.effective_chat.id,
            renderer.error(),
            language=renderer.language,
            urgent=True,
        )
    except (DeliveryFailed, TelegramError):  # the safe reply failed too; nothing more to do
        logger.error("could not send the error reply")


def is_passing_fault(error: object) -> bool:
    """A delivery failure that time may cure: not a refusal (400, 403) but a 5xx, a timeout
    before the request left, a network fault, a rate limit, or every retry spent."""
    if isinstance(error, (BadRequest, Forbidden)):
        return False
    return isinstance(error, (DeliveryFailed, NetworkError, RetryAfter))
