"""A journal of what one update has already done, so that a replay never does it twice.

The inbox (``bot.serve.inbox``) processes every update at least once: after a crash, or when
Telegram could not be reached, it runs the update's handler again. Handlers are not written
to be repeated, so each run carries a ``Journal`` in a context variable, and the steps that
must happen once are counted in order: every call that changes something on Telegram (a
reply, an edit, a button's answer) and the statistics record.

Each call is written down (``sent`` on the update's inbox row) at the moment it leaves: when
the HTTP connection is ready, its headers written and its body about to be (httpcore's
``trace`` hook, ``send_request_body.started``), not before; a request cut off before its
body is not acted on by Telegram. It is taken back only when it
certainly did not arrive (Telegram answered with an error, or nothing was written). A replay
skips every call written down. So a reply Telegram received is never sent again, whatever
moment the process dies at; and a reply still waiting for a connection, for the pool or for
the event loop when the process dies is not written down, so the replay sends it. The one gap
left is the instant between the note being committed and the write itself (no network wait in
between), where a reply would be noted but not sent. The Bot API has no idempotency key that
could close it. We chose "never repeated" over "repeated, flagged as a possible repeat" for
patients' replies: a patient must not get an emergency message twice, and the staff alert of
an emergency, queued before the reply, goes out in any case (staff alerts themselves are
resent and flagged "possible repeat", ``bot.tg.alerts``). A timeout after the request left
counts as sent, as ``bot.tg.send`` already treats it.

``JournaledRequest`` is python-telegram-bot's ``HTTPXRequest`` (its public ``do_request``
extension point, and ``httpx_kwargs`` for the hook) with the journal in front of it; without
a journal it is the plain request.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData

from bot.errors import StorageError
from bot.storage.inbox import InboxStore

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: Bot API methods whose effect a patient or the staff would see twice.
JOURNALED = frozenset(
    {
        "sendMessage",
        "editMessageText",
        "editMessageReplyMarkup",
        "answerCallbackQuery",
        "sendPhoto",
        "sendDocument",
        "copyMessage",
        "forwardMessage",
        "deleteMessage",
    }
)


@dataclass(slots=True)
class Journal:
    """The once-only steps of one run of one update.

    ``done_before`` steps were noted by an earlier run (a replay skips them); ``steps``
    counts this run's steps taken so far; ``noted`` is what the inbox row says. ``retry`` is
    set by the error handler when a reply could not be delivered for now: the inbox runs the
    update again later, from the first step not noted.
    """

    store: InboxStore
    bot_id: int
    update_id: int
    done_before: int = 0
    steps: int = 0
    noted: int = 0
    retry: bool = False

    def __post_init__(self) -> None:
        self.noted = self.done_before

    def begin(self) -> tuple[int, bool]:
        """The index of the next step, and whether an earlier run already took it."""
        return self.steps, self.steps < self.done_before

    def advance(self) -> None:
        """The step begun last is over (taken, skipped, or possibly taken)."""
        self.steps += 1

    async def note(self, count: int) -> None:
        """Write down that ``count`` steps are taken (or about to be)."""
        if count == self.noted:
            return
        try:
            await self.store.record_sent(self.bot_id, self.update_id, count)
            self.noted = count
        except StorageError as exc:  # the bookkeeping failed, not the step
            logger.warning("could not journal update %s: %s", self.update_id, exc)


CURRENT: ContextVar[Journal | None] = ContextVar("aftercare_journal", default=None)


def current() -> Journal | None:
    """The journal of the update being processed in this task, if any."""
    return CURRENT.get()


async def once(step: Callable[[], Awaitable[T]]) -> T | None:
    """Run ``step`` unless an earlier run of this update did; None when skipped."""
    journal = CURRENT.get()
    if journal is None:
        return await step()
    index, already = journal.begin()
    if already:
        journal.advance()
        return None
    await journal.note(index + 1)
    try:
        result = await step()
    except BaseException:
        await journal.note(index)  # it did not happen: a later run may try again
        raise
    journal.advance()
    return result


def never_left(error: Exception) -> bool:
    """True when a failed request certainly did not reach Telegram: no connection was made
    (refused, or a connect or pool timeout). A read timeout or a dropped connection may come
    after Telegram acted."""
    cause = error.__cause__
    if isinstance(error, TimedOut):
        return isinstance(cause, (httpx.ConnectTimeout, httpx.PoolTimeout))
    return isinstance(cause, httpx.ConnectError)


@dataclass(slots=True)
class _Departure:
    """One journaled request on its way: ``left`` once its first bytes were about to go."""

    journal: Journal
    index: int
    left: bool = False

    async def leaving(self) -> None:
        if not self.left:
            self.left = True
            await self.journal.note(self.index + 1)


_DEPARTING: ContextVar[_Departure | None] = ContextVar("aftercare_departing", default=None)


async def _trace(event: str, info: dict[str, Any]) -> None:
    """httpcore's trace callback, in the sending task: note the call just before the request
    body is written (the connection is ready; nothing left to wait for)."""
    if event.endswith("send_request_body.started"):
        departure = _DEPARTING.get()
        if departure is not None:
            await departure.leaving()


async def _attach_trace(request: httpx.Request) -> None:
    """httpx request hook: a journaled request carries ``_trace`` down to httpcore."""
    if _DEPARTING.get() is not None:
        request.extensions["trace"] = _trace


def _answer(result: object) -> tuple[int, bytes]:
    return 200, json.dumps({"ok": True, "result": result}).encode()


def _skipped(method: str, data: RequestData | None) -> tuple[int, bytes]:
    """What Telegram answered the first time, as far as a handler cares: a Message for
    the send methods (its id unknown), True for the rest."""
    if method.startswith(("send", "copy", "forward")):
        chat_id = data.parameters.get("chat_id", 0) if data is not None else 0
        chat = {"id": chat_id if isinstance(chat_id, int) else 0, "type": "private"}
        return _answer({"message_id": 0, "date": 0, "chat": chat})
    return _answer(True)


class JournaledRequest(HTTPXRequest):
    """Every Bot API call of the bot goes through here; calls in ``JOURNALED`` made while an
    update is processed are noted as they leave, and skipped on a replay when noted."""

    def __init__(self, *, httpx_kwargs: dict[str, Any] | None = None, **kwargs: Any) -> None:
        extra: dict[str, Any] = dict(httpx_kwargs or {})
        hooks: dict[str, list[Any]] = {k: list(v) for k, v in extra.get("event_hooks", {}).items()}
        hooks.setdefault("request", []).append(_attach_trace)
        extra["event_hooks"] = hooks
        super().__init__(httpx_kwargs=extra, **kwargs)

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: object = BaseRequest.DEFAULT_NONE,
        write_timeout: object = BaseRequest.DEFAULT_NONE,
        connect_timeout: object = BaseRequest.DEFAULT_NONE,
        pool_timeout: object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        journal = CURRENT.get()
        endpoint = url.rsplit("/", 1)[-1]
        if journal is None or endpoint not in JOURNALED:
            return await super().do_request(
                url,
                method,
                request_data,
                read_timeout,  # type: ignore[arg-type]
                write_timeout,  # type: ignore[arg-type]
                connect_timeout,  # type: ignore[arg-type]
                pool_timeout,  # type: ignore[arg-type]
            )
        index, already = journal.begin()
        if already:
            journal.advance()
            return _skipped(endpoint, request_data)
        departure = _Departure(journal, index)
        token = _DEPARTING.set(departure)
        try:
            status, payload = await super().do_request(
                url,
                method,
                request_data,
                read_timeout,  # type: ignore[arg-type]
                write_timeout,  # type: ignore[arg-type]
                connect_timeout,  # type: ignore[arg-type]
                pool_timeout,  # type: ignore[arg-type]
            )
        except NetworkError as error:  # TimedOut is one too
            if departure.left and not never_left(error):
                journal.advance()  # it may have arrived: never repeated
            elif isinstance(error, TimedOut) and not never_left(error):
                # Its headers timed out: no body, nothing Telegram acts on. bot.tg.send does
                # not repeat a write timeout, so the step is over for this run (a replay,
                # finding it not noted, sends it).
                journal.advance()
            else:
                await journal.note(index)  # not sent: a retry takes this step again
            raise
        finally:
            _DEPARTING.reset(token)
        if 200 <= status < 300:
            await departure.leaving()  # already noted, unless a transport had no trace hook
            journal.advance()
            return status, payload
        if endpoint == "answerCallbackQuery" and status == 400:
            # "query is too old": a button answered after a restart. The spinner on the
            # patient's button has long stopped; nothing is lost, so it is not an error.
            await departure.leaving()
            journal.advance()
            return _answer(True)
        await journal.note(index)  # refused by Telegram: not delivered, may be tried again
        return status, payload
