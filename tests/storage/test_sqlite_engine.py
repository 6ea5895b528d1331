"""SQLite through the synchronous engine (bot/storage/sqlite_engine.py): calls run on the event
loop, but another process's lock is waited for off it, with the engine's busy timeout, and the
write then succeeds; durable and relaxed commits both reach the file; a SQLite bot does not
import SQLAlchemy's async layer."""

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
from tests.storage.child import last_json_line


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
    """The wait is bounded by the engine's busy timeout: set 0.2 s here."""
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


_OPEN_AND_USE = """
import asyncio, json, sys
from datetime import UTC, datetime
from bot.storage import Storage

async def main():
    storage = await Storage.open(sys.argv[1])
    now = datetime.now(UTC)
    await storage.touch_patient("c", 1, chat_id=1, first_name=None, language=None, now=now)
    assert (await storage.get_patient("c", 1)) is not None
    await storage.close()

asyncio.run(main())
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("aiosqlite", "sqlalchemy"))))
"""


async def test_a_sqlite_bot_does_not_import_the_async_layer_or_the_orm(tmp_path: Path) -> None:
    """``sqlalchemy.ext.asyncio`` imports the ORM's session (~7 MB held by every process);
    SQLite goes through the synchronous Core engine instead."""
    imported = set(await last_json_line(_OPEN_AND_USE, f"sqlite:///{tmp_path / 'd.db'}"))
    assert "sqlalchemy.engine" in imported  # the check sees SQLAlchemy's modules at all
    assert not {m for m in imported if m.startswith(("sqlalchemy.ext.asyncio", "sqlalchemy.orm"))}
    assert "aiosqlite" not in imported
