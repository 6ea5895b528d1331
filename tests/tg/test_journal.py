"""The journal's mark-before-send protocol (issue 16), through the real ``JournaledRequest``
against the fake Bot API, with the marks on a real SQLite inbox row.

A reply is written down before the request leaves, so a run cut short at any later moment
(here: cancelled while Telegram holds the answer, as a SIGKILL would find it) leaves it
noted, and the replay does not send it again. The mark is taken back only when the reply
certainly did not arrive: Telegram refused it, or no connection was made.

An escalation (sent inside ``must_arrive``) must never be lost: it is also marked
unconfirmed until Telegram answers, and a replay that finds the mark sends it again, told
to say it may be a repeat. That covers the one gap left: a kill after the note is committed
and before the body is written.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from telegram import Bot
from telegram.error import NetworkError, TelegramError

from bot.storage import Storage
from bot.storage.inbox import KEEP, Keep
from bot.tg.journal import (
    CURRENT,
    Journal,
    JournaledRequest,
    _leaving_here,
    before_reading,
    must_arrive,
    once,
)
from tests.fakes import FakeBotApi
from tests.telegram_harness import TOKEN

BOT_ID = int(TOKEN.split(":")[0])
UPDATE_ID = 500
CHAT = 4242


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as server:
        yield server


@pytest.fixture
async def storage(tmp_path: Path) -> AsyncIterator[Storage]:
    opened = await Storage.open(f"sqlite:///{tmp_path}/bot.db")
    await opened.inbox.receive(BOT_ID, [(UPDATE_ID, "{}")], datetime.now(UTC), owner="me",
                               lease=timedelta(seconds=30))  # fmt: skip
    yield opened
    await opened.close()


@contextlib.asynccontextmanager
async def bot_at(base_url: str) -> AsyncIterator[Bot]:
    request = JournaledRequest(connect_timeout=2.0, read_timeout=5.0)
    bot = Bot(TOKEN, base_url=base_url, request=request)
    async with bot:
        yield bot


async def run_update(storage: Storage, bot: Bot, texts: list[str], done_before: int) -> Journal:
    """One run of an update's handler: send ``texts`` in order under its journal."""
    journal = Journal(storage.inbox, BOT_ID, UPDATE_ID, done_before=done_before)
    token = CURRENT.set(journal)
    try:
        for text in texts:
            await bot.send_message(CHAT, text)
    finally:
        CURRENT.reset(token)
    return journal


async def noted(storage: Storage) -> int:
    item = await storage.inbox.get(BOT_ID, UPDATE_ID)
    assert item is not None
    return item.sent


async def test_a_reply_sent_but_not_confirmed_when_the_run_dies_is_not_repeated(
    fake: FakeBotApi, storage: Storage
) -> None:
    """Telegram delivers at once but answers 3 s later; the run dies meanwhile."""
    fake.delay_next("sendMessage", 3.0)
    async with bot_at(fake.base_url) as bot:
        run = asyncio.create_task(run_update(storage, bot, ["first", "second"], 0))
        await fake.wait_for("sendMessage", count=1, timeout=10)
        run.cancel()  # the process is killed while the request is in flight
        with contextlib.suppress(asyncio.CancelledError, TelegramError):
            await run
        assert await noted(storage) == 1  # written down before it left
        # The replay starts from the first step not noted: "second", never "first" again.
        journal = await run_update(storage, bot, ["first", "second"], await noted(storage))
    assert fake.sent_texts(CHAT) == ["first", "second"]
    assert journal.noted == 2 and await noted(storage) == 2


async def test_a_reply_still_waiting_for_a_connection_when_the_run_dies_is_sent_by_the_replay(
    fake: FakeBotApi, storage: Storage
) -> None:
    """The note is taken as the request leaves, not before: a reply queued behind another
    (one connection, busy for 3 s) was never written down, so the replay sends it."""
    other = UPDATE_ID + 1
    await storage.inbox.receive(BOT_ID, [(other, "{}")], datetime.now(UTC), owner="me",
                                lease=timedelta(seconds=30))  # fmt: skip
    fake.delay_next("sendMessage", 3.0)
    request = JournaledRequest(connection_pool_size=1, pool_timeout=10.0, read_timeout=10.0)
    async with Bot(TOKEN, base_url=fake.base_url, request=request) as bot:
        busy = asyncio.create_task(run_update(storage, bot, ["first"], 0))
        await fake.wait_for("sendMessage", count=1, timeout=10)
        journal = Journal(storage.inbox, BOT_ID, other)
        token = CURRENT.set(journal)
        try:
            queued = asyncio.create_task(bot.send_message(CHAT, "queued"))
        finally:
            CURRENT.reset(token)
        await asyncio.sleep(0.5)  # waiting for the only connection
        queued.cancel()  # the process dies
        with contextlib.suppress(asyncio.CancelledError, TelegramError):
            await queued
        item = await storage.inbox.get(BOT_ID, other)
        assert item is not None and item.sent == 0  # it never left: not written down
        await busy
        replay = Journal(storage.inbox, BOT_ID, other, done_before=item.sent)
        token = CURRENT.set(replay)
        try:
            await bot.send_message(CHAT, "queued")
        finally:
            CURRENT.reset(token)
    assert fake.sent_texts(CHAT) == ["first", "queued"]  # each exactly once


async def test_a_replay_skips_every_noted_step_and_hands_the_handler_a_message(
    fake: FakeBotApi, storage: Storage
) -> None:
    async with bot_at(fake.base_url) as bot:
        journal = Journal(storage.inbox, BOT_ID, UPDATE_ID, done_before=1)
        token = CURRENT.set(journal)
        try:
            skipped = await bot.send_message(CHAT, "already sent")
            sent = await bot.send_message(CHAT, "not yet")
        finally:
            CURRENT.reset(token)
    assert skipped.chat.id == CHAT  # a stand-in Message: the handler carries on
    assert sent.message_id != skipped.message_id
    assert fake.sent_texts(CHAT) == ["not yet"]
    assert await noted(storage) == 2


async def test_a_reply_telegram_refused_is_taken_back_and_sent_by_the_next_run(
    fake: FakeBotApi, storage: Storage
) -> None:
    fake.fail_next("sendMessage", status=500)
    async with bot_at(fake.base_url) as bot:
        with pytest.raises(NetworkError):
            await run_update(storage, bot, ["hello"], 0)
        assert await noted(storage) == 0  # certainly not delivered
        await run_update(storage, bot, ["hello"], await noted(storage))
    assert fake.sent_texts(CHAT) == ["hello"]
    assert len(fake.attempts_to("sendMessage")) == 1  # the refused one, then one delivery


async def test_no_connection_means_not_sent(storage: Storage) -> None:
    """A refused connection never reached Telegram: the mark is taken back."""
    async with FakeBotApi() as gone:
        base_url = gone.base_url  # a port nothing listens on once it stops
    request = JournaledRequest(connect_timeout=2.0)
    bot = Bot(TOKEN, base_url=base_url, request=request)  # not initialised: no getMe first
    try:
        with pytest.raises(NetworkError) as raised:
            await run_update(storage, bot, ["hello"], 0)
    finally:
        await request.shutdown()
    assert isinstance(raised.value.__cause__, httpx.ConnectError)
    assert await noted(storage) == 0


async def test_a_connection_dropped_after_the_request_left_counts_as_sent(
    fake: FakeBotApi, storage: Storage
) -> None:
    """The request reached the server, which hung up without an answer: it may have acted,
    so it stays noted and is not sent again (a patient never gets an emergency reply twice)."""
    fake.drop_next("sendMessage")
    async with bot_at(fake.base_url) as bot:
        with pytest.raises(NetworkError):
            await run_update(storage, bot, ["hello"], 0)
    assert await noted(storage) == 1


async def test_once_runs_a_step_a_single_time_across_runs(storage: Storage) -> None:
    done: list[str] = []

    async def record() -> str:
        done.append("stats")
        return "ok"

    for run in range(3):
        journal = Journal(storage.inbox, BOT_ID, UPDATE_ID, done_before=await noted(storage))
        token = CURRENT.set(journal)
        try:
            result = await once(record)
        finally:
            CURRENT.reset(token)
        assert result == ("ok" if run == 0 else None)
    assert done == ["stats"]


async def run_escalation(storage: Storage, bot: Bot, text: str) -> bool:
    """One run of an update whose one step is an escalation reply, resuming from the row as
    the inbox would; returns whether the handler was told it is a possible repeat."""
    item = await storage.inbox.get(BOT_ID, UPDATE_ID)
    assert item is not None
    journal = Journal(storage.inbox, BOT_ID, UPDATE_ID, done_before=item.sent,
                      unconfirmed_before=item.unconfirmed)  # fmt: skip
    token = CURRENT.set(journal)
    try:
        with must_arrive() as repeat:
            await bot.send_message(CHAT, f"{text} (repeat)" if repeat else text)
    finally:
        CURRENT.reset(token)
    return repeat


async def marks(storage: Storage) -> tuple[int, int | None]:
    item = await storage.inbox.get(BOT_ID, UPDATE_ID)
    assert item is not None
    return item.sent, item.unconfirmed


async def test_an_escalation_whose_body_left_is_not_repeated_when_the_run_dies_awaiting_the_answer(
    fake: FakeBotApi, storage: Storage
) -> None:
    """Telegram has the escalation but its answer never comes; the run dies meanwhile. The
    body was written in full, so Telegram has it: the mark is gone and no repeat is sent."""
    fake.delay_next("sendMessage", 3.0)
    async with bot_at(fake.base_url) as bot:
        run = asyncio.create_task(run_escalation(storage, bot, "call 999"))
        await fake.wait_for("sendMessage", count=1, timeout=10)
        for _ in range(100):  # the mark goes as soon as the body is written, not at the answer
            if await marks(storage) == (1, None):
                break
            await asyncio.sleep(0.05)
        assert not run.done()  # Telegram's answer is still 3 s away
        run.cancel()
        with contextlib.suppress(asyncio.CancelledError, TelegramError):
            await run
        assert await marks(storage) == (1, None)  # noted as leaving, body written: confirmed
        assert await run_escalation(storage, bot, "call 999") is False  # the replay skips it
    assert fake.sent_texts(CHAT) == ["call 999"]


async def test_an_escalation_telegram_answered_is_not_sent_again(
    fake: FakeBotApi, storage: Storage
) -> None:
    async with bot_at(fake.base_url) as bot:
        assert await run_escalation(storage, bot, "call 999") is False
        assert await marks(storage) == (1, None)
        assert await run_escalation(storage, bot, "call 999") is False
    assert fake.sent_texts(CHAT) == ["call 999"]


def die_after_the_note(monkeypatch: pytest.MonkeyPatch, storage: Storage) -> None:
    """The process is killed the instant a reply's note is committed, before its body is
    written: the one gap a journal written as the request leaves has."""
    record = storage.inbox.record_sent

    async def record_then_die(
        bot_id: int,
        update_id: int,
        sent: int,
        *,
        unconfirmed: int | Keep | None = KEEP,
        also: Sequence[sa.Executable] = (),
    ) -> None:
        await record(bot_id, update_id, sent, unconfirmed=unconfirmed, also=also)
        raise asyncio.CancelledError  # SIGKILL: nothing after this line runs

    monkeypatch.setattr(storage.inbox, "record_sent", record_then_die)


async def test_an_escalation_killed_between_its_note_and_its_body_is_sent_by_the_replay(
    fake: FakeBotApi, storage: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with bot_at(fake.base_url) as bot:
        with monkeypatch.context() as patch:
            die_after_the_note(patch, storage)
            with pytest.raises(asyncio.CancelledError):
                await run_escalation(storage, bot, "call 999")
        assert fake.attempts_to("sendMessage") == []  # the body never left
        assert await marks(storage) == (1, 0)
        assert await run_escalation(storage, bot, "call 999") is True
    assert fake.sent_texts(CHAT) == ["call 999 (repeat)"]  # delivered once, said it may repeat


async def test_a_call_outside_must_arrive_killed_between_its_note_and_its_body_is_not_repeated(
    fake: FakeBotApi, storage: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other side of the rule: a journaled send made outside ``must_arrive`` is never
    repeated, so a kill in that instant loses it (no unconfirmed mark is written for it).
    No handler sends so since session 9: ``bot.tg.send`` sends every reply inside it."""
    async with bot_at(fake.base_url) as bot:
        with monkeypatch.context() as patch:
            die_after_the_note(patch, storage)
            with pytest.raises(asyncio.CancelledError):
                await run_update(storage, bot, ["hello"], 0)
        assert await marks(storage) == (1, None)
        await run_update(storage, bot, ["hello"], await noted(storage))
    assert fake.attempts_to("sendMessage") == []


async def test_a_buttons_answer_and_edit_are_made_again_by_the_replay_and_count_as_done(
    fake: FakeBotApi, storage: Storage
) -> None:
    """A button's answer and an edit are not noted as they leave (Telegram does not act on
    them twice), so no kill can lose them: a run cut off after them leaves nothing noted,
    and the replay makes them again. The edit Telegram now calls "not modified" counts as
    done, not as an error, and the reply after it goes out once."""
    async with bot_at(fake.base_url) as bot:
        menu = await bot.send_message(CHAT, "menu")  # sent earlier: the message the button is on

        async def press(done_before: int, *, cut_off: bool = False) -> None:
            journal = Journal(storage.inbox, BOT_ID, UPDATE_ID, done_before=done_before)
            token = CURRENT.set(journal)
            try:
                await bot.answer_callback_query("7")
                await bot.edit_message_text("subjects", chat_id=CHAT, message_id=menu.message_id)
                if not cut_off:
                    await bot.send_message(CHAT, "reply")
            finally:
                CURRENT.reset(token)

        await press(0, cut_off=True)  # SIGKILL after the edit, before the reply
        assert await noted(storage) == 0
        await press(await noted(storage))
        assert await noted(storage) == 3
        await press(await noted(storage))  # a later replay: every step skipped
    assert fake.sent_texts(CHAT) == ["menu", "subjects", "reply"]
    assert len(fake.calls_to("answerCallbackQuery")) == 2
    assert len(fake.attempts_to("editMessageText")) == 1  # the replay's "not modified"


async def test_an_escalation_telegram_refused_loses_its_mark_and_is_sent_plainly(
    fake: FakeBotApi, storage: Storage
) -> None:
    """Refused means certainly not delivered: the next run sends it, not as a repeat."""
    fake.fail_next("sendMessage", status=500)
    async with bot_at(fake.base_url) as bot:
        with pytest.raises(NetworkError):
            await run_escalation(storage, bot, "call 999")
        assert await marks(storage) == (0, None)
        assert await run_escalation(storage, bot, "call 999") is False
    assert fake.sent_texts(CHAT) == ["call 999"]


async def test_reading_waits_while_a_reply_is_between_its_note_and_its_body(
    fake: FakeBotApi, storage: Storage
) -> None:
    """``before_reading`` holds a message's CPU-heavy reading back while a reply sits noted
    but unsent (on PostgreSQL that wait is what widened the gap), returns at once when none
    does, and every send, delivered, refused or cut off, leaves the count at zero."""
    leaving = _leaving_here()
    leaving.enter()
    reader = asyncio.create_task(before_reading())
    await asyncio.sleep(0.05)
    assert not reader.done()  # a reply is in the gap: the reading waits
    leaving.leave()
    await asyncio.wait_for(reader, timeout=1)
    fake.fail_next("sendMessage", status=500)  # refused: taken back
    fake.delay_next("sendMessage", 3.0)  # cut off while Telegram holds the answer
    async with bot_at(fake.base_url) as bot:
        with contextlib.suppress(NetworkError):
            await run_update(storage, bot, ["refused"], 0)
        run = asyncio.create_task(run_update(storage, bot, ["held", "never"], 0))
        await fake.wait_for("sendMessage", count=1, timeout=10)
        run.cancel()
        with contextlib.suppress(asyncio.CancelledError, TelegramError):
            await run
        await run_update(storage, bot, ["held", "delivered"], await noted(storage))
    assert leaving.count == 0 and leaving.none.is_set()
    assert fake.sent_texts(CHAT) == ["held", "delivered"]
