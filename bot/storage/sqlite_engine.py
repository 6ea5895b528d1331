"""SQLite through SQLAlchemy's synchronous engine, behind the async calls the storage makes.

Why not SQLAlchemy's async engine for SQLite (issue 17): ``sqlalchemy.ext.asyncio`` imports
the ORM's session with it (51 modules, ~7.3 MB held by every bot process), and every call goes
through a greenlet switch and, with aiosqlite, a thread. A statement on a WAL database takes
microseconds, so here the calls run inline on the event loop, on a plain ``sqlite3``
connection, except the two that may wait, which go to a worker thread so the event loop never
blocks on them:

* the commit of a transaction that wrote while ``PRAGMA synchronous = FULL`` (a durable
  transaction: its fsync takes milliseconds); a NORMAL commit on a WAL database writes the log
  without an fsync, and a transaction that changed no row has nothing to write;
* a statement or ``BEGIN`` that meets another process's lock. Inline calls run with SQLite's
  busy timeout at 0, so a locked database answers "database is locked" at once instead of
  sleeping on the event loop; the call is then made again on the worker thread with the busy
  timeout the engine asked for (a statement that failed with SQLITE_BUSY changed nothing, so
  repeating it is safe; a failed ``BEGIN`` left no transaction).

The statements, pragmas and commits reach SQLite in the same order as through the async
engine: durability is unchanged (``bot/storage/engine.py`` says which guarantee holds). Only
the methods the storage calls are offered (``connect``, ``begin``, ``execute``,
``exec_driver_sql``, ``execution_options``, ``run_sync``, ``dispose``); PostgreSQL keeps
SQLAlchemy's async engine and asyncpg.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from collections.abc import AsyncIterator, Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any, Concatenate, ParamSpec, TypeVar, TypeVarTuple, overload

from sqlalchemy import Connection, Engine
from sqlalchemy.engine import URL, CursorResult, Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.base import Executable
from sqlalchemy.sql.selectable import TypedReturnsRows

T = TypeVar("T")
P = ParamSpec("P")
Ts = TypeVarTuple("Ts")

BUSY_TIMEOUT_KEY = "aftercare_busy_timeout_ms"
"""Where a pooled connection keeps the busy timeout the engine asked for (its ``info``)."""

_BUSY_TIMEOUT = re.compile(r"\s*PRAGMA\s+busy_timeout\s*=\s*(\d+)\s*$", re.IGNORECASE)


def locked(error: BaseException) -> bool:
    """Whether ``error`` (SQLAlchemy's wrapper or sqlite3's own) is another connection's lock."""
    original = error.orig if isinstance(error, DBAPIError) else error
    if not isinstance(original, sqlite3.OperationalError):
        return False
    code = getattr(original, "sqlite_errorcode", None)
    return code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in str(original)


class SqliteEngine:
    """A synchronous SQLAlchemy engine for SQLite, used from async code (module docstring)."""

    def __init__(self, engine: Engine, url: URL) -> None:
        self.sync_engine = engine
        self.url = url
        self._worker: ThreadPoolExecutor | None = None

    @property
    def dialect(self) -> Dialect:
        return self.sync_engine.dialect

    async def wait(self, call: Callable[[], T]) -> T:
        """``call`` on the worker thread; if this task is cancelled meanwhile, the call still
        finishes before the cancellation goes on (the connection is not closed under it)."""
        if self._worker is None:
            self._worker = ThreadPoolExecutor(1, thread_name_prefix="sqlite-wait")
        future = asyncio.get_running_loop().run_in_executor(self._worker, call)
        try:
            return await asyncio.shield(future)
        except asyncio.CancelledError:
            await asyncio.wait([future])
            raise

    @asynccontextmanager
    async def connect(self) -> AsyncIterator[SqliteConnection]:
        """A pooled connection, given back (rolled back if a transaction was left) on exit."""
        connection = SqliteConnection(self, self.sync_engine.connect())
        try:
            yield connection
        finally:
            connection.sync_connection.close()

    @asynccontextmanager
    async def begin(self) -> AsyncIterator[SqliteConnection]:
        """A connection in a transaction, committed when the block ends without an error."""
        async with self.connect() as connection, connection.begin():
            yield connection

    async def dispose(self) -> None:
        """Close the pooled connections and the worker thread (both come back if used again)."""
        self.sync_engine.dispose()
        if self._worker is not None:
            self._worker.shutdown(wait=True)
            self._worker = None


class SqliteConnection:
    """One pooled connection; its calls run inline, or wait on the engine's worker thread."""

    def __init__(self, engine: SqliteEngine, connection: Connection) -> None:
        self._engine = engine
        self.sync_connection = connection

    def _raw(self) -> sqlite3.Connection:
        raw = self.sync_connection.connection.dbapi_connection
        assert isinstance(raw, sqlite3.Connection)
        return raw

    def _busy_timeout_ms(self) -> int:
        return int(self.sync_connection.connection.info.get(BUSY_TIMEOUT_KEY, 0))

    async def _call(self, call: Callable[[], T]) -> T:
        """``call`` inline; on another process's lock, again on the worker thread."""
        try:
            return call()
        except DBAPIError as error:
            if not locked(error) or self._busy_timeout_ms() <= 0:
                raise
        return await self._waiting(call)

    async def _waiting(self, call: Callable[[], T]) -> T:
        """``call`` on the worker thread, with the busy timeout the engine asked for."""
        raw = self._raw()
        timeout_ms = self._busy_timeout_ms()

        def patiently() -> T:
            raw.execute(f"PRAGMA busy_timeout = {timeout_ms}")
            try:
                return call()
            finally:
                raw.execute("PRAGMA busy_timeout = 0")

        return await self._engine.wait(patiently)

    @overload
    async def execute(
        self,
        statement: TypedReturnsRows[*Ts],
        parameters: Any = None,
        *,
        execution_options: Mapping[str, Any] | None = None,
    ) -> CursorResult[*Ts]: ...

    @overload
    async def execute(
        self,
        statement: Executable,
        parameters: Any = None,
        *,
        execution_options: Mapping[str, Any] | None = None,
    ) -> CursorResult[*tuple[Any, ...]]: ...

    async def execute(
        self,
        statement: Executable,
        parameters: Any = None,
        *,
        execution_options: Mapping[str, Any] | None = None,
    ) -> CursorResult[*tuple[Any, ...]]:
        return await self._call(
            lambda: self.sync_connection.execute(
                statement, parameters, execution_options=execution_options
            )
        )

    async def exec_driver_sql(
        self, statement: str, parameters: Any = None
    ) -> CursorResult[*tuple[Any, ...]]:
        """Plain SQL; ``PRAGMA busy_timeout = N`` sets the wait for another process's lock
        (kept for the calls that may wait: inline calls never sleep)."""
        busy = _BUSY_TIMEOUT.match(statement)
        if busy is not None:
            self.sync_connection.connection.info[BUSY_TIMEOUT_KEY] = int(busy.group(1))
            return self.sync_connection.exec_driver_sql("PRAGMA busy_timeout = 0")
        return await self._call(lambda: self.sync_connection.exec_driver_sql(statement, parameters))

    async def execution_options(self, **options: Any) -> SqliteConnection:
        self.sync_connection.execution_options(**options)
        return self

    def get_execution_options(self) -> Mapping[str, Any]:
        return self.sync_connection.get_execution_options()

    async def run_sync(
        self, function: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """``function(sync_connection, ...)`` inline (migrations, checkpoints, inspection)."""
        return function(self.sync_connection, *args, **kwargs)

    @asynccontextmanager
    async def begin(self) -> AsyncIterator[SqliteConnection]:
        """A transaction: committed if the block ends without an error, else rolled back.

        The commit waits on the worker thread when it is durable and wrote (its fsync);
        otherwise it runs inline."""
        transaction = await self._call(self.sync_connection.begin)
        raw = self._raw()
        changes_at_begin = raw.total_changes
        try:
            yield self
        except BaseException:
            if transaction.is_active:
                transaction.rollback()
            raise
        durable = self.sync_connection.connection.info.get("synchronous") == "FULL"
        if durable and raw.in_transaction and raw.total_changes != changes_at_begin:
            await self._waiting(transaction.commit)
        else:
            await self._call(transaction.commit)
