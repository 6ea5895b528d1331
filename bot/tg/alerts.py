"""Staff alerts: every emergency or urgent report reaches the clinic's staff chat.

The handler queues the alert in storage (already leased to itself) *before* the patient's
reply goes out, then sends it at once. If sending fails, or the process dies, the periodic
sweep sends it when its lease runs out: a crash or restart never loses an alert. When an
earlier attempt may have reached Telegram (a timeout, or a crash after sending), the alert
is marked as a possible repeat, so staff can tell a duplicate from a new report.
"""

from __future__ import annotations

import asyncio
import html
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError, TimedOut

from bot.core.knowledge import Knowledge
from bot.core.responder import Responder
from bot.storage import Storage
from bot.storage.models import Alert
from bot.tg.keyboards import Keyboards
from bot.tg.send import maybe_delivered, retry_after_seconds

logger = logging.getLogger(__name__)

MAYBE_DELIVERED = "maybe delivered: "


@dataclass(frozen=True, slots=True)
class AlertPolicy:
    """Timings for the outbox, all configurable through settings."""

    lease: timedelta = timedelta(seconds=60)
    resend_after: timedelta = timedelta(minutes=15)
    first_retry: timedelta = timedelta(seconds=5)
    max_retry: timedelta = timedelta(minutes=5)
    include_message_text: bool = False


def retry_delay(attempts: int, policy: AlertPolicy) -> timedelta:
    """Exponential back-off: 5 s, 10 s, 20 s ... capped at five minutes."""
    delay: timedelta = policy.first_retry * (2 ** max(0, attempts - 1))
    return delay if delay < policy.max_retry else policy.max_retry


def render_alert(alert: Alert, knowledge: Knowledge, *, repeat: bool, resend: bool) -> str:
    """The staff-chat message, as escaped HTML: level, flags, patient link, timing."""
    staff = knowledge.staff_language  # staff texts: the clinic's first language
    names = {flag.id: flag.name.get(staff, flag.name["en"]) for flag in knowledge.red_flags}
    recognised = ", ".join(names.get(fid, fid) for fid in alert.flag_ids)
    when = alert.created_at.astimezone(knowledge.clinic.zone()).strftime("%a %d %b %H:%M")
    patient = f'<a href="tg://user?id={alert.user_id}">{html.escape(alert.patient_name)}</a>'
    lines = [
        f"<b>{'EMERGENCY' if alert.level == 'emergency' else 'URGENT'}</b> reported by a patient",
        f"Recognised: {html.escape(recognised)}",
        f"Patient: {patient} (Telegram id {alert.user_id})",
        f"When: {when}",
    ]
    if alert.days_since_treatment is not None:
        lines.append(f"Days since treatment: {alert.days_since_treatment}")
    if alert.message_text:
        lines.append(f"Message: {html.escape(alert.message_text)}")
    if alert.level == "emergency":
        lines.append("The patient was told to call the emergency number now.")
    else:
        lines.append("The patient was told to contact the clinic today.")
    lines.append(f"Alert id: {alert.id}")
    if resend:
        lines.insert(0, "<b>Reminder: nobody has taken this alert yet.</b>")
    elif repeat:
        lines.insert(0, "<i>Possible repeat of an alert that may already have arrived.</i>")
    return "\n".join(lines)


def taken_note(responder: Responder, staff_name: str) -> str:
    """The clinic's "Taken by {name}." line, in its own words."""
    return responder.renderer.say(responder.renderer.messages.staff.taken, name=staff_name)


def taken_html(alert_html: str, note: str) -> str:
    """The staff-chat alert once someone took it: the alert as sent, then who took it."""
    return f"{alert_html}\n\n<b>{html.escape(note)}</b>"


async def show_taken(
    bot: Bot, chat_id: int, message_id: int, alert_html: str, staff_name: str, responder: Responder
) -> None:
    """Edit the alert's message in the staff chat to say who took it; the edit drops the
    "I'm on it" button. The Telegram button and the dashboard both end here."""
    await bot.edit_message_text(
        chat_id=chat_id,
        message_id=message_id,
        text=taken_html(alert_html, taken_note(responder, staff_name)),
        parse_mode=ParseMode.HTML,
    )


async def send_alert(
    bot: Bot,
    storage: Storage,
    alert: Alert,
    staff_chat_id: int,
    knowledge: Knowledge,
    policy: AlertPolicy,
    *,
    resend: bool = False,
    now: datetime | None = None,
) -> bool:
    """One delivery attempt for a leased alert; records the outcome. True when it arrived."""
    repeat = alert.attempts > 1 and (
        alert.last_error is None or alert.last_error.startswith(MAYBE_DELIVERED)
    )
    text = render_alert(alert, knowledge, repeat=repeat, resend=resend)
    try:
        sent = await bot.send_message(
            chat_id=staff_chat_id,
            text=text,
            parse_mode=ParseMode.HTML,
            reply_markup=Keyboards(knowledge).ack(alert.id),
        )
    except TimedOut as error:
        reason = f"{MAYBE_DELIVERED}{type(error).__name__}" if maybe_delivered(error) else "timeout"
        await _failed(storage, alert, reason, policy, now)
        return False
    except (BadRequest, Forbidden) as error:
        # The staff chat is wrong or the bot was removed: keep retrying slowly and say so.
        logger.error("staff chat %s refused alert %s: %s", staff_chat_id, alert.id, error)
        await _failed(storage, alert, f"refused: {error}", policy, now)
        return False
    except RetryAfter as error:
        seconds = retry_after_seconds(error)
        await _failed(storage, alert, "RetryAfter", policy, now, at_least=seconds)
        return False
    except TelegramError as error:
        await _failed(storage, alert, type(error).__name__, policy, now)
        return False
    await storage.mark_alert_sent(alert.id, sent.message_id, now or datetime.now(UTC))
    logger.info("alert %s delivered to the staff chat (resend=%s)", alert.id, resend)
    return True


async def _failed(
    storage: Storage,
    alert: Alert,
    reason: str,
    policy: AlertPolicy,
    now: datetime | None,
    *,
    at_least: float = 0.0,
) -> None:
    moment = now or datetime.now(UTC)
    delay = max(retry_delay(alert.attempts, policy), timedelta(seconds=at_least))
    retry_at = moment + delay
    logger.warning("alert %s not delivered (%s); retrying at %s", alert.id, reason, retry_at)
    await storage.mark_alert_failed(alert.id, reason, retry_at)


async def sweep_alerts(
    bot: Bot,
    storage: Storage,
    staff_chat_id: int,
    knowledge: Knowledge,
    policy: AlertPolicy,
    now: datetime | None = None,
    *,
    clinic_id: str | None = None,
) -> int:
    """Send every due alert (of ``clinic_id``, when given) and remind about unacknowledged
    ones; returns how many arrived.

    The claimed alerts go out side by side, so one that hangs does not hold up the others.
    """
    moment = now or datetime.now(UTC)
    due = await storage.claim_due_alerts(moment, lease=policy.lease, clinic_id=clinic_id)
    resends = await storage.claim_alerts_to_resend(
        moment, unacknowledged_for=policy.resend_after, lease=policy.lease, clinic_id=clinic_id
    )
    sent = await asyncio.gather(
        *(send_alert(bot, storage, a, staff_chat_id, knowledge, policy) for a in due),
        *(
            send_alert(bot, storage, a, staff_chat_id, knowledge, policy, resend=True)
            for a in resends
        ),
        return_exceptions=True,
    )
    for outcome in sent:
        if isinstance(outcome, Exception):  # its lease runs out and the next sweep retries
            logger.warning("an alert's delivery could not be recorded (%s)", type(outcome).__name__)
    return sum(outcome is True for outcome in sent)
