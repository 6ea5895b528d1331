"""A journal of what one update has already done, so that a replay never does it twice.

The inbox (``bot.serve.inbox``) processes every update at least once: after a crash, or when
Telegram could not be reached, it runs the update's handler again. Handlers are not written
to be repeated, so each run carries a ``Journal`` in a context variable, and the steps that
must happen once are counted in order: every call that changes something on Telegram (a
reply, an edit, a button's answer) and the statistics record.

Each call is written down (``sent`` on the update's inbox row) at the moment it leaves: when
the HTTP connection is ready, its headers written and its body about to be (httpcore's
``trace`` hook, ``send_request_body.started``), not before; a request cut off before its
body is not acted on by Telegram. It is taken back only when it certainly did not arrive
(Telegram answered with an error, or nothing was written). A replay skips every call written
down, so an ordinary reply Telegram received is never sent again, whatever moment the
process dies at; and a reply still waiting for a connection, for the pool or for the event
loop when the process dies is not written down, so the replay sends it.

That leaves one gap: the instant between the note being committed and the body being written
(no network wait in between, but on a loaded machine the process may be descheduled there,
and on PostgreSQL the commit's answer comes back over a socket first). A kill there leaves a
step noted but never sent, and the Bot API has no idempotency key that could tell the replay
which case it is in. A reply to a patient (sent inside ``must_arrive``: every message
``bot.tg.send`` sends; escalations and a message's answers since session 8, the replies to
commands and buttons since session 9) must never be lost: it is noted with an
``unconfirmed`` mark as it leaves (in the same write as the note), cleared once its body is
written (the bytes are then the kernel's to deliver, whatever happens to the process) or
when Telegram answers 2xx (a transport without the trace hook); a replay that finds the mark
sends that reply again, with a "possible repeat" line in the patient's language
(``must_arrive`` tells the handler so). A kill in the gap so costs one marked copy instead
of the reply, and a kill between the body and the mark's removal a marked second copy.
Before session 8 ordinary replies were never resent and a kill in the gap lost them (1.5
questions in 120 per SIGKILL run on PostgreSQL); a marked repeat of an answer is the lesser
harm (``benchmarks/RELIABILITY.md``). A button's answer and an edit (``IDEMPOTENT``) are not
noted as they leave at all: Telegram does not act on them twice (a second answer to a query
is refused, an edit that changes nothing is "not modified", and both count as done here), so
a replay does them again unless a later step was noted, and no kill can lose them. Staff
alerts are resent and flagged "possible repeat" too (``bot.tg.alerts``). A timeout after the
request left counts as sent, as ``bot.tg.send`` already treats it (a reply's mark stays only
if its body was not written in full, so a later replay of the update resends it then and
only then).

The gap is one event-loop step when the note commits inline (SQLite). Committed over a
socket (PostgreSQL), the sending task resumes only when the loop reaches it, behind whatever
other chats' tasks are ready, and a message's triage and model take tens of milliseconds: a
reply sat noted but unsent that long, and SIGKILL rounds lost 2 to 5 questions in 120 there.
So while any reply is between its note and its body, no new CPU-heavy reading of a message
starts (``before_reading``): the replies leaving go first, and the gap stays short.

``JournaledRequest`` is python-telegram-bot's ``HTTPXRequest`` (its public ``do_request``
extension point, and ``httpx_kwargs`` for the hook) with the journal in front of it; without
a journal it is the plain request.
"""

from __future__ import annotations

import asyncio
import json
import logging
import weakref
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData

from bot.errors import StorageError
from bot.storage.inbox import KEEP, InboxStore, Keep, Statement

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


#: Journaled calls Telegram does not act on twice: a replay repeats them rather than note them.
IDEMPOTENT = frozenset({"answerCallbackQuery", "editMessageText", "editMessageReplyMarkup"})

#: How Telegram refuses an edit that would change nothing (an edit already made).
_NOT_MODIFIED = b"message is not modified"


@dataclass(slots=True)
class Journal:
    """The once-only steps of one run of one update.

    ``done_before`` steps were noted by an earlier run (a replay skips them); ``steps``
    counts this run's steps taken so far; ``noted`` is what the inbox row says. ``unconfirmed``
    is the row's mark: the step of a reply (to a patient) that left without Telegram's answer
    (``unconfirmed_before``, as an earlier run left it, is the one a replay sends again).
    ``retry`` is set by the error handler when a reply could not be delivered for now: the
    inbox runs the update again later, from the first step not noted.

    ``attempt`` counts the earlier tries the inbox made of this update in this process's
    care (0 for the first; a try Telegram refused is tried again later).

    ``pending`` is bookkeeping not written yet (a known patient seen now, the statistics
    event, the conversation's memory): it rides in the next write of this row (a reply noted
    as it leaves, the update finished or tried again), so a message costs one write
    transaction per reply plus one, not one per table (issue 17). ``owed`` is how many steps
    that write will count as taken: a ``write_once`` step is taken when its rows are
    committed, with the note that says so.
    """

    store: InboxStore
    bot_id: int
    update_id: int
    done_before: int = 0
    unconfirmed_before: int | None = None
    steps: int = 0
    noted: int = 0
    unconfirmed: int | None = None
    retry: bool = False
    owed: int = 0
    attempt: int = 0
    pending: list[Statement] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.noted = self.done_before
        self.unconfirmed = self.unconfirmed_before

    def begin(self) -> tuple[int, bool]:
        """The index of the next step, and whether an earlier run already took it."""
        return self.steps, self.steps < self.done_before

    def advance(self) -> None:
        """The step begun last is over (taken, skipped, or possibly taken)."""
        self.steps += 1

    def repeats_ahead(self) -> bool:
        """Whether a step still to come is a reply an earlier run sent without an
        answer: the reply about to go out will be sent again, so it should say so."""
        return self.unconfirmed_before is not None and self.unconfirmed_before >= self.steps

    async def note(self, count: int, *, unconfirmed: int | Keep | None = KEEP) -> None:
        """Write down that ``count`` steps are taken (or about to be), and with
        ``unconfirmed`` which reply among them waits for Telegram's answer."""
        mark_changes = not isinstance(unconfirmed, Keep) and unconfirmed != self.unconfirmed
        if count == self.noted and not mark_changes and not self.pending:
            return
        try:
            await self.store.record_sent(
                self.bot_id, self.update_id, count, unconfirmed=unconfirmed, also=self.pending
            )
            self.pending = []
            self.noted = count
            if not isinstance(unconfirmed, Keep):
                self.unconfirmed = unconfirmed
        except StorageError as exc:  # the bookkeeping failed, not the step
            logger.warning("could not journal update %s: %s", self.update_id, exc)

    def write_once(self, statements: Sequence[Statement]) -> None:
        """A step whose effect is ``statements`` (a statistics event): skipped when an earlier
        run took it, else committed with the next write of the row, which counts it taken
        (the rows and the count in one transaction: never one without the other)."""
        index, already = self.begin()
        if not already:
            self.pending.extend(statements)
            self.owed = index + 1
        self.advance()

    def write_later(self, statements: Sequence[Statement]) -> None:
        """Bookkeeping that is no step (the conversation's memory after the reply): written
        with the next write of the row, at the latest when the update is finished."""
        self.pending.extend(statements)

    def take_pending(self) -> tuple[int, list[Statement]]:
        """For the inbox's last write of this run: the steps it counts and what it must
        write with them (handed over: the journal forgets them)."""
        pending, self.pending = self.pending, []
        return max(self.noted, self.owed), pending

    async def confirm(self, index: int) -> None:
        """Telegram has the reply of step ``index``: it arrived, no resend."""
        if self.unconfirmed == index:
            await self.note(self.noted, unconfirmed=None)


CURRENT: ContextVar[Journal | None] = ContextVar("aftercare_journal", default=None)


#: Set while a reply to a patient is being sent: its requests must arrive (the module's doc).
_MUST_ARRIVE: ContextVar[bool] = ContextVar("aftercare_must_arrive", default=False)


def current() -> Journal | None:
    """The journal of the update being processed in this task, if any."""
    return CURRENT.get()


@contextmanager
def must_arrive() -> Iterator[bool]:
    """Around sending a reply to a patient: its requests are marked until their body is
    written (or Telegram answers), and a replay sends one again if the mark is still there.
    Yields whether this is such a resend (the reply should then carry a "possible repeat"
    line)."""
    journal = CURRENT.get()
    token = _MUST_ARRIVE.set(True)
    try:
        yield journal is not None and journal.repeats_ahead()
    finally:
        _MUST_ARRIVE.reset(token)


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


class _Leaving:
    """How many replies of this event loop are between their note and their body, and an
    event set when there are none."""

    def __init__(self) -> None:
        self.count = 0
        self.none = asyncio.Event()
        self.none.set()

    def enter(self) -> None:
        self.count += 1
        self.none.clear()

    def leave(self) -> None:
        self.count -= 1
        if self.count <= 0:
            self.count = 0
            self.none.set()


_LEAVING: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Leaving] = (
    weakref.WeakKeyDictionary()
)


def _leaving_here() -> _Leaving:
    loop = asyncio.get_running_loop()
    leaving = _LEAVING.get(loop)
    if leaving is None:
        leaving = _LEAVING[loop] = _Leaving()
    return leaving


async def before_reading() -> None:
    """Call before a message's CPU-heavy reading (triage, the model): it waits while a reply
    is between its journal note and its body, so that the reply's body is written first (see
    the module's doc). Returns at once, without yielding, when none is."""
    leaving = _leaving_here()
    if leaving.count:
        await leaving.none.wait()


@dataclass(slots=True)
class _Departure:
    """One journaled request on its way: ``left`` once its first bytes were about to go;
    ``urgent`` requests (a reply to a patient) are marked unconfirmed until their body is
    written; ``idempotent`` ones are not noted (a replay does them again)."""

    journal: Journal
    index: int
    urgent: bool = False
    resend: bool = False
    idempotent: bool = False
    left: bool = False
    in_gap: bool = False

    async def leaving(self) -> None:
        if not self.left:
            self.left = True
            if self.idempotent:
                return  # counted by the next step's note, if any: no gap to hold
            self.in_gap = True
            _leaving_here().enter()
            mark: int | Keep | None = self.index if self.urgent else KEEP
            await self.journal.note(self.index + 1, unconfirmed=mark)

    def out_of_gap(self) -> None:
        """The body is written, or will not be: other work may go on."""
        if self.in_gap:
            self.in_gap = False
            _leaving_here().leave()

    async def taken_back(self) -> None:
        """It certainly did not arrive: a later run takes this step again. A first send's
        mark goes too (nothing arrived that a resend could repeat); a resend keeps it."""
        mine = self.urgent and not self.resend and self.journal.unconfirmed == self.index
        await self.journal.note(self.index, unconfirmed=None if mine else KEEP)

    async def written(self) -> None:
        """The whole body is in the kernel's socket buffer (a reply is a few kilobytes, so
        the write does not wait): it reaches Telegram even if the process dies now, so a
        reply's mark goes here, not when Telegram's answer comes back. Waiting for the
        answer would resend every reply whose answer was still on its way at a kill.

        New readings wait until the mark's removal is committed too (``out_of_gap`` after
        it): a kill between the body and that commit sends a marked second copy, and with
        other chats' triage let in first the commit waited behind it (SIGKILL rounds on
        SQLite, session 8: 16 of 120 questions and 20 of 120 escalations sent twice or
        more, against 4 and 9 on PostgreSQL)."""
        if self.urgent:
            await self.journal.confirm(self.index)
        self.out_of_gap()

    async def answered(self) -> None:
        """Telegram acted on it and said so."""
        await self.leaving()  # already noted, unless a transport had no trace hook
        self.out_of_gap()  # (then noted only now, after the fact: no gap to hold)
        if self.urgent:
            await self.journal.confirm(self.index)


_DEPARTING: ContextVar[_Departure | None] = ContextVar("aftercare_departing", default=None)


async def _trace(event: str, info: dict[str, Any]) -> None:
    """httpcore's trace callback, in the sending task: note the call just before the request
    body is written (the connection is ready; nothing left to wait for)."""
    if event.endswith("send_request_body.started"):
        departure = _DEPARTING.get()
        if departure is not None:
            await departure.leaving()
    elif event.endswith("send_request_body.complete"):
        departure = _DEPARTING.get()
        if departure is not None:
            await departure.written()


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
    update is processed are noted as they leave, and skipped on a replay when noted (a
    reply to a patient left without an answer is sent again instead)."""

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
        idempotent = endpoint in IDEMPOTENT
        urgent = _MUST_ARRIVE.get() and not idempotent
        resend = urgent and index == journal.unconfirmed_before
        if already and not resend:
            journal.advance()
            return _skipped(endpoint, request_data)
        departure = _Departure(journal, index, urgent=urgent, resend=resend, idempotent=idempotent)
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
                journal.advance()  # it may have arrived: not repeated in this run
            elif isinstance(error, TimedOut) and not never_left(error):
                # Its headers timed out: no body, nothing Telegram acts on. bot.tg.send does
                # not repeat a write timeout, so the step is over for this run (a replay,
                # finding it not noted, sends it).
                journal.advance()
            else:
                await departure.taken_back()  # not sent: a retry takes this step again
            raise
        finally:
            departure.out_of_gap()
            _DEPARTING.reset(token)
        if 200 <= status < 300:
            await departure.answered()
            journal.advance()
            return status, payload
        if (endpoint == "answerCallbackQuery" and status == 400) or (
            idempotent and status == 400 and _NOT_MODIFIED in payload
        ):
            # "query is too old": a button answered after a restart (the spinner on the
            # patient's button has long stopped); "not modified": the edit was made before a
            # restart, or a second tap asked for what is shown. Nothing is lost: no error.
            await departure.answered()
            journal.advance()
            return _answer(True)
        await departure.taken_back()  # refused by Telegram: not delivered, may be tried again
        return status, payload
