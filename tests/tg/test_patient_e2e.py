"""The real python-telegram-bot Application, over HTTP, against a fake Bot API on 127.0.0.1."""

from __future__ import annotations

from bot.core.responder import Responder
from tests.fakes import FakeBotApi
from tests.telegram_harness import TOKEN, running_bot


async def test_start_and_a_question_get_replies(fake: FakeBotApi, responder: Responder) -> None:
    async with running_bot(fake, responder):
        fake.push_update(fake.command("start", chat_id=42))
        (welcome,) = await fake.wait_for("sendMessage")
        fake.push_update(fake.text_message("can i go to the gym tonight?", chat_id=42))
        _, answer = await fake.wait_for("sendMessage", count=2)

    assert welcome.token == TOKEN
    assert welcome.params["chat_id"] == 42
    assert "Example Aesthetics Clinic" in welcome.params["text"]
    assert "call 999" in welcome.params["text"].lower()
    assert answer.params["parse_mode"] == "HTML"
    assert "24 hours" in answer.params["text"]
    assert "020 7946 0000" in answer.params["text"]


async def test_commands_are_registered_at_start_up(fake: FakeBotApi, responder: Responder) -> None:
    async with running_bot(fake, responder):
        (call,) = await fake.wait_for("setMyCommands")
    names = [command["command"] for command in call.params["commands"]]
    assert names[:2] == ["start", "help"]


async def test_an_emergency_is_escalated_over_telegram(
    fake: FakeBotApi, responder: Responder
) -> None:
    async with running_bot(fake, responder):
        fake.push_update(fake.text_message("can i work out today? also i cant swallow properly"))
        (reply,) = await fake.wait_for("sendMessage")
    assert reply.params["text"].startswith("<b>Call 999 now.</b>")


async def test_strange_messages_get_sensible_replies(
    fake: FakeBotApi, responder: Responder
) -> None:
    strange = ["😀😀😀", "\u200b\u200b", "x" * 10_000, "?"]
    async with running_bot(fake, responder):
        for text in strange:
            fake.push_update(fake.text_message(text))
        calls = await fake.wait_for("sendMessage", count=len(strange))
    assert all(len(call.params["text"]) <= 4096 for call in calls)
    assert all("Example Aesthetics Clinic" in call.params["text"] for call in calls)
