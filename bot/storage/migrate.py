"""Versioned schema migrations with Alembic, configured in code (no alembic.ini at run time).

``Storage.open`` migrates to the newest revision before anything else touches the database;
``aftercare-bot migrate`` runs the same thing alone. The whole upgrade runs in one transaction
that holds the write lock (SQLite ``BEGIN IMMEDIATE``; a PostgreSQL advisory lock), so several
bot processes starting at once migrate the database exactly once.

New revisions go in ``migrations/versions/`` as ``NNNN_what.py``, written by hand in the style
of ``0001_initial.py``; ``alembic_config()`` gives Alembic's own commands (``revision``,
``history``) a configuration when a developer wants them.
"""

from __future__ import annotations

import asyncio
import functools
import weakref
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.errors import StorageError
from bot.storage.engine import (
    create_engine,
    describe_url,
    parse_database_url,
    prepare_sqlite_file,
    write_transaction,
)
from bot.storage.models import Migration

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# Any constant will do; it only has to be the same in every bot process.
_POSTGRES_LOCK_KEY = 0x41_66_74_65_72  # "After"

# Alembic keeps the running migration in module globals (``alembic.context``), so two
# upgrades interleaving in one process would run each other's steps on the wrong connection.
# The database lock keeps processes apart; this keeps coroutines of one process apart.
_process_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
    weakref.WeakKeyDictionary()
)


def _process_lock() -> asyncio.Lock:
    loop = asyncio.get_running_loop()
    lock = _process_locks.get(loop)
    if lock is None:
        lock = _process_locks[loop] = asyncio.Lock()
    return lock


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, pointing at the migrations inside this package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    config.attributes["connection"] = connection
    return config


@functools.cache
def head_revision() -> str:
    """The newest revision the code knows about."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships 0001_initial
        raise StorageError(f"no migrations found in {MIGRATIONS_DIR}")
    return head


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at; None when it has never been migrated."""
    return MigrationContext.configure(connection).get_current_revision()


def _upgrade(connection: Connection) -> Migration:
    if connection.dialect.name == "postgresql":
        # Released when the transaction ends; the next process then finds the schema done.
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _POSTGRES_LOCK_KEY})
    before = current_revision(connection)
    if before != head_revision():
        command.upgrade(alembic_config(connection), "head")
    after = current_revision(connection)
    if after is None:  # pragma: no cover - Alembic always stamps the version table
        raise StorageError("the migrations ran but left no schema revision behind")
    return Migration(before=before, after=after)


async def migrate_engine(engine: AsyncEngine) -> Migration:
    """Bring the database behind ``engine`` to the newest revision, atomically."""
    try:
        async with _process_lock(), write_transaction(engine) as connection:
            return await connection.run_sync(_upgrade)
    except (SQLAlchemyError, OSError) as exc:
        raise StorageError(
            f"could not migrate the database at {describe_url(engine.url)}: {exc}"
        ) from exc


async def migrate(url: str) -> Migration:
    """Migrate the database at ``url`` (a plain sqlite:// or postgresql:// URL) and close it."""
    parsed = parse_database_url(url)
    prepare_sqlite_file(parsed)
    engine = create_engine(parsed)
    try:
        return await migrate_engine(engine)
    finally:
        await engine.dispose()
