"""The typed python-telegram-bot context: handlers reach the services as attributes.

``context.responder`` instead of ``context.bot_data["responder"]`` plus a cast: a missing
service is a clear error at start-up, not a ``KeyError`` in the middle of a conversation.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from telegram.ext import Application, CallbackContext, ExtBot

from bot.config import Settings
from bot.core.clock import ClinicClock
from bot.core.conversation import Conversation
from bot.core.flood import FloodGuard
from bot.core.responder import Responder
from bot.storage import Storage
from bot.tg.alerts import AlertPolicy
from bot.tg.keyboards import Keyboards

#: Makes a one-time dashboard sign-in link for (staff user id, name); None when refused.
#: Set by ``bot.serve`` when the dashboard is switched on (bot.tg never imports bot.web).
DashboardLink = Callable[[int, str], Awaitable[str | None]]


@dataclass
class BotData:
    """Per-application state, created empty by python-telegram-bot and filled by the builder."""

    responder: Responder | None = None
    conversation: Conversation | None = None
    settings: Settings | None = None
    keyboards: Keyboards | None = None
    storage: Storage | None = None
    alert_policy: AlertPolicy = field(default_factory=AlertPolicy)
    flood: FloodGuard = field(default_factory=FloodGuard)
    dashboard_link: DashboardLink | None = None
    #: Set when an alert is queued: the courier (``bot.tg.courier``) sends it at once.
    alert_wakeup: asyncio.Event = field(default_factory=asyncio.Event)


class BotContext(
    CallbackContext[ExtBot[None], dict[object, object], dict[object, object], BotData]
):
    """``CallbackContext`` with the bot's services as typed properties."""

    def __init__(
        self,
        application: Application,  # type: ignore[type-arg]
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)

    @property
    def responder(self) -> Responder:
        responder = self.bot_data.responder
        if responder is None:
            raise RuntimeError("the application was built without a responder")
        return responder

    @property
    def conversation(self) -> Conversation:
        conversation = self.bot_data.conversation
        if conversation is None:
            raise RuntimeError("the application was built without a conversation")
        return conversation

    @property
    def clock(self) -> ClinicClock:
        return self.conversation.clock

    @property
    def settings(self) -> Settings:
        settings = self.bot_data.settings
        if settings is None:
            raise RuntimeError("the application was built without settings")
        return settings

    @property
    def keyboards(self) -> Keyboards:
        keyboards = self.bot_data.keyboards
        if keyboards is None:
            raise RuntimeError("the application was built without keyboards")
        return keyboards

    @property
    def flood(self) -> FloodGuard:
        return self.bot_data.flood

    @property
    def storage(self) -> Storage:
        storage = self.bot_data.storage
        if storage is None:
            raise RuntimeError("the application was built without storage")
        return storage

    @property
    def clinic_id(self) -> str:
        return self.settings.clinic_id
