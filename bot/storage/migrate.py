"""Versioned schema migrations with Alembic, configured in code (no alembic.ini at run time).

``Storage.open`` migrates to the newest revision before anything else touches the database;
``aftercare-bot migrate`` runs the same thing alone. The whole upgrade runs in one transaction
that holds the write lock (SQLite ``BEGIN IMMEDIATE``; a PostgreSQL advisory lock), so several
bot processes starting at once migrate the database exactly once.

New revisions go in ``migrations/versions/`` as ``NNNN_what.py``, written by hand in the style
of ``0001_initial.py``; ``alembic_config()`` gives Alembic's own commands (``revision``,
``history``) a configuration when a developer wants them.

Alembic itself (with Mako) is imported only when a migration is pending: an up-to-date
database is recognised by comparing the stored revision with the newest one named in
``migrations/versions/``, read as text. That keeps about 10 MB and 0.1 s off every start.
A long-running bot (``run``, after ``migrate_apart()``) goes further: a pending migration
runs in a short-lived child process, so a first start or the first start after an upgrade
does not carry Alembic's ~7 MB for as long as the bot runs (issue 17). The parent then
checks the revision under the same lock as always, and migrates in-process itself if the
child could not (so a failure is reported as before, and nothing is skipped).
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import os
import re
import sys
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import SQLAlchemyError

from bot.errors import StorageError
from bot.storage.engine import (
    DbEngine,
    create_engine,
    describe_url,
    parse_database_url,
    prepare_sqlite_file,
    read_transaction,
    write_transaction,
)
from bot.storage.models import Migration

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: The folder holding the ``bot`` package: the migration child imports this same code.
_PACKAGE_ROOT = str(MIGRATIONS_DIR.parents[2])

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


#: Alembic's own table of the applied revision (its default name).
VERSION_TABLE = "alembic_version"
# ``revision: str = "0005_inbox"`` and ``down_revision: str | None = "0004_..."`` (or None).
_REVISION_LINE = re.compile(
    r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(?:[\"']([^\"']+)[\"']|None)", re.MULTILINE
)


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, pointing at the migrations inside this package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    config.attributes["connection"] = connection
    return config


@functools.cache
def head_revision() -> str:
    """The newest revision the code knows about: the one no other revision revises.

    Read from the version files as text (their ``revision`` and ``down_revision`` lines), not
    through Alembic's ``ScriptDirectory``, which would import Alembic at every start; a test
    checks that both agree."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("[0-9]*.py"):
        found = dict(
            (name, value or None)
            for name, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8"))
        )
        if found.get("revision"):
            revisions.add(str(found["revision"]))
        if found.get("down_revision"):
            parents.add(str(found["down_revision"]))
    heads = revisions - parents
    if len(heads) != 1:  # pragma: no cover - the package ships one line of revisions
        raise StorageError(f"expected one newest migration in {MIGRATIONS_DIR}, found {heads}")
    return heads.pop()


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at; None when it has never been migrated."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    if len(rows) > 1:  # pragma: no cover - one line of revisions has one head
        raise StorageError(f"the database records several schema revisions: {sorted(rows)}")
    return rows[0] if rows else None


def _upgrade(connection: Connection) -> Migration:
    if connection.dialect.name == "postgresql":
        # Released when the transaction ends; the next process then finds the schema done.
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _POSTGRES_LOCK_KEY})
    before = current_revision(connection)
    if before != head_revision():
        from alembic import command  # only now: Alembic and Mako cost ~10 MB

        command.upgrade(alembic_config(connection), "head")
    after = current_revision(connection)
    if after is None:  # pragma: no cover - Alembic always stamps the version table
        raise StorageError("the migrations ran but left no schema revision behind")
    return Migration(before=before, after=after)


#: Whether a pending migration runs in a child process (``migrate_apart``).
_apart = False

#: The child: migrate the database named in the environment, print the revisions as JSON.
_CHILD = (
    "import asyncio, json, os\n"
    "from bot.storage.migrate import migrate\n"
    "done = asyncio.run(migrate(os.environ['AFTERCARE_MIGRATE_URL']))\n"
    "print(json.dumps([done.before, done.after]))\n"
)


def migrate_apart(enabled: bool = True) -> None:
    """Run pending migrations of this process's databases in a child process from now on.

    For ``run`` only: the serving process then never imports Alembic and Mako (~7 MB held for
    as long as it runs). The tests and short commands migrate in-process (no extra start)."""
    global _apart
    _apart = enabled


async def _pending(engine: DbEngine) -> bool:
    async with read_transaction(engine) as connection:
        return await connection.run_sync(current_revision) != head_revision()


async def _migrate_in_child(engine: DbEngine) -> str | None:
    """Migrate in a child process; the revision the child found before (None: a new database).

    Raises ``_ChildFailed`` if the child did not succeed; the caller then migrates in-process,
    which reports the real error (the child's own output is not logged: it may quote the
    database URL)."""
    env = {
        **os.environ,
        "AFTERCARE_MIGRATE_URL": engine.url.render_as_string(hide_password=False),
        "PYTHONPATH": os.pathsep.join(filter(None, [_PACKAGE_ROOT, os.environ.get("PYTHONPATH")])),
    }
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        _CHILD,
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, _ = await child.communicate()
    if child.returncode != 0:
        logger.warning(
            "migrating %s in a child process failed (exit %s); migrating in-process",
            describe_url(engine.url),
            child.returncode,
        )
        raise _ChildFailed(child.returncode)
    before, _after = json.loads(out.decode().strip().splitlines()[-1])
    return before if isinstance(before, str) else None


class _ChildFailed(Exception):
    """The migration child exited with an error (its exit code)."""


async def migrate_engine(engine: DbEngine) -> Migration:
    """Bring the database behind ``engine`` to the newest revision, atomically."""
    try:
        apart: Migration | None = None
        if _apart and await _pending(engine):
            try:
                before = await _migrate_in_child(engine)
            except (_ChildFailed, OSError, ValueError):
                pass  # the in-process upgrade below does it, or reports why it cannot
            else:
                apart = Migration(before=before, after=head_revision())
        async with _process_lock(), write_transaction(engine) as connection:
            done = await connection.run_sync(_upgrade)
        return apart if apart is not None and done.after == apart.after else done
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
