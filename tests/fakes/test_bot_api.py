"""The fake Bot API server, proven against the real python-telegram-bot (no mocks).

Each test drives genuine PTB objects (``Bot``, ``Application``, its polling and webhook
``Updater``, ``AIORateLimiter``) against ``tests.fakes.FakeBotApi`` on 127.0.0.1, so the bot's
end-to-end tests can trust what the fake records and what PTB makes of its answers.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import logging
import socket
import time
import warnings
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.error import BadRequest, Conflict, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ExtBot,
    MessageHandler,
    filters,
)

from tests.fakes import ApiCall, FakeBotApi

TOKEN = "123456:TEST-token_for-the-fake"
FAST_POLL = dtm.timedelta(seconds=0.5)  # PTB sends fractional seconds as-is; the fake accepts


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as api:
        yield api


@pytest.fixture
def ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to PTB's timedelta periods.

    Without it, *constructing* ``RetryAfter`` (PTB does so on every 429) emits a
    PTBDeprecationWarning, which our ``filterwarnings = error`` turns into an exception that
    replaces the RetryAfter.
    """
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    args = " ".join(context.args or [])
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Swelling?", callback_data="faq:1")]])
    await update.effective_message.reply_text(f"Welcome! args={args}", reply_markup=keyboard)


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None and update.effective_message.text is not None
    await update.effective_message.reply_text(f"echo: {update.effective_message.text}")


async def _button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer()
    await query.edit_message_text(f"You chose {query.data}")


def _build_app(fake: FakeBotApi) -> Application[Any, Any, Any, Any, Any, Any]:
    app = ApplicationBuilder().token(TOKEN).base_url(fake.base_url).build()
    app.add_handler(CommandHandler("start", _start))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, _echo))
    app.add_handler(CallbackQueryHandler(_button))
    return app


def _problems(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        f"{r.name} {r.levelname}: {r.getMessage()}"
        for r in caplog.records
        if r.levelno >= logging.WARNING
    ]


# ---------------------------------------------------------------------- 1. bare Bot


async def test_bot_calls_are_recorded_and_decoded(fake: FakeBotApi) -> None:
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Yes", callback_data="yes"),
                InlineKeyboardButton("No", url="https://example.org"),
            ]
        ]
    )
    async with Bot(TOKEN, base_url=fake.base_url) as bot:  # initialize() calls getMe
        me = await bot.get_me()
        message = await bot.send_message(
            1001, "123", reply_markup=keyboard, disable_notification=True
        )
        assert await bot.set_my_commands([BotCommand("start", "Begin"), BotCommand("help", "Help")])
        commands = await bot.get_my_commands()
        assert await bot.set_my_commands(
            [BotCommand("hilfe", "Hilfe")], scope=BotCommandScopeChat(1001), language_code="de"
        )
        assert await bot.delete_my_commands()

    assert (me.id, me.username, me.is_bot) == (777000, "aftercare_test_bot", True)
    assert message.message_id >= 1
    assert message.text == "123"
    assert message.chat.id == 1001 and message.chat.type == "private"
    assert message.reply_markup == keyboard  # Telegram echoes inline keyboards

    (sent,) = fake.calls_to("sendMessage")
    assert sent.token == TOKEN
    assert sent.params == {
        "chat_id": 1001,  # JSON-decoded back to int
        "text": "123",  # a text param stays a string even when it looks like JSON
        "disable_notification": True,
        "reply_markup": {
            "inline_keyboard": [
                [
                    {"text": "Yes", "callback_data": "yes"},
                    {"text": "No", "url": "https://example.org"},
                ]
            ]
        },
    }
    assert sent.result["message_id"] == message.message_id
    assert fake.sent_texts() == ["123"] == fake.sent_texts(chat_id=1001)
    assert fake.sent_texts(chat_id=42) == []

    first_set = fake.calls_to("setMyCommands")[0]
    assert first_set.params["commands"] == [
        {"command": "start", "description": "Begin"},
        {"command": "help", "description": "Help"},
    ]
    assert [c.command for c in commands] == ["start", "help"]
    assert fake.commands() == []  # deleteMyCommands cleared the default scope...
    assert fake.commands(scope={"type": "chat", "chat_id": 1001}, language_code="de") == [
        {"command": "hilfe", "description": "Hilfe"}  # ...but not the chat/de one
    ]
    assert [c.method for c in fake.calls] == [
        "getMe",
        "getMe",
        "sendMessage",
        "setMyCommands",
        "getMyCommands",
        "setMyCommands",
        "deleteMyCommands",
    ]
    assert fake.attempts == []


async def test_realistic_bad_requests(fake: FakeBotApi) -> None:
    async with Bot(TOKEN, base_url=fake.base_url) as bot:
        sent = await bot.send_message(1001, "hello")
        with pytest.raises(BadRequest, match="not modified"):
            await bot.edit_message_text("hello", chat_id=1001, message_id=sent.message_id)
        edited = await bot.edit_message_text("bye", chat_id=1001, message_id=sent.message_id)
        with pytest.raises(BadRequest, match="too long"):
            await bot.send_message(1001, "x" * 4097)
        too_long_data = InlineKeyboardButton("b", callback_data="d" * 65)
        with pytest.raises(BadRequest, match="Button_data_invalid"):
            await bot.send_message(1001, "hi", reply_markup=InlineKeyboardMarkup([[too_long_data]]))
        with pytest.raises(BadRequest, match="Bot_command_invalid"):
            await bot.set_my_commands([BotCommand("Start", "Uppercase is invalid")])

    assert isinstance(edited, Message)  # a bool only for inline-message edits
    assert edited.text == "bye" and edited.edit_date is not None
    assert fake.sent_texts() == ["hello", "bye"]
    assert [(a.method, a.status) for a in fake.attempts] == [
        ("editMessageText", 400),
        ("sendMessage", 400),
        ("sendMessage", 400),
        ("setMyCommands", 400),
    ]


async def test_get_updates_long_poll_offset_and_timeout(fake: FakeBotApi) -> None:
    async with Bot(TOKEN, base_url=fake.base_url) as bot:
        started = time.monotonic()
        assert await bot.get_updates(timeout=dtm.timedelta(seconds=0.3)) == ()
        empty_wait = time.monotonic() - started
        assert 0.25 <= empty_wait < 1.5, empty_wait  # waits the timeout, not longer

        poll = asyncio.create_task(bot.get_updates(timeout=5))
        await asyncio.sleep(0.05)
        started = time.monotonic()
        first_id = fake.push_update(fake.text_message("one"))
        (first,) = await poll
        assert time.monotonic() - started < 1.0  # answered as soon as the update arrived
        assert first.update_id == first_id and first.message is not None
        assert first.message.text == "one"

        second_id = fake.push_update(fake.text_message("two"))
        assert second_id == first_id + 1
        again = await bot.get_updates(timeout=0)  # no offset: nothing confirmed yet
        assert [u.update_id for u in again] == [first_id, second_id]
        confirmed = await bot.get_updates(offset=second_id, timeout=0)
        assert [u.update_id for u in confirmed] == [second_id]
        assert [u["update_id"] for u in fake.pending_updates] == [second_id]

    assert fake.calls_to("getUpdates")[0].params["timeout"] == 0.3


@pytest.mark.parametrize(
    ("build", "check"),
    [
        (lambda f: f.text_message("hi", username="pat"), filters.TEXT),
        (lambda f: f.command("start", "deep-link"), filters.COMMAND),
        (lambda f: f.photo_message(caption="my forehead"), filters.PHOTO & filters.CAPTION),
        (lambda f: f.voice_message(), filters.VOICE),
        (lambda f: f.document_message(caption="report"), filters.Document.PDF),
        (lambda f: f.sticker_message(), filters.Sticker.ALL),
        (lambda f: f.location_message(), filters.LOCATION),
        (lambda f: f.video_note_message(), filters.VIDEO_NOTE),
        (lambda f: f.contact_message(), filters.CONTACT),
        (lambda f: f.poll_message(), filters.POLL),
        (lambda f: f.text_message("hi all", chat_id=-100123, chat_type="supergroup"),
         filters.ChatType.SUPERGROUP),
        (lambda f: f.edited_message("fixed typo"), filters.UpdateType.EDITED_MESSAGE),
        (lambda f: f.callback_query("faq:1"), None),
    ],
)  # fmt: skip
def test_update_builders_parse_with_ptb(
    build: Callable[[FakeBotApi], dict[str, Any]], check: filters.BaseFilter | None
) -> None:
    fake = FakeBotApi()
    raw = build(fake)
    fake.push_update(raw)
    update = Update.de_json(raw, Bot(TOKEN))
    assert update.update_id == raw["update_id"]
    if check is None:
        assert update.callback_query is not None and update.callback_query.data == "faq:1"
    else:
        assert check.check_update(update), raw


# ---------------------------------------------------------------------- 2. polling Application


async def test_polling_application_round_trip(
    fake: FakeBotApi, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    started = time.monotonic()
    app = _build_app(fake)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        await app.initialize()
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=FAST_POLL)
        try:
            fake.push_update(fake.command("start", "botox day1", chat_id=5, first_name="Ana"))
            fake.push_update(fake.text_message("is swelling normal?", chat_id=6))
            replies = await fake.wait_for("sendMessage", count=2, timeout=5)

            welcome = next(c for c in replies if c.params["chat_id"] == 5)
            fake.push_update(
                fake.callback_query("faq:1", chat_id=5, message_id=welcome.result["message_id"])
            )
            (edit,) = await fake.wait_for("editMessageText", timeout=5)
            await fake.wait_for("answerCallbackQuery", timeout=5)
        finally:
            await app.updater.stop()
            await app.stop()
            await app.shutdown()
    elapsed = time.monotonic() - started

    assert caught == [], [str(w.message) for w in caught]
    assert _problems(caplog) == []
    assert elapsed < 3, elapsed
    assert welcome.params["text"] == "Welcome! args=botox day1"
    assert welcome.params["reply_markup"] == {
        "inline_keyboard": [[{"text": "Swelling?", "callback_data": "faq:1"}]]
    }
    assert fake.sent_texts(chat_id=6) == ["echo: is swelling normal?"]
    assert edit.params["message_id"] == welcome.result["message_id"]
    assert fake.sent_texts(chat_id=5) == ["Welcome! args=botox day1", "You chose faq:1"]
    # Bootstrap and shutdown as PTB really does them:
    assert fake.calls[0].method == "getMe"
    assert fake.calls_to("deleteWebhook")
    assert fake.pending_updates == []  # the final getUpdates(offset=...) confirmed everything


async def test_wait_for_timeout_lists_what_was_seen(fake: FakeBotApi) -> None:
    async with Bot(TOKEN, base_url=fake.base_url) as bot:
        await bot.send_message(1001, "something else")
        fake.fail_next("sendChatAction", status=502)
        with pytest.raises(NetworkError):
            await bot.send_chat_action(1001, "typing")
    with pytest.raises(AssertionError) as excinfo:
        await fake.wait_for("sendMessage", lambda c: c.params["text"] == "nope", timeout=0.1)
    report = str(excinfo.value)
    assert "0 matched" in report
    assert "sendMessage [200]" in report and "'something else'" in report
    assert "sendChatAction [502]" in report


# ---------------------------------------------------------------------- 3. fault injection


@pytest.mark.usefixtures("ptb_timedelta")
async def test_fail_next_429_raises_retry_after(fake: FakeBotApi) -> None:
    fake.fail_next("sendMessage", status=429, retry_after=1)
    async with Bot(TOKEN, base_url=fake.base_url) as bot:
        with pytest.raises(RetryAfter) as excinfo:
            await bot.send_message(1001, "flood")
        assert excinfo.value.retry_after == dtm.timedelta(seconds=1)
        await bot.send_message(1001, "after the flood")  # only the next call was failed

    (attempt,) = fake.attempts_to("sendMessage")
    assert attempt.status == 429 and attempt.params["text"] == "flood"
    assert fake.sent_texts() == ["after the flood"]


@pytest.mark.parametrize(
    ("status", "error"),
    [(500, NetworkError), (502, NetworkError), (400, BadRequest), (403, Forbidden)],
)
async def test_fail_next_status_maps_to_ptb_error(
    fake: FakeBotApi, status: int, error: type[Exception]
) -> None:
    fake.fail_next("sendMessage", status=status, times=2)
    async with Bot(TOKEN, base_url=fake.base_url) as bot:
        for _ in range(2):
            with pytest.raises(error):
                await bot.send_message(1001, "x")
        await bot.send_message(1001, "y")
    assert [a.status for a in fake.attempts] == [status, status]
    assert fake.sent_texts() == ["y"]


async def test_drop_next_is_a_network_error_and_not_delivered(fake: FakeBotApi) -> None:
    fake.drop_next("sendMessage")
    async with Bot(TOKEN, base_url=fake.base_url) as bot:
        with pytest.raises(NetworkError) as excinfo:
            await bot.send_message(1001, "lost")
        assert not isinstance(excinfo.value, TimedOut)
        await bot.send_message(1001, "found")
    (attempt,) = fake.attempts
    assert attempt.status is None and attempt.params["text"] == "lost"
    assert fake.sent_texts() == ["found"]


async def test_delay_next_times_out_but_is_delivered(fake: FakeBotApi) -> None:
    fake.delay_next("sendMessage", 1.0)
    async with Bot(TOKEN, base_url=fake.base_url) as bot:
        with pytest.raises(TimedOut):
            await bot.send_message(1001, "slow", read_timeout=0.2)
    assert fake.sent_texts() == ["slow"]  # like Telegram: the message went out anyway
    assert fake.attempts == []


@pytest.mark.usefixtures("ptb_timedelta")
async def test_rate_limiter_retries_after_429(fake: FakeBotApi) -> None:
    fake.fail_next("sendMessage", status=429, retry_after=0.2)
    bot = ExtBot(TOKEN, base_url=fake.base_url, rate_limiter=AIORateLimiter(max_retries=1))
    async with bot:
        await bot.send_message(1001, "patient")
    (attempt,) = fake.attempts
    (call,) = fake.calls_to("sendMessage")
    assert call.at - attempt.at >= 0.3  # retry_after + PTB's 0.1 s slack


# ---------------------------------------------------------------------- 4. webhook Application


async def test_webhook_application_checks_secret(
    fake: FakeBotApi, caplog: pytest.LogCaptureFixture
) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/hook"
    app = _build_app(fake)
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_webhook(
        listen="127.0.0.1", port=port, url_path="hook", webhook_url=url, secret_token="s3cret"
    )
    try:
        assert fake.webhook is not None
        assert (fake.webhook["url"], fake.webhook["secret_token"]) == (url, "s3cret")
        async with Bot(TOKEN, base_url=fake.base_url) as other:
            with pytest.raises(Conflict, match="webhook is active"):
                await other.get_updates()

        wrong = fake.text_message("wrong secret", chat_id=7)
        assert await fake.post_webhook(url, wrong, secret_token="nope") == 403
        missing = fake.text_message("no secret", chat_id=7)
        assert await fake.post_webhook(url, missing) == 403
        right = fake.text_message("right secret", chat_id=7)
        assert await fake.post_webhook(None, right, secret_token="s3cret") == 200
        await fake.wait_for("sendMessage", timeout=5)
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()

    assert fake.sent_texts() == ["echo: right secret"]
    assert _problems(caplog) == []  # PTB logs rejected secrets at DEBUG only


def test_api_call_is_frozen() -> None:
    call = ApiCall("getMe", {}, TOKEN, 0.0)
    with pytest.raises(AttributeError):
        call.method = "other"  # type: ignore[misc]
