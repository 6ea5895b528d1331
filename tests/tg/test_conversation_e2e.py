"""Conversations over Telegram, end to end: the real Application against the fake Bot API,
the conversation's memory in a real database (SQLite, and PostgreSQL shared by two bots)."""

from __future__ import annotations

import asyncio
import html
import itertools
import re
import time
from pathlib import Path

import pytest

from bot.core.clock import ClinicClock
from bot.core.conversation import Conversation, Privacy
from bot.core.responder import Responder
from bot.storage import Storage
from bot.storage.chats import local_chats
from bot.tg.callbacks import Feedback, ShowAnswer, decode
from tests.fakes import FakeBotApi
from tests.fakes.bot_api import ApiCall
from tests.telegram_harness import running_bot, to_chat

STAFF_CHAT = -100900800
CLARIFYING = [
    "the face thing",
    "can i do it",
    "what about after",
    "the thing on my face",
    "is it ok to do that",
    "what about heat",
    "how about the other thing",
]
UPDATE_IDS = itertools.count(int(time.time()) % 400_000 * 4)  # the fake counts up to it
FAST = {"sweep_seconds": 0.3, "telegram_rate_limit": 0, "staff_chat_id": STAFF_CHAT}


def plain(call: ApiCall) -> str:
    """What the patient reads: the HTML a reply was sent as, without tags or escapes."""
    return html.unescape(re.sub(r"</?b>", "", str(call.params.get("text", ""))))


async def say(fake: FakeBotApi, chat_id: int, text: str) -> ApiCall:
    """Send ``text`` as the patient and wait for the bot's next message to them."""
    before = len([c for c in fake.calls_to("sendMessage") if c.params["chat_id"] == chat_id])
    update = fake.text_message(text, chat_id=chat_id, user_id=chat_id)
    # Update ids of their own: a shared PostgreSQL database remembers updates it has handled.
    update["update_id"] = next(UPDATE_IDS)
    fake.push_update(update)
    calls = await fake.wait_for("sendMessage", to_chat(chat_id), count=before + 1, timeout=20)
    return calls[-1]


async def test_a_follow_up_is_answered_in_context(
    fake: FakeBotApi, responder: Responder, database: str
) -> None:
    async with running_bot(fake, responder, database_url=database, **FAST):
        await say(fake, 11, "can i go to the gym today?")
        follow = await say(fake, 11, "and tomorrow?")
        why = await say(fake, 11, "why?")
    assert "24 hours" in plain(follow)  # the exercise answer again, for tomorrow
    assert "24 hours" in plain(why)


async def test_a_clarify_option_is_picked_by_typing_its_number(
    fake: FakeBotApi, responder: Responder, database: str
) -> None:
    async with running_bot(fake, responder, database_url=database, **FAST):
        chat = 1200
        for chat, candidate in enumerate(CLARIFYING, start=1200):  # a new chat for each
            prompt = await say(fake, chat, candidate)
            rows = prompt.params.get("reply_markup", {}).get("inline_keyboard", [])
            offered = [decode(row[0]["callback_data"]) for row in rows]
            options = [o.entry_id for o in offered if isinstance(o, ShowAnswer)]
            if "2. " in plain(prompt) and len(options) >= 2:
                break
        assert len(options) >= 2, plain(prompt)
        assert "2. " in plain(prompt)
        picked = await say(fake, chat, "2")
    # The answer to the second option, with its own feedback buttons.
    first_button = picked.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    feedback = decode(first_button)
    assert isinstance(feedback, Feedback) and feedback.entry_id == options[1]


async def test_after_a_red_flag_follow_ups_get_the_advice_and_the_staff_one_alert(
    fake: FakeBotApi, responder: Responder, database: str
) -> None:
    async with running_bot(fake, responder, database_url=database, **FAST):
        first = await say(fake, 13, "my face feels tight and im a bit wheezy")
        normal = await say(fake, 13, "is that normal?")
        gym = await say(fake, 13, "ok but can i still go to the gym later?")
        await asyncio.sleep(1.0)  # the courier would have sent a second alert by now
    assert plain(first).startswith("Call 999 now.")
    for reply in (normal, gym):
        assert reply.params["text"].startswith("<b>Please call 999 now.</b>")
        assert "24 hours" not in plain(reply)  # never the gym answer
    alerts = fake.calls_to("sendMessage")
    assert len([c for c in alerts if c.params["chat_id"] == STAFF_CHAT]) == 1


async def test_a_worsening_raises_a_second_alert(
    fake: FakeBotApi, responder: Responder, database: str
) -> None:
    async with running_bot(fake, responder, database_url=database, **FAST):
        await say(fake, 14, "my eyelid is drooping")
        await fake.wait_for("sendMessage", to_chat(STAFF_CHAT), timeout=10)
        worse = await say(fake, 14, "and now i find it hard to swallow")
        await fake.wait_for("sendMessage", to_chat(STAFF_CHAT), count=2, timeout=10)
    assert "999" in plain(worse).split("\n")[0]


async def test_several_questions_get_one_reply_with_each_answer(
    fake: FakeBotApi, responder: Responder, database: str
) -> None:
    text = "can i work out tomorrow and also drink wine tonight? and when can i wear makeup"
    async with running_bot(fake, responder, database_url=database, **FAST):
        reply = await say(fake, 15, text)
    shown = plain(reply)
    titles = [responder.knowledge.entry(e).title for e in ("exercise_gym", "alcohol")]
    makeup = responder.knowledge.entry("makeup_skincare_washing").title
    positions = [shown.index(title) for title in [*titles, makeup]]
    assert positions == sorted(positions)  # in the order asked


async def test_today_says_what_time_it_assumes(
    fake: FakeBotApi, responder: Responder, database: str
) -> None:
    async with running_bot(fake, responder, database_url=database, **FAST):
        fake.push_update(fake.command("treated", chat_id=16, user_id=16))
        await fake.wait_for("sendMessage", to_chat(16))
        fake.push_update(fake.callback_query("tr:0", chat_id=16, user_id=16))
        assumed = await fake.wait_for(
            "sendMessage", lambda c: "assumed" in str(c.params.get("text")), timeout=10
        )
    assert "today" in plain(assumed[0])


async def test_the_memory_survives_a_restart(
    fake: FakeBotApi, responder: Responder, database: str
) -> None:
    async with running_bot(fake, responder, database_url=database, **FAST):
        await say(fake, 17, "i have a bruise on my forehead")
    async with running_bot(fake, responder, database_url=database, **FAST):
        follow = await say(fake, 17, "how long for?")
    assert responder.knowledge.entry("bruising").answer.split(".")[0] in plain(follow)


@pytest.mark.postgres
async def test_two_bots_on_one_postgres_database_share_the_conversation(
    responder: Responder, postgres_server: str
) -> None:
    url = postgres_server
    settings = {**FAST, "database_url": url}
    chat = 7301
    storage = await Storage.open(url)  # the run's database outlives runs: start afresh
    try:
        await storage.forget_patient("default", chat)
    finally:
        await storage.close()
    async with FakeBotApi() as first_api, FakeBotApi() as second_api:
        async with running_bot(first_api, responder, **settings):
            red_flag = await say(first_api, chat, "since the botox i cant swallow properly")
            await first_api.wait_for("sendMessage", to_chat(STAFF_CHAT), timeout=10)
        async with running_bot(second_api, responder, **settings):
            again = await say(second_api, chat, "can I wait till morning?")
            await asyncio.sleep(1.0)
        assert plain(red_flag).startswith("Call 999 now.")
        assert again.params["text"].startswith("<b>Please call 999 now.</b>")
        # The second bot saw the first one's escalation, so it alerted nobody again.
        assert not second_api.calls_to("sendMessage") or all(
            c.params["chat_id"] != STAFF_CHAT for c in second_api.calls_to("sendMessage")
        )


DIALOGUE = [
    "can i go to the gym today?",
    "and tomorrow?",
    "what about wine?",
    "i look frozen like a waxwork, how long till it wears off",
    "my eyelid is drooping",
    "is that normal?",
]


async def test_the_batch_chat_mode_gives_the_same_replies_as_telegram(
    fake: FakeBotApi, responder: Responder, database: str, tmp_path: Path
) -> None:
    """``ask --json --chats`` runs ``LocalChats``: the same core and the same storage road as
    the handlers. Fed the same dialogue, it says exactly what the patient read on Telegram."""
    async with running_bot(fake, responder, database_url=database, **FAST):
        telegram = [plain(await say(fake, 42, text)) for text in DIALOGUE]
    clinic = responder.knowledge.clinic
    conversation = Conversation(responder, ClinicClock.for_clinic(clinic), Privacy())
    batch = []
    async with local_chats(conversation, f"sqlite:///{tmp_path}/batch.db") as chats:
        for text in DIALOGUE:
            outcome = await chats.say("42", text)
            batch.extend(reply.text for reply in outcome.replies)
    assert batch == telegram
