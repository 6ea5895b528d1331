"""Queries behind the clinic dashboard: sign-in links, sessions, audit log and page data.

Every query that reads clinic data takes the clinic's id and filters by it, so one clinic's
staff can never be shown another clinic's rows, whatever id they put in a URL. Sign-in links
and sessions are stored as the SHA-256 of their random secret: a copy of the database does
not let anyone sign in. Redeeming a link is one conditional UPDATE, so a link works once even
when two requests race.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from bot.errors import StorageError
from bot.storage.dashboard_schema import audit_log, login_tokens, sessions
from bot.storage.engine import (
    DbConnection,
    DbEngine,
    describe_url,
    read_transaction,
    write_transaction,
)
from bot.storage.models import Alert
from bot.storage.schema import checkins, events, patients, staff_alerts, unanswered
from bot.storage.store import Storage

#: Random bytes behind every sign-in link and session (256 bits).
TOKEN_BYTES = 32

_ALERT_FIELDS = tuple(field.name for field in fields(Alert))


def token_hash(token: str) -> str:
    """What is stored in place of a secret token."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class StaffLogin:
    """Who a redeemed sign-in link was issued to."""

    clinic_id: str
    staff_user_id: int
    staff_name: str


@dataclass(frozen=True, slots=True)
class StaffSession:
    """A signed-in staff member; ``csrf_token`` must come back with every form."""

    clinic_id: str
    staff_user_id: int
    staff_name: str
    csrf_token: str
    created_at: datetime
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One staff action: who, what, on what, when."""

    id: int
    staff_user_id: int
    staff_name: str
    action: str
    target: str | None
    detail: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class AlertView:
    """A staff alert with the patient's treatment date, when known."""

    alert: Alert
    treated_on: date | None


@dataclass(frozen=True, slots=True)
class UnansweredText:
    """A stored question text the bot could not answer: how often and when last asked."""

    text: str
    count: int
    last_asked: datetime


@dataclass(frozen=True, slots=True)
class DailyCount:
    """How many events of one kind happened on one local day."""

    day: date
    kind: str
    count: int


@dataclass(frozen=True, slots=True)
class CheckinView:
    """A check-in that went out, with what the patient answered."""

    id: int
    user_id: int
    first_name: str | None
    treated_on: date | None
    kind: str
    status: str
    due_at: datetime
    sent_at: datetime | None
    response: str | None
    responded_at: datetime | None


def _alert(values: Any) -> Alert:
    data = {name: values[name] for name in _ALERT_FIELDS}
    data["flag_ids"] = tuple(data["flag_ids"])
    return Alert(**data)


class DashboardStore:
    """The dashboard's reads and writes, on the bot's own database engine."""

    def __init__(self, engine: DbEngine) -> None:
        self._engine = engine

    @classmethod
    def of(cls, storage: Storage) -> DashboardStore:
        """The dashboard's queries on the engine of an open ``Storage``."""
        return cls(storage._engine)

    @asynccontextmanager
    async def _write(self) -> AsyncIterator[DbConnection]:
        try:
            async with write_transaction(self._engine) as connection:
                yield connection
        except (DBAPIError, OSError) as exc:
            where = describe_url(self._engine.url)
            raise StorageError(f"database write failed ({where}): {exc}") from exc

    @asynccontextmanager
    async def _read(self) -> AsyncIterator[DbConnection]:
        try:
            async with read_transaction(self._engine) as connection:
                yield connection
        except (DBAPIError, OSError) as exc:
            where = describe_url(self._engine.url)
            raise StorageError(f"database read failed ({where}): {exc}") from exc

    # -- sign-in links and sessions ----------------------------------------------------

    async def create_login_token(
        self, clinic_id: str, staff_user_id: int, staff_name: str, *, now: datetime, ttl: timedelta
    ) -> str:
        """A fresh one-time sign-in secret, valid for ``ttl``; only its hash is stored.

        Expired links and sessions are cleared out on the way.
        """
        token = secrets.token_urlsafe(TOKEN_BYTES)
        async with self._write() as connection:
            await self._purge_expired(connection, now)
            await connection.execute(
                sa.insert(login_tokens).values(
                    token_hash=token_hash(token),
                    clinic_id=clinic_id,
                    staff_user_id=staff_user_id,
                    staff_name=staff_name,
                    created_at=now,
                    expires_at=now + ttl,
                )
            )
        return token

    async def redeem_login_token(
        self, clinic_id: str, token: str, *, now: datetime
    ) -> StaffLogin | None:
        """Use a sign-in link: who it was for, or None if unknown, used, expired or for
        another clinic. Marks it used in the same statement, so it works exactly once."""
        async with self._write() as connection:
            row = (
                await connection.execute(
                    sa.update(login_tokens)
                    .where(
                        login_tokens.c.token_hash == token_hash(token),
                        login_tokens.c.clinic_id == clinic_id,
                        login_tokens.c.used_at.is_(None),
                        login_tokens.c.expires_at > now,
                    )
                    .values(used_at=now)
                    .returning(login_tokens.c.staff_user_id, login_tokens.c.staff_name)
                )
            ).one_or_none()
        if row is None:
            return None
        return StaffLogin(clinic_id, int(row.staff_user_id), str(row.staff_name))

    async def create_session(
        self, login: StaffLogin, *, now: datetime, ttl: timedelta
    ) -> tuple[str, StaffSession]:
        """Start a session: its secret id (for the cookie) and the stored session."""
        session_id = secrets.token_urlsafe(TOKEN_BYTES)
        session = StaffSession(
            clinic_id=login.clinic_id,
            staff_user_id=login.staff_user_id,
            staff_name=login.staff_name,
            csrf_token=secrets.token_urlsafe(TOKEN_BYTES),
            created_at=now,
            expires_at=now + ttl,
        )
        async with self._write() as connection:
            await connection.execute(
                sa.insert(sessions).values(
                    session_hash=token_hash(session_id),
                    clinic_id=session.clinic_id,
                    staff_user_id=session.staff_user_id,
                    staff_name=session.staff_name,
                    csrf_token=session.csrf_token,
                    created_at=now,
                    expires_at=session.expires_at,
                )
            )
        return session_id, session

    async def get_session(self, session_id: str, *, now: datetime) -> StaffSession | None:
        """The live session with this secret id; None once it expired or was signed out."""
        async with self._read() as connection:
            row = (
                await connection.execute(
                    sa.select(sessions).where(
                        sessions.c.session_hash == token_hash(session_id),
                        sessions.c.ended_at.is_(None),
                        sessions.c.expires_at > now,
                    )
                )
            ).one_or_none()
        if row is None:
            return None
        return StaffSession(
            clinic_id=row.clinic_id,
            staff_user_id=int(row.staff_user_id),
            staff_name=row.staff_name,
            csrf_token=row.csrf_token,
            created_at=row.created_at,
            expires_at=row.expires_at,
        )

    async def end_session(self, session_id: str, *, now: datetime) -> bool:
        """Sign out: the session's cookie stops working at once."""
        async with self._write() as connection:
            result = await connection.execute(
                sa.update(sessions)
                .where(sessions.c.session_hash == token_hash(session_id))
                .where(sessions.c.ended_at.is_(None))
                .values(ended_at=now)
            )
        return result.rowcount > 0

    async def _purge_expired(self, connection: DbConnection, now: datetime) -> None:
        await connection.execute(sa.delete(login_tokens).where(login_tokens.c.expires_at <= now))
        await connection.execute(sa.delete(sessions).where(sessions.c.expires_at <= now))

    # -- audit log ---------------------------------------------------------------------

    async def record_audit(
        self,
        clinic_id: str,
        staff_user_id: int,
        staff_name: str,
        action: str,
        *,
        target: str | None = None,
        detail: str | None = None,
        now: datetime,
    ) -> None:
        """Write down one staff action (never a patient's words)."""
        async with self._write() as connection:
            await connection.execute(
                sa.insert(audit_log).values(
                    clinic_id=clinic_id,
                    staff_user_id=staff_user_id,
                    staff_name=staff_name,
                    action=action,
                    target=target,
                    detail=detail,
                    created_at=now,
                )
            )

    async def audit_entries(self, clinic_id: str, *, limit: int = 200) -> list[AuditEntry]:
        """The clinic's most recent staff actions, newest first."""
        async with self._read() as connection:
            rows = await connection.execute(
                sa.select(audit_log)
                .where(audit_log.c.clinic_id == clinic_id)
                .order_by(audit_log.c.created_at.desc(), audit_log.c.id.desc())
                .limit(limit)
            )
            return [
                AuditEntry(
                    id=row.id,
                    staff_user_id=int(row.staff_user_id),
                    staff_name=row.staff_name,
                    action=row.action,
                    target=row.target,
                    detail=row.detail,
                    created_at=row.created_at,
                )
                for row in rows
            ]

    # -- page data ---------------------------------------------------------------------

    async def messages_per_day(
        self, clinic_id: str, since: datetime, zone: tzinfo
    ) -> list[DailyCount]:
        """Events per local day (in the clinic's time zone) and kind, oldest day first."""
        async with self._read() as connection:
            rows = await connection.execute(
                sa.select(events.c.created_at, events.c.kind).where(
                    events.c.clinic_id == clinic_id, events.c.created_at >= since
                )
            )
            counts: dict[tuple[date, str], int] = {}
            for created_at, kind in rows:
                key = (created_at.astimezone(zone).date(), kind)
                counts[key] = counts.get(key, 0) + 1
        return [DailyCount(day, kind, n) for (day, kind), n in sorted(counts.items())]

    async def alerts(
        self, clinic_id: str, *, acknowledged_since: datetime, limit: int = 200
    ) -> list[AlertView]:
        """Open alerts (emergencies first, then oldest first), then those acknowledged
        since then (newest first)."""
        is_open = staff_alerts.c.status.in_(("queued", "sent"))
        query = (
            sa.select(staff_alerts, patients.c.treated_on)
            .outerjoin(
                patients,
                sa.and_(
                    patients.c.clinic_id == staff_alerts.c.clinic_id,
                    patients.c.user_id == staff_alerts.c.user_id,
                ),
            )
            .where(
                staff_alerts.c.clinic_id == clinic_id,
                sa.or_(is_open, staff_alerts.c.acknowledged_at >= acknowledged_since),
            )
            .order_by(  # open ones first (oldest first), so a long history never hides one
                sa.case((is_open, 0), else_=1),
                sa.case((is_open, staff_alerts.c.created_at), else_=None),
                staff_alerts.c.acknowledged_at.desc(),
            )
            .limit(limit)
        )
        async with self._read() as connection:
            rows = list(await connection.execute(query))
        views = [AlertView(_alert(row._mapping), row.treated_on) for row in rows]
        open_ = sorted(
            (v for v in views if v.alert.status != "acknowledged"),
            key=lambda v: (v.alert.level != "emergency", v.alert.created_at, v.alert.id),
        )
        done = sorted(
            (v for v in views if v.alert.status == "acknowledged"),
            key=lambda v: (v.alert.acknowledged_at or v.alert.created_at, v.alert.id),
            reverse=True,
        )
        return open_ + done

    async def clinic_alert(self, clinic_id: str, alert_id: str) -> Alert | None:
        """The alert with this id, only if it belongs to this clinic."""
        async with self._read() as connection:
            row = (
                await connection.execute(
                    sa.select(staff_alerts).where(
                        staff_alerts.c.id == alert_id, staff_alerts.c.clinic_id == clinic_id
                    )
                )
            ).one_or_none()
        return None if row is None else _alert(row._mapping)

    async def open_alert_count(self, clinic_id: str) -> int:
        async with self._read() as connection:
            return int(
                (
                    await connection.execute(
                        sa.select(sa.func.count()).where(
                            staff_alerts.c.clinic_id == clinic_id,
                            staff_alerts.c.status.in_(("queued", "sent")),
                        )
                    )
                ).scalar_one()
            )

    async def unanswered_texts(
        self, clinic_id: str, since: datetime, *, limit: int = 500
    ) -> tuple[list[UnansweredText], int]:
        """Stored unanswered texts (most asked first) and how many had no stored text."""
        asked = sa.func.count().label("asked")
        last = sa.func.max(unanswered.c.created_at).label("last_asked")
        recent = sa.and_(unanswered.c.clinic_id == clinic_id, unanswered.c.created_at >= since)
        async with self._read() as connection:
            rows = await connection.execute(
                sa.select(unanswered.c.text, asked, last)
                .where(recent, unanswered.c.text.is_not(None))
                .group_by(unanswered.c.text)
                .order_by(asked.desc(), unanswered.c.text)
                .limit(limit)
            )
            texts = [
                UnansweredText(text=row.text, count=int(row.asked), last_asked=_utc(row.last_asked))
                for row in rows
            ]
            without_text = int(
                (
                    await connection.execute(
                        sa.select(sa.func.count()).where(recent, unanswered.c.text.is_(None))
                    )
                ).scalar_one()
            )
        return texts, without_text

    async def recent_checkins(
        self, clinic_id: str, since: datetime, *, limit: int = 300
    ) -> list[CheckinView]:
        """Check-ins sent since then, answered ones and "something is wrong" first."""
        query = (
            sa.select(checkins, patients.c.first_name, patients.c.treated_on)
            .outerjoin(
                patients,
                sa.and_(
                    patients.c.clinic_id == checkins.c.clinic_id,
                    patients.c.user_id == checkins.c.user_id,
                ),
            )
            .where(
                checkins.c.clinic_id == clinic_id,
                checkins.c.status == "sent",
                checkins.c.sent_at >= since,
            )
            .order_by(checkins.c.sent_at.desc(), checkins.c.id.desc())
            .limit(limit)
        )
        async with self._read() as connection:
            rows = list(await connection.execute(query))
        views = [
            CheckinView(
                id=row.id,
                user_id=int(row.user_id),
                first_name=row.first_name,
                treated_on=row.treated_on,
                kind=row.kind,
                status=row.status,
                due_at=row.due_at,
                sent_at=row.sent_at,
                response=row.response,
                responded_at=row.responded_at,
            )
            for row in rows
        ]
        return sorted(views, key=lambda v: _checkin_priority(v.response))


def _checkin_priority(response: str | None) -> int:
    return {"wrong": 0, "q": 1}.get(response or "", 2)


def _utc(value: Any) -> datetime:
    """``max()`` over a UTC column comes back as text on SQLite; make it a UTC datetime."""

    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if not isinstance(value, datetime):
        raise StorageError(f"expected a timestamp, found {value!r}")
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
