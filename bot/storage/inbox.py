"""The durable inbox: every Telegram update, kept before Telegram is told it arrived.

Polling moves its offset, and the webhook answers 200, only after ``receive`` has committed
the update here; so a crash at any moment loses nothing: at start-up the bot replays what it
had not finished. Rows are keyed by (bot id, update id), which makes receiving idempotent
(Telegram delivers an update again when it was not confirmed) and a finished update is
never processed twice.

An update's JSON (the patient's words) is kept only while it waits: ``finish`` blanks it,
leaving the ids, the status and the times, which is what deduplication needs. ``sent`` counts
the replies already delivered for an update, so a replay after a crash does not repeat them.

Several processes may serve one bot (PostgreSQL behind a load balancer): work is *claimed*
with a lease (``claimed_by``, ``claimed_until``) that the owner renews while it works; a row
whose owner died is taken over when the lease runs out, or at once when the owner was a
process on this machine that no longer exists (``release_dead``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from bot.errors import StorageError
from bot.storage.engine import (
    DbConnection,
    DbEngine,
    describe_url,
    read_transaction,
    write_transaction,
)
from bot.storage.models import InboxItem
from bot.storage.schema import inbox

if TYPE_CHECKING:
    from sqlalchemy.dialects import postgresql, sqlite

#: How an update ended: answered (or deliberately ignored), unreadable, or given up on.
Finished = Literal["done", "poison", "failed"]
PENDING = "pending"


@dataclass(frozen=True, slots=True)
class Prepared:
    """A statement built once, with the values of one use of it. Building a statement and
    its cache key costs more CPU than SQLite takes to run it, on every message (issue 17);
    one built once keeps its cache key, and SQLAlchemy compiles it once."""

    statement: sa.Executable
    values: Mapping[str, Any]


#: A write prepared by storage that another write of the update's inbox row carries along
#: (a statistics event, the conversation's memory): the callers outside ``bot.storage``
#: hold it without knowing it is SQLAlchemy's.
Statement: TypeAlias = sa.Executable | Prepared


async def execute(connection: DbConnection, statement: Statement) -> None:
    """Run a ``Statement`` in the caller's transaction."""
    if isinstance(statement, Prepared):
        await connection.execute(statement.statement, dict(statement.values))
    else:
        await connection.execute(statement)


def dialect_insert(table: sa.Table, *, postgres: bool) -> postgresql.Insert | sqlite.Insert:
    """An INSERT that understands ON CONFLICT on the database in use. Only that database's
    dialect is imported: PostgreSQL's costs a SQLite bot ~3 MB and ~0.1 s of its start."""
    if postgres:
        from sqlalchemy.dialects.postgresql import insert as postgres_insert

        return postgres_insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)


#: "This update's row" (the values ``this_bot``, ``this_update``); the columns to set are
#: the other values given with it.
_UPDATE_THIS = sa.update(inbox).where(
    inbox.c.bot_id == sa.bindparam("this_bot"), inbox.c.update_id == sa.bindparam("this_update")
)


class Keep:
    """``record_sent``'s "leave the ``unconfirmed`` mark as it is" (None means clear it)."""


KEEP = Keep()

_ITEM_FIELDS = tuple(field.name for field in fields(InboxItem))


def _item(row: sa.Row[Any]) -> InboxItem:
    values = row._mapping
    return InboxItem(**{name: values[name] for name in _ITEM_FIELDS})


class InboxStore:
    """The inbox table of one database; reached as ``Storage.inbox``."""

    def __init__(self, engine: DbEngine) -> None:
        self._engine = engine
        self._is_postgres = engine.dialect.name == "postgresql"

    @asynccontextmanager
    async def _write(
        self, *, durable: bool = True, first: bool = False
    ) -> AsyncIterator[DbConnection]:
        """``durable=False``: may be lost to a power cut, not to a crash (see ``engine``);
        ``first``: ahead of the writes waiting (``bot.storage.writer``)."""
        try:
            async with write_transaction(self._engine, durable=durable, first=first) as connection:
                yield connection
        except (DBAPIError, OSError) as exc:
            raise StorageError(
                f"inbox write failed ({describe_url(self._engine.url)}): {type(exc).__name__}"
            ) from exc

    @asynccontextmanager
    async def _read(self) -> AsyncIterator[DbConnection]:
        try:
            async with read_transaction(self._engine) as connection:
                yield connection
        except (DBAPIError, OSError) as exc:
            raise StorageError(
                f"inbox read failed ({describe_url(self._engine.url)}): {type(exc).__name__}"
            ) from exc

    def _insert(self) -> postgresql.Insert | sqlite.Insert:
        return dialect_insert(inbox, postgres=self._is_postgres)

    @staticmethod
    def _mine(bot_id: int, update_id: int) -> sa.ColumnElement[bool]:
        return sa.and_(inbox.c.bot_id == bot_id, inbox.c.update_id == update_id)

    async def receive(
        self,
        bot_id: int,
        updates: Sequence[tuple[int, str]],
        now: datetime,
        *,
        owner: str | None,
        lease: timedelta,
    ) -> set[int]:
        """Keep ``(update_id, json)`` pairs; returns the ids that were new.

        Ids seen before (pending, finished or poison) are left as they are. With an
        ``owner`` the new rows are claimed by it for ``lease``; without one they wait for
        whichever process claims them next.
        """
        if not updates:
            return set()
        rows = [
            {
                "bot_id": bot_id,
                "update_id": update_id,
                "status": PENDING,
                "payload": payload,
                "received_at": now,
                "attempts": 0,
                "sent": 0,
                "claimed_by": owner,
                "claimed_until": now + lease if owner is not None else None,
            }
            for update_id, payload in updates
        ]
        insert = (
            self._insert()
            .values(rows)
            .on_conflict_do_nothing(index_elements=[inbox.c.bot_id, inbox.c.update_id])
            .returning(inbox.c.update_id)
        )
        async with self._write() as connection:
            return set((await connection.execute(insert)).scalars().all())

    async def claim(
        self, bot_id: int, now: datetime, *, owner: str, lease: timedelta, limit: int = 100
    ) -> list[InboxItem]:
        """Lease up to ``limit`` waiting updates nobody holds, oldest first."""
        free = sa.or_(inbox.c.claimed_until.is_(None), inbox.c.claimed_until <= now)
        async with self._write(durable=False) as connection:
            chosen = (
                (
                    await connection.execute(
                        sa.select(inbox.c.update_id)
                        .where(inbox.c.bot_id == bot_id, inbox.c.status == PENDING, free)
                        .order_by(inbox.c.update_id)
                        .limit(limit)
                        .with_for_update(skip_locked=True)
                    )
                )
                .scalars()
                .all()
            )
            if not chosen:
                return []
            rows = await connection.execute(
                sa.update(inbox)
                .where(inbox.c.bot_id == bot_id, inbox.c.update_id.in_(chosen))
                .values(claimed_by=owner, claimed_until=now + lease)
                .returning(*inbox.c)
            )
            items = [_item(row) for row in rows]
        return sorted(items, key=lambda item: item.update_id)

    async def release_dead(self, bot_id: int, is_dead: Callable[[str], bool]) -> int:
        """Free the updates held by owners ``is_dead`` names (a crashed process on this
        machine, or this very process in an earlier life); returns how many."""
        async with self._read() as connection:
            owners = (
                (
                    await connection.execute(
                        sa.select(inbox.c.claimed_by)
                        .where(
                            inbox.c.bot_id == bot_id,
                            inbox.c.status == PENDING,
                            inbox.c.claimed_by.is_not(None),
                        )
                        .distinct()
                    )
                )
                .scalars()
                .all()
            )
        dead = [owner for owner in owners if is_dead(owner)]
        if not dead:
            return 0
        async with self._write() as connection:
            result = await connection.execute(
                sa.update(inbox)
                .where(
                    inbox.c.bot_id == bot_id,
                    inbox.c.status == PENDING,
                    inbox.c.claimed_by.in_(dead),
                )
                .values(claimed_by=None, claimed_until=None)
            )
        return int(result.rowcount)

    async def renew(self, bot_id: int, owner: str, until: datetime) -> None:
        """Extend the lease on everything ``owner`` holds (it is still working on them)."""
        async with self._write(durable=False) as connection:
            await connection.execute(
                sa.update(inbox)
                .where(
                    inbox.c.bot_id == bot_id,
                    inbox.c.status == PENDING,
                    inbox.c.claimed_by == owner,
                )
                .values(claimed_until=until)
            )

    async def release(self, bot_id: int, owner: str) -> None:
        """Give back what ``owner`` holds (a clean stop), so the next start replays it at once."""
        async with self._write() as connection:
            await connection.execute(
                sa.update(inbox)
                .where(
                    inbox.c.bot_id == bot_id,
                    inbox.c.status == PENDING,
                    inbox.c.claimed_by == owner,
                )
                .values(claimed_by=None, claimed_until=None)
            )

    async def record_sent(
        self,
        bot_id: int,
        update_id: int,
        sent: int,
        *,
        unconfirmed: int | Keep | None = KEEP,
        also: Sequence[Statement] = (),
    ) -> None:
        """``sent`` replies of this update have reached Telegram (or are leaving); with
        ``unconfirmed``, which escalation among them still waits for Telegram's answer (None:
        none does). ``KEEP`` leaves that mark as it is.

        ``also``: the update's other bookkeeping (a statistics event, the conversation's
        memory), committed in the same transaction: one trip through the writer lock instead
        of one each (issue 17), and a step counted in ``sent`` is never without its row.

        It goes ahead of the writes waiting (SQLite): a reply's body waits for this note, and
        until its mark's removal commits a kill makes the next start send the reply again.
        """
        values: dict[str, int | None] = {"this_bot": bot_id, "this_update": update_id, "sent": sent}
        if not isinstance(unconfirmed, Keep):
            values["unconfirmed"] = unconfirmed
        async with self._write(durable=False, first=True) as connection:
            for statement in also:
                await execute(connection, statement)
            await connection.execute(_UPDATE_THIS, values)

    async def record_attempt(
        self, bot_id: int, update_id: int, sent: int, *, also: Sequence[Statement] = ()
    ) -> None:
        """One more try at an update whose replies could not all be delivered yet; ``sent``
        of them were. ``also`` as for ``record_sent``."""
        async with self._write() as connection:
            for statement in also:
                await execute(connection, statement)
            await connection.execute(
                sa.update(inbox)
                .where(self._mine(bot_id, update_id))
                .values(attempts=inbox.c.attempts + 1, sent=sent)
            )

    async def finish(
        self,
        bot_id: int,
        update_id: int,
        status: Finished,
        now: datetime,
        *,
        also: Sequence[Statement] = (),
    ) -> None:
        """The update is over: forget its JSON, keep the ids for deduplication. ``also`` as
        for ``record_sent`` (what was left to write after the last reply)."""
        async with self._write(durable=False) as connection:
            for statement in also:
                await execute(connection, statement)
            await connection.execute(
                _UPDATE_THIS,
                {
                    "this_bot": bot_id,
                    "this_update": update_id,
                    "status": status,
                    "payload": None,
                    "finished_at": now,
                    "claimed_by": None,
                    "claimed_until": None,
                },
            )

    async def counts(self, bot_id: int) -> dict[str, int]:
        """How many updates of the bot are in each status."""
        async with self._read() as connection:
            rows = await connection.execute(
                sa.select(inbox.c.status, sa.func.count())
                .where(inbox.c.bot_id == bot_id)
                .group_by(inbox.c.status)
            )
            return {str(status): int(count) for status, count in rows}

    async def get(self, bot_id: int, update_id: int) -> InboxItem | None:
        async with self._read() as connection:
            row = (
                await connection.execute(sa.select(inbox).where(self._mine(bot_id, update_id)))
            ).one_or_none()
        return None if row is None else _item(row)

    async def purge(self, before: datetime) -> int:
        """Delete finished updates older than ``before`` (Telegram redelivers within a day;
        after that the ids are no use)."""
        async with self._write() as connection:
            result = await connection.execute(
                sa.delete(inbox).where(inbox.c.status != PENDING, inbox.c.finished_at < before)
            )
        return int(result.rowcount)
