"""SQLite through the inline connection (bot/storage/inline_sqlite.py): calls run on the event
loop, but another process's lock is waited for off it, with the engine's busy timeout, and the
write then succeeds; durable and relaxed commits both reach the file."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.storage import Storage
from bot.storage.engine import (
    create_engine,
    parse_database_url,
    read_transaction,
    write_transaction,
)


def _hold_write_lock(path: Path, seconds: float, taken: threading.Event) -> None:
    """Another writer (as another process would be): BEGIN IMMEDIATE, hold, commit."""
    plain = sqlite3.connect(path, isolation_level=None)
    try:
        plain.execute("BEGIN IMMEDIATE")
        plain.execute("INSERT INTO t VALUES ('other')")
        taken.set()
        time.sleep(seconds)
        plain.execute("COMMIT")
    finally:
        plain.close()


async def _ticks_while(awaitable: object, ticks: list[float]) -> None:
    async def tick() -> None:
        while True:
            ticks.append(time.monotonic())
            await asyncio.sleep(0.01)

    ticker = asyncio.create_task(tick())
    try:
        await awaitable  # type: ignore[misc]
    finally:
        ticker.cancel()


@pytest.mark.parametrize("durable", [True, False])
async def test_a_writer_waits_for_another_process_lock_without_blocking_the_loop(
    tmp_path: Path, durable: bool
) -> None:
    path = tmp_path / "a.db"
    engine = create_engine(parse_database_url(f"sqlite:///{path}"))
    try:
        async with write_transaction(engine) as connection:
            await connection.execute(text("CREATE TABLE t (x TEXT)"))
        taken = threading.Event()
        holder = threading.Thread(target=_hold_write_lock, args=(path, 0.5, taken))
        holder.start()
        assert taken.wait(5)

        async def write() -> None:
            async with write_transaction(engine, durable=durable) as connection:
                await connection.execute(text("INSERT INTO t VALUES ('mine')"))

        started = time.monotonic()
        ticks: list[float] = []
        await _ticks_while(write(), ticks)
        waited = time.monotonic() - started
        holder.join()
        async with read_transaction(engine) as connection:
            rows = (await connection.execute(text("SELECT x FROM t ORDER BY rowid"))).all()
    finally:
        await engine.dispose()
    assert [row[0] for row in rows] == ["other", "mine"]  # waited, then wrote after it
    assert waited >= 0.3
    # The event loop ran other work all along (it was never asleep in SQLite's busy handler).
    assert len(ticks) >= 10


async def test_a_lock_held_past_the_busy_timeout_fails_as_before(tmp_path: Path) -> None:
    """The wait is bounded by the engine's busy timeout, as with aiosqlite: set 0.2 s here."""
    path = tmp_path / "b.db"
    engine = create_engine(parse_database_url(f"sqlite:///{path}"))
    try:
        async with write_transaction(engine) as connection:
            await connection.execute(text("CREATE TABLE t (x TEXT)"))
            await connection.exec_driver_sql("PRAGMA busy_timeout = 200")
        taken = threading.Event()
        holder = threading.Thread(target=_hold_write_lock, args=(path, 1.5, taken))
        holder.start()
        assert taken.wait(5)
        started = time.monotonic()
        with pytest.raises(Exception, match="locked"):
            async with write_transaction(engine) as connection:
                await connection.execute(text("INSERT INTO t VALUES ('mine')"))
        failed_after = time.monotonic() - started
        holder.join()
    finally:
        await engine.dispose()
    assert 0.15 <= failed_after < 1.4


async def test_durable_and_relaxed_commits_reach_the_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    storage = await Storage.open(url)
    await storage.close()
    engine = create_engine(parse_database_url(url))
    try:
        async with write_transaction(engine) as connection:
            await connection.execute(text("CREATE TABLE t (x TEXT)"))
        for durable in (True, False, True):
            async with write_transaction(engine, durable=durable) as connection:
                await connection.execute(text("INSERT INTO t VALUES (:x)"), {"x": str(durable)})
        async with read_transaction(engine) as connection:  # reads commit without writing
            assert (await connection.execute(text("SELECT count(*) FROM t"))).scalar_one() == 3
    finally:
        await engine.dispose()
    with sqlite3.connect(tmp_path / "c.db") as plain:
        assert [r[0] for r in plain.execute("SELECT x FROM t")] == ["True", "False", "True"]
