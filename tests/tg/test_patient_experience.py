"""The Telegram experience end to end: the real Application, a fake Bot API on 127.0.0.1."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import socket
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.core.knowledge import Knowledge
from bot.core.replies import Reply
from bot.core.responder import Responder
from bot.serve.webhook import serve_webhook
from bot.tg.app import COMMANDS
from tests.core.test_responder import a_clarifying_message
from tests.fakes import FakeBotApi
from tests.telegram_harness import TOKEN, running_bot, settings_for, start_bot_process


def buttons(call: object) -> list[tuple[str, str]]:
    markup = call.params.get("reply_markup") or {}  # type: ignore[attr-defined]
    return [
        (button["text"], button.get("callback_data", ""))
        for row in markup.get("inline_keyboard", [])
        for button in row
    ]


async def test_every_command_is_registered_and_answers(
    fake: FakeBotApi, responder: Responder
) -> None:
    async with running_bot(fake, responder):
        (registered,) = await fake.wait_for("setMyCommands")
        for name in COMMANDS:
            fake.push_update(fake.command(name))
        calls = await fake.wait_for("sendMessage", count=len(COMMANDS))
    assert [c["command"] for c in registered.params["commands"]] == list(COMMANDS)
    texts = {call.params["text"] for call in calls}
    assert any("Phone: 020 7946 0000" in t and "Book online" in t for t in texts)  # /contact
    assert any(t.startswith("Call 999 now if you have any of these") for t in texts)  # /emergency
    assert any("/forget" in t for t in texts)  # /privacy


async def test_topics_browse_by_category_and_back(fake: FakeBotApi, responder: Responder) -> None:
    async with running_bot(fake, responder):
        fake.push_update(fake.command("topics"))
        (menu,) = await fake.wait_for("sendMessage")
        assert ("Aftercare do's and don'ts", "t:aftercare") in buttons(menu)
        message_id = menu.result["message_id"]

        fake.push_update(fake.callback_query("t:aftercare", message_id=message_id))
        (listing,) = await fake.wait_for("editMessageText")
        assert ("Exercise and the gym", "f:exercise_gym") in buttons(listing) or any(
            data == "f:exercise_gym" for _, data in buttons(listing)
        )

        fake.push_update(fake.callback_query("f:exercise_gym", message_id=message_id))
        _, answer = await fake.wait_for("editMessageText", count=2)
        assert "24 hours" in answer.params["text"]
        assert ("« Back", "t:aftercare") in buttons(answer)

        fake.push_update(fake.callback_query("t:", message_id=message_id))
        *_, back = await fake.wait_for("editMessageText", count=3)
        assert any(data == "t:timeline" for _, data in buttons(back))
        assert len(fake.calls_to("answerCallbackQuery")) == 3


async def test_answers_carry_feedback_and_related_buttons(
    fake: FakeBotApi, responder: Responder
) -> None:
    async with running_bot(fake, responder):
        fake.push_update(fake.text_message("can i go to the gym tonight?"))
        (answer,) = await fake.wait_for("sendMessage")
        datas = [data for _, data in buttons(answer)]
        assert "h:1:exercise_gym" in datas and "h:0:exercise_gym" in datas
        related = responder.knowledge.entry("exercise_gym").related
        assert all(f"f:{rid}" in datas for rid in related)
        assert all(len(data.encode()) <= 64 for data in datas)

        fake.push_update(
            fake.callback_query("h:1:exercise_gym", message_id=answer.result["message_id"])
        )
        (ack,) = await fake.wait_for("answerCallbackQuery")
    assert ack.params["text"] == "Thank you for your feedback."


async def test_a_clarifying_reply_offers_topics_and_none_of_these(
    fake: FakeBotApi, responder: Responder
) -> None:
    question = a_clarifying_message(responder)
    async with running_bot(fake, responder):
        fake.push_update(fake.text_message(question))
        (reply,) = await fake.wait_for("sendMessage")
        datas = [data for _, data in buttons(reply)]
        assert datas[-1] == "n" and all(d.startswith("f:") for d in datas[:-1])
        fake.push_update(fake.callback_query("n", message_id=reply.result["message_id"]))
        _, contact = await fake.wait_for("sendMessage", count=2)
    assert "020 7946 0000" in contact.params["text"]


async def test_non_text_messages_get_useful_replies_and_captions_are_triaged(
    fake: FakeBotApi, responder: Responder
) -> None:
    async with running_bot(fake, responder):
        fake.push_update(fake.photo_message(caption="my throat is closing up", chat_id=1))
        first, second = await fake.wait_for("sendMessage", count=2)
        assert first.params["text"].startswith("<b>Call 999 now.</b>")
        assert "can't look at or assess pictures" in second.params["text"]

        for chat_id, update in enumerate(
            [
                fake.voice_message(chat_id=2),
                fake.sticker_message(chat_id=3),
                fake.location_message(chat_id=4),
                fake.contact_message(chat_id=5),
                fake.poll_message(chat_id=6),
                fake.document_message(chat_id=7),
                fake.video_note_message(chat_id=8),
            ],
            start=2,
        ):
            fake.push_update(update)
            await fake.wait_for("sendMessage", lambda c, i=chat_id: c.params["chat_id"] == i)
    texts = {c.params["chat_id"]: c.params["text"] for c in fake.calls_to("sendMessage")}
    assert "type your question" in texts[2]
    assert "typed questions" in texts[3]
    assert "/contact" in texts[4]
    assert "polls" in texts[6]
    assert "open or assess files" in texts[7]
    assert all("Example Aesthetics Clinic" in text for text in texts.values())


async def test_groups_get_answers_only_when_mentioned_and_no_symptoms_repeated(
    fake: FakeBotApi, responder: Responder
) -> None:
    group = {"chat_id": -500, "chat_type": "supergroup"}
    async with running_bot(fake, responder):
        fake.push_update(fake.text_message("can i drink wine tonight", **group))  # type: ignore[arg-type]
        mention = "@aftercare_test_bot i can't swallow properly"
        entity = [{"type": "mention", "offset": 0, "length": len("@aftercare_test_bot")}]
        fake.push_update(fake.text_message(mention, entities=entity, **group))  # type: ignore[arg-type]
        (reply,) = await fake.wait_for("sendMessage")
        await asyncio.sleep(0.3)
    assert len(fake.calls_to("sendMessage")) == 1
    assert reply.params["text"].startswith("<b>Call 999 now.</b>")
    assert "swallow" not in reply.params["text"].lower()
    assert "reply_markup" not in reply.params or not buttons(reply)


async def test_an_edited_message_is_triaged_again(fake: FakeBotApi, responder: Responder) -> None:
    async with running_bot(fake, responder):
        fake.push_update(fake.edited_message("actually now my tongue is swelling up fast"))
        (reply,) = await fake.wait_for("sendMessage")
    assert reply.params["text"].startswith("<b>Call 999 now.</b>")


async def test_long_replies_are_split_under_the_limit(
    fake: FakeBotApi, knowledge: Knowledge
) -> None:
    long_answer = " ".join(["Keep the area clean and avoid rubbing it for a day."] * 150)
    entries = tuple(
        e.model_copy(update={"answer": long_answer}) if e.id == "exercise_gym" else e
        for e in knowledge.faq
    )
    responder = Responder(dataclasses.replace(knowledge, faq=entries))
    async with running_bot(fake, responder):
        fake.push_update(fake.text_message("can i go to the gym tonight?"))
        calls = await fake.wait_for("sendMessage", count=2)
    assert all(len(call.params["text"]) <= 4096 for call in calls)
    assert buttons(calls[-1]) and not buttons(calls[0])  # buttons on the last part


class ExplodingResponder(Responder):
    def respond(self, text: str, **options: Any) -> Reply:
        if "explode" in text:
            raise RuntimeError(f"boom while handling {text}")
        return super().respond(text, **options)


async def test_an_exception_gets_a_safe_reply_and_no_text_in_the_log(
    fake: FakeBotApi, knowledge: Knowledge, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    async with running_bot(fake, ExplodingResponder(knowledge)):
        fake.push_update(fake.text_message("please explode my secret symptom"))
        (reply,) = await fake.wait_for("sendMessage")
    assert "call 999 now" in reply.params["text"].lower()
    assert "020 7946 0000" in reply.params["text"]
    assert "RuntimeError" in caplog.text
    assert "secret symptom" not in caplog.text
    assert TOKEN not in caplog.text


async def test_message_text_and_token_never_reach_the_log(
    fake: FakeBotApi, responder: Responder, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with running_bot(fake, responder):
        fake.push_update(fake.text_message("my private question about the gym"))
        await fake.wait_for("sendMessage")
    assert "private question" not in caplog.text
    assert TOKEN.split(":")[1] not in caplog.text


async def test_a_flood_gets_one_slow_down_but_red_flags_are_still_answered(
    fake: FakeBotApi, responder: Responder
) -> None:
    async with running_bot(fake, responder):
        for _ in range(20):
            fake.push_update(fake.text_message("hello?", user_id=77, chat_id=77))
        fake.push_update(fake.text_message("i cant breathe", user_id=77, chat_id=77))
        await fake.wait_for("sendMessage", lambda c: "Call 999 now" in c.params["text"], timeout=10)
        await asyncio.sleep(0.3)
    texts = fake.sent_texts(77)
    assert sum("sending messages very quickly" in t for t in texts) == 1
    assert len(texts) < 12


async def test_a_bot_api_failing_for_a_while_still_gets_the_reply_through(
    fake: FakeBotApi, responder: Responder
) -> None:
    fake.fail_next("sendMessage", status=500, times=2)
    fake.fail_next("sendMessage", status=429, times=1, retry_after=1)
    async with running_bot(fake, responder, telegram_rate_limit=0):
        fake.push_update(fake.text_message("my throat feels tight"))
        (reply,) = await fake.wait_for("sendMessage", timeout=20)
    assert reply.params["text"].startswith("<b>Call 999 now.</b>")
    assert len(fake.attempts_to("sendMessage")) == 3


async def test_a_read_timeout_does_not_duplicate_an_emergency_message(
    fake: FakeBotApi, responder: Responder
) -> None:
    fake.delay_next("sendMessage", 7.0)  # longer than python-telegram-bot's 5 s read timeout
    async with running_bot(fake, responder, telegram_rate_limit=0):
        fake.push_update(fake.text_message("i cant swallow"))
        await fake.wait_for("sendMessage", timeout=15)
        await asyncio.sleep(6)
    assert len(fake.calls_to("sendMessage")) == 1


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_webhook_mode_checks_the_secret_and_serves_health(
    fake: FakeBotApi, responder: Responder
) -> None:
    port = free_port()
    settings = settings_for(
        fake,
        webhook_url="https://bot.example.test",
        webhook_secret="s3cret-s3cret-s3cret",
        webhook_listen="127.0.0.1",
        port=port,
    )
    stop = asyncio.Event()
    server = asyncio.create_task(serve_webhook(settings, responder, stop))
    try:
        (registered,) = await fake.wait_for("setWebhook")
        path = registered.params["url"].removeprefix("https://bot.example.test")
        url = f"http://127.0.0.1:{port}{path}"
        async with httpx.AsyncClient() as client:
            for _ in range(50):
                try:
                    health = await client.get(f"http://127.0.0.1:{port}/healthz")
                    break
                except httpx.ConnectError:
                    await asyncio.sleep(0.1)
            assert health.status_code == 200
        update = fake.text_message("can i fly tomorrow?")
        assert await fake.post_webhook(url, update, secret_token="wrong-wrong-wrong-1") == 403
        assert await fake.post_webhook(url, update) == 403
        assert await fake.post_webhook(url, update, secret_token="s3cret-s3cret-s3cret") == 200
        (reply,) = await fake.wait_for("sendMessage")
        assert registered.params["secret_token"] == "s3cret-s3cret-s3cret"
        assert "fly" in reply.params["text"].lower() or "flight" in reply.params["text"].lower()
    finally:
        stop.set()
        await asyncio.wait_for(server, timeout=10)


async def test_sigterm_finishes_the_updates_in_flight(fake: FakeBotApi, tmp_path: Path) -> None:
    """The real ``aftercare-bot run`` process, stopped by SIGTERM mid-conversation."""
    import signal

    process = await start_bot_process(fake, DATABASE_URL=f"sqlite:///{tmp_path}/bot.db")
    try:
        await fake.wait_for("getUpdates", timeout=30)
        fake.delay_next("sendMessage", 1.5)
        for chat_id in (1, 2, 3):
            fake.push_update(fake.text_message("can i drink wine tonight?", chat_id=chat_id))
        await fake.wait_for("sendMessage", timeout=10)  # the first reply is under way
        process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.wait(), timeout=30)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert code == 0
    assert sorted(c.params["chat_id"] for c in fake.calls_to("sendMessage")) == [1, 2, 3]
