"""Staff alerts reach the staff chat, survive faults and crashes, and can be taken on."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

from bot.core.responder import Responder
from bot.storage import Storage
from tests.fakes import FakeBotApi
from tests.telegram_harness import running_bot, start_bot_process

STAFF_CHAT = -100200300
STAFF_USER = 4242
FAST = {
    "staff_chat_id": STAFF_CHAT,
    "staff_user_ids": str(STAFF_USER),
    "sweep_seconds": 0.3,
    "alert_lease_seconds": 1,
    "alert_retry_seconds": 0.2,
    "telegram_rate_limit": 0,
}


def to_staff(call: object) -> bool:
    return call.params.get("chat_id") == STAFF_CHAT  # type: ignore[attr-defined]


async def test_an_emergency_alerts_the_staff_chat_with_the_right_content(
    fake: FakeBotApi, responder: Responder
) -> None:
    async with running_bot(fake, responder, **FAST):
        fake.push_update(
            fake.text_message("i cant swallow", chat_id=55, user_id=55, first_name="Jo & <Co>")
        )
        (alert,) = await fake.wait_for("sendMessage", to_staff)
        patient_reply = [c for c in fake.calls_to("sendMessage") if c.params["chat_id"] == 55]
    text = alert.params["text"]
    assert "<b>EMERGENCY</b>" in text and "trouble swallowing" in text
    assert '<a href="tg://user?id=55">Jo &amp; &lt;Co&gt;</a>' in text
    assert "i cant swallow" not in text  # the message only if the clinic enables it
    assert alert.params["reply_markup"]["inline_keyboard"][0][0]["text"] == "I'm on it"
    assert patient_reply and patient_reply[0].at <= alert.at  # the patient first


async def test_the_message_text_is_included_only_when_enabled(
    fake: FakeBotApi, responder: Responder
) -> None:
    async with running_bot(fake, responder, alert_include_message_text=True, **FAST):
        fake.push_update(fake.text_message("my eyelid is drooping <badly>"))
        (alert,) = await fake.wait_for("sendMessage", to_staff)
    assert "<b>URGENT</b>" in alert.params["text"]
    assert "Message: my eyelid is drooping &lt;badly&gt;" in alert.params["text"]


async def test_a_staff_chat_failing_for_a_while_still_gets_the_alert(
    fake: FakeBotApi, responder: Responder
) -> None:
    fake.fail_next("sendMessage", status=500, times=2, chat_id=STAFF_CHAT)
    fake.fail_next("sendMessage", status=429, times=1, retry_after=0.5, chat_id=STAFF_CHAT)
    async with running_bot(fake, responder, **FAST):
        fake.push_update(fake.text_message("my throat is closing up"))
        (alert,) = await fake.wait_for("sendMessage", to_staff, timeout=30)
    assert "EMERGENCY" in alert.params["text"]
    assert len([a for a in fake.attempts_to("sendMessage") if to_staff(a)]) == 3


async def test_staff_take_an_alert_and_unacknowledged_ones_are_resent(
    fake: FakeBotApi, responder: Responder
) -> None:
    async with running_bot(fake, responder, alert_resend_minutes=0.02, **FAST):
        fake.push_update(fake.text_message("seeing double since botox", chat_id=7, user_id=7))
        _first, reminder = await fake.wait_for("sendMessage", to_staff, count=2, timeout=20)
        assert "Reminder: nobody has taken this alert yet" in reminder.params["text"]
        data = reminder.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        fake.push_update(
            fake.callback_query(
                data,
                chat_id=STAFF_CHAT,
                user_id=STAFF_USER,
                message_id=reminder.result["message_id"],
            )
        )
        (ack,) = await fake.wait_for("answerCallbackQuery")
        await fake.wait_for("editMessageText")
        fake.push_update(fake.command("alerts", chat_id=STAFF_CHAT, user_id=STAFF_USER))
        listing = await fake.wait_for(
            "sendMessage", lambda c: to_staff(c) and "No open alerts" in c.params["text"]
        )
        count_after_ack = len([c for c in fake.calls_to("sendMessage") if to_staff(c)])
        await asyncio.sleep(2)
    assert ack.params["text"].startswith("Taken by")
    assert listing
    assert len([c for c in fake.calls_to("sendMessage") if to_staff(c)]) == count_after_ack


async def test_staff_commands_refuse_everyone_else(fake: FakeBotApi, responder: Responder) -> None:
    async with running_bot(fake, responder, **FAST):
        fake.push_update(fake.command("stats", chat_id=9, user_id=9))
        fake.push_update(fake.command("alerts", chat_id=9, user_id=9))
        refusals = await fake.wait_for("sendMessage", count=2)
        fake.push_update(fake.command("stats", chat_id=STAFF_CHAT, user_id=STAFF_USER))
        *_, stats = await fake.wait_for("sendMessage", count=3)
    assert all("only for the clinic's staff" in r.params["text"] for r in refusals)
    assert "Last 7 days" in stats.params["text"] and "Last 30 days" in stats.params["text"]


async def _start_bot(fake: FakeBotApi, database: str) -> asyncio.subprocess.Process:
    return await start_bot_process(
        fake,
        DATABASE_URL=database,
        STAFF_CHAT_ID=str(STAFF_CHAT),
        SWEEP_SECONDS="0.3",
        ALERT_LEASE_SECONDS="1",
        ALERT_RETRY_SECONDS="0.2",
    )


async def test_an_alert_survives_sigkill_between_the_message_and_its_delivery(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    database = f"sqlite:///{tmp_path}/bot.db"
    fake.fail_next("sendMessage", status=502, times=10_000, chat_id=STAFF_CHAT)
    first = await _start_bot(fake, database)
    try:
        await fake.wait_for("getUpdates", timeout=30)
        fake.push_update(fake.text_message("i cant breathe", chat_id=31, user_id=31))
        await fake.wait_for("sendMessage", lambda c: c.params["chat_id"] == 31, timeout=20)
        await asyncio.sleep(1.0)  # an alert attempt or two fails against the staff chat
        first.send_signal(signal.SIGKILL)
        await first.wait()
    finally:
        if first.returncode is None:
            first.kill()
    assert not [c for c in fake.calls_to("sendMessage") if to_staff(c)]

    storage = await Storage.open(database)
    try:
        (pending,) = await storage.open_alerts("default")
    finally:
        await storage.close()
    assert pending.level == "emergency" and pending.sent_at is None

    fake.clear_faults()
    second = await _start_bot(fake, database)
    try:
        (alert,) = await fake.wait_for("sendMessage", to_staff, timeout=30)
        await asyncio.sleep(1.5)
    finally:
        second.send_signal(signal.SIGTERM)
        await asyncio.wait_for(second.wait(), timeout=30)
    assert "EMERGENCY" in alert.params["text"] and pending.id in alert.params["text"]
    assert len([c for c in fake.calls_to("sendMessage") if to_staff(c)]) == 1
