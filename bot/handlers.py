"""Thin python-telegram-bot callbacks: unpack the update, call the responder, send the reply.

No decision is made here that the responder could make; handlers only translate between
Telegram and ``Reply``. Message text is never logged unless the clinic enables it.
"""

from __future__ import annotations

import html
import logging

from telegram import Update
from telegram.constants import ParseMode

from bot.context import BotContext
from bot.replies import Reply, split_for_telegram, to_html

logger = logging.getLogger(__name__)


async def send_reply(update: Update, context: BotContext, reply: Reply) -> None:
    """Send a reply, split under Telegram's limit at paragraph or sentence boundaries."""
    chat = update.effective_chat
    if chat is None:
        return
    bold = 1 if reply.kind == "escalation" else 0
    for index, chunk in enumerate(split_for_telegram(reply.text)):
        await context.bot.send_message(
            chat_id=chat.id,
            text=to_html(chunk, bold_lines=bold if index == 0 else 0),
            parse_mode=ParseMode.HTML,
        )


def _log_reply(update: Update, context: BotContext, reply: Reply, text: str) -> None:
    extra = f" text={text!r}" if context.settings.log_message_text else ""
    logger.info(
        "reply chat=%s kind=%s level=%s topic=%s score=%s%s",
        update.effective_chat.id if update.effective_chat else None,
        reply.kind,
        reply.level,
        reply.topic,
        reply.score,
        extra,
    )


async def cmd_start(update: Update, context: BotContext) -> None:
    """Greet with the clinic's name, say what the bot can and cannot do, invite a question."""
    renderer = context.responder.renderer
    messages = context.responder.knowledge.messages
    parts = [renderer.say(messages.start)]
    welcome = context.responder.knowledge.clinic.welcome
    if welcome:
        parts.append(renderer.say(welcome))
    parts.append(renderer.say(messages.pointer))
    if update.effective_message is not None:
        await update.effective_message.reply_text(html.escape("\n\n".join(parts), quote=False))


async def cmd_help(update: Update, context: BotContext) -> None:
    renderer = context.responder.renderer
    messages = context.responder.knowledge.messages
    text = "\n\n".join([renderer.say(messages.help), renderer.say(messages.pointer)])
    if update.effective_message is not None:
        await update.effective_message.reply_text(html.escape(text, quote=False))


async def on_text(update: Update, context: BotContext) -> None:
    """Every text message goes through the responder: triage first, always."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    reply = context.responder.respond(message.text)
    _log_reply(update, context, reply, message.text)
    await send_reply(update, context, reply)


async def on_error(update: object, context: BotContext) -> None:
    """Log the failure without message text and give the patient a safe way forward."""
    logger.error(
        "error while handling an update: %s",
        type(context.error).__name__,
        exc_info=context.error,
    )
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    try:
        text = context.responder.renderer.error()
        await context.bot.send_message(
            chat_id=update.effective_chat.id, text=html.escape(text, quote=False)
        )
    except Exception:  # the error reply itself failed; nothing more we can do safely
        logger.exception("could not send the error reply")
