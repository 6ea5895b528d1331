"""What the Telegram end-to-end tests share: a fake Bot API server for each test, a new
SQLite database file for the bot it runs, and the run's PostgreSQL server (``postgres_server``:
``TEST_DATABASE_URL``, or a skip that is a failure under CI) for bots that share one."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.fakes import FakeBotApi
from tests.storage.test_storage import postgres_server  # noqa: F401 - a fixture pytest finds by name


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    """The fake Bot API on 127.0.0.1, started for the test and stopped after it."""
    async with FakeBotApi() as server:
        yield server


@pytest.fixture
def database(tmp_path: Path) -> str:
    """A database URL for the bot under test: a SQLite file no other test uses."""
    return f"sqlite:///{tmp_path}/bot.db"
