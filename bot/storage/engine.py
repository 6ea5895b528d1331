"""Turn a plain database URL into a configured async engine: SQLite or PostgreSQL.

``sqlite:///data/aftercare.db`` and ``postgresql://user:pass@host/db`` are what people write;
this maps them to an engine (PostgreSQL: SQLAlchemy's async engine over asyncpg; SQLite: the
synchronous engine over ``sqlite3`` whose calls run inline, ``bot/storage/sqlite_engine.py``)
and sets each database up so that a returned write is a committed write:

* SQLite: WAL journal; a busy timeout so concurrent writers wait instead of failing; foreign
  keys on. Every commit survives a killed process (WAL). A *durable* write transaction (the
  default: the inbox receiving updates, a staff alert queued, a patient forgotten...) commits
  with ``synchronous=FULL``, so it survives a power cut too; the per-message bookkeeping
  (patient seen, event counted, conversation memory, reply noted, update finished) opts out
  with ``durable=False`` and commits with ``synchronous=NORMAL``: no fsync, which on a slow
  disk costs milliseconds per commit under the one writer lock (issue 17). The WAL is one
  sequence, so the next FULL commit makes every earlier NORMAL one durable with it; a power
  cut can lose only NORMAL commits made since the last FULL one (a reply may then be sent
  again, an event counted again), never an update received or an alert queued.
  Every write transaction starts with ``BEGIN IMMEDIATE``: it takes the write lock up front,
  so a claim's select-then-update cannot interleave with another process's claim.
* PostgreSQL: claims use ``SELECT ... FOR UPDATE SKIP LOCKED``, a pooled connection is
  checked before use (the server may have restarted), and parameters never appear in error
  messages (they may hold a patient's words).
"""

from __future__ import annotations

import os
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import sqlalchemy
from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError

from bot.errors import ConfigError, StorageError
from bot.storage.sqlite_engine import BUSY_TIMEOUT_KEY, SqliteConnection, SqliteEngine
from bot.storage.writer import WriterQueue

if TYPE_CHECKING:
    # Imported for PostgreSQL only: the package imports SQLAlchemy's ORM session with it.
    from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

DbEngine: TypeAlias = "AsyncEngine | SqliteEngine"
"""What ``create_engine`` returns: the async engine (PostgreSQL) or the SQLite one."""
DbConnection: TypeAlias = "AsyncConnection | SqliteConnection"
"""A connection of either engine, with the same awaited calls."""

DEFAULT_DATABASE_URL = "sqlite:///data/aftercare.db"

SQLITE_BUSY_TIMEOUT_MS = 10_000
SQLITE_WAL_LIMIT_BYTES = 1024 * 1024
_READ_ONLY = "aftercare_read_only"
_RELAXED = "aftercare_relaxed_sync"

_DRIVERS = {
    "sqlite": "sqlite+pysqlite",
    "sqlite+pysqlite": "sqlite+pysqlite",
    "sqlite+aiosqlite": "sqlite+pysqlite",
    "postgres": "postgresql+asyncpg",
    "postgresql": "postgresql+asyncpg",
    "postgresql+asyncpg": "postgresql+asyncpg",
}


def parse_database_url(url: str) -> URL:
    """The driver URL for ``url``; a ConfigError names what is wrong with it."""
    try:
        parsed = make_url(url.strip())
    except ArgumentError:
        raise ConfigError(
            "DATABASE_URL: not a database URL; expected e.g. sqlite:///data/aftercare.db "
            "or postgresql://user:password@host/database"
        ) from None
    driver = _DRIVERS.get(parsed.drivername)
    if driver is None:
        raise ConfigError(
            f"DATABASE_URL: unsupported database '{parsed.drivername}'; "
            "use sqlite:///path/to/file.db or postgresql://user:password@host/database"
        )
    parsed = parsed.set(drivername=driver)
    if parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:"):
        raise ConfigError(
            "DATABASE_URL: an in-memory SQLite database loses everything when the bot stops; "
            "give a file, e.g. sqlite:///data/aftercare.db"
        )
    return parsed


def describe_url(url: URL | str) -> str:
    """The URL with its password hidden, for logs and error messages."""
    parsed = url if isinstance(url, URL) else make_url(url)
    return parsed.render_as_string(hide_password=True)


def sqlite_path(url: URL) -> Path | None:
    """The database file of a SQLite URL (None for other databases)."""
    if url.get_backend_name() != "sqlite" or not url.database:
        return None
    database = url.database
    if database.startswith("file:"):  # a URI filename, e.g. file:data/x.db?mode=rwc
        database = database.removeprefix("file:").split("?", 1)[0]
    return Path(database)


def prepare_sqlite_file(url: URL) -> None:
    """Create the folders a SQLite file lives in, so the first run needs no set-up.

    The file holds patient data, so it is private to the bot's user: a folder created here
    is 0700, the file is created 0600 (SQLite gives its -wal and -shm files the same mode),
    and an existing file readable by others is tightened to 0600.
    """
    path = sqlite_path(url)
    if path is None:
        return
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"cannot create the folder for the database {path}: {exc}") from exc
    try:
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
        for each in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            mode = each.stat() if each.exists() else None
            if mode is not None and mode.st_mode & 0o077 and mode.st_uid == os.getuid():
                each.chmod(0o600)
    except OSError as exc:
        raise StorageError(f"cannot create the database file {path}: {exc}") from exc


def create_engine(url: URL) -> DbEngine:
    """An engine for a URL from ``parse_database_url``, configured as the module describes."""
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    from sqlalchemy.ext.asyncio import create_async_engine

    return create_async_engine(
        url,
        hide_parameters=True,
        pool_pre_ping=True,
        connect_args={"server_settings": {"application_name": "aftercare-bot"}},
    )


def _sqlite_engine(url: URL) -> SqliteEngine:
    # Synchronous, its calls run inline on the event loop (bot/storage/sqlite_engine.py); a
    # call that may wait moves to a worker thread, hence a connection usable from both.
    engine = sqlalchemy.create_engine(
        url, hide_parameters=True, connect_args={"check_same_thread": False}
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when and how a transaction begins.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            record.info["synchronous"] = "FULL"
            cursor.execute("PRAGMA foreign_keys = ON")
            # Deleted rows are overwritten with zeros, not just marked free: after /forget the
            # patient's name is not left readable in the file (Storage.scrub does the log).
            cursor.execute("PRAGMA secure_delete = ON")
            # After a checkpoint the log is cut back, so old page images (and the words in
            # them) do not linger in a large -wal file.
            cursor.execute(f"PRAGMA journal_size_limit = {SQLITE_WAL_LIMIT_BYTES}")
            # Inline calls never sleep on another process's lock: they fail at once and are
            # made again on the worker thread with the timeout kept here.
            record.info[BUSY_TIMEOUT_KEY] = SQLITE_BUSY_TIMEOUT_MS
            cursor.execute("PRAGMA busy_timeout = 0")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        options = connection.get_execution_options()
        if options.get(_READ_ONLY, False):
            connection.exec_driver_sql("BEGIN")
            return
        # The commit's sync mode, set (between transactions) only when it changes.
        wanted = "NORMAL" if options.get(_RELAXED, False) else "FULL"
        info = connection.connection.info
        if info.get("synchronous") != wanted:
            connection.exec_driver_sql(f"PRAGMA synchronous = {wanted}")
            info["synchronous"] = wanted
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return SqliteEngine(engine, url)


_sqlite_writers: weakref.WeakKeyDictionary[SqliteEngine, WriterQueue] = weakref.WeakKeyDictionary()


@asynccontextmanager
async def write_transaction(
    engine: DbEngine, *, durable: bool = True, first: bool = False
) -> AsyncIterator[DbConnection]:
    """One transaction that may write; committed before the caller's ``async with`` ends.

    ``durable=False`` (SQLite only; PostgreSQL's commits are always synchronous): the commit
    survives a killed process but not a power cut until the next durable commit (see the
    module's docstring).

    SQLite lets one writer in at a time, and a connection that finds the lock taken sleeps in
    growing steps (up to 100 ms) before it looks again: with dozens of chats handled at once
    that sleeping, not the writing, would take most of the time. So the writers of one
    process queue here (``bot.storage.writer``), in order, except that ``first`` (a reply's
    journal write) goes ahead of the writers waiting, and only other processes meet the busy
    timeout.
    """
    if not isinstance(engine, SqliteEngine):
        async with engine.begin() as connection:
            yield connection
        return
    queue = _sqlite_writers.get(engine)
    if queue is None:
        queue = _sqlite_writers[engine] = WriterQueue()
    async with queue.turn(first=first), engine.connect() as connection:
        if not durable:
            await connection.execution_options(**{_RELAXED: True})
        async with connection.begin():
            yield connection


@asynccontextmanager
async def read_transaction(engine: DbEngine) -> AsyncIterator[DbConnection]:
    """One consistent read; on SQLite it does not take the write lock."""
    if not isinstance(engine, SqliteEngine):
        async with engine.connect() as connection, connection.begin():
            yield connection
        return
    async with engine.connect() as sqlite_connection:
        await sqlite_connection.execution_options(**{_READ_ONLY: True})
        async with sqlite_connection.begin():
            yield sqlite_connection
