"""Build the python-telegram-bot ``Application``: typed context, defaults, ONE handler table."""

from __future__ import annotations

import logging

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    filters,
)

from bot.config import Settings
from bot.context import BotContext, BotData
from bot.errors import ConfigError
from bot.handlers import cmd_help, cmd_start, on_error, on_text
from bot.responder import Responder

logger = logging.getLogger(__name__)

BotApplication = Application  # type: ignore[type-arg]

COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", "Welcome and what I can do"),
    ("help", "How to ask a question"),
)


async def _post_init(application: BotApplication) -> None:
    """Register the command menu so patients see it in Telegram's UI."""
    await application.bot.set_my_commands([BotCommand(name, text) for name, text in COMMANDS])


def build_application(settings: Settings, responder: Responder) -> BotApplication:
    """The whole bot wiring in one readable place."""
    if settings.telegram_bot_token is None:
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set")
    context_types = ContextTypes(context=BotContext, bot_data=BotData)
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value().strip())
        .context_types(context_types)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .post_init(_post_init)
    )
    if settings.telegram_api_base_url:
        builder = builder.base_url(settings.telegram_api_base_url)
    application = builder.build()
    application.bot_data.responder = responder
    application.bot_data.settings = settings

    # The handler table. Order matters only for routing, never for safety: triage runs
    # inside the responder for every text, whatever handler receives it.
    application.add_handler(CommandHandler("start", cmd_start))
    application.add_handler(CommandHandler("help", cmd_help))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, on_text))
    application.add_error_handler(on_error)
    return application


def run_polling(settings: Settings, responder: Responder) -> None:
    """Start long polling until interrupted (Ctrl-C or SIGTERM)."""
    application = build_application(settings, responder)
    logger.info("starting long polling")
    application.run_polling(allowed_updates=Update.ALL_TYPES)
