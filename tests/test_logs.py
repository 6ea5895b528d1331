"""What the log may say about a patient (issue 16, item 7): libraries that print statement
parameters or update bodies stay at WARNING unless ``LOG_LIBRARIES=true`` asks for them, and
the one name a reply's log line carries is a keyed pseudonym, not the chat id.

The running bot's log itself is checked at INFO and DEBUG in
``tests/tg/test_robustness.py::test_the_log_names_nobody_beside_their_health``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator

import pytest

from bot.config import load_settings
from bot.logs import TALKATIVE, quiet_libraries
from bot.tg.outcomes import pseudonym


@pytest.fixture
def saved_levels() -> Iterator[None]:
    levels = {name: logging.getLogger(name).level for name in (*TALKATIVE, "apscheduler")}
    yield
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


@pytest.mark.usefixtures("saved_levels")
def test_talkative_libraries_stay_at_warning_unless_explicitly_asked() -> None:
    assert {"sqlalchemy", "asyncpg", "telegram", "httpx", "httpcore"} <= set(TALKATIVE)
    quiet_libraries()
    for name in TALKATIVE:
        assert logging.getLogger(name).getEffectiveLevel() >= logging.WARNING, name
        assert not logging.getLogger(f"{name}.child").isEnabledFor(logging.INFO), name
    quiet_libraries(explicit=True)  # LOG_LIBRARIES=true: they follow the root's level
    for name in TALKATIVE:
        assert logging.getLogger(name).level == logging.NOTSET, name


def test_log_libraries_is_off_unless_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LOG_LIBRARIES", raising=False)
    assert load_settings(None).log_libraries is False
    monkeypatch.setenv("LOG_LIBRARIES", "true")
    assert load_settings(None).log_libraries is True


def test_the_pseudonym_follows_one_patient_and_names_nobody() -> None:
    token, chat = "123456:secret-token", 987_654_321
    name = pseudonym(token, chat)
    assert name == pseudonym(token, chat)  # one patient's lines can be followed
    assert name != pseudonym(token, chat + 1)
    assert name != pseudonym("654321:another-token", chat)  # keyed: no table of ids maps it
    assert str(chat) not in name and "secret" not in name and len(name) == 10


@pytest.mark.usefixtures("saved_levels")
async def test_a_job_cancelled_by_the_job_queue_stopping_logs_no_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A real APScheduler (python-telegram-bot's job queue runs on it) stopped while a
    coroutine job is running: its executor cancels the job and, before the filter, logged
    "Error running job" at ERROR with a CancelledError traceback. A job that fails for real
    is still logged."""
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    quiet_libraries()
    started = asyncio.Event()

    async def sweep() -> None:
        started.set()
        await asyncio.sleep(60)

    async def broken() -> None:
        raise RuntimeError("a real failure")

    caplog.set_level(logging.ERROR)
    scheduler = AsyncIOScheduler()
    scheduler.add_job(sweep)
    scheduler.add_job(broken)
    scheduler.start()
    await asyncio.wait_for(started.wait(), timeout=10)
    await asyncio.sleep(0.1)  # the broken job has run and been reported
    scheduler.shutdown(wait=False)
    await asyncio.sleep(0.1)  # the cancelled job's callback runs
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.exc_info[1].__class__ for r in errors if r.exc_info] == [RuntimeError], [
        r.getMessage() for r in errors
    ]
