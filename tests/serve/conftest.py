"""The database a deployment under test runs on: a new SQLite file, or (with
``TEST_DATABASE_URL``) a PostgreSQL database created for the test and dropped after it.

Tests that start the real process (``tests/serve/bot_process.py``) and kill, stop and restart
it take ``deployment_database`` to run on both back ends: the inbox's claims, leases and
replay are SQL that differs between them, and a crash test on one proves nothing of the
other.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.storage.test_storage import (  # noqa: F401 - fixtures pytest finds by name
    new_database,
    postgres_server,
)

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
async def deployment_database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A database URL no run has used yet (the process migrates it as it starts)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/bot.db"
        return
    async with new_database(request.getfixturevalue("postgres_server")) as url:
        yield url
