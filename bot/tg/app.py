"""Build the python-telegram-bot ``Application``: typed context, defaults, ONE handler table."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from telegram import LinkPreviewOptions, Message
from telegram.constants import ParseMode
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    filters,
)

from bot.config import Settings
from bot.core.clock import ClinicClock
from bot.core.conversation import Conversation, Privacy
from bot.core.responder import Responder
from bot.errors import ConfigError
from bot.logs import quiet_libraries
from bot.storage import Storage
from bot.tg.alerts import AlertPolicy
from bot.tg.callbacks import (
    AckAlert,
    CheckinReply,
    ChooseLanguage,
    Forget,
    TreatedAgo,
    TreatedArea,
    matches,
)
from bot.tg.context import BotContext, BotData
from bot.tg.journal import JournaledRequest
from bot.tg.journey import (
    cmd_forget,
    cmd_start,
    cmd_stop_checkins,
    cmd_treated,
    job_send_checkins,
    on_area_button,
    on_checkin_button,
    on_forget_button,
    on_treated_button,
    on_typed_date,
)
from bot.tg.keyboards import Keyboards
from bot.tg.language import cmd_language, on_language_button, register_commands
from bot.tg.patient import (
    cmd_contact,
    cmd_emergency,
    cmd_help,
    cmd_privacy,
    cmd_topics,
    on_button,
    on_error,
    on_media,
    on_text,
)
from bot.tg.staff import (
    cmd_alerts,
    cmd_dashboard,
    cmd_stats,
    job_retention,
    on_ack_button,
)

logger = logging.getLogger(__name__)

# python-telegram-bot's builder cannot carry our context types through its generics.
BotApplication = Application[Any, Any, Any, Any, Any, Any]

#: The update kinds the handler table below handles; Telegram is asked for these only.
HANDLED_UPDATES: tuple[str, ...] = ("message", "edited_message", "callback_query")

#: The command menu Telegram shows patients, in this order (registered with setMyCommands at
#: start-up, once per enabled language; the descriptions are ``commands`` in messages.yaml).
COMMANDS: tuple[str, ...] = (
    "start",
    "help",
    "topics",
    "contact",
    "emergency",
    "privacy",
    "treated",
    "stop_checkins",
    "forget",
    "language",
)


class MentionsMe(filters.MessageFilter):
    """A group message meant for the bot: it @mentions the bot or replies to one of its own."""

    def filter(self, message: Message) -> bool:
        bot = message.get_bot()
        username = (bot.username or "").casefold()
        replied = message.reply_to_message
        if replied is not None and replied.from_user is not None and replied.from_user.id == bot.id:
            return True
        mentions = message.parse_entities(["mention"]) | message.parse_caption_entities(["mention"])
        return any(text.casefold() == f"@{username}" for text in mentions.values())


PRIVATE = filters.ChatType.PRIVATE
FOR_ME = PRIVATE | (filters.ChatType.GROUPS & MentionsMe())
PATIENT_UPDATES = filters.UpdateType.MESSAGE | filters.UpdateType.EDITED_MESSAGE
MEDIA = (
    filters.PHOTO
    | filters.Document.ALL
    | filters.VOICE
    | filters.AUDIO
    | filters.VIDEO
    | filters.VIDEO_NOTE
    | filters.Sticker.ALL
    | filters.LOCATION
    | filters.VENUE
    | filters.CONTACT
    | filters.POLL
)


async def _post_init(application: BotApplication) -> None:
    """Open storage, start the check-in and retention jobs, register the command menu.

    Staff alerts have their own courier (``bot.tg.courier``), started by ``bot.serve``.
    """
    data: BotData = application.bot_data
    settings = data.settings
    assert settings is not None
    if data.storage is None:
        data.storage = await Storage.open(settings.database_url)
    if application.job_queue is not None:
        every = settings.sweep_seconds
        application.job_queue.run_repeating(job_send_checkins, interval=every, first=1.0)
        application.job_queue.run_repeating(job_retention, interval=24 * 3600, first=60)
    assert data.responder is not None
    await register_commands(application.bot, data.responder.knowledge, COMMANDS)


async def _post_shutdown(application: BotApplication) -> None:
    storage = application.bot_data.storage
    if storage is not None:
        await storage.close()
        application.bot_data.storage = None


def use_responder(application: BotApplication, responder: Responder) -> None:
    """Put a responder, and everything built from its knowledge, in service.

    Called once by ``build_application`` and again whenever the clinic's knowledge changes
    while the bot runs (a FAQ edit on the dashboard): the next update uses the new answers,
    topics and keyboards; handlers already running finish with the ones they started with.
    """
    data: BotData = application.bot_data
    settings = data.settings
    assert settings is not None
    data.responder = responder
    data.conversation = Conversation(
        responder,
        ClinicClock.for_clinic(responder.knowledge.clinic, settings.quiet_hours),
        Privacy(
            store_message_text=settings.store_message_text,
            alert_include_message_text=settings.alert_include_message_text,
        ),
    )
    data.keyboards = Keyboards(responder.knowledge)


def build_application(settings: Settings, responder: Responder) -> BotApplication:
    """The whole bot wiring in one readable place."""
    if settings.telegram_bot_token is None:
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set")
    # httpx logs request URLs (with the token), python-telegram-bot whole updates, the
    # database drivers statement parameters: WARNING only, unless LOG_LIBRARIES=true.
    quiet_libraries(settings.log_libraries)
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value().strip())
        .context_types(ContextTypes(context=BotContext, bot_data=BotData))
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        # Updates arrive through the durable inbox (bot.serve.inbox), never PTB's Updater;
        # every Bot API call goes through the journal, so a replay repeats no reply.
        .updater(None)
        .request(JournaledRequest())
    )
    if settings.telegram_api_base_url:
        builder = builder.base_url(settings.telegram_api_base_url)
    if settings.telegram_rate_limit > 0:
        limiter = AIORateLimiter(
            overall_max_rate=settings.telegram_rate_limit,
            overall_time_period=1,
            max_retries=2,
        )
        builder = builder.rate_limiter(limiter)  # type: ignore[arg-type]  # PTB generics
    application = builder.build()
    application.bot_data.settings = settings
    use_responder(application, responder)
    application.bot_data.alert_policy = AlertPolicy(
        lease=timedelta(seconds=settings.alert_lease_seconds),
        resend_after=timedelta(minutes=settings.alert_resend_minutes),
        first_retry=timedelta(seconds=settings.alert_retry_seconds),
        include_message_text=settings.alert_include_message_text,
    )

    # The handler table. Order matters only for routing, never for safety: triage runs
    # inside the responder for every text and caption, whatever handler receives it.
    # In groups the bot answers only commands and messages that mention it.
    # Group -1: while /treated waits for a typed date, a short date-like reply is taken as
    # the date (a red flag never is) and stops there.
    application.add_handler(
        MessageHandler(PRIVATE & filters.TEXT & ~filters.COMMAND, on_typed_date), group=-1
    )
    for name, callback in (
        ("start", cmd_start),
        ("help", cmd_help),
        ("topics", cmd_topics),
        ("contact", cmd_contact),
        ("emergency", cmd_emergency),
        ("privacy", cmd_privacy),
        ("treated", cmd_treated),
        ("stop_checkins", cmd_stop_checkins),
        ("forget", cmd_forget),
        ("language", cmd_language),
        ("alerts", cmd_alerts),
        ("stats", cmd_stats),
        ("dashboard", cmd_dashboard),
    ):
        application.add_handler(CommandHandler(name, callback))
    # Buttons, routed by their typed payload (bot.tg.callbacks); on_button takes the rest.
    for callback, payload in (
        (on_treated_button, TreatedAgo),
        (on_area_button, TreatedArea),
        (on_checkin_button, CheckinReply),
        (on_forget_button, Forget),
        (on_ack_button, AckAlert),
        (on_language_button, ChooseLanguage),
    ):
        application.add_handler(CallbackQueryHandler(callback, pattern=matches(payload)))
    application.add_handler(CallbackQueryHandler(on_button))
    application.add_handler(
        MessageHandler(PATIENT_UPDATES & FOR_ME & filters.TEXT & ~filters.COMMAND, on_text)
    )
    application.add_handler(MessageHandler(PATIENT_UPDATES & FOR_ME & MEDIA, on_media))
    application.add_error_handler(on_error)
    return application
