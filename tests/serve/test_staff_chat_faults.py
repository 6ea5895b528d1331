"""A staff chat that hangs or fails delays no patient (issue 16).

The real process in polling mode answers the same mix of emergencies and questions three
times: with a healthy staff chat, with one that never answers (every alert times out), and
with one that answers 500. The patients' reply latency (from the update's arrival at
Telegram to the reply reaching it) is printed as p50/p99 for each; alerts go out apart from
the patients' handlers, so the three are alike.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.fakes import FakeBotApi
from tests.serve.bot_process import BotProcess

STAFF_CHAT = -100991
PATIENTS = 20


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as server:
        yield server


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


async def latencies(fake: FakeBotApi, first_chat: int) -> list[float]:
    """Push PATIENTS messages (every other one an emergency); seconds until each reply."""
    chats = range(first_chat, first_chat + PATIENTS)
    pushed: dict[int, float] = {}
    for n, chat in enumerate(chats):
        text = "my throat is swelling" if n % 2 == 0 else "can i go to the gym tonight?"
        pushed[chat] = time.monotonic()
        fake.push_update(fake.text_message(text, chat_id=chat))
    replies = await fake.wait_for(
        "sendMessage", lambda c: c.params["chat_id"] in pushed, count=PATIENTS, timeout=120
    )
    return [call.at - pushed[call.params["chat_id"]] for call in replies]


@pytest.mark.timeout(600)
async def test_patients_keep_their_latency_when_the_staff_chat_hangs_or_fails(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    bot = BotProcess(fake, tmp_path, "polling", STAFF_CHAT_ID=str(STAFF_CHAT), SWEEP_SECONDS="1")
    figures: dict[str, list[float]] = {}
    try:
        await bot.start()
        await bot.ready()
        await latencies(fake, 80_000)  # warm up: first answers build caches
        figures["healthy staff chat"] = await latencies(fake, 81_000)
        fake.delay_next("sendMessage", 60, times=10_000, chat_id=STAFF_CHAT)
        figures["staff chat hanging"] = await latencies(fake, 82_000)
        fake.clear_faults()
        fake.fail_next("sendMessage", status=500, times=10_000, chat_id=STAFF_CHAT)
        figures["staff chat failing (500)"] = await latencies(fake, 83_000)
        fake.clear_faults()
        code = await bot.stop()
    finally:
        await bot.close()
    print()
    for name, values in figures.items():
        print(
            f"patients' reply latency, {name}: p50 {percentile(values, 0.5) * 1000:.0f} ms, "
            f"p99 {percentile(values, 0.99) * 1000:.0f} ms ({len(values)} patients)"
        )
    healthy = percentile(figures["healthy staff chat"], 0.99)
    for name in ("staff chat hanging", "staff chat failing (500)"):
        assert percentile(figures[name], 0.99) < healthy + 2.0, name
    assert code == 0
