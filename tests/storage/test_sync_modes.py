"""SQLite commits: durable writes with ``synchronous=FULL`` (survive a power cut), per-message
bookkeeping with ``NORMAL`` (survives a crash; no fsync), on the same pooled connection."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.storage import ANSWERED, Storage
from bot.storage.engine import create_engine, parse_database_url, write_transaction

FULL, NORMAL = 2, 1


async def _mode(engine_url: str, *, durable: bool) -> int:
    engine = create_engine(parse_database_url(engine_url))
    try:
        modes = []
        for each in (durable, not durable, durable):  # switching back and forth on one connection
            async with write_transaction(engine, durable=each) as connection:
                modes.append((await connection.exec_driver_sql("PRAGMA synchronous")).scalar_one())
        assert modes[0] == modes[2] != modes[1]
        return int(modes[0])
    finally:
        await engine.dispose()


async def test_durable_writes_sync_fully_and_bookkeeping_does_not(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    storage = await Storage.open(url)
    await storage.close()
    assert await _mode(url, durable=True) == FULL
    assert await _mode(url, durable=False) == NORMAL


async def test_relaxed_commits_are_still_committed(tmp_path: Path) -> None:
    """A NORMAL commit is visible to a new connection (it is in the WAL; only a power cut
    before the next FULL commit could lose it)."""
    url = f"sqlite:///{tmp_path / 'b.db'}"
    now = datetime(2026, 12, 2, tzinfo=UTC)
    storage = await Storage.open(url)
    try:
        await storage.record_event("c", 7, ANSWERED, topic="gym", now=now)
    finally:
        await storage.close()
    again = await Storage.open(url)
    try:
        stats = await again.stats("c", since=now.replace(year=2025))
    finally:
        await again.close()
    assert stats.answered == 1
