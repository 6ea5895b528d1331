"""The patient journey end to end: treatment date, day-aware answers, check-ins, forgetting."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from bot.core.responder import Responder
from bot.storage import PlannedCheckin, Storage
from bot.storage.engine import create_engine, parse_database_url
from bot.storage.schema import metadata
from tests.fakes import FakeBotApi
from tests.telegram_harness import running_bot

FAST = {"sweep_seconds": 0.3, "telegram_rate_limit": 0, "quiet_hours": ""}


def texts_to(fake: FakeBotApi, chat_id: int) -> list[str]:
    return [
        c.params.get("text", "")
        for c in fake.calls_to("sendMessage")
        if c.params["chat_id"] == chat_id
    ]


async def test_a_deep_link_records_the_date_and_answers_use_it(
    fake: FakeBotApi, responder: Responder, database: str
) -> None:
    two_days_ago = (datetime.now(UTC) - timedelta(days=2)).date().isoformat()
    async with running_bot(fake, responder, database_url=database, **FAST):
        fake.push_update(fake.command("start", f"treated-{two_days_ago}", chat_id=5, user_id=5))
        await fake.wait_for("sendMessage", lambda c: "noted your treatment" in c.params["text"])
        fake.push_update(fake.text_message("can i go to the gym tonight?", chat_id=5, user_id=5))
        answer = await fake.wait_for("sendMessage", lambda c: "24 hours" in c.params["text"])
    assert "generally fine now" in answer[0].params["text"]
    storage = await Storage.open(database)
    try:
        patient = await storage.get_patient("default", 5)
    finally:
        await storage.close()
    assert patient is not None and patient.treated_on.isoformat() == two_days_ago


async def test_treated_buttons_record_date_and_area_and_plan_checkins(
    fake: FakeBotApi, responder: Responder, database: str
) -> None:
    async with running_bot(fake, responder, database_url=database, **FAST):
        fake.push_update(fake.command("treated", chat_id=6, user_id=6))
        (ask,) = await fake.wait_for("sendMessage")
        datas = [
            b["callback_data"] for row in ask.params["reply_markup"]["inline_keyboard"] for b in row
        ]
        assert datas == ["tr:0", "tr:1", "tr:2", "tr:3", "tr:pick"]
        fake.push_update(fake.callback_query("tr:0", chat_id=6, user_id=6))
        await fake.wait_for("sendMessage", lambda c: "Which area" in c.params["text"])
        fake.push_update(fake.callback_query("ta:forehead", chat_id=6, user_id=6))
        (saved,) = await fake.wait_for(
            "sendMessage", lambda c: "noted your treatment" in c.params["text"]
        )
        fake.push_update(fake.text_message("can i go to the gym tonight?", chat_id=6, user_id=6))
        (answer,) = await fake.wait_for("sendMessage", lambda c: "For you:" in c.params["text"])
    assert "(forehead)" in saved.params["text"] and "days 1, 3, 14" in saved.params["text"]
    assert "not yet" in answer.params["text"]
    storage = await Storage.open(database)
    try:
        checkins = await storage.patient_checkins("default", 6)
    finally:
        await storage.close()
    assert [c.kind for c in checkins] == ["day1", "day3", "day14"]


async def test_a_typed_date_is_read_but_a_red_flag_never_is(
    fake: FakeBotApi, responder: Responder, database: str
) -> None:
    async with running_bot(fake, responder, database_url=database, **FAST):
        fake.push_update(fake.callback_query("tr:pick", chat_id=8, user_id=8))
        await fake.wait_for("sendMessage", lambda c: "type the date" in c.params["text"])
        fake.push_update(fake.text_message("i cant breathe", chat_id=8, user_id=8))
        await fake.wait_for("sendMessage", lambda c: "Call 999 now" in c.params["text"])
        yesterday = (datetime.now(UTC) - timedelta(days=1)).strftime("%d/%m/%Y")
        fake.push_update(fake.text_message(yesterday, chat_id=8, user_id=8))
        await fake.wait_for("sendMessage", lambda c: "Which area" in c.params["text"])


async def schedule_due(database: str, user_id: int, minutes_ago: int = 1) -> None:
    storage = await Storage.open(database)
    try:
        await storage.touch_patient(
            "default",
            user_id,
            chat_id=user_id,
            first_name="P",
            language=None,
            now=datetime.now(UTC),
        )
        due = datetime.now(UTC) - timedelta(minutes=minutes_ago)
        await storage.schedule_checkins("default", user_id, user_id, [PlannedCheckin("day3", due)])
    finally:
        await storage.close()


async def test_a_due_checkin_is_sent_once_and_its_answer_recorded(
    fake: FakeBotApi, responder: Responder, database: str
) -> None:
    await schedule_due(database, 21)
    async with running_bot(fake, responder, database_url=database, **FAST):
        (checkin,) = await fake.wait_for("sendMessage", lambda c: c.params["chat_id"] == 21)
        buttons = checkin.params["reply_markup"]["inline_keyboard"]
        ok = buttons[0][0]["callback_data"]
        fake.push_update(fake.callback_query(ok, chat_id=21, user_id=21))
        await fake.wait_for("sendMessage", lambda c: "Glad to hear" in c.params["text"])
        forged = ok.replace(":ok", ":wrong")
        fake.push_update(fake.callback_query(forged, chat_id=99, user_id=99))  # someone else
        await asyncio.sleep(1)
    assert "How are you getting on?" in checkin.params["text"]
    assert len([t for t in texts_to(fake, 21) if "How are you getting on" in t]) == 1
    storage = await Storage.open(database)
    try:
        (stored,) = await storage.patient_checkins("default", 21)
    finally:
        await storage.close()
    assert stored.status == "sent" and stored.response == "ok"


async def test_checkins_survive_a_restart_without_loss_or_duplicates(
    fake: FakeBotApi, responder: Responder, database: str
) -> None:
    await schedule_due(database, 22)
    async with running_bot(fake, responder, database_url=database, **FAST):
        await fake.wait_for("sendMessage", lambda c: c.params["chat_id"] == 22)
    await schedule_due(database, 23, minutes_ago=90)  # fell due while the bot was down
    async with running_bot(fake, responder, database_url=database, **FAST):
        await fake.wait_for("sendMessage", lambda c: c.params["chat_id"] == 23)
        await asyncio.sleep(1)
    assert len(texts_to(fake, 22)) == 1
    assert len(texts_to(fake, 23)) == 1


async def test_stop_checkins_cancels_them(
    fake: FakeBotApi, responder: Responder, database: str
) -> None:
    await schedule_due(database, 24, minutes_ago=-60)  # due in an hour
    async with running_bot(fake, responder, database_url=database, **FAST):
        fake.push_update(fake.command("stop_checkins", chat_id=24, user_id=24))
        await fake.wait_for("sendMessage", lambda c: "won't send any more" in c.params["text"])
    storage = await Storage.open(database)
    try:
        checkins = await storage.patient_checkins("default", 24)
        patient = await storage.get_patient("default", 24)
    finally:
        await storage.close()
    assert all(c.status == "cancelled" for c in checkins)
    assert patient is not None and not patient.checkins_enabled


async def count_rows_for(database: str, user_id: int) -> int:
    engine = create_engine(parse_database_url(database))
    total = 0
    try:
        async with engine.connect() as connection:
            for table in metadata.sorted_tables:
                if "user_id" in table.c:
                    query = sa.select(sa.func.count()).select_from(table)
                    result = await connection.execute(query.where(table.c.user_id == user_id))
                    total += int(result.scalar_one())
    finally:
        await engine.dispose()
    return total


async def test_forget_leaves_no_row_behind(
    fake: FakeBotApi, responder: Responder, database: str
) -> None:
    async with running_bot(fake, responder, database_url=database, staff_chat_id=-1, **FAST):
        for text in (
            "can i drink wine tonight",
            "my eyelid is drooping",
            "what is the capital of peru",
        ):
            fake.push_update(fake.text_message(text, chat_id=30, user_id=30))
        await fake.wait_for("sendMessage", lambda c: c.params["chat_id"] == 30, count=3)
        fake.push_update(fake.callback_query("h:1:alcohol", chat_id=30, user_id=30))
        fake.push_update(fake.callback_query("tr:2", chat_id=30, user_id=30))
        await fake.wait_for("sendMessage", lambda c: "Which area" in c.params["text"])
        fake.push_update(fake.callback_query("ta:jaw", chat_id=30, user_id=30))
        await fake.wait_for("sendMessage", lambda c: "noted your treatment" in c.params["text"])
        assert await count_rows_for(database, 30) >= 8
        fake.push_update(fake.command("forget", chat_id=30, user_id=30))
        await fake.wait_for("sendMessage", lambda c: "cannot be undone" in c.params["text"])
        fake.push_update(fake.callback_query("fg:yes", chat_id=30, user_id=30))
        await fake.wait_for("sendMessage", lambda c: "has been deleted" in c.params["text"])
    assert await count_rows_for(database, 30) == 0


@pytest.mark.postgres
async def test_two_bots_on_one_postgres_database_send_each_checkin_once(
    responder: Responder, postgres_server: str
) -> None:
    url = postgres_server
    users = list(range(7001, 7021))
    storage = await Storage.open(url)
    try:
        for user in users:
            await storage.forget_patient("default", user)
            await storage.touch_patient(
                "default", user, chat_id=user, first_name="P", language=None, now=datetime.now(UTC)
            )
            await storage.schedule_checkins(
                "default",
                user,
                user,
                [PlannedCheckin("day1", datetime.now(UTC) - timedelta(minutes=1))],
            )
    finally:
        await storage.close()
    async with FakeBotApi() as fake:
        settings = {**FAST, "sweep_seconds": 0.1, "database_url": url}
        async with (
            running_bot(fake, responder, **settings),
            running_bot(fake, responder, **settings),
        ):
            await fake.wait_for(
                "sendMessage", lambda c: c.params["chat_id"] in users, count=len(users), timeout=30
            )
            await asyncio.sleep(1.5)
        sent = [
            c.params["chat_id"]
            for c in fake.calls_to("sendMessage")
            if c.params["chat_id"] in users
        ]
    assert sorted(sent) == users
