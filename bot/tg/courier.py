"""The staff-alert courier: delivers the outbox apart from the patients' handlers.

A handler queues an escalation's alert in storage (durable) and wakes the courier; it never
waits for the staff chat itself. So a staff chat that hangs or fails delays nobody's reply,
and a patient's failed reply does not hold the alert back. The courier also sweeps every
``SWEEP_SECONDS`` for alerts to retry (after a failure or a restart) or to resend (nobody
pressed "I'm on it").
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from telegram import Bot

from bot.tg.alerts import sweep_alerts
from bot.tg.context import BotData

logger = logging.getLogger(__name__)


async def run_courier(data: BotData, bot: Bot, stop: asyncio.Event) -> None:
    """Sweep whenever woken (``data.alert_wakeup``) or every ``sweep_seconds``, until ``stop``."""
    settings = data.settings
    assert settings is not None
    failures = 0
    while not stop.is_set():
        wake = data.alert_wakeup
        waits = [asyncio.ensure_future(wake.wait()), asyncio.ensure_future(stop.wait())]
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(settings.sweep_seconds):
                await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        for waiting in waits:
            waiting.cancel()
        wake.clear()
        if stop.is_set() or settings.staff_chat_id is None or data.storage is None:
            continue
        responder = data.responder
        assert responder is not None
        try:
            await sweep_alerts(
                bot,
                data.storage,
                settings.staff_chat_id,
                responder.knowledge,
                data.alert_policy,
                clinic_id=settings.clinic_id,  # only this clinic's alerts, to its staff chat
            )
            failures = 0
        except Exception as exc:  # a database fault: log it, keep sweeping
            failures += 1
            if failures == 1 or failures % 100 == 0:
                logger.warning("alert sweep failed (%s), %d in a row", type(exc).__name__, failures)
