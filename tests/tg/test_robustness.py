"""The running bot against odd input and faults: the real Application, the durable inbox and
the courier, on the fake Bot API and a real SQLite file (issue 16).

Forged buttons, a lone surrogate in a name, a private message without a sender, an update
python-telegram-bot cannot read, a reply Telegram keeps refusing, a flood of new users, and
what the log says about all of it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

import pytest

from bot.core.responder import Responder
from bot.serve.inbox import UpdateInbox
from bot.serve.lifecycle import inbox_of
from bot.tg import send
from bot.tg.app import HANDLED_UPDATES, BotApplication
from bot.tg.late import late_notice
from bot.tg.outcomes import pseudonym
from tests.fakes import FakeBotApi
from tests.fakes.bot_api import ApiCall
from tests.telegram_harness import TOKEN, running_bot, to_chat

STAFF_CHAT = -100777
FAST: dict[str, Any] = {
    "staff_chat_id": STAFF_CHAT,
    "sweep_seconds": 0.3,
    "alert_lease_seconds": 1,
    "alert_retry_seconds": 0.2,
    "telegram_rate_limit": 0,
}


def to_staff(call: ApiCall) -> bool:
    return call.params.get("chat_id") == STAFF_CHAT


async def settled(application: BotApplication) -> None:
    """Wait until the inbox has nothing left to do."""
    inbox = inbox_of(application)
    assert inbox is not None
    async with asyncio.timeout(10):
        await inbox.idle()


FORGED = ["ci:1", "ci:", "ci:1:maybe", "tr:abc", "tr:99999999999", "tr:-1", "", "fg:maybe",
          "ta:<b>", "f:nope", "h:1:nope", "t:nope", "a:nope",
          "ci:99999999999999999999:ok"]  # fmt: skip


async def test_forged_button_data_never_raises(
    fake: FakeBotApi, responder: Responder, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    async with running_bot(fake, responder, **FAST) as application:
        for data in FORGED:
            fake.push_update(fake.callback_query(data, chat_id=31, message_id=1))
        # Empty data matches no button handler (Telegram never sends it); the rest are answered.
        await fake.wait_for("answerCallbackQuery", count=len(FORGED) - 1, timeout=20)
        await settled(application)
    assert "error while handling an update" not in caplog.text
    # None of them gets the "something went wrong" apology, which is for real failures.
    error_reply = responder.renderer.error()[:40]
    assert not any(error_reply in text for text in fake.sent_texts(31))


async def test_a_lone_surrogate_in_a_name_still_escalates_and_alerts(
    fake: FakeBotApi, responder: Responder
) -> None:
    async with running_bot(fake, responder, **FAST):
        fake.push_update(
            fake.text_message("i cant breathe", chat_id=41, first_name="Ana\ud800Maria")
        )
        (reply,) = await fake.wait_for("sendMessage", to_chat(41))
        (alert,) = await fake.wait_for("sendMessage", to_staff)
    assert "Call 999 now" in reply.params["text"]
    assert "EMERGENCY" in alert.params["text"] and "Ana\ufffdMaria" in alert.params["text"]


async def test_a_private_message_without_a_sender_still_alerts_the_staff(
    fake: FakeBotApi, responder: Responder
) -> None:
    update = fake.text_message("my throat is closing up", chat_id=43, first_name="Lu")
    del update["message"]["from"]  # optional in the Bot API
    async with running_bot(fake, responder, **FAST):
        fake.push_update(update)
        (reply,) = await fake.wait_for("sendMessage", to_chat(43))
        (alert,) = await fake.wait_for("sendMessage", to_staff)
    assert "Call 999 now" in reply.params["text"]
    assert "tg://user?id=43" in alert.params["text"]


async def test_an_unreadable_update_is_set_aside_and_everyone_else_answered(
    fake: FakeBotApi, responder: Responder, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    poison = fake.poll_message("my secret poll question", ["a", "b"], chat_id=50)
    for option in poison["message"]["poll"]["options"]:
        del option["persistent_id"]  # what python-telegram-bot 22.8 requires
    async with running_bot(fake, responder, **FAST) as application:
        fake.push_update(fake.text_message("can i fly tomorrow?", chat_id=51))
        fake.push_update(poison)
        fake.push_update(fake.text_message("i cant swallow", chat_id=52))
        await fake.wait_for("sendMessage", to_chat(51))
        await fake.wait_for("sendMessage", to_chat(52))
        await settled(application)
        inbox = inbox_of(application)
        assert inbox is not None and inbox.poison == 1
        counts = await application.bot_data.storage.inbox.counts(inbox.bot_id)
    assert counts == {"done": 2, "poison": 1}
    assert not fake.pending_updates  # confirmed to Telegram: never fetched again
    assert "secret poll question" not in caplog.text
    assert sum("set aside as poison" in r.getMessage() for r in caplog.records) == 1


async def test_only_the_kinds_of_update_the_bot_handles_are_asked_for(
    fake: FakeBotApi, responder: Responder
) -> None:
    """Every getUpdates names the three kinds the handlers read, so Telegram never hands the
    bot a poll's state, a member change or a channel post (the kinds the fault run used to
    make python-telegram-bot fail, issue 16 item 1); such updates pending at Telegram are
    never fetched and never reach the inbox."""
    poll_state = fake.poll_message("a poll's new state", ["a", "b"], chat_id=55)["message"]["poll"]
    foreign = [
        {"poll": poll_state},
        {"my_chat_member": {"chat": {"id": 56, "type": "private"}, "date": 0}},
        {"channel_post": {"message_id": 1, "date": 0, "chat": {"id": -57, "type": "channel"},
                          "text": "a channel's post"}},
    ]  # fmt: skip
    async with running_bot(fake, responder, **FAST) as application:
        for update in foreign:
            fake.push_update(update)
        fake.push_update(fake.text_message("can i fly tomorrow?", chat_id=58))
        await fake.wait_for("sendMessage", to_chat(58))
        await settled(application)
        inbox = inbox_of(application)
        assert inbox is not None
        counts = await application.bot_data.storage.inbox.counts(inbox.bot_id)
    asked = {json.dumps(c.params.get("allowed_updates")) for c in fake.calls_to("getUpdates")}
    assert set(HANDLED_UPDATES) == {"message", "edited_message", "callback_query"}
    assert asked == {json.dumps(list(HANDLED_UPDATES))}
    assert counts == {"done": 1}  # only the text message was ever received
    assert not fake.pending_updates  # the rest were passed over by the offset, unread


async def test_a_reply_telegram_refuses_for_a_while_is_delivered_once_later(
    fake: FakeBotApi, responder: Responder
) -> None:
    """500 on every send to one chat for longer than the handler's own retries: the inbox
    tries the update again later; meanwhile another chat is answered at once."""
    fake.fail_next("sendMessage", status=500, times=6, chat_id=61)
    async with running_bot(fake, responder, **FAST) as application:
        fake.push_update(fake.text_message("can i drink wine tonight?", chat_id=61))
        await asyncio.sleep(0.2)
        started = time.monotonic()
        fake.push_update(fake.text_message("can i fly tomorrow?", chat_id=62))
        await fake.wait_for("sendMessage", to_chat(62))
        other_chat = time.monotonic() - started
        await fake.wait_for("sendMessage", to_chat(61), timeout=20)
        await settled(application)
        stats = await application.bot_data.storage.stats("default", application_start())
    assert other_chat < 2.0, f"the other chat waited {other_chat:.1f}s"
    assert len([c for c in fake.calls_to("sendMessage") if to_chat(61)(c)]) == 1
    assert stats.answered == 2  # the retried update was counted once


def application_start() -> Any:
    from datetime import UTC, datetime, timedelta

    return datetime.now(UTC) - timedelta(hours=1)


def written_ago(update: dict[str, Any], minutes: float) -> dict[str, Any]:
    """``update`` as if its patient had written it ``minutes`` ago (Telegram's ``date``): the
    inbox counts an update's age from there, so this is the state ``minutes`` into an outage."""
    update["message"]["date"] = int(time.time() - minutes * 60)
    return update


def quick_tries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tries of a failing update a few milliseconds apart instead of seconds to a minute: the
    same number of tries as an outage of the message's age, in a few seconds of test."""
    monkeypatch.setitem(UpdateInbox.__init__.__kwdefaults__, "retry_cap", 0.05)
    monkeypatch.setattr(send, "ANSWER_POLICY", send.RetryPolicy(attempts=4, first_delay=0.01))
    monkeypatch.setattr(send, "ESCALATION_POLICY", send.RetryPolicy(attempts=5, first_delay=0.01))


async def test_a_question_outlives_a_half_hour_outage_and_is_answered_late_once(
    fake: FakeBotApi, responder: Responder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Telegram refuses every reply to two patients who wrote 30 minutes ago, 60 times each
    (15 tries of 4 attempts; before session 8 an ordinary update was given up after 6 tries,
    about two minutes), then recovers: each is answered once, saying the answer is late."""
    quick_tries(monkeypatch)
    asking, urgent = 75, 76
    fake.fail_next("sendMessage", status=500, times=60, chat_id=asking)
    fake.fail_next("sendMessage", status=502, times=60, chat_id=urgent)
    async with running_bot(fake, responder, **FAST) as application:
        fake.push_update(written_ago(fake.text_message("can i fly tomorrow?", chat_id=asking), 30))
        fake.push_update(written_ago(fake.text_message("i cant breathe", chat_id=urgent), 30))
        await fake.wait_for("sendMessage", to_chat(asking), timeout=60)
        await fake.wait_for("sendMessage", to_chat(urgent), timeout=60)
        await settled(application)
        inbox = inbox_of(application)
        assert inbox is not None
        counts = await application.bot_data.storage.inbox.counts(inbox.bot_id)
    tried = {chat: len([c for c in fake.attempts_to("sendMessage") if to_chat(chat)(c)])
             for chat in (asking, urgent)}  # fmt: skip
    answer, escalation = fake.sent_texts(asking), fake.sent_texts(urgent)
    print(
        f"\n30 min into an outage, then back: sends refused {tried}; question answered "
        f"{len(answer)}x, emergency {len(escalation)}x, both marked late; inbox {counts}"
    )
    assert tried == {asking: 60, urgent: 60}  # every refusal used, then one delivery each
    assert len(answer) == 1 and late_notice("en") in answer[0]
    assert len(escalation) == 1 and late_notice("en") in escalation[0]
    assert escalation[0].index("999") < escalation[0].index(late_notice("en"))
    assert counts == {"done": 2}


async def test_past_its_patience_a_question_is_given_up_and_an_emergency_never(
    fake: FakeBotApi, responder: Responder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bound: a question older than the inbox's patience (an hour) whose reply Telegram
    still refuses is given up, so an outage cannot grow the inbox without limit; an
    emergency of the same age is tried until it arrives."""
    quick_tries(monkeypatch)
    asking, urgent = 74, 73
    fake.fail_next("sendMessage", status=500, times=1_000, chat_id=asking)
    fake.fail_next("sendMessage", status=500, times=40, chat_id=urgent)
    async with running_bot(fake, responder, **FAST) as application:
        fake.push_update(written_ago(fake.text_message("my throat is closing up", chat_id=urgent),
                                     61))  # fmt: skip
        fake.push_update(written_ago(fake.text_message("can i fly tomorrow?", chat_id=asking), 61))
        (reply,) = await fake.wait_for("sendMessage", to_chat(urgent), timeout=40)
        await settled(application)
        inbox = inbox_of(application)
        assert inbox is not None
        counts = await application.bot_data.storage.inbox.counts(inbox.bot_id)
        fake.clear_faults()
    tried = len([c for c in fake.attempts_to("sendMessage") if to_chat(asking)(c)])
    assert "Call 999 now" in reply.params["text"]
    assert len(fake.sent_texts(urgent)) == 1
    assert fake.sent_texts(asking) == [] and counts == {"done": 1, "failed": 1}
    assert tried == 4  # one try: it was already past its patience


async def test_a_failed_reply_does_not_hold_back_its_alert(
    fake: FakeBotApi, responder: Responder
) -> None:
    fake.fail_next("sendMessage", status=500, times=1_000, chat_id=71)
    async with running_bot(fake, responder, **FAST):
        started = time.monotonic()
        fake.push_update(fake.text_message("i cant breathe", chat_id=71))
        (alert,) = await fake.wait_for("sendMessage", to_staff, timeout=10)
        waited = time.monotonic() - started
        fake.clear_faults()
    assert "EMERGENCY" in alert.params["text"]
    assert waited < 3.0, f"the alert waited {waited:.1f}s for the patient's failed reply"


async def test_emergencies_are_answered_first_under_load(
    fake: FakeBotApi, responder: Responder
) -> None:
    fake.delay_next("sendMessage", 0.2, times=200)  # a slow Telegram: the queue builds up
    async with running_bot(fake, responder, inbox_concurrency=2, **FAST):
        for chat in range(1000, 1030):
            fake.push_update(fake.text_message("can i go to the gym tonight?", chat_id=chat))
        fake.push_update(fake.text_message("my tongue is swelling", chat_id=2000))
        replies = await fake.wait_for("sendMessage", lambda c: c.params["chat_id"] > 0, count=31,
                                      timeout=30)  # fmt: skip
    order = [call.params["chat_id"] for call in replies]
    assert order.index(2000) < 6, f"the emergency was answered {order.index(2000) + 1}th"


async def test_memory_for_users_is_freed(fake: FakeBotApi, responder: Responder) -> None:
    async with running_bot(fake, responder, **FAST) as application:
        for user in range(3000, 3400):
            fake.push_update(fake.text_message("hello", chat_id=user))
        await fake.wait_for("sendMessage", count=400, timeout=60)
        await settled(application)
        assert len(application.user_data) == 0
        assert len(application.chat_data) == 0
        inbox = inbox_of(application)
        assert inbox is not None and not inbox._lanes and not inbox._busy
        flood = application.bot_data.flood
        flood.check(1, time.monotonic() + 3600)  # an hour later: the idle are forgotten
        assert len(flood) == 1


async def test_a_502_is_one_log_line_not_a_traceback(
    fake: FakeBotApi, responder: Responder, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    fake.fail_next("sendMessage", status=502, times=2, chat_id=81)
    fake.fail_next("getUpdates", status=502, times=2)
    async with running_bot(fake, responder, **FAST):
        fake.push_update(fake.text_message("can i fly tomorrow?", chat_id=81))
        await fake.wait_for("sendMessage", to_chat(81), timeout=20)
    ours = [r for r in caplog.records if r.name.startswith("bot.")]
    assert any("502" in r.getMessage() or "NetworkError" in r.getMessage() for r in ours)
    assert all(r.exc_info is None and "\n" not in r.getMessage() for r in ours if r.levelno
               >= logging.WARNING)  # fmt: skip
    assert "Traceback" not in caplog.text


async def test_the_log_names_nobody_beside_their_health(
    fake: FakeBotApi, responder: Responder, caplog: pytest.LogCaptureFixture
) -> None:
    """At INFO: kinds, levels, topics and a pseudonym; no chat or user id, no red flags.
    At DEBUG the flags appear, and the libraries that print SQL parameters or update bodies
    (SQLAlchemy, python-telegram-bot, httpx) still say nothing."""
    patient = 987_654_321
    caplog.set_level(logging.INFO)
    async with running_bot(fake, responder, **FAST):
        fake.push_update(fake.text_message("my eyelid is drooping", chat_id=patient,
                                           first_name="Philippa"))  # fmt: skip
        await fake.wait_for("sendMessage", to_staff)
    info = caplog.text
    assert "kind=escalation" in info
    assert f"who={pseudonym(TOKEN, patient)}" in info  # the patient's lines can be followed
    assert str(patient) not in info and "Philippa" not in info
    assert "flags=" not in info and "eyelid" not in info

    caplog.clear()
    caplog.set_level(logging.DEBUG)
    async with running_bot(fake, responder, **FAST):
        fake.push_update(fake.text_message("my eyelid is drooping again", chat_id=patient,
                                           first_name="Philippa"))  # fmt: skip
        await fake.wait_for("sendMessage", to_staff, count=2)
    debug = caplog.text
    assert "flags=" in debug
    assert "Philippa" not in debug and "drooping again" not in debug
    libraries = {r.name.split(".")[0] for r in caplog.records if r.levelno < logging.WARNING}
    assert not libraries & {"sqlalchemy", "telegram", "httpx", "httpcore"}


async def test_one_chat_keeps_its_order_while_other_chats_go_on(
    fake: FakeBotApi, responder: Responder
) -> None:
    """Chat 91's first reply takes Telegram 1.5 s: its next messages wait for it (one chat,
    strictly in order), while chat 92 is answered meanwhile (chats concurrently)."""
    fake.delay_next("sendMessage", 1.5, chat_id=91)
    async with running_bot(fake, responder, **FAST) as application:
        for text in [
            "can i fly tomorrow?",
            "can i drink wine tonight?",
            "when will i see results?",
        ]:
            fake.push_update(fake.text_message(text, chat_id=91))
        fake.push_update(fake.text_message("is bruising normal?", chat_id=92))
        await fake.wait_for("sendMessage", to_chat(91), count=3, timeout=30)
        await settled(application)
    replies = [call for call in fake.calls_to("sendMessage") if to_chat(91)(call)]
    (other,) = [call for call in fake.calls_to("sendMessage") if to_chat(92)(call)]
    first_answered = replies[0].at + 1.5
    assert all(call.at >= first_answered - 0.05 for call in replies[1:]), [
        round(call.at - replies[0].at, 2) for call in replies
    ]
    assert other.at < first_answered, "chat 92 waited for chat 91's slow reply"


async def test_an_update_whose_lease_lapsed_in_its_own_hands_is_not_run_twice(
    fake: FakeBotApi, responder: Responder
) -> None:
    """A loop starved for longer than the inbox's lease (load average 16, session 8) lets the
    lease of updates it still holds lapse; the next refill claims them again. They must not be
    admitted a second time (that sent 88 of 120 emergencies twice, unmarked, in a SIGKILL
    run). Here the lease is shorter than the housekeeping's renewal, so it always lapses."""
    fake.delay_next("sendMessage", 1.5, times=10)  # replies held while refills run
    async with running_bot(fake, responder, inbox_lease_seconds=0.05, **FAST) as application:
        for chat in range(5100, 5110):
            fake.push_update(fake.text_message("can i fly tomorrow?", chat_id=chat))
        await fake.wait_for("sendMessage", lambda c: 5100 <= c.params["chat_id"] < 5110,
                            count=10, timeout=30)  # fmt: skip
        await settled(application)
        await asyncio.sleep(1.0)  # a second run would have replied by now
    copies = [len(fake.sent_texts(chat)) for chat in range(5100, 5110)]
    assert copies == [1] * 10, copies
