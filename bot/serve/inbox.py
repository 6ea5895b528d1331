"""Every update kept before Telegram is told it arrived, then processed once, chat by chat.

``UpdateInbox`` sits between the receivers (the poller, the webhook route) and
python-telegram-bot's handler table:

* ``accept`` writes updates to the durable inbox (``Storage.inbox``) and only then returns,
  so the poller moves its offset, and the webhook answers 200, after the update is safe.
* Different chats are processed concurrently; one chat's updates strictly in order. A slow
  or failing send holds up only its own chat, never the others (no head-of-line blocking).
* Under load the chat whose next message triage flags as an emergency or urgent goes first.
* An update python-telegram-bot cannot read is set aside as *poison* (counted, its text
  blanked, one log line without text) and the rest carry on.
* When a reply cannot be delivered for now the update is tried again later (its chat waits,
  the others do not); replies already delivered are not repeated (``bot.tg.journal``).
* At start-up, updates left unfinished by a crash are replayed, in order, before new ones.
* ``stop`` stops taking new work, finishes what it holds within a grace period, and leaves
  the rest in the inbox for the next start.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import json
import logging
import os
import secrets
import socket
from collections import deque
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from telegram import Update

from bot.errors import StorageError
from bot.serve.throttle import Throttled
from bot.storage import Storage
from bot.storage.inbox import Finished, Statement
from bot.tg.app import BotApplication
from bot.tg.journal import CURRENT, Journal, before_reading

logger = logging.getLogger(__name__)

#: How many updates (of different chats) are processed at the same time.
CONCURRENCY = 32
#: Updates held in memory; beyond this they wait in the database until there is room.
MAX_HELD = 5_000
#: How long an ordinary update whose replies Telegram will not take is tried (2, 4, 8...
#: seconds apart, ``RETRY_CAP`` at most), counted from when the patient wrote it: a question
#: outlives an outage of this length and is answered once Telegram is back (the reply says
#: it is late, ``bot.tg.late``). An emergency is never given up (``_gives_up``). This bounds
#: the inbox in an outage: what arrives within it, at most (and ``MAX_HELD`` in memory).
PATIENCE = timedelta(hours=1)
#: The longest pause between two tries of an update.
RETRY_CAP = 60.0
#: Finished updates are kept (ids only) this long: Telegram redelivers for up to a day.
KEEP_FINISHED = timedelta(days=2)


def bot_id_of(application: BotApplication) -> int:
    """The bot's id, the digits before the colon of its token (no network call needed)."""
    return int(application.bot.token.split(":", 1)[0])


def new_owner() -> str:
    """This process's name on the rows it holds: ``host:pid:random``."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


def is_dead_here(owner: str, me: str) -> bool:
    """True when ``owner`` was a process on this machine that no longer runs, or this very
    process id in an earlier life (a container restarted keeps its pid); the rows it held
    can be taken at once instead of waiting for their lease to run out."""
    host, _, rest = owner.partition(":")
    pid_text = rest.partition(":")[0]
    if owner == me or host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # it exists (someone else's): wait for the lease
    return False


@dataclass(slots=True)
class _Item:
    update_id: int
    update: Update
    lane: Hashable
    urgent: bool
    done_before: int
    attempts: int
    unconfirmed: int | None = None
    #: When the patient wrote it (Telegram's date), else when this process first took it.
    since: datetime = field(default_factory=lambda: datetime.now(UTC))


class UpdateInbox:
    """The durable inbox and the per-chat dispatcher of one running bot."""

    def __init__(
        self,
        application: BotApplication,
        storage: Storage,
        *,
        lease: timedelta = timedelta(seconds=30),
        concurrency: int = CONCURRENCY,
        max_held: int = MAX_HELD,
        patience: timedelta = PATIENCE,
        retry_cap: float = RETRY_CAP,
    ) -> None:
        self._app = application
        self._storage = storage
        self._store = storage.inbox
        self.bot_id = bot_id_of(application)
        self.owner = new_owner()
        self._lease = lease
        self._concurrency = concurrency
        self._max_held = max_held
        self._patience = patience
        self._retry_cap = retry_cap
        self._lanes: dict[Hashable, deque[_Item]] = {}
        #: The updates held (waiting or running): a claim may hand one back to its own holder
        #: when its lease lapsed (a loop starved for longer than the lease), never run twice.
        self._holding: set[int] = set()
        self._busy: set[Hashable] = set()
        self._ready: list[tuple[int, int, Hashable]] = []
        self._order = itertools.count()
        self._running: set[asyncio.Task[None]] = set()
        self._timers: dict[Hashable, asyncio.TimerHandle] = {}
        self._unfinished: list[tuple[int, Finished, list[Statement]]] = []
        self._changed = asyncio.Event()
        self._overflow = False
        self._background: asyncio.Task[None] | None = None
        self._held = 0
        self.processed = 0
        self.poison = 0
        self._poison_log = Throttled(logger)
        self._failure_log = Throttled(logger)

    # ---- the outside ---------------------------------------------------------------------

    @property
    def held(self) -> int:
        """Updates in memory, waiting or being processed."""
        return self._held

    @property
    def full(self) -> bool:
        """True when receivers should slow down (the rest waits in the database)."""
        return self._held >= self._max_held

    async def idle(self) -> None:
        """Return once nothing is held: every update taken in so far is finished."""
        while self._held:
            self._changed.clear()
            await self._changed.wait()

    async def start(self) -> None:
        """Take over what a crashed process left, replay it, and start the housekeeping."""
        owner = self.owner
        released = await self._store.release_dead(self.bot_id, lambda o: is_dead_here(o, owner))
        replayed = await self._refill()
        if released or replayed:
            logger.info("inbox: replaying %d unfinished updates", replayed)
        self._background = asyncio.create_task(self._housekeeping(), name="inbox-housekeeping")

    async def accept(self, updates: Sequence[Mapping[str, Any]]) -> None:
        """Keep ``updates`` (raw JSON objects) durably, then queue the new ones.

        Raises ``StorageError`` when they could not be stored: the caller must not confirm
        them to Telegram, which then delivers them again.
        """
        pairs: list[tuple[int, str]] = []
        raws: dict[int, Mapping[str, Any]] = {}
        for raw in updates:
            update_id = raw.get("update_id")
            if isinstance(update_id, int) and not isinstance(update_id, bool):
                pairs.append((update_id, json.dumps(raw, ensure_ascii=True)))
                raws[update_id] = raw
        if not pairs:
            return
        room = not self.full
        new = await self._store.receive(
            self.bot_id,
            pairs,
            datetime.now(UTC),
            owner=self.owner if room else None,
            lease=self._lease,
        )
        if not room:
            self._overflow = True  # they wait in the database; _refill takes them later
            return
        for update_id, _ in pairs:
            if update_id in new:
                await self._admit(update_id, raws[update_id], done_before=0, attempts=0)

    async def stop(self, grace: float) -> None:
        """Finish what is held within ``grace`` seconds; keep the rest for the next start."""
        if self._background is not None:
            self._background.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._background
        for timer in self._timers.values():
            timer.cancel()  # waiting to be retried: left in the inbox
        self._timers.clear()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + grace
        while self._running or self._ready:
            self._changed.clear()
            remaining = deadline - loop.time()
            if remaining <= 0:
                break
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(remaining):
                    await self._changed.wait()
        for task in list(self._running):
            task.cancel()
        if self._running:
            await asyncio.gather(*self._running, return_exceptions=True)
        await self._retry_unfinished()
        kept = self._held
        try:
            await self._store.release(self.bot_id, self.owner)
        except StorageError as exc:
            logger.warning(
                "inbox: could not release its updates (%s); they wait for the lease", exc
            )
        logger.info(
            "inbox stopped: %d updates processed, %d kept for the next start, %d poison",
            self.processed,
            kept,
            self.poison,
        )

    # ---- admitting and ordering ----------------------------------------------------------

    async def _admit(
        self,
        update_id: int,
        raw: Mapping[str, Any],
        *,
        done_before: int,
        attempts: int,
        unconfirmed: int | None = None,
    ) -> None:
        if update_id in self._holding:
            return  # already ours (its lease lapsed and a refill claimed it again)
        try:
            update = Update.de_json(dict(raw), self._app.bot)
        except Exception as exc:
            await self._set_aside(update_id, type(exc).__name__)
            return
        if not isinstance(update, Update):
            await self._set_aside(update_id, "empty")
            return
        lane = _lane_of(update)
        await before_reading()  # triage on arrival waits for replies leaving (bot.tg.journal)
        item = _Item(
            update_id, update, lane, self._is_urgent(update), done_before, attempts, unconfirmed
        )
        message = update.message  # a button's message is the bot's own, and old: not that
        if message is not None and message.date is not None:
            item.since = message.date
        queue = self._lanes.get(lane)
        if queue is None:
            queue = self._lanes[lane] = deque()
        queue.append(item)
        self._holding.add(update_id)
        self._held += 1
        if len(queue) == 1 and lane not in self._busy:
            self._push(lane)
        self._kick()

    async def _set_aside(self, update_id: int, reason: str) -> None:
        self.poison += 1
        self._poison_log.log(
            "inbox: update %s set aside as poison: python-telegram-bot could not read it (%s);"
            " %d so far",
            update_id,
            reason,
            self.poison,
        )
        try:
            await self._store.finish(self.bot_id, update_id, "poison", datetime.now(UTC))
        except StorageError:
            self._unfinished.append((update_id, "poison", []))

    def _is_urgent(self, update: Update) -> bool:
        """Triage's verdict on the text, to put emergencies first when updates queue up."""
        message = update.effective_message
        text = (message.text or message.caption) if message is not None else None
        conversation = self._app.bot_data.conversation
        if not text or conversation is None:
            return False
        try:
            return bool(conversation.responder.assess(text).escalates)
        except Exception:
            return False

    def _push(self, lane: Hashable) -> None:
        head = self._lanes[lane][0]
        heapq.heappush(self._ready, (0 if head.urgent else 1, next(self._order), lane))

    def _kick(self) -> None:
        """Start the most urgent waiting chats while there are free slots."""
        while self._ready and len(self._running) < self._concurrency:
            _, _, lane = heapq.heappop(self._ready)
            self._busy.add(lane)
            item = self._lanes[lane][0]
            task = asyncio.create_task(self._run(item), name=f"update-{item.update_id}")
            self._running.add(task)
            task.add_done_callback(self._finished_task)

    def _finished_task(self, task: asyncio.Task[None]) -> None:
        self._running.discard(task)
        self._changed.set()
        self._kick()

    def _release_lane(self, lane: Hashable, *, done: bool) -> None:
        """The lane's head is over (``done``) or may be tried again: let the lane move."""
        self._timers.pop(lane, None)
        queue = self._lanes[lane]
        if done:
            self._holding.discard(queue.popleft().update_id)
            self._held -= 1
        self._busy.discard(lane)
        if queue:
            self._push(lane)
        else:
            del self._lanes[lane]
        self._changed.set()
        self._kick()

    # ---- processing ----------------------------------------------------------------------

    async def _run(self, item: _Item) -> None:
        journal = Journal(
            self._store,
            self.bot_id,
            item.update_id,
            done_before=item.done_before,
            unconfirmed_before=item.unconfirmed,
            attempt=item.attempts,
        )
        token = CURRENT.set(journal)
        try:
            await self._app.process_update(item.update)
        except asyncio.CancelledError:
            self._busy.discard(item.lane)  # stopping: the update stays in the inbox
            raise
        except Exception as exc:
            self._failure_log.log("inbox: update %s failed: %s", item.update_id, type(exc).__name__)
        finally:
            CURRENT.reset(token)
            self._forget_memory(item.update)
        if journal.retry and not self._gives_up(item):
            await self._retry_later(item, journal)
            return
        if journal.retry:
            logger.warning(
                "inbox: update %s given up after %d attempts", item.update_id, item.attempts + 1
            )
        _, pending = journal.take_pending()
        await self._finish(item.update_id, "failed" if journal.retry else "done", pending)
        self.processed += 1
        self._release_lane(item.lane, done=True)

    def _gives_up(self, item: _Item) -> bool:
        """Whether an update whose replies Telegram would not take is tried no more.

        An emergency is tried again (a minute apart at most) while Telegram refuses it (and
        after a restart, from the inbox): "Call 999" an outage late still tells the patient
        what to do, and a lost one tells them nothing. An ordinary update is tried while it is
        younger than ``patience`` (an hour): a question asked during a half-hour outage is
        answered when Telegram is back, and the inbox holds no more than that hour's updates.
        Before session 8 it was given up after six tries, about two minutes.
        """
        return not item.urgent and datetime.now(UTC) - item.since >= self._patience

    async def _retry_later(self, item: _Item, journal: Journal) -> None:
        item.attempts += 1
        # The next run starts from the first step not noted (the bookkeeping left pending
        # is written now, with the count of steps that includes it).
        sent, pending = journal.take_pending()
        item.done_before = sent
        item.unconfirmed = journal.unconfirmed
        with contextlib.suppress(StorageError):
            await self._store.record_attempt(self.bot_id, item.update_id, sent, also=pending)
        delay = min(2.0 ** min(item.attempts, 30), self._retry_cap)
        self._failure_log.log(
            "inbox: update %s could not be delivered; trying again in %.0fs",
            item.update_id,
            delay,
        )
        loop = asyncio.get_running_loop()
        self._timers[item.lane] = loop.call_later(
            delay, lambda: self._release_lane(item.lane, done=False)
        )

    async def _finish(
        self, update_id: int, status: Finished, pending: list[Statement] | None = None
    ) -> None:
        """Mark the update over, in one transaction with what its run left ``pending`` (the
        conversation's memory after the reply, a statistics event with no reply after it)."""
        also = pending or []
        try:
            await self._store.finish(self.bot_id, update_id, status, datetime.now(UTC), also=also)
        except StorageError:
            self._unfinished.append((update_id, status, also))
            return
        if self._storage.scrub_due:
            try:
                await self._storage.scrub()
            except StorageError as exc:
                logger.warning("could not scrub deleted rows yet: %s", exc)

    def _forget_memory(self, update: Update) -> None:
        """python-telegram-bot keeps a dict per user and chat seen; drop the empty ones, so
        memory does not grow with every new patient."""
        user, chat = update.effective_user, update.effective_chat
        if user is not None and user.id in self._app.user_data and not self._app.user_data[user.id]:
            self._app.drop_user_data(user.id)
        if chat is not None and chat.id in self._app.chat_data and not self._app.chat_data[chat.id]:
            self._app.drop_chat_data(chat.id)

    # ---- housekeeping --------------------------------------------------------------------

    async def _refill(self) -> int:
        """Claim waiting updates from the database (a crash's leftovers, an overflow)."""
        taken = 0
        while not self.full:
            room = min(500, self._max_held - self._held)
            items = await self._store.claim(
                self.bot_id, datetime.now(UTC), owner=self.owner, lease=self._lease, limit=room
            )
            for stored in items:
                if stored.payload is None:
                    continue
                try:
                    raw = json.loads(stored.payload)
                except ValueError:
                    await self._set_aside(stored.update_id, "not JSON")
                    continue
                await self._admit(
                    stored.update_id,
                    raw,
                    done_before=stored.sent,
                    attempts=stored.attempts,
                    unconfirmed=stored.unconfirmed,
                )
            taken += len(items)
            if len(items) < room:
                self._overflow = False
                break
        return taken

    async def _retry_unfinished(self) -> None:
        pending, self._unfinished = self._unfinished, []
        for update_id, status, also in pending:
            await self._finish(update_id, status, also)

    async def _housekeeping(self) -> None:
        """Renew the lease on what is held, take over what others left, purge old ids."""
        every = max(0.2, self._lease.total_seconds() / 3)
        rounds = 0
        while True:
            await asyncio.sleep(every)
            rounds += 1
            try:
                now = datetime.now(UTC)
                if self._held or self._timers:
                    await self._store.renew(self.bot_id, self.owner, now + self._lease)
                await self._retry_unfinished()
                if self._overflow or rounds % 3 == 0:
                    await self._refill()
                if rounds % max(1, int(3600 / every)) == 0:
                    await self._store.purge(now - KEEP_FINISHED)
            except StorageError as exc:
                self._failure_log.log("inbox housekeeping: %s", type(exc).__name__)


def _lane_of(update: Update) -> Hashable:
    """Updates of one chat keep their order; the chat, else the user, else the update."""
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return ("user", update.effective_user.id)
    return ("update", update.update_id)
