"""The clinic staff's side: "I'm on it", /alerts, /stats and /dashboard (alerts are delivered
by the courier, ``bot.tg.courier``).

Staff commands answer only user ids listed in ``STAFF_USER_IDS``; anyone else gets a polite
refusal. Acknowledging works for anyone in the staff chat, where only staff should be.
"""

from __future__ import annotations

import html
import logging
from datetime import UTC, datetime, timedelta

from telegram import Message, Update
from telegram.constants import ChatType

from bot.tg.alerts import show_taken, taken_note
from bot.tg.callbacks import AckAlert, decode
from bot.tg.context import BotContext
from bot.tg.send import send_text

logger = logging.getLogger(__name__)


def _is_staff(update: Update, context: BotContext) -> bool:
    user = update.effective_user
    return user is not None and user.id in context.settings.staff_user_ids


async def _say(context: BotContext, chat_id: int, text: str) -> None:
    """Staff messages are in the clinic's first language (the renderer's own)."""
    await send_text(context.bot, chat_id, text, language=context.responder.renderer.language)


async def _refuse(update: Update, context: BotContext) -> None:
    messages = context.responder.renderer.messages
    if update.effective_chat is not None:
        await _say(context, update.effective_chat.id, messages.staff.refused)


async def cmd_alerts(update: Update, context: BotContext) -> None:
    """Open (unacknowledged) alerts, oldest first."""
    if not _is_staff(update, context):
        await _refuse(update, context)
        return
    alerts = await context.storage.open_alerts(context.clinic_id)
    if update.effective_chat is None:
        return
    if not alerts:
        text = context.responder.renderer.messages.staff.no_open_alerts
    else:
        lines = [f"Open alerts: {len(alerts)}"]
        for alert in alerts:
            when = alert.created_at.strftime("%d %b %H:%M UTC")
            lines.append(
                f"- {alert.level.upper()} {', '.join(alert.flag_ids)} from "
                f"{alert.patient_name} (id {alert.user_id}) at {when}, alert {alert.id}"
            )
        text = "\n".join(lines)
    await _say(context, update.effective_chat.id, text)


async def cmd_stats(update: Update, context: BotContext) -> None:
    """Headline figures for the last 7 and 30 days."""
    if not _is_staff(update, context):
        await _refuse(update, context)
        return
    now = datetime.now(UTC)
    lines = []
    for days in (7, 30):
        stats = await context.storage.stats(context.clinic_id, now - timedelta(days=days))
        levels = ", ".join(f"{k} {v}" for k, v in sorted(stats.escalations_by_level.items()))
        lines += [
            f"Last {days} days:",
            f"  questions answered {stats.answered}, clarified {stats.clarified}, "
            f"fallbacks {stats.fallbacks}",
            f"  escalations {stats.escalations} ({levels or 'none'})",
            f"  helpful {stats.helpful}, not helpful {stats.not_helpful}",
            f"  new patients {stats.new_patients}, check-in answers {stats.checkin_responses}",
        ]
    if update.effective_chat is not None:
        await _say(context, update.effective_chat.id, "\n".join(lines))


async def cmd_dashboard(update: Update, context: BotContext) -> None:
    """A one-time sign-in link to the clinic dashboard: staff only, in a private chat only.

    The link is a bearer credential for a few minutes, so it never goes to a group, and link
    previews are off (the sign-in page also needs a button press, so a preview could not use
    it up anyway).
    """
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    if not _is_staff(update, context):
        await _refuse(update, context)
        return
    staff = context.responder.renderer.messages.staff
    if chat.type != ChatType.PRIVATE:
        await _say(context, chat.id, staff.dashboard_private)
        return
    issue = context.bot_data.dashboard_link
    link = await issue(user.id, user.full_name) if issue is not None else None
    if link is None:
        await _say(context, chat.id, staff.dashboard_off)
        return
    # Link previews are off for every message (the application's Defaults).
    await _say(context, chat.id, f"{staff.dashboard_link}\n\n{link}")


async def on_ack_button(update: Update, context: BotContext) -> None:
    """ "I'm on it": the first press takes the alert; the message says who took it."""
    query = update.callback_query
    user = update.effective_user
    callback = decode(query.data) if query is not None else None
    if query is None or not isinstance(callback, AckAlert) or user is None:
        return
    alert_id = callback.alert_id
    taken = await context.storage.acknowledge_alert(alert_id, user.id, datetime.now(UTC))
    if not taken:
        # A replay after a crash finds this press's own acknowledgement: it still owes the
        # edit that says who took the alert (the edit is not journaled: bot.tg.journal).
        alert = await context.storage.get_alert(alert_id)
        taken = alert is not None and alert.acknowledged_by == user.id
    await query.answer(taken_note(context.responder, user.full_name) if taken else "Already taken.")
    message = query.message
    if taken and isinstance(message, Message) and message.chat is not None:
        text = message.text_html or html.escape(message.text or "")
        await show_taken(
            context.bot,
            message.chat.id,
            message.message_id,
            text,
            user.full_name,
            context.responder,
        )


async def job_retention(context: BotContext) -> None:
    """Delete events and message texts older than the clinic's retention period, and
    expired conversation memories."""
    cutoff = datetime.now(UTC) - timedelta(days=context.settings.retention_days)
    removed = await context.storage.purge_before(cutoff)
    if removed:
        logger.info("retention: deleted %d old records", removed)
    # Conversation memories are read only while live; expired ones are deleted here too.
    expired = await context.storage.purge_expired_conversations(datetime.now(UTC))
    if expired:
        logger.info("retention: deleted %d expired conversation memories", expired)
