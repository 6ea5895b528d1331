"""The patient's language on Telegram: /language, and the command menu in every language.

Which language a reply is in is decided by the core (``bot.core.language``); here the
patient can choose one with buttons (stored on the patient), and Telegram is told the
command descriptions once per enabled language (``setMyCommands`` with ``language_code``),
so a phone set to Spanish shows the menu in Spanish.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime

from telegram import Bot, BotCommand, Update

from bot.core.knowledge import Knowledge
from bot.errors import StorageError
from bot.tg.callbacks import ChooseLanguage, decode
from bot.tg.context import BotContext
from bot.tg.outcomes import patient_language
from bot.tg.send import send_text

logger = logging.getLogger(__name__)


def menu(knowledge: Knowledge, names: Sequence[str], language: str) -> list[BotCommand]:
    """The command menu in ``language``: each command's description from its messages."""
    described = knowledge.messages_for(language).commands
    english = knowledge.messages.commands
    return [BotCommand(name, described.get(name) or english.get(name) or name) for name in names]


async def register_commands(bot: Bot, knowledge: Knowledge, names: Sequence[str]) -> None:
    """The menu for everyone (the clinic's first language), then one per enabled language."""
    await bot.set_my_commands(menu(knowledge, names, knowledge.staff_language))
    for language in knowledge.languages:
        await bot.set_my_commands(menu(knowledge, names, language), language_code=language)


async def cmd_language(update: Update, context: BotContext) -> None:
    """Offer the clinic's languages as buttons, asking in the patient's current language."""
    chat = update.effective_chat
    if chat is None:
        return
    language = await patient_language(update, context)
    renderer = context.responder.renderer.speaking(language)
    await send_text(
        context.bot,
        chat.id,
        renderer.say(renderer.messages.language_ask),
        language=renderer.language,
        markup=context.keyboards.languages(),
    )


async def on_language_button(update: Update, context: BotContext) -> None:
    """Store the language chosen and confirm, in that language."""
    query = update.callback_query
    user, chat = update.effective_user, update.effective_chat
    if query is None or user is None or chat is None:
        return
    await query.answer()
    choice = decode(query.data)
    knowledge = context.responder.knowledge
    if not isinstance(choice, ChooseLanguage) or choice.language not in knowledge.languages:
        return  # an old button for a language the clinic no longer offers
    if context.bot_data.storage is not None:
        try:
            await context.storage.set_language(
                context.clinic_id, user.id, choice.language, datetime.now(UTC)
            )
        except StorageError:
            logger.exception("could not store the chosen language")
    logger.info("language chosen: %s", choice.language)
    renderer = context.responder.renderer.speaking(choice.language)
    text = renderer.say(renderer.messages.language_set)
    await send_text(context.bot, chat.id, text, language=renderer.language)
