"""``Storage``: the one interface to the database, the same on SQLite and PostgreSQL.

Each method is one transaction, committed before it returns: whatever a caller has been told
is stored survives the process being killed the next instant. Work that several bot processes
could pick up at once (due staff alerts, due check-ins) is *claimed*: the claim marks rows with
a lease (``claimed_until``) inside a locked transaction, so each is handed to exactly one
process; if that process dies before marking the row sent, the lease runs out and another
process takes it over. Delivery is therefore at-least-once, never zero times.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import fields, replace
from datetime import date, datetime, timedelta
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, overload

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from bot.core.checkins import PlannedCheckin
from bot.core.dialogue import DialogueState, EscalationMemory
from bot.errors import StorageError
from bot.storage.engine import (
    DbConnection,
    DbEngine,
    create_engine,
    describe_url,
    parse_database_url,
    prepare_sqlite_file,
    read_transaction,
    write_transaction,
)
from bot.storage.inbox import InboxStore, Prepared, Statement, dialect_insert, execute
from bot.storage.migrate import migrate_engine
from bot.storage.models import (
    Alert,
    AlertDraft,
    Checkin,
    Patient,
    Report,
    Stats,
)
from bot.storage.reporting import load_report, load_stats
from bot.storage.schema import (
    PATIENT_TABLES,
    checkins,
    conversations,
    events,
    feedback,
    inbox,
    patients,
    staff_alerts,
    unanswered,
)

if TYPE_CHECKING:
    from sqlalchemy.dialects import postgresql, sqlite

logger = logging.getLogger(__name__)

# RETURNING, which claims and upserts rely on, arrived in SQLite 3.35 (2021).
_MIN_SQLITE = (3, 35, 0)

_PATIENT_FIELDS = tuple(field.name for field in fields(Patient))
_CHECKIN_FIELDS = tuple(field.name for field in fields(Checkin))
_ALERT_FIELDS = tuple(field.name for field in fields(Alert))


def _patient(row: sa.Row[Any]) -> Patient:
    values = row._mapping
    return Patient(**{name: values[name] for name in _PATIENT_FIELDS})


def _checkin(row: sa.Row[Any]) -> Checkin:
    values = row._mapping
    return Checkin(**{name: values[name] for name in _CHECKIN_FIELDS})


def _alert(row: sa.Row[Any]) -> Alert:
    values = dict(row._mapping)
    values["flag_ids"] = tuple(values["flag_ids"])
    return Alert(**{name: values[name] for name in _ALERT_FIELDS})


_SURROGATE = re.compile("[\ud800-\udfff]")


@overload
def _storable(text: str) -> str: ...
@overload
def _storable(text: None) -> None: ...
def _storable(text: str | None) -> str | None:
    """Text both databases accept: Telegram's JSON can carry lone surrogates (invalid UTF-16)
    in a name or a message, which no UTF-8 database stores; they become U+FFFD."""
    if text is None or text.isascii():
        return text
    return _SURROGATE.sub("\ufffd", text)


def _unclaimed(table: sa.Table, now: datetime) -> sa.ColumnElement[bool]:
    return sa.or_(table.c.claimed_until.is_(None), table.c.claimed_until <= now)


def _checkpoint_and_truncate(connection: sa.Connection) -> bool:
    """Copy the SQLite write-ahead log into the database and cut it to zero bytes, outside
    any transaction (a checkpoint cannot run inside one); True when a reader kept it busy."""
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        row = cursor.fetchone()
        busy = row[0] if row else 1
    finally:
        cursor.close()
    return bool(busy)


def _touch_upsert(insert: postgresql.Insert | sqlite.Insert) -> postgresql.Insert | sqlite.Insert:
    """``touch_patient``'s upsert (its values given when it runs): a name or language of
    None keeps what was stored before."""
    return insert.on_conflict_do_update(
        index_elements=[patients.c.clinic_id, patients.c.user_id],
        set_={
            "chat_id": insert.excluded.chat_id,
            "last_seen_at": insert.excluded.last_seen_at,
            "first_name": sa.func.coalesce(insert.excluded.first_name, patients.c.first_name),
            "language": sa.func.coalesce(insert.excluded.language, patients.c.language),
        },
    )


#: What ``conversation_write`` replaces in a chat's stored memory.
_MEMORY_COLUMNS = (
    "topics",
    "topics_at",
    "clarify",
    "clarify_at",
    "escalation_level",
    "escalation_flags",
    "escalation_at",
    "escalation_alerted",
    "escalation_someone_else",
    "expires_at",
    "updated_at",
)


def _conversation_upsert(
    insert: postgresql.Insert | sqlite.Insert,
) -> postgresql.Insert | sqlite.Insert:
    """``conversation_write``'s upsert (its values given when it runs): the chat's memory
    replaced by the one proposed."""
    return insert.on_conflict_do_update(
        index_elements=[
            conversations.c.clinic_id,
            conversations.c.user_id,
            conversations.c.chat_id,
        ],
        set_={name: insert.excluded[name] for name in _MEMORY_COLUMNS},
    )


# The other statements of every message, built once (values named ``this_*`` pick the row).
_PATIENT = sa.select(patients).where(
    patients.c.clinic_id == sa.bindparam("this_clinic"),
    patients.c.user_id == sa.bindparam("this_user"),
)
_THIS_CHAT = (
    conversations.c.clinic_id == sa.bindparam("this_clinic_id"),
    conversations.c.user_id == sa.bindparam("this_user_id"),
    conversations.c.chat_id == sa.bindparam("this_chat_id"),
)
_CONVERSATION = sa.select(conversations).where(
    conversations.c.clinic_id == sa.bindparam("this_clinic"),
    conversations.c.user_id == sa.bindparam("this_user"),
    conversations.c.chat_id == sa.bindparam("this_chat"),
)
_FORGET_CONVERSATION = sa.delete(conversations).where(*_THIS_CHAT)
_EVENT = sa.insert(events)
_UNANSWERED = sa.insert(unanswered)


class Storage:
    """Patients, statistics events, the staff-alert outbox and check-ins of every clinic.

    Make one with ``await Storage.open(url)`` (which migrates the schema) and ``close()`` it
    when done, or use ``async with await Storage.open(url) as storage``. Every ``datetime``
    passed in must be timezone-aware; every one handed back is UTC.
    """

    def __init__(self, engine: DbEngine) -> None:
        """Wrap an engine from ``bot.storage.engine.create_engine`` that is already migrated."""
        self._engine = engine
        self._is_postgres = engine.dialect.name == "postgresql"
        #: The durable inbox of Telegram updates (``bot.storage.inbox``).
        self.inbox = InboxStore(engine)
        # The statements of every message, built once (``Prepared``: issue 17).
        self._touch = _touch_upsert(self._insert(patients))
        self._touch_returning = self._touch.returning(*patients.c)
        self._remember = _conversation_upsert(self._insert(conversations))
        self._scrub_due = False

    @classmethod
    async def open(cls, url: str) -> Storage:
        """Open the database at ``url``, creating a SQLite file and its folder on first run,
        and migrate it to the newest schema."""
        parsed = parse_database_url(url)
        if parsed.get_backend_name() == "sqlite" and sqlite3.sqlite_version_info < _MIN_SQLITE:
            raise StorageError(
                f"SQLite {sqlite3.sqlite_version} is too old; the bot needs 3.35 or newer "
                "(or use PostgreSQL)"
            )
        prepare_sqlite_file(parsed)
        engine = create_engine(parsed)
        try:
            migration = await migrate_engine(engine)
        except BaseException:
            await engine.dispose()
            raise
        if migration.changed:
            logger.info(
                "Migrated %s from %s to %s",
                describe_url(parsed),
                migration.before or "an empty database",
                migration.after,
            )
        logger.info("Storage ready: %s (schema %s)", describe_url(parsed), migration.after)
        return cls(engine)

    async def close(self) -> None:
        """Close every pooled connection."""
        await self._engine.dispose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    @property
    def backend(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self._engine.dialect.name

    @property
    def url(self) -> str:
        """The database URL with its password hidden."""
        return describe_url(self._engine.url)

    def __repr__(self) -> str:
        return f"Storage({self.url!r})"

    # -- transactions -------------------------------------------------------------------

    @asynccontextmanager
    async def _write(
        self, *, durable: bool = True, first: bool = False
    ) -> AsyncIterator[DbConnection]:
        """A write transaction; ``durable=False`` for per-message bookkeeping that may be lost
        to a power cut (never to a crash): see ``bot.storage.engine``. ``first``: ahead of the
        writes waiting (SQLite, ``bot.storage.writer``), for a write that takes or gives back a
        lease."""
        try:
            async with write_transaction(self._engine, durable=durable, first=first) as connection:
                yield connection
        except (DBAPIError, OSError) as exc:
            raise StorageError(f"database write failed ({self.url}): {exc}") from exc

    @asynccontextmanager
    async def _read(self) -> AsyncIterator[DbConnection]:
        try:
            async with read_transaction(self._engine) as connection:
                yield connection
        except (DBAPIError, OSError) as exc:
            raise StorageError(f"database read failed ({self.url}): {exc}") from exc

    def _insert(self, table: sa.Table) -> postgresql.Insert | sqlite.Insert:
        """An INSERT that understands ON CONFLICT on either database."""
        return dialect_insert(table, postgres=self._is_postgres)

    async def _claim(
        self,
        table: sa.Table,
        due: sa.ColumnElement[bool],
        order_by: Sequence[sa.ColumnElement[Any]],
        *,
        now: datetime,
        limit: int,
        lease: timedelta,
    ) -> list[sa.Row[Any]]:
        """Lease up to ``limit`` due rows of ``table`` to this caller, oldest first.

        It looks first in a read transaction, without the writer lock: the courier and the
        check-in job sweep every ``sweep_seconds`` and almost always find nothing, and a claim
        is a write transaction (SQLite: ``BEGIN IMMEDIATE`` and a FULL commit, queued behind
        every chat's bookkeeping), so each empty sweep used to cost a turn of the one writer.
        A row that becomes due between the look and the claim is taken by the next sweep.
        The claim goes ahead of the SQLite writes waiting (``first``): its lease is counted from
        ``now``, the sweep's moment, not from when a queued write would have let it in.

        On PostgreSQL, ``FOR UPDATE SKIP LOCKED`` makes concurrent claimers pass over rows
        another transaction is claiming; on SQLite the transaction already holds the database's
        write lock (``BEGIN IMMEDIATE``) and the clause is left out.
        """
        candidates = sa.select(table.c.id).where(due, _unclaimed(table, now))
        async with self._read() as connection:
            if (await connection.execute(candidates.limit(1))).first() is None:
                return []
        async with self._write(first=True) as connection:
            chosen = (
                (
                    await connection.execute(
                        candidates.order_by(*order_by)
                        .limit(limit)
                        .with_for_update(skip_locked=True)
                    )
                )
                .scalars()
                .all()
            )
            if not chosen:
                return []
            claimed = await connection.execute(
                sa.update(table)
                .where(table.c.id.in_(chosen))
                .values(claimed_until=now + lease, attempts=table.c.attempts + 1)
                .returning(*table.c)
            )
            return list(claimed)

    # -- patients -----------------------------------------------------------------------

    async def touch_patient(
        self,
        clinic_id: str,
        user_id: int,
        *,
        chat_id: int,
        first_name: str | None,
        language: str | None,
        now: datetime,
    ) -> Patient:
        """Record that the patient wrote just now, creating them on first contact.

        A name or language of None keeps what was stored before.
        """
        touch = self.touch_write(
            clinic_id, user_id, chat_id=chat_id, first_name=first_name, language=language, now=now
        )
        async with self._write(durable=False) as connection:
            row = (await connection.execute(self._touch_returning, dict(touch.values))).one()
        return _patient(row)

    def touch_write(
        self,
        clinic_id: str,
        user_id: int,
        *,
        chat_id: int,
        first_name: str | None,
        language: str | None,
        now: datetime,
    ) -> Prepared:
        """``touch_patient``'s statement, to commit with other bookkeeping of one update."""
        return Prepared(
            self._touch,
            {
                "clinic_id": clinic_id,
                "user_id": user_id,
                "chat_id": chat_id,
                "first_seen_at": now,
                "last_seen_at": now,
                "first_name": _storable(first_name),
                "language": _storable(language),
            },
        )

    async def seen_patient(
        self,
        clinic_id: str,
        user_id: int,
        *,
        chat_id: int,
        first_name: str | None,
        language: str | None,
        now: datetime,
    ) -> tuple[Patient, Statement] | None:
        """A known patient as ``touch_patient`` would leave them, read without writing, and
        its statement for the caller to commit with the update's other bookkeeping (a write
        transaction less per message: issue 17); None for a patient not stored yet, whom
        ``touch_patient`` creates (later writes of the update, such as a treatment time, need
        the row)."""
        found = await self.get_patient(clinic_id, user_id)
        if found is None:
            return None
        seen = replace(
            found,
            chat_id=chat_id,
            last_seen_at=now,
            first_name=found.first_name if first_name is None else _storable(first_name),
            language=found.language if language is None else _storable(language),
        )
        write = self.touch_write(
            clinic_id, user_id, chat_id=chat_id, first_name=first_name, language=language, now=now
        )
        return seen, write

    async def get_patient(self, clinic_id: str, user_id: int) -> Patient | None:
        async with self._read() as connection:
            row = (
                await connection.execute(_PATIENT, {"this_clinic": clinic_id, "this_user": user_id})
            ).one_or_none()
        return None if row is None else _patient(row)

    async def set_treatment(
        self,
        clinic_id: str,
        user_id: int,
        treated_on: date,
        area: str | None,
        *,
        treated_at: datetime | None = None,
    ) -> bool:
        """Store the treatment date (and area, if given; and the moment, if the patient said
        it: a date without one forgets an older moment); False if the patient is unknown."""
        async with self._write() as connection:
            result = await connection.execute(
                sa.update(patients)
                .where(patients.c.clinic_id == clinic_id, patients.c.user_id == user_id)
                .values(treated_on=treated_on, treatment_area=area, treated_at=treated_at)
            )
        return result.rowcount > 0

    async def set_treatment_time(
        self, clinic_id: str, user_id: int, treated_on: date, treated_at: datetime | None
    ) -> bool:
        """Store the treatment's day and moment said in a message, keeping the area."""
        async with self._write() as connection:
            result = await connection.execute(
                sa.update(patients)
                .where(patients.c.clinic_id == clinic_id, patients.c.user_id == user_id)
                .values(treated_on=treated_on, treated_at=treated_at)
            )
        return result.rowcount > 0

    # -- conversations ------------------------------------------------------------------

    async def load_conversation(self, clinic_id: str, user_id: int, chat_id: int) -> DialogueState:
        """The chat's memory as last saved (empty when none); the core drops what expired."""
        async with self._read() as connection:
            row = (
                await connection.execute(
                    _CONVERSATION,
                    {"this_clinic": clinic_id, "this_user": user_id, "this_chat": chat_id},
                )
            ).one_or_none()
        if row is None:
            return DialogueState()
        values = row._mapping
        escalation = None
        if values["escalation_level"] in {"emergency", "urgent"} and values["escalation_at"]:
            escalation = EscalationMemory(
                level=values["escalation_level"],
                flags=tuple(values["escalation_flags"]),
                at=values["escalation_at"],
                alerted=bool(values["escalation_alerted"]),
                someone_else=bool(values["escalation_someone_else"]),
            )
        return DialogueState(
            topics=tuple(values["topics"]),
            topics_at=values["topics_at"],
            clarify=tuple(values["clarify"]),
            clarify_at=values["clarify_at"],
            escalation=escalation,
        )

    async def save_conversation(
        self, clinic_id: str, user_id: int, chat_id: int, state: DialogueState, now: datetime
    ) -> None:
        """Replace the chat's memory (an empty one deletes the row). Last writer wins: two
        workers answering one chat at once each save what their reply was based on."""
        async with self._write(durable=False) as connection:
            await execute(
                connection, self.conversation_write(clinic_id, user_id, chat_id, state, now)
            )

    def conversation_write(
        self, clinic_id: str, user_id: int, chat_id: int, state: DialogueState, now: datetime
    ) -> Prepared:
        """``save_conversation``'s statement, for a caller that commits it together with other
        bookkeeping of the same update (one write transaction instead of several: issue 17)."""
        mine = {"clinic_id": clinic_id, "user_id": user_id, "chat_id": chat_id}
        expires = state.expires_at()
        if state.empty or expires is None:
            return Prepared(_FORGET_CONVERSATION, {f"this_{k}": v for k, v in mine.items()})
        escalation = state.escalation
        values = {
            "topics": list(state.topics),
            "topics_at": state.topics_at,
            "clarify": list(state.clarify),
            "clarify_at": state.clarify_at,
            "escalation_level": escalation.level if escalation else None,
            "escalation_flags": list(escalation.flags) if escalation else [],
            "escalation_at": escalation.at if escalation else None,
            "escalation_alerted": escalation.alerted if escalation else False,
            "escalation_someone_else": escalation.someone_else if escalation else False,
            "expires_at": expires,
            "updated_at": now,
        }
        return Prepared(self._remember, mine | values)

    async def purge_expired_conversations(self, now: datetime) -> int:
        """Delete every conversation memory that has expired; returns how many went."""
        async with self._write() as connection:
            result = await connection.execute(
                sa.delete(conversations).where(conversations.c.expires_at < now)
            )
        return result.rowcount

    async def set_language(
        self, clinic_id: str, user_id: int, language: str | None, now: datetime
    ) -> None:
        """Store the language the patient chose (/language); None forgets the choice.

        Creates the patient when they choose before ever writing (a /language first)."""
        insert = self._insert(patients).values(
            clinic_id=clinic_id,
            user_id=user_id,
            first_seen_at=now,
            last_seen_at=now,
            chosen_language=language,
        )
        upsert = insert.on_conflict_do_update(
            index_elements=[patients.c.clinic_id, patients.c.user_id],
            set_={"chosen_language": insert.excluded.chosen_language},
        )
        async with self._write() as connection:
            await connection.execute(upsert)

    async def set_checkins_enabled(self, clinic_id: str, user_id: int, enabled: bool) -> bool:
        """Turn check-ins on or off; turning them off also cancels the ones not yet sent.

        Returns False if the patient is unknown. Turning them back on schedules nothing by
        itself: plan and ``schedule_checkins`` again from the treatment date.
        """
        async with self._write() as connection:
            result = await connection.execute(
                sa.update(patients)
                .where(patients.c.clinic_id == clinic_id, patients.c.user_id == user_id)
                .values(checkins_enabled=enabled)
            )
            if not enabled:
                await connection.execute(self._cancel_checkins(clinic_id, user_id))
        return result.rowcount > 0

    async def forget_patient(self, clinic_id: str, user_id: int) -> int:
        """Delete every row about the patient, in every table; returns how many rows went."""
        deleted = 0
        async with self._write() as connection:
            for table in PATIENT_TABLES:
                mine = sa.and_(table.c.clinic_id == clinic_id, table.c.user_id == user_id)
                deleted += (await connection.execute(sa.delete(table).where(mine))).rowcount
        self._scrub_due = True
        logger.info("Forgot a patient of clinic %s: %d rows deleted", clinic_id, deleted)
        return deleted

    @property
    def scrub_due(self) -> bool:
        """True after ``forget_patient`` until ``scrub`` has run."""
        return self._scrub_due

    async def scrub(self) -> bool:
        """Make deleted rows unreadable in the database files themselves.

        A DELETE only marks space as free: the bytes stay in the file until overwritten.
        SQLite runs with ``secure_delete`` (deleted content is zeroed in the pages), but the
        write-ahead log still holds older copies of those pages, so it is checkpointed and
        truncated here. PostgreSQL keeps dead row versions in its heap and index pages until
        they are rewritten, so the patient tables (and the inbox, whose blanked JSON lives on
        in old row versions) are rewritten with ``VACUUM FULL`` (small tables; a moment's lock).

        Returns False when another connection kept SQLite from finishing the checkpoint; the
        caller tries again later.
        """
        if self._is_postgres:
            tables = ", ".join(table.name for table in (*PATIENT_TABLES, inbox))
            try:
                async with self._engine.connect() as connection:
                    autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
                    await autocommit.exec_driver_sql(f"VACUUM FULL {tables}")
            except (DBAPIError, OSError) as exc:
                raise StorageError(f"could not scrub deleted rows ({self.url}): {exc}") from exc
            self._scrub_due = False
            return True
        try:
            async with self._engine.connect() as connection:
                busy = await connection.run_sync(_checkpoint_and_truncate)
        except (DBAPIError, OSError) as exc:
            raise StorageError(f"could not scrub deleted rows ({self.url}): {exc}") from exc
        self._scrub_due = bool(busy)
        return not busy

    # -- events -------------------------------------------------------------------------

    async def record_event(
        self,
        clinic_id: str,
        user_id: int | None,
        kind: str,
        *,
        topic: str | None = None,
        level: str | None = None,
        score: float | None = None,
        text: str | None = None,
        now: datetime,
    ) -> None:
        """Count one thing that happened (see the kinds in ``bot.storage.models``).

        Pass ``text`` only when the clinic has chosen to keep message texts.
        """
        await self.write_bookkeeping(
            [
                self.event_write(
                    clinic_id,
                    user_id,
                    kind,
                    topic=topic,
                    level=level,
                    score=score,
                    text=text,
                    now=now,
                )
            ]
        )

    async def write_bookkeeping(self, statements: Sequence[Statement]) -> None:
        """Commit statements of ``event_write``, ``unanswered_write`` or ``conversation_write``
        in one transaction (per-message bookkeeping: ``durable=False``)."""
        async with self._write(durable=False) as connection:
            for statement in statements:
                await execute(connection, statement)

    def event_write(
        self,
        clinic_id: str,
        user_id: int | None,
        kind: str,
        *,
        topic: str | None = None,
        level: str | None = None,
        score: float | None = None,
        text: str | None = None,
        now: datetime,
    ) -> Prepared:
        """``record_event``'s statement, to commit with other bookkeeping of one update."""
        return Prepared(
            _EVENT,
            {
                "clinic_id": clinic_id,
                "user_id": user_id,
                "kind": kind,
                "topic": topic,
                "level": level,
                "score": score,
                "text": _storable(text),
                "created_at": now,
            },
        )

    async def record_feedback(
        self, clinic_id: str, user_id: int, topic: str, helpful: bool, now: datetime
    ) -> None:
        """A patient's 👍 / 👎 on the answer to ``topic``."""
        async with self._write() as connection:
            await connection.execute(
                sa.insert(feedback).values(
                    clinic_id=clinic_id,
                    user_id=user_id,
                    topic=topic,
                    helpful=helpful,
                    created_at=now,
                )
            )

    async def record_unanswered(
        self, clinic_id: str, user_id: int, text: str | None, now: datetime
    ) -> None:
        """A question the bot could not answer; ``text`` only when the clinic keeps texts."""
        async with self._write(durable=False) as connection:
            await execute(connection, self.unanswered_write(clinic_id, user_id, text, now))

    def unanswered_write(
        self, clinic_id: str, user_id: int, text: str | None, now: datetime
    ) -> Prepared:
        """``record_unanswered``'s statement, to commit with other bookkeeping of one update."""
        return Prepared(
            _UNANSWERED,
            {
                "clinic_id": clinic_id,
                "user_id": user_id,
                "text": _storable(text),
                "created_at": now,
            },
        )

    # -- staff alerts (the outbox) ------------------------------------------------------

    async def queue_alert(
        self, draft: AlertDraft, now: datetime, *, claim_for: timedelta | None = None
    ) -> Alert:
        """Put a staff alert in the outbox, due at once; idempotent on ``draft.id``.

        With ``claim_for`` the alert is queued already claimed by the caller, who sends it
        straight away; if the caller dies first, the sweep sends it once the lease runs out.
        Queueing an id that exists returns the stored alert unchanged.
        """
        insert = self._insert(staff_alerts).values(
            id=draft.id,
            clinic_id=draft.clinic_id,
            user_id=draft.user_id,
            chat_id=draft.chat_id,
            level=draft.level,
            flag_ids=list(draft.flag_ids),
            patient_name=_storable(draft.patient_name),
            message_text=_storable(draft.message_text),
            days_since_treatment=draft.days_since_treatment,
            created_at=now,
            status="queued",
            attempts=0 if claim_for is None else 1,
            next_attempt_at=now,
            claimed_until=None if claim_for is None else now + claim_for,
            resend_count=0,
        )
        async with self._write() as connection:
            await connection.execute(insert.on_conflict_do_nothing(index_elements=["id"]))
            row = (
                await connection.execute(
                    sa.select(staff_alerts).where(staff_alerts.c.id == draft.id)
                )
            ).one()
        alert = _alert(row)
        logger.info("Queued %s alert %s for clinic %s", alert.level, alert.id, alert.clinic_id)
        return alert

    async def claim_due_alerts(
        self,
        now: datetime,
        *,
        limit: int = 20,
        lease: timedelta = timedelta(seconds=60),
        clinic_id: str | None = None,
    ) -> list[Alert]:
        """Lease the queued alerts that are due to this process, oldest first.

        Send each, then ``mark_alert_sent`` or ``mark_alert_failed``; no other process gets
        the same alert until the lease runs out. ``clinic_id`` limits the claim to one clinic
        (several clinics' bots share a database, each with its own staff chat). The lease is
        counted from ``now``, so the claim goes ahead of the writes waiting (SQLite): time
        spent in that queue would be taken from the lease.
        """
        due = sa.and_(staff_alerts.c.status == "queued", staff_alerts.c.next_attempt_at <= now)
        if clinic_id is not None:
            due = sa.and_(due, staff_alerts.c.clinic_id == clinic_id)
        rows = await self._claim(
            staff_alerts,
            due,
            (staff_alerts.c.next_attempt_at, staff_alerts.c.created_at, staff_alerts.c.id),
            now=now,
            limit=limit,
            lease=lease,
        )
        return sorted((_alert(row) for row in rows), key=lambda a: (a.next_attempt_at, a.id))

    async def claim_alerts_to_resend(
        self,
        now: datetime,
        unacknowledged_for: timedelta,
        *,
        max_resends: int = 3,
        limit: int = 20,
        lease: timedelta = timedelta(seconds=60),
        clinic_id: str | None = None,
    ) -> list[Alert]:
        """Lease sent alerts nobody acknowledged within ``unacknowledged_for``, to send again.

        An alert is resent at most ``max_resends`` times; ``mark_alert_sent`` counts the resend.
        """
        due = sa.and_(
            staff_alerts.c.status == "sent",
            staff_alerts.c.sent_at <= now - unacknowledged_for,
            staff_alerts.c.next_attempt_at <= now,
            staff_alerts.c.resend_count < max_resends,
        )
        if clinic_id is not None:
            due = sa.and_(due, staff_alerts.c.clinic_id == clinic_id)
        rows = await self._claim(
            staff_alerts,
            due,
            (staff_alerts.c.sent_at, staff_alerts.c.id),
            now=now,
            limit=limit,
            lease=lease,
        )
        return sorted((_alert(row) for row in rows), key=lambda a: (a.created_at, a.id))

    async def mark_alert_sent(
        self, alert_id: str, telegram_message_id: int | None, now: datetime
    ) -> None:
        """The alert reached the staff chat: release the lease and note when and as what.

        Marking an alert that was already sent records a resend. An alert acknowledged in the
        meantime stays acknowledged.

        Like every write that takes or gives back a lease, it goes ahead of the writes
        waiting (SQLite): the lease runs while it waits, and an alert whose lease runs out
        (or whose process is killed) before this commits is sent to the staff again.
        """
        status = staff_alerts.c.status
        async with self._write(first=True) as connection:
            await connection.execute(
                sa.update(staff_alerts)
                .where(staff_alerts.c.id == alert_id)
                .values(
                    status=sa.case((status == "acknowledged", status), else_="sent"),
                    resend_count=staff_alerts.c.resend_count
                    + sa.case((status == "sent", 1), else_=0),
                    sent_at=now,
                    telegram_message_id=telegram_message_id,
                    claimed_until=None,
                    last_error=None,
                )
            )

    async def mark_alert_failed(self, alert_id: str, error: str, retry_at: datetime) -> None:
        """Sending failed: release the lease and try again from ``retry_at``."""
        async with self._write(first=True) as connection:
            await connection.execute(
                sa.update(staff_alerts)
                .where(staff_alerts.c.id == alert_id)
                .values(last_error=error, next_attempt_at=retry_at, claimed_until=None)
            )

    async def acknowledge_alert(self, alert_id: str, staff_user_id: int, now: datetime) -> bool:
        """A staff member took the alert on; True only for the first acknowledgement."""
        async with self._write() as connection:
            result = await connection.execute(
                sa.update(staff_alerts)
                .where(staff_alerts.c.id == alert_id, staff_alerts.c.status != "acknowledged")
                .values(status="acknowledged", acknowledged_by=staff_user_id, acknowledged_at=now)
            )
        return result.rowcount > 0

    async def get_alert(self, alert_id: str) -> Alert | None:
        async with self._read() as connection:
            row = (
                await connection.execute(
                    sa.select(staff_alerts).where(staff_alerts.c.id == alert_id)
                )
            ).one_or_none()
        return None if row is None else _alert(row)

    async def open_alerts(self, clinic_id: str) -> list[Alert]:
        """The clinic's alerts nobody has acknowledged yet, oldest first."""
        async with self._read() as connection:
            rows = await connection.execute(
                sa.select(staff_alerts)
                .where(
                    staff_alerts.c.clinic_id == clinic_id,
                    staff_alerts.c.status.in_(("queued", "sent")),
                )
                .order_by(staff_alerts.c.created_at, staff_alerts.c.id)
            )
            return [_alert(row) for row in rows]

    # -- check-ins ----------------------------------------------------------------------

    def _cancel_checkins(self, clinic_id: str, user_id: int) -> sa.Update:
        return (
            sa.update(checkins)
            .where(
                checkins.c.clinic_id == clinic_id,
                checkins.c.user_id == user_id,
                checkins.c.status == "scheduled",
            )
            .values(status="cancelled", claimed_until=None)
        )

    async def schedule_checkins(
        self, clinic_id: str, user_id: int, chat_id: int, plan: Sequence[PlannedCheckin]
    ) -> list[Checkin]:
        """Replace the patient's not-yet-sent check-ins with ``plan``; returns the new ones.

        Check-ins already sent (and their answers) are kept.
        """
        async with self._write() as connection:
            await connection.execute(
                sa.delete(checkins).where(
                    checkins.c.clinic_id == clinic_id,
                    checkins.c.user_id == user_id,
                    checkins.c.status == "scheduled",
                )
            )
            if not plan:
                return []
            rows = await connection.execute(
                sa.insert(checkins)
                .values(
                    [
                        {
                            "clinic_id": clinic_id,
                            "user_id": user_id,
                            "chat_id": chat_id,
                            "kind": planned.kind,
                            "due_at": planned.due_at,
                            "status": "scheduled",
                            "attempts": 0,
                        }
                        for planned in plan
                    ]
                )
                .returning(*checkins.c)
            )
            scheduled = [_checkin(row) for row in rows]
        return sorted(scheduled, key=lambda c: (c.due_at, c.id))

    async def claim_due_checkins(
        self,
        now: datetime,
        *,
        limit: int = 50,
        lease: timedelta = timedelta(minutes=5),
        clinic_id: str | None = None,
    ) -> list[Checkin]:
        """Lease the scheduled check-ins that are due to this process, oldest first.

        Send each, then ``mark_checkin_sent``, or ``defer_checkin`` to try later (quiet hours,
        a failed send). ``clinic_id`` limits the claim to one clinic.
        """
        due = sa.and_(checkins.c.status == "scheduled", checkins.c.due_at <= now)
        if clinic_id is not None:
            due = sa.and_(due, checkins.c.clinic_id == clinic_id)
        rows = await self._claim(
            checkins,
            due,
            (checkins.c.due_at, checkins.c.id),
            now=now,
            limit=limit,
            lease=lease,
        )
        return sorted((_checkin(row) for row in rows), key=lambda c: (c.due_at, c.id))

    async def mark_checkin_sent(self, checkin_id: int, now: datetime) -> None:
        async with self._write(first=True) as connection:
            await connection.execute(
                sa.update(checkins)
                .where(checkins.c.id == checkin_id)
                .values(status="sent", sent_at=now, claimed_until=None, last_error=None)
            )

    async def defer_checkin(
        self, checkin_id: int, until: datetime, *, error: str | None = None
    ) -> None:
        """Release a claimed check-in and make it due again at ``until``."""
        async with self._write(first=True) as connection:
            await connection.execute(
                sa.update(checkins)
                .where(checkins.c.id == checkin_id, checkins.c.status == "scheduled")
                .values(due_at=until, claimed_until=None, last_error=error)
            )

    async def cancel_checkins(self, clinic_id: str, user_id: int) -> int:
        """Cancel the patient's check-ins not yet sent; returns how many."""
        async with self._write() as connection:
            result = await connection.execute(self._cancel_checkins(clinic_id, user_id))
        return result.rowcount

    async def record_checkin_response(
        self, checkin_id: int, response: str, now: datetime, *, user_id: int
    ) -> bool:
        """Store the patient's answer to a check-in sent to them.

        ``user_id`` is whoever pressed the button: button data can be forged, so an answer
        is stored only on that patient's own check-in. False if there is no such check-in.
        """
        async with self._write() as connection:
            result = await connection.execute(
                sa.update(checkins)
                .where(checkins.c.id == checkin_id, checkins.c.user_id == user_id)
                .values(response=response, responded_at=now)
            )
        return result.rowcount > 0

    async def patient_checkins(self, clinic_id: str, user_id: int) -> list[Checkin]:
        """Every check-in of the patient, whatever its status, in due order."""
        async with self._read() as connection:
            rows = await connection.execute(
                sa.select(checkins)
                .where(checkins.c.clinic_id == clinic_id, checkins.c.user_id == user_id)
                .order_by(checkins.c.due_at, checkins.c.id)
            )
            return [_checkin(row) for row in rows]

    # -- reporting and retention --------------------------------------------------------

    async def stats(self, clinic_id: str, since: datetime) -> Stats:
        async with self._read() as connection:
            return await load_stats(connection, clinic_id, since)

    async def report(self, clinic_id: str, since: datetime, *, top: int = 10) -> Report:
        async with self._read() as connection:
            return await load_report(connection, clinic_id, since, top=top)

    async def purge_before(self, cutoff: datetime, *, clinic_id: str | None = None) -> int:
        """Delete statistics rows (events, unanswered questions, feedback) older than
        ``cutoff``, with any texts they hold; returns how many rows went.

        Patients, alerts and check-ins are kept: ``forget_patient`` removes those.
        """
        deleted = 0
        async with self._write() as connection:
            for table in (events, unanswered, feedback):
                condition = table.c.created_at < cutoff
                if clinic_id is not None:
                    condition = sa.and_(condition, table.c.clinic_id == clinic_id)
                deleted += (await connection.execute(sa.delete(table).where(condition))).rowcount
        logger.info("Purged %d statistics rows older than %s", deleted, cutoff.isoformat())
        return deleted
