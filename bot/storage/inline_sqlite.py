"""SQLite for SQLAlchemy's async engine without a thread hop per call (issue 17).

aiosqlite runs every call (make a cursor, execute, fetch, close the cursor, BEGIN, COMMIT,
the pool's rollback) on its own thread and wakes the event loop with the answer: a FAQ
message made ~40 such hops, and the thread switches and the GIL handed back and forth cost
more CPU than SQLite's own work (a statement on a WAL database takes microseconds). This
connection has the same async interface (what ``sqlalchemy.dialects.sqlite.aiosqlite``
calls, handed to ``create_async_engine(async_creator=...)``) but runs the calls inline,
except the two that may wait, which still go to a worker thread so the event loop never
blocks on them:

* a commit that wrote while ``PRAGMA synchronous = FULL`` (a durable transaction: its fsync
  takes milliseconds); a NORMAL commit on a WAL database writes the log without an fsync, and
  a transaction that changed no row has nothing to write;
* anything that meets another process's lock. Inline calls run with SQLite's busy timeout
  at 0, so a locked database answers "database is locked" at once instead of sleeping on the
  event loop; the call is then made again on the worker thread with the busy timeout the
  engine asked for (a statement that failed with SQLITE_BUSY changed nothing, so repeating
  it is safe).

Durability is unchanged: the same statements, pragmas and commits reach SQLite in the same
order on one ``sqlite3`` connection; only the thread that makes each call differs.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")

_BUSY_TIMEOUT = re.compile(r"\s*PRAGMA\s+busy_timeout\s*=\s*(\d+)\s*$", re.IGNORECASE)
_SYNCHRONOUS = re.compile(r"\s*PRAGMA\s+synchronous\s*=\s*(\w+)\s*$", re.IGNORECASE)


def _locked(error: sqlite3.OperationalError) -> bool:
    return getattr(error, "sqlite_errorcode", None) in (
        sqlite3.SQLITE_BUSY,
        sqlite3.SQLITE_LOCKED,
    ) or "locked" in str(error)


class _InlineQueue:
    """What SQLAlchemy's isolation-level setter puts its call on (aiosqlite's ``_tx``): the
    call runs at once and its future is answered."""

    def put_nowait(self, item: tuple[asyncio.Future[Any], Callable[[], Any]]) -> None:
        future, function = item
        try:
            future.set_result(function())
        except Exception as error:  # handed to the awaiting caller
            future.set_exception(error)


class InlineCursor:
    """An aiosqlite-shaped cursor over a ``sqlite3.Cursor``."""

    def __init__(self, connection: InlineConnection) -> None:
        self._connection = connection
        self._cursor = connection._conn.cursor()

    async def __aenter__(self) -> InlineCursor:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value

    async def execute(self, sql: str, parameters: Any = None) -> InlineCursor:
        await self._connection._statement(sql, self._cursor, parameters)
        return self

    async def executemany(self, sql: str, parameters: Iterable[Any]) -> InlineCursor:
        rows = list(parameters)
        await self._connection._call(lambda: self._cursor.executemany(sql, rows))
        return self

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._cursor.fetchmany(size if size is not None else self._cursor.arraysize)

    async def close(self) -> None:
        self._cursor.close()


class InlineConnection:
    """An aiosqlite-shaped connection whose calls run inline (see the module docstring)."""

    def __init__(self, conn: sqlite3.Connection, busy_timeout_ms: int) -> None:
        self._conn = conn
        self._connection: sqlite3.Connection | None = conn  # SQLAlchemy checks it is open
        self._tx = _InlineQueue()
        self._worker = ThreadPoolExecutor(1, thread_name_prefix="sqlite-wait")
        self._busy_timeout_ms = busy_timeout_ms
        self._durable_commit = True  # SQLite's default synchronous mode is FULL
        self._changes_at_begin = 0
        conn.execute("PRAGMA busy_timeout = 0")

    @property
    def isolation_level(self) -> str | None:
        return self._conn.isolation_level

    async def _waiting(self, call: Callable[[], T]) -> T:
        """``call`` on the worker thread, with the busy timeout the engine asked for."""

        def patiently() -> T:
            self._conn.execute(f"PRAGMA busy_timeout = {self._busy_timeout_ms}")
            try:
                return call()
            finally:
                self._conn.execute("PRAGMA busy_timeout = 0")

        return await asyncio.get_running_loop().run_in_executor(self._worker, patiently)

    async def _call(self, call: Callable[[], T]) -> T:
        """``call`` inline; on another process's lock, again on the worker thread."""
        try:
            return call()
        except sqlite3.OperationalError as error:
            if not _locked(error) or self._busy_timeout_ms <= 0:
                raise
        return await self._waiting(call)

    async def _statement(self, sql: str, cursor: sqlite3.Cursor, parameters: Any) -> None:
        busy = _BUSY_TIMEOUT.match(sql)
        if busy is not None:  # kept for the calls that may wait; inline calls never sleep
            self._busy_timeout_ms = int(busy.group(1))
            return
        synchronous = _SYNCHRONOUS.match(sql)
        if synchronous is not None:
            self._durable_commit = synchronous.group(1).upper() in ("FULL", "EXTRA", "2", "3")
        if sql.lstrip()[:5].upper() == "BEGIN":
            self._changes_at_begin = self._conn.total_changes
        if parameters is None:
            await self._call(lambda: cursor.execute(sql))
        else:
            await self._call(lambda: cursor.execute(sql, parameters))

    def cursor(self) -> InlineCursor:
        return InlineCursor(self)

    async def execute(self, sql: str, parameters: Any = None) -> InlineCursor:
        cursor = InlineCursor(self)
        await cursor.execute(sql, parameters)
        return cursor

    async def commit(self) -> None:
        wrote = self._conn.total_changes != self._changes_at_begin
        if self._durable_commit and wrote and self._conn.in_transaction:
            # A durable commit of a write waits for the disk: off the event loop.
            await self._waiting(self._conn.commit)
        else:
            await self._call(self._conn.commit)

    async def rollback(self) -> None:
        await self._call(self._conn.rollback)

    async def create_function(self, *args: Any, **kwargs: Any) -> None:
        self._conn.create_function(*args, **kwargs)

    async def close(self) -> None:
        if self._connection is None:
            return
        self._connection = None
        try:
            self._conn.close()
        finally:
            self._worker.shutdown(wait=False)

    def stop(self) -> None:
        """Terminate (SQLAlchemy's hard close): the same as closing."""
        if self._connection is not None:
            self._connection = None
            self._conn.close()
            self._worker.shutdown(wait=False)


async def connect_inline(arguments: Sequence[Any], options: Mapping[str, Any]) -> InlineConnection:
    """Open a connection with the arguments SQLAlchemy's SQLite dialect builds for a URL."""
    timeout_s = float(options.get("timeout", 5.0))  # sqlite3's own default busy timeout
    return InlineConnection(sqlite3.connect(*arguments, **options), int(timeout_s * 1000))
