"""Acknowledging on the dashboard updates the staff chat's alert message, on a fake Bot API."""

from __future__ import annotations

from datetime import UTC, datetime

from telegram import Bot

from bot.core.responder import Responder
from bot.storage.models import Alert
from bot.tg.alerts import render_alert
from bot.tg.keyboards import Keyboards
from bot.web.telegram_hooks import alert_ack_editor
from tests.fakes import FakeBotApi
from tests.telegram_harness import TOKEN

STAFF_CHAT = -100123


def _alert(message_id: int | None) -> Alert:
    now = datetime.now(UTC)
    return Alert(
        "a1b2", "riverside", 42, 42, "urgent", ("eyelid_droop",), "Mia", None, 3, now,
        "acknowledged", 1, now, None, now, message_id, 111, now, None, 0,
    )  # fmt: skip


async def test_the_staff_chat_message_says_who_took_the_alert(responder: Responder) -> None:
    async with FakeBotApi() as fake, Bot(TOKEN, base_url=fake.base_url) as bot:
        sent = await bot.send_message(
            STAFF_CHAT,
            render_alert(_alert(None), responder.knowledge, repeat=False, resend=False),
            parse_mode="HTML",
            reply_markup=Keyboards(responder.knowledge).ack("a1b2"),
        )
        edit = alert_ack_editor(bot, STAFF_CHAT, lambda: responder)
        await edit(_alert(sent.message_id), "Dr Ana")
        (call,) = fake.calls_to("editMessageText")
        assert call.params["message_id"] == sent.message_id
        assert "Dr Ana" in call.params["text"] and "Alert id: a1b2" in call.params["text"]
        assert "reply_markup" not in call.params  # the button is gone
        await edit(_alert(None), "Dr Ana")  # never delivered: nothing to edit
        assert len(fake.calls_to("editMessageText")) == 1
