"""Ready-made dashboard hooks for a python-telegram-bot bot: tell the staff chat when an
alert was taken on the dashboard, exactly as pressing "I'm on it" in Telegram would."""

from __future__ import annotations

import logging
from collections.abc import Callable

from telegram import Bot
from telegram.error import BadRequest

from bot.core.responder import Responder
from bot.storage.models import Alert
from bot.tg.alerts import render_alert, show_taken
from bot.web.services import OnAlertAcknowledged

logger = logging.getLogger(__name__)


def alert_ack_editor(
    bot: Bot, staff_chat_id: int, get_responder: Callable[[], Responder]
) -> OnAlertAcknowledged:
    """A hook that edits the alert's message in the staff chat through the same code as the
    "I'm on it" button (``bot.tg.alerts.show_taken``): the alert as last sent (a reminder
    keeps its reminder line), then the clinic's "taken" note with the staff member's name;
    the button goes away."""

    async def edit(alert: Alert, staff_name: str) -> None:
        if alert.telegram_message_id is None:
            return  # never reached the chat: there is nothing to update
        responder = get_responder()
        text = render_alert(alert, responder.knowledge, repeat=False, resend=alert.resend_count > 0)
        try:
            await show_taken(
                bot, staff_chat_id, alert.telegram_message_id, text, staff_name, responder
            )
        except BadRequest as error:  # e.g. the message was deleted in the chat
            logger.warning("could not update the staff chat for alert %s: %s", alert.id, error)

    return edit
