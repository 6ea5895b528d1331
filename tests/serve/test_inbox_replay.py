"""What a crash leaves in the inbox is replayed at start-up, without repeating a reply, and
/forget leaves the patient nowhere in the database files (issue 16).

The real Application on the fake Bot API and a real SQLite file; the crash is staged by
writing the inbox rows a killed process would have left.
"""

from __future__ import annotations

import json
import socket
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.responder import Responder
from bot.serve.inbox import bot_id_of, is_dead_here
from bot.serve.lifecycle import inbox_of
from bot.storage import Storage
from tests.fakes import FakeBotApi
from tests.fakes.bot_api import ApiCall
from tests.telegram_harness import TOKEN, running_bot

BOT_ID = int(TOKEN.split(":")[0])


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as server:
        yield server


async def _leave_behind(url: str, rows: list[tuple[dict[str, object], int, str]]) -> None:
    """Inbox rows as a process killed mid-work leaves them: (update, replies noted, owner)."""
    storage = await Storage.open(url)
    try:
        now = datetime.now(UTC)
        for update, sent, owner in rows:
            update_id = int(update["update_id"])  # type: ignore[call-overload]
            await storage.inbox.receive(
                BOT_ID, [(update_id, json.dumps(update))], now, owner=owner,
                lease=timedelta(minutes=10),
            )  # fmt: skip
            if sent:
                await storage.inbox.record_sent(BOT_ID, update_id, sent)
    finally:
        await storage.close()


async def test_unfinished_updates_are_replayed_at_start_up_and_noted_replies_not_repeated(
    fake: FakeBotApi, responder: Responder, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path}/bot.db"
    dead_here = f"{socket.gethostname()}:999999:abc"  # this machine, no such process
    elsewhere = "another-machine:4242:def"  # may still be working: its lease is respected
    updates = [
        fake.text_message("can i fly tomorrow?", chat_id=11),
        fake.text_message("i cant breathe", chat_id=12),
        fake.text_message("can i drink wine tonight?", chat_id=13),
        fake.text_message("is bruising normal?", chat_id=14),
    ]
    for number, update in enumerate(updates, start=101):
        update["update_id"] = number
    # 101: received, nothing done; 102: held by a process of this machine that died;
    # 103: its record and reply noted before the crash; 104: held by another machine.
    await _leave_behind(
        url,
        [(updates[0], 0, None), (updates[1], 0, dead_here), (updates[2], 2, None),
         (updates[3], 0, elsewhere)],
    )  # fmt: skip
    async with running_bot(fake, responder, database_url=url, inbox_lease_seconds=600,
                           telegram_rate_limit=0) as application:  # fmt: skip
        await fake.wait_for("sendMessage", lambda c: c.params["chat_id"] in (11, 12), count=2)
        inbox = inbox_of(application)
        assert inbox is not None
        await inbox.idle()
        counts = await application.bot_data.storage.inbox.counts(inbox.bot_id)
    chats = [call.params["chat_id"] for call in fake.calls_to("sendMessage")]
    assert chats.count(11) == 1 and chats.count(12) == 1
    assert 13 not in chats  # noted as sent before the crash: not sent again
    assert 14 not in chats and counts == {"done": 3, "pending": 1}


def test_an_owner_is_dead_when_its_process_is_gone_from_this_machine() -> None:
    import os
    import socket

    host = socket.gethostname()
    me = f"{host}:{os.getpid()}:aaaaaa"
    assert not is_dead_here(me, me)
    assert is_dead_here(f"{host}:{os.getpid()}:bbbbbb", me)  # this pid, an earlier life
    assert is_dead_here(f"{host}:999999:cccccc", me)  # no such process
    assert not is_dead_here(f"{host}:1:dddddd", me)  # alive (init)
    assert not is_dead_here("elsewhere:999999:eeeeee", me)  # another machine: wait


def asks_to_forget(call: ApiCall) -> bool:
    return "fg:yes" in json.dumps(call.params.get("reply_markup", ""))


async def test_forget_leaves_no_bytes_in_the_sqlite_files(
    fake: FakeBotApi, responder: Responder, tmp_path: Path
) -> None:
    patient, name = 5_551_234_567, "Wilhelmina-Oyelaran"
    url = f"sqlite:///{tmp_path}/bot.db"
    async with running_bot(fake, responder, database_url=url, staff_chat_id=-100555,
                           telegram_rate_limit=0, store_message_text=True,
                           alert_include_message_text=True) as application:  # fmt: skip
        sender = {"chat_id": patient, "first_name": name}
        fake.push_update(fake.text_message("my eyelid is drooping", **sender))  # type: ignore[arg-type]
        fake.push_update(fake.text_message("can i fly tomorrow?", **sender))  # type: ignore[arg-type]
        await fake.wait_for("sendMessage", lambda c: c.params["chat_id"] == -100555)
        fake.push_update(fake.command("forget", **sender))  # type: ignore[arg-type]
        (confirm,) = await fake.wait_for("sendMessage", asks_to_forget)
        fake.push_update(fake.callback_query("fg:yes", chat_id=patient,
                                             message_id=confirm.result["message_id"]))  # fmt: skip
        await fake.wait_for("sendMessage", lambda c: c.params["chat_id"] == patient, count=4)
        inbox = inbox_of(application)
        assert inbox is not None
        await inbox.idle()
        files = [tmp_path / f"bot.db{suffix}" for suffix in ("", "-wal", "-shm")]
        found = {
            (path.name, needle)
            for path in files
            if path.exists()
            for needle in (name.encode(), str(patient).encode(), patient.to_bytes(6, "big"),
                           patient.to_bytes(8, "big"), b"eyelid is drooping")
            if needle in path.read_bytes()
        }  # fmt: skip
    assert bot_id_of(application) == BOT_ID
    assert found == set(), f"still in the files after /forget: {found}"
