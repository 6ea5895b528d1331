"""Send a message so that a passing fault does not lose it, a timeout does not double it,
and a crash does not lose it either.

Out of the box python-telegram-bot gives up on the first HTTP 500, 502 or network error, so
the patient's reply simply vanishes. ``deliver`` retries those with exponential back-off and
honours 429 ``retry_after``. A *read* timeout is different: the request reached Telegram
and may well have been delivered, so it is not retried — a patient must never receive the
same emergency message twice.

Every message sent here while an update is handled is a reply to someone (a message's
answer, a command's, a button's), so it goes out inside ``bot.tg.journal.must_arrive``: a
SIGKILL between its journal note and its body no longer loses it; the replay sends it again
with a "possible repeat" line in its ``language`` (``bot.tg.repeat``). Before session 9 only
a message's answers had that guarantee; a command's or a button's reply in that gap was lost.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar

import httpx
from telegram import Bot, InlineKeyboardMarkup, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.core.replies import Reply, split_for_telegram, to_html
from bot.tg.journal import must_arrive
from bot.tg.repeat import marked_as_repeat, repeat_notice

logger = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How hard to try at once. Escalations get more attempts than ordinary answers.

    The budget is a few seconds: the patient's chat waits meanwhile (its later messages must
    not overtake this reply). Beyond it ``DeliveryFailed`` reaches the error handler, and the
    inbox tries the whole update again later, apart from every other chat.
    """

    attempts: int = 5
    first_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 10.0


ANSWER_POLICY = RetryPolicy(attempts=4)
ESCALATION_POLICY = RetryPolicy(attempts=5)


class DeliveryFailed(Exception):
    """Every attempt failed; the caller decides what to record."""


def retry_after_seconds(error: RetryAfter) -> float:
    """How long Telegram asked us to wait, in seconds (an int or a timedelta in PTB 22)."""
    value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def maybe_delivered(error: TimedOut) -> bool:
    """True when the request may have reached Telegram (a read or write timeout)."""
    cause = error.__cause__
    return not isinstance(cause, (httpx.ConnectTimeout, httpx.PoolTimeout))


async def deliver(
    send: Callable[[], Awaitable[T]],
    policy: RetryPolicy = ANSWER_POLICY,
    *,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> T | None:
    """Call ``send`` until it succeeds; None when a timeout left delivery unknown.

    Raises ``DeliveryFailed`` when every attempt failed, and re-raises errors that retrying
    cannot fix (a bad request, a user who blocked the bot).
    """
    delay = policy.first_delay
    last: Exception | None = None
    for attempt in range(1, policy.attempts + 1):
        try:
            return await send()
        except RetryAfter as error:
            last = error
            wait = retry_after_seconds(error)
            if wait > policy.max_retry_after:
                break  # a long pause: not here, holding the chat; the inbox tries again later
            logger.warning("Bot API asked to wait %.1fs (attempt %d)", wait, attempt)
            await sleep(wait)
            continue
        except TimedOut as error:
            if maybe_delivered(error):
                logger.warning("send timed out after the request was made; not repeating it")
                return None
            last = error
        except (BadRequest, Forbidden):
            raise
        except NetworkError as error:  # HTTP 5xx, connection refused or reset
            last = error
        logger.warning("send failed (%s), attempt %d", type(last).__name__, attempt)
        if attempt < policy.attempts:
            await sleep(delay)
            delay = min(delay * 2, policy.max_delay)
    raise DeliveryFailed(f"gave up after {policy.attempts} attempts: {last!r}")


async def send_text(
    bot: Bot,
    chat_id: int,
    text: str,
    *,
    language: str,
    markup: InlineKeyboardMarkup | None = None,
    bold_lines: int = 0,
    urgent: bool = False,
) -> None:
    """Send plain text as escaped HTML, split under the limit, retried through passing faults,
    resent after a crash in its journal gap with the possible-repeat line in ``language``.

    The keyboard goes on the last part, where the patient's thumb is.
    """
    with must_arrive() as repeat:
        if repeat:
            text = f"{text}\n\n{repeat_notice(language)}"
        await _send_plain(bot, chat_id, text, markup, bold_lines, urgent)


async def _send_plain(
    bot: Bot,
    chat_id: int,
    text: str,
    markup: InlineKeyboardMarkup | None,
    bold_lines: int,
    urgent: bool,
) -> None:
    chunks = split_for_telegram(text)
    htmls = [
        to_html(chunk, bold_lines=bold_lines if i == 0 else 0) for i, chunk in enumerate(chunks)
    ]
    await _send_html(bot, chat_id, htmls, markup, urgent)


async def send_reply(
    bot: Bot, chat_id: int, reply: Reply, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Send a core ``Reply`` as rendered (its ``html``), split only when over the limit;
    resent after a crash in its journal gap, marked as a possible repeat (the answer, or the
    action, stays first)."""
    urgent = reply.kind == "escalation"
    with must_arrive() as repeat:
        if repeat:
            reply = marked_as_repeat(reply)
        if len(split_for_telegram(reply.text)) == 1:
            await _send_html(bot, chat_id, [reply.html], markup, urgent)
        else:
            await _send_plain(bot, chat_id, reply.text, markup, int(urgent), urgent)


async def _send_html(
    bot: Bot,
    chat_id: int,
    htmls: list[str],
    markup: InlineKeyboardMarkup | None,
    urgent: bool,
) -> None:
    policy = ESCALATION_POLICY if urgent else ANSWER_POLICY
    for index, html_text in enumerate(htmls):
        keyboard = markup if index == len(htmls) - 1 else None

        async def send(html_text: str = html_text, keyboard: object = keyboard) -> Message:
            return await bot.send_message(
                chat_id=chat_id,
                text=html_text,
                parse_mode=ParseMode.HTML,
                reply_markup=keyboard,  # type: ignore[arg-type]
            )

        await deliver(send, policy)
