"""A write that takes or gives back a lease goes ahead of the SQLite writes waiting (issue 16).

A staff alert is claimed with a lease (2 s in the crash tests, 60 s by default), sent, then
marked sent. Queued in arrival order behind every patient's bookkeeping, the mark waited
while the lease ran out, and the courier's next sweep sent the alert to the staff again:
session 10's webhook kill rounds on SQLite counted 16 marked alert repeats where the run
beside it had none. This holds the one writer of a real SQLite file, queues ordinary writes,
then the lease write, and reads the order in which their statements reached the database.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Connection

from bot.storage import AlertDraft, PlannedCheckin, Storage
from bot.storage.engine import write_transaction
from tests.storage.test_storage import CLINIC, T0

_TABLE = re.compile(r"^\s*(?:INSERT INTO|UPDATE|DELETE FROM)\s+(\w+)", re.IGNORECASE)
USER = 42


async def _queued_alert(storage: Storage) -> str:
    draft = AlertDraft(CLINIC, USER, USER, "emergency", ("breathing",), "Ana")
    return (await storage.queue_alert(draft, T0)).id


async def _claimed_alert(storage: Storage) -> str:
    alert_id = await _queued_alert(storage)
    assert [a.id for a in await storage.claim_due_alerts(T0)] == [alert_id]
    return alert_id


async def _sent_alert(storage: Storage) -> str:
    alert_id = await _claimed_alert(storage)
    await storage.mark_alert_sent(alert_id, 7, T0)
    return alert_id


async def _scheduled_checkin(storage: Storage) -> int:
    (checkin,) = await storage.schedule_checkins(CLINIC, USER, USER, [PlannedCheckin("day1", T0)])
    return checkin.id


async def _claimed_checkin(storage: Storage) -> int:
    checkin_id = await _scheduled_checkin(storage)
    assert [c.id for c in await storage.claim_due_checkins(T0)] == [checkin_id]
    return checkin_id


Prepare = Callable[[Storage], Awaitable[Any]]
LeaseWrite = Callable[[Storage, Any], Awaitable[object]]

#: Each lease write: what to prepare first (unhurried), the write, the table it changes.
CASES: dict[str, tuple[Prepare, LeaseWrite, str]] = {
    "claim_due_alerts": (_queued_alert, lambda s, _: s.claim_due_alerts(T0), "staff_alerts"),
    "claim_alerts_to_resend": (
        _sent_alert,
        lambda s, _: s.claim_alerts_to_resend(T0 + timedelta(hours=1), timedelta(minutes=5)),
        "staff_alerts",
    ),
    "mark_alert_sent": (
        _claimed_alert, lambda s, alert: s.mark_alert_sent(alert, 7, T0), "staff_alerts"
    ),
    "mark_alert_failed": (
        _claimed_alert, lambda s, alert: s.mark_alert_failed(alert, "timeout", T0), "staff_alerts"
    ),
    "claim_due_checkins": (
        _scheduled_checkin, lambda s, _: s.claim_due_checkins(T0), "checkins"
    ),
    "mark_checkin_sent": (
        _claimed_checkin, lambda s, checkin: s.mark_checkin_sent(checkin, T0), "checkins"
    ),
    "defer_checkin": (
        _claimed_checkin,
        lambda s, checkin: s.defer_checkin(checkin, T0 + timedelta(hours=1)),
        "checkins",
    ),
}  # fmt: skip


@contextmanager
def tables_written(storage: Storage) -> Iterator[list[str]]:
    """The table of every row-changing statement, in the order it reached SQLite."""
    engine = storage._engine.sync_engine
    seen: list[str] = []

    def statement(connection: Connection, cursor: Any, sql: str, *args: Any) -> None:
        match = _TABLE.match(sql)
        if match:
            seen.append(match.group(1))

    event.listen(engine, "before_cursor_execute", statement)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", statement)


@pytest.mark.parametrize("case", list(CASES))
async def test_a_lease_write_goes_ahead_of_the_patients_writes_waiting(
    tmp_path: Path, case: str
) -> None:
    prepare, lease_write, table = CASES[case]
    storage = await Storage.open(f"sqlite:///{tmp_path / 'bot.db'}")
    try:
        prepared = await prepare(storage)
        with tables_written(storage) as seen:
            async with write_transaction(storage._engine):  # a write in progress
                patients = [
                    asyncio.create_task(
                        storage.touch_patient(CLINIC, 100 + n, chat_id=100 + n,
                                              first_name="P", language="en", now=T0)
                    )
                    for n in range(3)
                ]  # fmt: skip
                await asyncio.sleep(0.05)  # the three wait for the writer
                lease = asyncio.create_task(lease_write(storage, prepared))
                await asyncio.sleep(0.05)  # and the lease write behind them
            await asyncio.gather(*patients, lease)
    finally:
        await storage.close()
    assert seen.count("patients") == 3
    assert seen.index(table) < seen.index("patients"), seen
