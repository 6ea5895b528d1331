"""The durable inbox and the scrubbing after /forget, on a real SQLite file and PostgreSQL
(the fixtures of ``test_storage.py``, through ``conftest.py``: every test runs on both)."""

from __future__ import annotations

import itertools
import json
import os
import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.storage import AlertDraft, Storage, parse_database_url
from bot.storage.engine import create_engine, sqlite_path

T0 = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
LEASE = timedelta(seconds=30)
_bots = itertools.count(int(datetime.now(UTC).timestamp()) * 1000)


@pytest.fixture
def bot_id() -> int:
    """A bot id of its own per test: the PostgreSQL database is shared by the run."""
    return next(_bots)


def update(update_id: int, text: str = "can i fly?") -> tuple[int, str]:
    return update_id, json.dumps({"update_id": update_id, "message": {"text": text}})


async def test_receiving_is_idempotent_and_claimed_by_the_receiver(
    storage: Storage, bot_id: int
) -> None:
    new = await storage.inbox.receive(bot_id, [update(1), update(2)], T0, owner="me", lease=LEASE)
    assert new == {1, 2}
    again = await storage.inbox.receive(bot_id, [update(2), update(3)], T0, owner="me", lease=LEASE)
    assert again == {3}  # Telegram delivered 2 twice: kept once
    # Everything is leased to "me": another process finds nothing to do.
    assert await storage.inbox.claim(bot_id, T0, owner="other", lease=LEASE) == []
    later = T0 + LEASE + timedelta(seconds=1)
    taken = await storage.inbox.claim(bot_id, later, owner="other", lease=LEASE)
    assert [item.update_id for item in taken] == [1, 2, 3]
    assert json.loads(taken[0].payload or "")["update_id"] == 1


async def test_a_finished_update_keeps_no_text_and_is_never_received_again(
    storage: Storage, bot_id: int
) -> None:
    await storage.inbox.receive(bot_id, [update(7, "my lips are swelling")], T0, owner="me",
                                lease=LEASE)  # fmt: skip
    await storage.inbox.record_sent(bot_id, 7, 1)
    await storage.inbox.finish(bot_id, 7, "done", T0)
    item = await storage.inbox.get(bot_id, 7)
    assert item is not None and item.status == "done" and item.payload is None and item.sent == 1
    assert await storage.inbox.receive(bot_id, [update(7)], T0, owner="me", lease=LEASE) == set()
    assert await storage.inbox.claim(bot_id, T0 + LEASE * 2, owner="x", lease=LEASE) == []
    assert await storage.inbox.counts(bot_id) == {"done": 1}


async def test_updates_of_a_dead_owner_are_released_at_once(storage: Storage, bot_id: int) -> None:
    await storage.inbox.receive(bot_id, [update(1)], T0, owner="host:111", lease=LEASE)
    await storage.inbox.receive(bot_id, [update(2)], T0, owner="host:222", lease=LEASE)
    released = await storage.inbox.release_dead(bot_id, lambda owner: owner == "host:111")
    assert released == 1
    taken = await storage.inbox.claim(bot_id, T0, owner="host:333", lease=LEASE)
    assert [item.update_id for item in taken] == [1]


async def test_renewing_keeps_the_lease_and_releasing_gives_it_back(
    storage: Storage, bot_id: int
) -> None:
    await storage.inbox.receive(bot_id, [update(1)], T0, owner="me", lease=LEASE)
    await storage.inbox.renew(bot_id, "me", T0 + LEASE * 3)
    assert await storage.inbox.claim(bot_id, T0 + LEASE * 2, owner="x", lease=LEASE) == []
    await storage.inbox.release(bot_id, "me")
    assert len(await storage.inbox.claim(bot_id, T0, owner="x", lease=LEASE)) == 1


async def test_poison_and_purge(storage: Storage, bot_id: int) -> None:
    await storage.inbox.receive(bot_id, [update(1), update(2)], T0, owner=None, lease=LEASE)
    await storage.inbox.finish(bot_id, 1, "poison", T0)
    await storage.inbox.finish(bot_id, 2, "done", T0 + timedelta(days=3))
    assert await storage.inbox.counts(bot_id) == {"poison": 1, "done": 1}
    assert await storage.inbox.purge(T0 + timedelta(days=1)) >= 1
    assert await storage.inbox.counts(bot_id) == {"done": 1}


# ---- /forget leaves no bytes behind ---------------------------------------------------------

#: New each run, so that what the search finds is this run's (PostgreSQL's cluster, and the
#: write-ahead log in it, outlive a run).
USER_ID = 7_000_000_000 + secrets.randbelow(999_999_999)
NAME = f"Zelmira-{secrets.token_hex(4)}"


def _needles() -> list[bytes]:
    """The user id as text, and as the integers SQLite (big-endian, 6 or 8 bytes) and
    PostgreSQL (little-endian, 8 bytes) write; the name as UTF-8."""
    return [
        str(USER_ID).encode(),
        USER_ID.to_bytes(6, "big"),
        USER_ID.to_bytes(8, "big"),
        USER_ID.to_bytes(8, "little"),
        NAME.encode(),
    ]


async def _database_files(url: str) -> list[Path]:
    """Every file the patient's bytes could live in: SQLite's file, log and index; on
    PostgreSQL every file under the cluster's data folder (tables, indexes, TOAST, the
    write-ahead log in ``pg_wal``, the commit log, statistics...), after a ``CHECKPOINT``
    has written the shared buffers out (skipped when the folder is not on this machine)."""
    path = sqlite_path(parse_database_url(url))
    if path is not None:
        names = (path.name, path.name + "-wal", path.name + "-shm")
        return [path.with_name(n) for n in names if path.with_name(n).exists()]
    engine = create_engine(parse_database_url(url))
    try:
        async with engine.connect() as connection:
            # Rows reach the table files at a checkpoint; until then they sit in shared memory.
            autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
            await autocommit.exec_driver_sql("CHECKPOINT")
            folder = (await autocommit.exec_driver_sql("SHOW data_directory")).scalar_one()
    finally:
        await engine.dispose()
    if not os.access(folder, os.R_OK | os.X_OK):
        pytest.skip("the PostgreSQL data folder is not readable from here")
    return _files_under(Path(folder))


def _files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and os.access(p, os.R_OK))


def _contents(path: Path) -> bytes:
    """The file's bytes; none when PostgreSQL removed it since it was listed (another
    database of the cluster created or dropped meanwhile: a file gone holds nobody)."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b""


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _in_wal(path: Path) -> bool:
    return "pg_wal" in path.parts


async def test_forget_leaves_no_bytes_of_the_patient_in_the_database_files(
    storage: Storage, database_url: str, bot_id: int
) -> None:
    """Nowhere in the database files, except PostgreSQL's write-ahead log.

    PostgreSQL writes every insert to ``pg_wal`` first, and keeps each 16 MB segment until
    checkpoints make it unnecessary; even then a segment is usually *recycled* (renamed for
    reuse, its old bytes left in place until overwritten), and archiving, replicas or
    backups keep their own copies. No SQL a bot can run erases those bytes (``CHECKPOINT``
    and ``pg_switch_wal()`` only let PostgreSQL recycle them). So the test requires nothing
    of the patient anywhere else in the cluster, and prints what ``pg_wal`` still holds:
    the README's privacy section says the same.
    """
    now = datetime.now(UTC)
    payload = json.dumps({"update_id": 1, "message": {"from": {"id": USER_ID, "first_name":
                          NAME}, "text": "my eyelid is drooping"}})  # fmt: skip
    await storage.inbox.receive(bot_id, [(1, payload)], now, owner="me", lease=LEASE)
    await storage.touch_patient("glow", USER_ID, chat_id=USER_ID, first_name=NAME,
                                language="en", now=now)  # fmt: skip
    await storage.record_event("glow", USER_ID, "escalation", level="urgent", text="droop",
                               now=now)  # fmt: skip
    await storage.queue_alert(
        AlertDraft("glow", USER_ID, USER_ID, "urgent", ("eyelid",), NAME, "eyelid droop"), now
    )
    await storage.inbox.finish(bot_id, 1, "done", now)
    files = await _database_files(database_url)
    tables = [path for path in files if not _in_wal(path)]
    assert any(NAME.encode() in _contents(path) for path in tables)  # it can see it there

    assert await storage.forget_patient("glow", USER_ID) >= 3
    assert storage.scrub_due
    assert await storage.scrub()
    assert not storage.scrub_due

    files = await _database_files(database_url)
    found = {(path, needle) for path in files for needle in _needles() if needle in _contents(path)}
    left = {(path.name, needle) for path, needle in found if not _in_wal(path)}
    in_wal = {(path.name, needle) for path, needle in found if _in_wal(path)}
    backend = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    wal = [path for path in files if _in_wal(path)]
    print(
        f"\n/forget on {backend}: {len(files) - len(wal)} database files, "
        f"{sum(_size(p) for p in files if not _in_wal(p)):,} bytes searched for the "
        f"id (text, 6/8-byte integers) and the name: {len(left)} found (the name was there "
        "before)"
        + (
            f"; pg_wal (not erasable by the bot): {len(wal)} files, "
            f"{sum(_size(p) for p in wal):,} bytes, the name in "
            f"{len({p for p, n in in_wal if n == NAME.encode()})}, the id in "
            f"{len({p for p, n in in_wal if n != NAME.encode()})}"
            if wal
            else ""
        )
    )
    assert left == set(), f"still readable after /forget: {left}"


async def test_sqlite_files_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    opened = await Storage.open(f"sqlite:///{folder}/bot.db")
    try:
        await opened.touch_patient("glow", 1, chat_id=1, first_name="A", language=None,
                                   now=datetime.now(UTC))  # fmt: skip
        modes = {p.name: p.stat().st_mode & 0o777 for p in folder.iterdir()}
    finally:
        await opened.close()
    assert folder.stat().st_mode & 0o777 == 0o700
    assert modes and all(mode == 0o600 for mode in modes.values()), modes


async def test_an_existing_world_readable_database_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    path.touch(mode=0o644)
    path.chmod(0o644)
    opened = await Storage.open(f"sqlite:///{path}")
    await opened.close()
    assert path.stat().st_mode & 0o777 == 0o600
