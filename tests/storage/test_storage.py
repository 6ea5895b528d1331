"""One contract for ``Storage``, run on a real SQLite file and a real PostgreSQL server.

PostgreSQL comes from ``TEST_DATABASE_URL`` (``eval "$(scripts/test-postgres)"`` starts a
throwaway one); the run creates its own database there and drops it afterwards. Without the
variable the PostgreSQL cases are skipped, except under ``CI=true``, where they fail: CI must
never pass by silently testing one back end.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.core.dialogue import DialogueState
from bot.errors import ConfigError, StorageError
from bot.storage import (
    ANSWERED,
    CLARIFIED,
    ESCALATION,
    FALLBACK,
    SMALLTALK,
    AlertDraft,
    CheckinAnswers,
    PlannedCheckin,
    Storage,
    TopicFeedback,
    UnansweredQuestion,
    migrate,
    parse_database_url,
)
from bot.storage.engine import create_engine, describe_url
from bot.storage.migrate import head_revision
from bot.storage.schema import PATIENT_TABLES, metadata

ROOT = Path(__file__).resolve().parent.parent
T0 = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
CLINIC = "glow"
OTHER_CLINIC = "derma"
TABLES = {table.name for table in PATIENT_TABLES}

T = TypeVar("T")

# ---------------------------------------------------------------------------------------
# Databases
# ---------------------------------------------------------------------------------------


def run_isolated(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine on its own loop in its own thread, clear of the test's event loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, make()).result()


def _asyncpg_dsn(url: str) -> str:
    return parse_database_url(url).set(drivername="postgresql").render_as_string(False)


async def _create_database(server_url: str) -> str:
    """A new, empty database next to ``server_url``'s; returns its URL."""
    name = f"aftercare_test_{uuid.uuid4().hex[:12]}"
    connection = await asyncpg.connect(_asyncpg_dsn(server_url))
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    return (
        parse_database_url(server_url)
        .set(drivername="postgresql", database=name)
        .render_as_string(False)
    )


async def _drop_database(server_url: str, url: str) -> None:
    name = parse_database_url(url).database
    connection = await asyncpg.connect(_asyncpg_dsn(server_url))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """``TEST_DATABASE_URL``, or a skip (a failure under CI) saying how to get one."""
    url = os.environ.get("TEST_DATABASE_URL", "").strip()
    if not url:
        how = 'set TEST_DATABASE_URL=postgresql://... (or: eval "$(scripts/test-postgres)")'
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but TEST_DATABASE_URL is not set: {how}", pytrace=False)
        pytest.skip(f"PostgreSQL tests need a server: {how}")
    return url


@pytest.fixture(scope="session")
def postgres_database(postgres_server: str) -> Iterator[str]:
    """One migrated database for this test run, dropped at the end."""
    url = run_isolated(lambda: _create_database(postgres_server))
    try:
        run_isolated(lambda: migrate(url))
        yield url
    finally:
        run_isolated(lambda: _drop_database(postgres_server, url))


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def database_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """An empty, migrated database: a new SQLite file, or the run's PostgreSQL truncated."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'aftercare.db'}"
    url: str = request.getfixturevalue("postgres_database")
    engine = create_engine(parse_database_url(url))
    try:
        async with engine.begin() as connection:
            names = ", ".join(sorted(TABLES))
            await connection.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY")
    finally:
        await engine.dispose()
    return url


@pytest.fixture
async def fresh_url(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> AsyncIterator[str]:
    """A database that has never been migrated (PostgreSQL: created for this test)."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'not' / 'yet' / 'there.db'}"
        return
    async with new_database(request.getfixturevalue("postgres_server")) as url:
        yield url


@asynccontextmanager
async def new_database(server: str) -> AsyncIterator[str]:
    """A PostgreSQL database created on ``server`` for one test and dropped after it."""
    url = await _create_database(server)
    try:
        yield url
    finally:
        await _drop_database(server, url)


@pytest.fixture
async def storage(database_url: str) -> AsyncIterator[Storage]:
    opened = await Storage.open(database_url)
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
async def raw(database_url: str) -> AsyncIterator[AsyncEngine]:
    """A second engine on the same database, for looking behind ``Storage``'s back."""
    engine = create_engine(parse_database_url(database_url))
    try:
        yield engine
    finally:
        await engine.dispose()


async def count_rows(engine: AsyncEngine, table: str, **where: Any) -> int:
    query = sa.select(sa.func.count()).select_from(sa.table(table))
    for column, value in where.items():
        query = query.where(sa.column(column) == value)
    async with engine.connect() as connection:
        return int((await connection.execute(query)).scalar_one())


# ---------------------------------------------------------------------------------------
# URLs and opening
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "driver"),
    [
        ("sqlite:///data/aftercare.db", "sqlite+pysqlite"),
        ("sqlite+aiosqlite:////abs/a.db", "sqlite+pysqlite"),
        ("postgresql://u:p@db.example/aftercare", "postgresql+asyncpg"),
        ("postgres://u:p@db.example/aftercare", "postgresql+asyncpg"),
        ("postgresql+asyncpg://u:p@db.example/aftercare", "postgresql+asyncpg"),
    ],
)
def test_plain_urls_map_to_the_async_drivers(url: str, driver: str) -> None:
    assert parse_database_url(url).drivername == driver


@pytest.mark.parametrize(
    ("url", "complaint"),
    [
        ("mysql://u:p@h/db", "unsupported database 'mysql'"),
        ("sqlite://", "in-memory"),
        ("sqlite:///:memory:", "in-memory"),
        ("not a url", "not a database URL"),
    ],
)
def test_unusable_urls_are_configuration_errors(url: str, complaint: str) -> None:
    with pytest.raises(ConfigError, match=complaint):
        parse_database_url(url)


def test_descriptions_of_urls_hide_the_password() -> None:
    described = describe_url(parse_database_url("postgresql://bot:s3cret@db/aftercare"))
    assert "s3cret" not in described
    assert described == "postgresql+asyncpg://bot:***@db/aftercare"


async def test_an_unreachable_server_is_a_storage_error_without_the_password() -> None:
    with pytest.raises(StorageError) as caught:
        await Storage.open("postgresql://bot:s3cret@127.0.0.1:1/aftercare")
    assert "s3cret" not in str(caught.value)


async def test_a_sqlite_file_that_cannot_be_created_is_a_storage_error(tmp_path: Path) -> None:
    (tmp_path / "blocked").write_text("a file where a folder should be")
    with pytest.raises(StorageError):
        await Storage.open(f"sqlite:///{tmp_path / 'blocked' / 'aftercare.db'}")


# ---------------------------------------------------------------------------------------
# Migrations and database settings
# ---------------------------------------------------------------------------------------


def _schema_differences(connection: sa.Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, metadata))


async def test_migrations_create_everything_once_and_match_the_schema(fresh_url: str) -> None:
    first = await migrate(fresh_url)
    assert (first.before, first.after) == (None, head_revision())
    again = await migrate(fresh_url)
    assert (again.before, again.after, again.changed) == (head_revision(), head_revision(), False)

    # Opening (twice at once, like two processes starting together) migrates nothing more.
    opened = await asyncio.gather(Storage.open(fresh_url), Storage.open(fresh_url))
    for each in opened:
        await each.close()

    engine = create_engine(parse_database_url(fresh_url))
    try:
        async with engine.connect() as connection:
            names = await connection.run_sync(lambda c: set(sa.inspect(c).get_table_names()))
            differences = await connection.run_sync(_schema_differences)
            versions = (await connection.exec_driver_sql("SELECT * FROM alembic_version")).all()
    finally:
        await engine.dispose()
    assert names == {table.name for table in metadata.sorted_tables} | {"alembic_version"}
    assert differences == []
    assert versions == [(head_revision(),)]


_MIGRATOR = """
import asyncio, sys
from bot.storage import migrate
print(asyncio.run(migrate(sys.argv[1])).before)
"""


async def test_processes_starting_together_migrate_a_fresh_database_once(fresh_url: str) -> None:
    children = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            _MIGRATOR,
            fresh_url,
            stdout=asyncio.subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            cwd=ROOT,
        )
        for _ in range(3)
    ]
    async with asyncio.timeout(30):
        outputs = [(await child.communicate())[0].decode().strip() for child in children]
    assert [child.returncode for child in children] == [0, 0, 0]
    assert sorted(outputs) == [head_revision(), head_revision(), "None"]


async def test_sqlite_is_private_and_runs_in_wal_mode_with_durable_commits(tmp_path: Path) -> None:
    path = tmp_path / "data" / "aftercare.db"
    storage = await Storage.open(f"sqlite:///{path}")
    await storage.close()
    assert path.exists()
    assert path.parent.stat().st_mode & 0o777 == 0o700  # patient data: the bot's user only
    with sqlite3.connect(path) as plain:
        assert plain.execute("PRAGMA journal_mode").fetchone() == ("wal",)

    engine = create_engine(parse_database_url(f"sqlite:///{path}"))
    try:
        async with engine.connect() as connection:
            pragmas = {
                name: (await connection.exec_driver_sql(f"PRAGMA {name}")).scalar_one()
                for name in ("synchronous", "foreign_keys")
            }
    finally:
        await engine.dispose()
    assert pragmas["synchronous"] == 2  # FULL
    # Waiting for another process's lock: tests/storage/test_sqlite_engine.py
    assert pragmas["foreign_keys"] == 1


# ---------------------------------------------------------------------------------------
# Patients
# ---------------------------------------------------------------------------------------


async def test_a_patient_is_created_on_first_contact_and_updated_after(storage: Storage) -> None:
    first = await storage.touch_patient(
        CLINIC, 42, chat_id=420, first_name="Ana", language="es", now=T0
    )
    assert (first.first_seen_at, first.last_seen_at) == (T0, T0)
    assert (first.first_name, first.language, first.chat_id) == ("Ana", "es", 420)
    assert first.checkins_enabled is True
    assert first.treated_on is None

    later = T0 + timedelta(hours=3)
    second = await storage.touch_patient(
        CLINIC, 42, chat_id=421, first_name=None, language=None, now=later
    )
    assert (second.first_seen_at, second.last_seen_at) == (T0, later)
    assert (second.first_name, second.language, second.chat_id) == ("Ana", "es", 421)
    assert await storage.get_patient(CLINIC, 42) == second


async def test_a_known_patient_seen_reads_as_the_touch_would_leave_them(storage: Storage) -> None:
    """``seen_patient`` writes nothing: it returns the patient as ``touch_patient`` would
    leave them and the write, which the caller commits with the update's bookkeeping."""
    assert (
        await storage.seen_patient(CLINIC, 43, chat_id=430, first_name="Bo", language="en", now=T0)
        is None
    )
    assert await storage.get_patient(CLINIC, 43) is None  # a new patient: touch_patient's job
    await storage.touch_patient(CLINIC, 43, chat_id=430, first_name="Bo", language=None, now=T0)
    later = T0 + timedelta(hours=2)
    for first_name, language in [(None, "de"), ("Bea", None)]:
        seen = await storage.seen_patient(
            CLINIC, 43, chat_id=431, first_name=first_name, language=language, now=later
        )
        assert seen is not None
        patient, write = seen
        assert (await storage.get_patient(CLINIC, 43)) != patient  # nothing written yet
        await storage.write_bookkeeping([write])
        assert await storage.get_patient(CLINIC, 43) == patient
    assert (patient.first_name, patient.language, patient.chat_id) == ("Bea", "de", 431)
    assert (patient.first_seen_at, patient.last_seen_at) == (T0, later)


async def test_the_same_telegram_user_is_a_different_patient_in_each_clinic(
    storage: Storage,
) -> None:
    await storage.touch_patient(CLINIC, 7, chat_id=7, first_name="A", language="en", now=T0)
    await storage.touch_patient(OTHER_CLINIC, 7, chat_id=7, first_name="B", language="de", now=T0)
    assert await storage.set_treatment(CLINIC, 7, date(2025, 6, 1), "forehead")

    ours = await storage.get_patient(CLINIC, 7)
    theirs = await storage.get_patient(OTHER_CLINIC, 7)
    assert ours is not None and theirs is not None
    assert (ours.first_name, ours.treated_on, ours.treatment_area) == (
        "A",
        date(2025, 6, 1),
        "forehead",
    )
    assert (theirs.first_name, theirs.treated_on) == ("B", None)
    assert await storage.get_patient(CLINIC, 8) is None


async def test_unknown_patients_are_reported_not_created(storage: Storage) -> None:
    assert await storage.set_treatment(CLINIC, 99, date(2025, 6, 1), None) is False
    assert await storage.set_checkins_enabled(CLINIC, 99, False) is False
    assert await storage.get_patient(CLINIC, 99) is None


async def test_times_come_back_as_the_same_instant_in_utc(storage: Storage) -> None:
    madrid_summer = timezone(timedelta(hours=2))
    moment = datetime(2025, 6, 2, 11, 30, 15, 123456, tzinfo=madrid_summer)
    patient = await storage.touch_patient(
        CLINIC, 1, chat_id=1, first_name=None, language=None, now=moment
    )
    assert patient.first_seen_at == moment
    assert patient.first_seen_at.tzinfo == UTC
    assert patient.first_seen_at.hour == 9
    assert patient.first_seen_at.microsecond == 123456


async def test_naive_datetimes_are_refused(storage: Storage) -> None:
    with pytest.raises(sa.exc.StatementError, match="naive datetime"):
        await storage.record_event(CLINIC, 1, ANSWERED, now=datetime(2025, 6, 2, 9))


# ---------------------------------------------------------------------------------------
# Events, statistics and the report
# ---------------------------------------------------------------------------------------


async def _fill_statistics(storage: Storage) -> None:
    old = T0 - timedelta(days=40)
    await storage.touch_patient(CLINIC, 1, chat_id=1, first_name=None, language=None, now=old)
    await storage.touch_patient(CLINIC, 2, chat_id=2, first_name=None, language=None, now=T0)
    await storage.touch_patient(CLINIC, 3, chat_id=3, first_name=None, language=None, now=T0)
    for kind, count in ((ANSWERED, 5), (CLARIFIED, 2), (FALLBACK, 3), (SMALLTALK, 1)):
        for _ in range(count):
            await storage.record_event(CLINIC, 2, kind, topic="bruising", score=88.5, now=T0)
    for level in ("emergency", "urgent", "urgent"):
        await storage.record_event(CLINIC, 3, ESCALATION, level=level, now=T0)
    await storage.record_event(CLINIC, None, "checkin_response", now=T0)  # not a counted kind
    await storage.record_event(CLINIC, 1, ANSWERED, now=old)  # before the period
    await storage.record_event(OTHER_CLINIC, 1, ANSWERED, now=T0)  # another clinic

    for topic, helpful in (("bruising", True), ("bruising", True), ("bruising", False)):
        await storage.record_feedback(CLINIC, 2, topic, helpful, T0)
    await storage.record_feedback(CLINIC, 3, "exercise", False, T0)
    await storage.record_feedback(CLINIC, 3, "exercise", True, old)

    for text in ("can I fly?", "can I fly?", "can I fly?", "sauna?", None, None):
        await storage.record_unanswered(CLINIC, 2, text, T0)
    await storage.record_unanswered(CLINIC, 2, "old question", old)
    await storage.record_unanswered(OTHER_CLINIC, 2, "sauna?", T0)

    plan = [PlannedCheckin("day1", T0), PlannedCheckin("day3", T0 + timedelta(days=2))]
    for user in (1, 2, 3):
        scheduled = await storage.schedule_checkins(CLINIC, user, user, plan)
        answer = "better" if user != 3 else "worse"
        await storage.record_checkin_response(scheduled[0].id, answer, T0, user_id=user)


async def test_stats_count_what_happened_in_one_clinic_since_a_moment(storage: Storage) -> None:
    await _fill_statistics(storage)
    stats = await storage.stats(CLINIC, T0 - timedelta(days=1))
    assert (stats.answered, stats.clarified, stats.fallbacks, stats.smalltalk) == (5, 2, 3, 1)
    assert stats.escalations_by_level == {"emergency": 1, "urgent": 2}
    assert stats.escalations == 3
    assert (stats.helpful, stats.not_helpful) == (2, 2)
    assert stats.unanswered == 6
    assert stats.checkin_responses == 3
    assert stats.new_patients == 2

    everything = await storage.stats(CLINIC, T0 - timedelta(days=365))
    assert (everything.answered, everything.helpful, everything.unanswered) == (6, 3, 7)
    nothing = await storage.stats("nobody", T0 - timedelta(days=365))
    assert (nothing.answered, nothing.escalations, nothing.new_patients) == (0, 0, 0)


async def test_the_report_breaks_the_figures_down(storage: Storage) -> None:
    await _fill_statistics(storage)
    report = await storage.report(CLINIC, T0 - timedelta(days=1), top=2)
    assert report.stats == await storage.stats(CLINIC, T0 - timedelta(days=1))
    assert report.feedback_by_topic == (
        TopicFeedback("bruising", helpful=2, not_helpful=1),
        TopicFeedback("exercise", helpful=0, not_helpful=1),
    )
    assert report.top_unanswered == (
        UnansweredQuestion("can I fly?", 3),
        UnansweredQuestion("sauna?", 1),
    )
    assert report.checkin_answers == (
        CheckinAnswers("day1", "better", 2),
        CheckinAnswers("day1", "worse", 1),
    )


async def test_without_kept_texts_the_report_only_counts_unanswered(storage: Storage) -> None:
    for _ in range(4):
        await storage.record_unanswered(CLINIC, 5, None, T0)
    report = await storage.report(CLINIC, T0)
    assert report.stats.unanswered == 4
    assert report.top_unanswered == ()


# ---------------------------------------------------------------------------------------
# Privacy: forgetting and retention
# ---------------------------------------------------------------------------------------


async def _everything_about(storage: Storage, clinic: str, user: int) -> int:
    """One or more rows about the patient in every table; returns how many rows in all."""
    await storage.touch_patient(clinic, user, chat_id=user, first_name="X", language=None, now=T0)
    await storage.record_event(clinic, user, ANSWERED, topic="t", text="my words", now=T0)
    await storage.record_event(clinic, user, ESCALATION, level="urgent", now=T0)
    await storage.record_unanswered(clinic, user, "a question", T0)
    await storage.record_feedback(clinic, user, "t", True, T0)
    draft = AlertDraft(clinic, user, user, "urgent", ("swelling",), "X", "my words", 2)
    await storage.queue_alert(draft, T0)
    plan = [PlannedCheckin("day1", T0), PlannedCheckin("day3", T0 + timedelta(days=2))]
    await storage.schedule_checkins(clinic, user, user, plan)
    memory = DialogueState(topics=("t",), topics_at=T0)
    await storage.save_conversation(clinic, user, user, memory, T0)
    return 1 + 2 + 1 + 1 + 1 + 2 + 1


async def test_forgetting_a_patient_leaves_no_row_behind(
    storage: Storage, raw: AsyncEngine
) -> None:
    written = await _everything_about(storage, CLINIC, 42)
    kept = await _everything_about(storage, CLINIC, 43)
    kept += await _everything_about(storage, OTHER_CLINIC, 42)
    await storage.record_event(CLINIC, None, ANSWERED, now=T0)
    kept += 1

    assert await storage.forget_patient(CLINIC, 42) == written

    for table in sorted(TABLES):
        assert await count_rows(raw, table, clinic_id=CLINIC, user_id=42) == 0, table
        assert await count_rows(raw, table, clinic_id=OTHER_CLINIC, user_id=42) > 0, table
        assert await count_rows(raw, table, clinic_id=CLINIC, user_id=43) > 0, table
    total = sum([await count_rows(raw, table) for table in TABLES])
    assert total == kept
    assert await storage.forget_patient(CLINIC, 42) == 0


async def test_purge_deletes_statistics_rows_older_than_the_cutoff(
    storage: Storage, raw: AsyncEngine
) -> None:
    old, new = T0 - timedelta(days=400), T0
    for when in (old, new):
        await storage.record_event(CLINIC, 1, ANSWERED, text="kept text", now=when)
        await storage.record_unanswered(CLINIC, 1, "a question", when)
        await storage.record_feedback(CLINIC, 1, "t", True, when)
        await storage.record_event(OTHER_CLINIC, 1, ANSWERED, now=when)
    await _everything_about(storage, CLINIC, 2)

    assert await storage.purge_before(T0 - timedelta(days=365), clinic_id=OTHER_CLINIC) == 1
    assert await storage.purge_before(T0 - timedelta(days=365)) == 3

    assert await count_rows(raw, "events", user_id=1) == 2
    assert await count_rows(raw, "unanswered", user_id=1) == 1
    assert await count_rows(raw, "feedback", user_id=1) == 1
    for table in ("patients", "staff_alerts", "checkins"):
        assert await count_rows(raw, table, user_id=2) > 0
    assert await storage.purge_before(T0 - timedelta(days=365)) == 0


# ---------------------------------------------------------------------------------------
# The staff-alert outbox
# ---------------------------------------------------------------------------------------


def _draft(user: int = 42, **changes: Any) -> AlertDraft:
    values: dict[str, Any] = {
        "clinic_id": CLINIC,
        "user_id": user,
        "chat_id": user * 10,
        "level": "emergency",
        "flag_ids": ("breathing", "swallowing"),
        "patient_name": "Ana",
        "message_text": None,
        "days_since_treatment": 1,
    }
    values.update(changes)
    return AlertDraft(**values)


async def test_an_alert_goes_from_queued_to_sent_to_acknowledged(storage: Storage) -> None:
    draft = _draft(message_text="I can't swallow")
    queued = await storage.queue_alert(draft, T0)
    assert queued.id == draft.id and len(queued.id) == 32
    assert (queued.status, queued.attempts, queued.resend_count) == ("queued", 0, 0)
    assert queued.flag_ids == ("breathing", "swallowing")
    assert queued.message_text == "I can't swallow"
    assert (queued.created_at, queued.next_attempt_at, queued.claimed_until) == (T0, T0, None)
    assert await storage.open_alerts(CLINIC) == [queued]

    # Claimed: leased to us, and nobody else gets it while the lease lasts.
    (claimed,) = await storage.claim_due_alerts(T0, lease=timedelta(seconds=60))
    assert claimed.id == draft.id
    assert (claimed.attempts, claimed.claimed_until) == (1, T0 + timedelta(seconds=60))
    assert await storage.claim_due_alerts(T0 + timedelta(seconds=59)) == []

    # Sending failed: try again later, not before.
    retry_at = T0 + timedelta(seconds=30)
    await storage.mark_alert_failed(draft.id, "NetworkError: boom", retry_at)
    assert await storage.claim_due_alerts(T0 + timedelta(seconds=29)) == []
    (again,) = await storage.claim_due_alerts(retry_at)
    assert (again.attempts, again.last_error) == (2, "NetworkError: boom")

    sent_at = retry_at + timedelta(seconds=1)
    await storage.mark_alert_sent(draft.id, 555, sent_at)
    sent = await storage.get_alert(draft.id)
    assert sent is not None
    assert (sent.status, sent.sent_at, sent.telegram_message_id) == ("sent", sent_at, 555)
    assert (sent.claimed_until, sent.last_error, sent.resend_count) == (None, None, 0)
    assert await storage.claim_due_alerts(sent_at + timedelta(hours=1)) == []
    assert await storage.open_alerts(CLINIC) == [sent]

    assert await storage.acknowledge_alert(draft.id, 9001, sent_at + timedelta(minutes=2))
    assert not await storage.acknowledge_alert(draft.id, 9002, sent_at + timedelta(minutes=3))
    done = await storage.get_alert(draft.id)
    assert done is not None
    assert (done.status, done.acknowledged_by) == ("acknowledged", 9001)
    assert done.acknowledged_at == sent_at + timedelta(minutes=2)
    assert await storage.open_alerts(CLINIC) == []
    assert await storage.get_alert("0" * 32) is None


async def test_unacknowledged_alerts_are_resent_a_limited_number_of_times(
    storage: Storage,
) -> None:
    draft = _draft()
    await storage.queue_alert(draft, T0)
    await storage.claim_due_alerts(T0)
    await storage.mark_alert_sent(draft.id, 1, T0)
    wait = timedelta(minutes=10)

    assert await storage.claim_alerts_to_resend(T0 + timedelta(minutes=9), wait) == []
    moment = T0
    for resend in range(1, 3):
        moment += wait
        (due,) = await storage.claim_alerts_to_resend(moment, wait, max_resends=2)
        assert due.id == draft.id and due.status == "sent"
        assert await storage.claim_alerts_to_resend(moment, wait, max_resends=2) == []
        await storage.mark_alert_sent(draft.id, 100 + resend, moment)
        alert = await storage.get_alert(draft.id)
        assert alert is not None
        assert (alert.resend_count, alert.telegram_message_id) == (resend, 100 + resend)
    assert await storage.claim_alerts_to_resend(moment + wait, wait, max_resends=2) == []

    # Acknowledged alerts are never resent, and a late "sent" does not undo the acknowledgement.
    other = _draft(user=43)
    await storage.queue_alert(other, T0)
    await storage.claim_due_alerts(T0)
    await storage.mark_alert_sent(other.id, 7, T0)
    await storage.acknowledge_alert(other.id, 9001, T0 + timedelta(minutes=1))
    assert await storage.claim_alerts_to_resend(T0 + timedelta(days=1), wait, max_resends=2) == []
    await storage.mark_alert_sent(other.id, 8, T0 + timedelta(minutes=2))
    acknowledged = await storage.get_alert(other.id)
    assert acknowledged is not None and acknowledged.status == "acknowledged"


async def test_a_failed_resend_waits_for_its_retry_time(storage: Storage) -> None:
    draft = _draft()
    await storage.queue_alert(draft, T0)
    await storage.claim_due_alerts(T0)
    await storage.mark_alert_sent(draft.id, 1, T0)
    wait = timedelta(minutes=10)
    await storage.claim_alerts_to_resend(T0 + wait, wait)
    await storage.mark_alert_failed(draft.id, "Forbidden", T0 + wait + timedelta(minutes=5))
    assert await storage.claim_alerts_to_resend(T0 + wait + timedelta(minutes=4), wait) == []
    assert len(await storage.claim_alerts_to_resend(T0 + wait + timedelta(minutes=5), wait)) == 1


async def test_queueing_is_idempotent_on_the_alert_id(storage: Storage, raw: AsyncEngine) -> None:
    draft = _draft()
    first = await storage.queue_alert(draft, T0)
    second = await storage.queue_alert(draft, T0 + timedelta(seconds=5))
    assert second == first
    assert await count_rows(raw, "staff_alerts") == 1


async def test_an_alert_queued_for_immediate_sending_is_left_to_its_sender(
    storage: Storage,
) -> None:
    draft = _draft()
    queued = await storage.queue_alert(draft, T0, claim_for=timedelta(seconds=30))
    assert (queued.attempts, queued.claimed_until) == (1, T0 + timedelta(seconds=30))
    assert await storage.claim_due_alerts(T0 + timedelta(seconds=29)) == []
    # The sender died without marking it: the sweep takes over when the lease runs out.
    (taken_over,) = await storage.claim_due_alerts(T0 + timedelta(seconds=30))
    assert taken_over.attempts == 2


async def test_due_alerts_are_claimed_oldest_first_up_to_the_limit(storage: Storage) -> None:
    drafts = [_draft(user=user) for user in range(5)]
    for index, draft in enumerate(drafts):
        await storage.queue_alert(draft, T0 + timedelta(seconds=index))
    now = T0 + timedelta(minutes=1)
    first = await storage.claim_due_alerts(now, limit=3)
    second = await storage.claim_due_alerts(now, limit=3)
    assert [alert.id for alert in first + second] == [draft.id for draft in drafts]


# ---------------------------------------------------------------------------------------
# Check-ins
# ---------------------------------------------------------------------------------------


def _plan(*days: int) -> list[PlannedCheckin]:
    return [PlannedCheckin(f"day{day}", T0 + timedelta(days=day)) for day in days]


async def test_a_check_in_is_scheduled_claimed_sent_and_answered(storage: Storage) -> None:
    await storage.touch_patient(CLINIC, 42, chat_id=420, first_name=None, language=None, now=T0)
    scheduled = await storage.schedule_checkins(CLINIC, 42, 420, _plan(1, 3, 14))
    assert [(c.kind, c.due_at, c.status) for c in scheduled] == [
        ("day1", T0 + timedelta(days=1), "scheduled"),
        ("day3", T0 + timedelta(days=3), "scheduled"),
        ("day14", T0 + timedelta(days=14), "scheduled"),
    ]
    assert await storage.claim_due_checkins(T0 + timedelta(hours=23)) == []

    day1_due = T0 + timedelta(days=1)
    (claimed,) = await storage.claim_due_checkins(day1_due, lease=timedelta(minutes=5))
    assert (claimed.id, claimed.chat_id, claimed.attempts) == (scheduled[0].id, 420, 1)
    assert claimed.claimed_until == day1_due + timedelta(minutes=5)
    assert await storage.claim_due_checkins(day1_due + timedelta(minutes=4)) == []

    await storage.mark_checkin_sent(claimed.id, day1_due)
    answered_at = day1_due + timedelta(hours=1)
    assert not await storage.record_checkin_response(claimed.id, "worse", answered_at, user_id=43)
    assert await storage.record_checkin_response(claimed.id, "better", answered_at, user_id=42)
    assert not await storage.record_checkin_response(10**9, "better", answered_at, user_id=42)
    day1 = (await storage.patient_checkins(CLINIC, 42))[0]
    assert (day1.status, day1.sent_at, day1.claimed_until) == ("sent", day1_due, None)
    assert (day1.response, day1.responded_at) == ("better", answered_at)
    assert await storage.claim_due_checkins(T0 + timedelta(days=2)) == []


async def test_rescheduling_replaces_only_check_ins_not_yet_sent(storage: Storage) -> None:
    first = await storage.schedule_checkins(CLINIC, 42, 420, _plan(1, 3, 14))
    (claimed,) = await storage.claim_due_checkins(T0 + timedelta(days=1))
    await storage.mark_checkin_sent(claimed.id, T0 + timedelta(days=1))

    replacement = await storage.schedule_checkins(CLINIC, 42, 420, _plan(5, 20))
    kinds = [(c.kind, c.status) for c in await storage.patient_checkins(CLINIC, 42)]
    assert kinds == [("day1", "sent"), ("day5", "scheduled"), ("day20", "scheduled")]
    # Ids are never reused: an old button can't reach a new check-in.
    assert min(c.id for c in replacement) > max(c.id for c in first)
    assert await storage.schedule_checkins(CLINIC, 42, 420, []) == []
    assert [c.kind for c in await storage.patient_checkins(CLINIC, 42)] == ["day1"]


async def test_cancelling_and_disabling_stop_check_ins(storage: Storage) -> None:
    await storage.touch_patient(CLINIC, 42, chat_id=420, first_name=None, language=None, now=T0)
    await storage.schedule_checkins(CLINIC, 42, 420, _plan(1, 3))
    assert await storage.cancel_checkins(CLINIC, 42) == 2
    assert await storage.cancel_checkins(CLINIC, 42) == 0
    assert await storage.claim_due_checkins(T0 + timedelta(days=30)) == []

    await storage.schedule_checkins(CLINIC, 42, 420, _plan(1, 3))
    assert await storage.set_checkins_enabled(CLINIC, 42, False)
    patient = await storage.get_patient(CLINIC, 42)
    assert patient is not None and patient.checkins_enabled is False
    statuses = [c.status for c in await storage.patient_checkins(CLINIC, 42)]
    assert statuses == ["cancelled"] * 4
    assert await storage.claim_due_checkins(T0 + timedelta(days=30)) == []
    assert await storage.set_checkins_enabled(CLINIC, 42, True)


async def test_a_deferred_check_in_comes_back_at_its_new_time(storage: Storage) -> None:
    (checkin,) = await storage.schedule_checkins(CLINIC, 42, 420, _plan(1))
    due = T0 + timedelta(days=1)
    (claimed,) = await storage.claim_due_checkins(due)
    later = due + timedelta(hours=10)
    await storage.defer_checkin(claimed.id, later, error="quiet hours")
    assert await storage.claim_due_checkins(later - timedelta(seconds=1)) == []
    (again,) = await storage.claim_due_checkins(later)
    assert (again.id, again.due_at, again.attempts, again.last_error) == (
        checkin.id,
        later,
        2,
        "quiet hours",
    )


async def test_check_ins_can_be_claimed_for_one_clinic(storage: Storage) -> None:
    await storage.schedule_checkins(CLINIC, 1, 1, _plan(1))
    await storage.schedule_checkins(OTHER_CLINIC, 1, 1, _plan(1))
    later = T0 + timedelta(days=2)
    (ours,) = await storage.claim_due_checkins(later, clinic_id=CLINIC)
    assert ours.clinic_id == CLINIC
    (theirs,) = await storage.claim_due_checkins(later)
    assert theirs.clinic_id == OTHER_CLINIC


# ---------------------------------------------------------------------------------------
# Several processes: every due item is claimed exactly once
# ---------------------------------------------------------------------------------------


async def test_two_processes_claiming_at_once_never_share_an_item(database_url: str) -> None:
    first, second = await Storage.open(database_url), await Storage.open(database_url)
    try:
        alert_ids = set()
        for user in range(60):
            alert_ids.add((await first.queue_alert(_draft(user=user), T0)).id)
            await second.schedule_checkins(CLINIC, user, user, _plan(0, 1))
        checkin_count = 120
        now = T0 + timedelta(days=2)

        claimed_alerts: Counter[str] = Counter()
        claimed_checkins: Counter[int] = Counter()
        for _ in range(20):
            alert_rounds = await asyncio.gather(
                *(each.claim_due_alerts(now, limit=7) for each in (first, second, first, second))
            )
            checkin_rounds = await asyncio.gather(
                *(each.claim_due_checkins(now, limit=9) for each in (second, first, second, first))
            )
            round_alerts = [alert.id for batch in alert_rounds for alert in batch]
            round_checkins = [checkin.id for batch in checkin_rounds for checkin in batch]
            assert len(round_alerts) == len(set(round_alerts))
            assert len(round_checkins) == len(set(round_checkins))
            claimed_alerts.update(round_alerts)
            claimed_checkins.update(round_checkins)
            if not round_alerts and not round_checkins:
                break
    finally:
        await first.close()
        await second.close()

    assert set(claimed_alerts) == alert_ids
    assert set(claimed_alerts.values()) == {1}
    assert len(claimed_checkins) == checkin_count
    assert set(claimed_checkins.values()) == {1}


# ---------------------------------------------------------------------------------------
# Durability: a returned write survives the process being killed
# ---------------------------------------------------------------------------------------

_WRITER = """
import asyncio, sys
from datetime import UTC, datetime
from bot.storage import AlertDraft, Storage

async def main(url):
    storage = await Storage.open(url)
    number = 0
    while True:
        now = datetime.now(UTC)
        await storage.record_event("durable", number, "answered", now=now)
        draft = AlertDraft("durable", number, number, "urgent", ("x",), "P", id=f"{number:032x}")
        await storage.queue_alert(draft, now)
        print(number, flush=True)
        number += 1

asyncio.run(main(sys.argv[1]))
"""


async def test_a_write_that_returned_survives_sigkill(database_url: str, raw: AsyncEngine) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        _WRITER,
        database_url,
        stdout=asyncio.subprocess.PIPE,
        env=env,
        cwd=ROOT,
    )
    assert child.stdout is not None
    confirmed: list[int] = []
    try:
        async with asyncio.timeout(30):
            while len(confirmed) < 25:
                line = await child.stdout.readline()
                assert line, "the writer stopped before confirming its writes"
                confirmed.append(int(line))
    finally:
        child.send_signal(signal.SIGKILL)  # at once: no chance to flush or close anything
        await child.wait()
    assert child.returncode == -signal.SIGKILL

    for number in confirmed:
        assert await count_rows(raw, "events", clinic_id="durable", user_id=number) == 1
        assert await count_rows(raw, "staff_alerts", id=f"{number:032x}") == 1
