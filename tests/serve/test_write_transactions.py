"""How many write transactions one patient message costs (issue 17).

SQLite lets one writer in at a time, and every write transaction is a round through
SQLAlchemy's async layer and the writer lock: their number per message bounds the bot's
throughput. This counts them exactly (SQLAlchemy's ``begin`` event on a real SQLite file,
the real Application on the fake Bot API, the update taken in by the durable inbox), so the
count cannot silently grow back.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Connection

from bot.core.responder import Responder
from bot.serve.lifecycle import inbox_of
from bot.tg.app import BotApplication
from tests.fakes import FakeBotApi
from tests.telegram_harness import running_bot

_LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)
_TABLE = re.compile(r"^\s*(?:INSERT INTO|UPDATE|DELETE FROM)\s+(\w+)", re.IGNORECASE)


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as server:
        yield server


@contextmanager
def write_transactions(application: BotApplication) -> Iterator[list[list[str]]]:
    """Every write transaction begun meanwhile, as the tables its statements wrote."""
    storage = application.bot_data.storage
    assert storage is not None
    engine = storage._engine.sync_engine
    seen: list[list[str]] = []

    def begin(connection: Connection) -> None:
        if not connection.get_execution_options().get("aftercare_read_only", False):
            seen.append([])

    def statement(connection: Connection, cursor: Any, sql: str, *args: Any) -> None:
        match = _TABLE.match(sql)
        if match and seen and match.group(1) not in seen[-1]:
            seen[-1].append(match.group(1))

    event.listen(engine, "begin", begin)
    event.listen(engine, "before_cursor_execute", statement)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", statement)
        event.remove(engine, "begin", begin)


async def _one_message(
    fake: FakeBotApi, application: BotApplication, text: str, chat_id: int
) -> list[list[str]]:
    """The write transactions of one message, from its arrival to its update finished."""
    inbox = inbox_of(application)
    assert inbox is not None
    replies = len(fake.calls_to("sendMessage"))
    with write_transactions(application) as seen:
        fake.push_update(fake.text_message(text, chat_id=chat_id))
        await fake.wait_for("sendMessage", count=replies + 1)
        await inbox.idle()
    return seen


RECEIVED = ["inbox"]  # durable (FULL), before Telegram is told; one per batch of updates
PATIENT = ["patients"]  # a new patient, written before the core decides
REPLY_NOTED = ["events", "inbox"]  # the statistics event with the reply's note as it leaves
SEEN_AND_NOTED = ["patients", "events", "inbox"]  # a known patient seen, with the reply's note
CONFIRMED = ["inbox"]  # Telegram took the reply: its unconfirmed mark cleared (issue 16)
FINISHED = ["conversations", "inbox"]  # the memory after the reply, with the update finished


async def test_a_faq_message_takes_three_write_transactions_once_received(
    fake: FakeBotApi, responder: Responder, tmp_path: Path
) -> None:
    """Was six after the update was received (patient, step noted, event, reply noted,
    memory, finished); the statistics and the memory ride in the inbox row's writes, and so
    does a known patient's "seen now" (the core reads the patient, as the write would leave
    them). A new patient is written at once: later writes of the update need the row. Since
    session 8 every reply, not only an escalation's, is noted unconfirmed as it leaves and
    confirmed when Telegram answers, so that a kill between the two resends it (marked)
    instead of losing it: one write more per message, the price of losing no question."""
    url = f"sqlite:///{tmp_path}/bot.db"
    async with running_bot(
        fake, responder, database_url=url, inbox_lease_seconds=600, telegram_rate_limit=0
    ) as application:
        first = await _one_message(fake, application, "can i fly tomorrow?", 21)
        again = await _one_message(fake, application, "can i drink wine tonight?", 21)
        storage = application.bot_data.storage
        assert storage is not None
        stats = await storage.stats("default", since=_LONG_AGO)
        memory = await storage.load_conversation("default", 21, 21)
        patient = await storage.get_patient("default", 21)
    assert first == [RECEIVED, PATIENT, REPLY_NOTED, CONFIRMED, FINISHED]
    assert again == [RECEIVED, SEEN_AND_NOTED, CONFIRMED, FINISHED]
    assert stats.answered == 2  # both events written, once each
    assert memory.topics  # the memory after the reply was saved with the finished mark
    assert patient is not None and patient.last_seen_at > patient.first_seen_at


async def test_an_escalation_queues_its_alert_durably_in_a_transaction_of_its_own(
    fake: FakeBotApi, responder: Responder, tmp_path: Path
) -> None:
    """The staff alert is committed (FULL) before anything is sent; the escalation's reply
    is noted unconfirmed as it leaves and confirmed when Telegram answers (issue 16)."""
    url = f"sqlite:///{tmp_path}/bot.db"
    async with running_bot(
        fake, responder, database_url=url, inbox_lease_seconds=600, telegram_rate_limit=0
    ) as application:
        seen = await _one_message(fake, application, "i cant breathe and my throat is closing", 31)
    alert = ["staff_alerts"]
    assert seen == [RECEIVED, PATIENT, alert, REPLY_NOTED, CONFIRMED, FINISHED]


async def test_an_idle_bot_s_sweeps_take_no_write_transaction(
    fake: FakeBotApi, responder: Responder, tmp_path: Path
) -> None:
    """The alert courier and the check-in job sweep every ``sweep_seconds``; with nothing
    due, a sweep only reads. It used to take the writer lock (``BEGIN IMMEDIATE``, a FULL
    commit) for every sweep, so under load a sweep landing inside a message's handling
    showed up here as an empty write transaction, queued behind and ahead of the
    patients' own writes."""
    url = f"sqlite:///{tmp_path}/bot.db"
    async with running_bot(
        fake,
        responder,
        database_url=url,
        inbox_lease_seconds=600,
        telegram_rate_limit=0,
        sweep_seconds=0.02,
    ) as application:
        await _one_message(fake, application, "can i fly tomorrow?", 41)
        with write_transactions(application) as seen:
            await asyncio.sleep(1.2)  # dozens of courier sweeps, and the check-in job's first
    assert seen == []
