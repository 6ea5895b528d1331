"""A fake Telegram Bot API server for end-to-end tests.

The real python-telegram-bot stack (``Bot``, ``Application``, the polling ``Updater``, the
webhook server, ``AIORateLimiter``) is pointed at this server instead of
``https://api.telegram.org`` so tests exercise the same HTTP, JSON and retry code that runs in
production, while never leaving 127.0.0.1::

    async with FakeBotApi() as fake:
        app = ApplicationBuilder().token(TOKEN).base_url(fake.base_url).build()
        ...
        fake.push_update(fake.text_message("hello"))
        (call,) = await fake.wait_for("sendMessage")

How PTB talks to the Bot API (read from ``telegram/request``; this is what the server parses):

* Every method is a ``POST {base_url}{token}/{method}``.  Without files the body is
  ``application/x-www-form-urlencoded``; with files it is ``multipart/form-data``.
* String parameters are sent verbatim; every other value (ints, bools, lists, dicts such as
  ``reply_markup``, ``entities``, ``commands``) is sent as its ``json.dumps`` text.  The server
  decodes those back (see :data:`STRING_PARAMS`), so ``ApiCall.params`` holds real objects.
* Success is HTTP 200 with ``{"ok": true, "result": ...}``; PTB returns ``result``.
* Errors are decided by the *HTTP status* (not ``error_code``): 400 -> ``BadRequest``,
  401/404 -> ``InvalidToken``, 403 -> ``Forbidden``, 409 -> ``Conflict``, anything else ->
  ``NetworkError``; ``parameters.retry_after`` -> ``RetryAfter`` whatever the status.

The server is single-event-loop: call the sync helpers (``push_update`` ...) from the test's
event loop, not from other threads.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import random
import re
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, ClassVar, Literal, TypedDict, Unpack

from aiohttp import ClientSession, ClientTimeout, web

__all__ = [
    "STRING_PARAMS",
    "ApiCall",
    "FakeBotApi",
    "SenderKwargs",
    "UploadedFile",
]

JSON = dict[str, Any]

#: Parameters whose wire value is a plain string and must *not* be JSON-decoded.  PTB sends
#: strings verbatim and everything else JSON-encoded, so a user typing ``123`` or ``true`` as a
#: message text would otherwise come back as an int or a bool.  Media parameters are listed
#: because, when they are strings, they hold a file_id, a URL or an ``attach://`` reference.
STRING_PARAMS: frozenset[str] = frozenset(
    {
        "action",
        "address",
        "animation",
        "audio",
        "business_connection_id",
        "callback_query_id",
        "caption",
        "currency",
        "custom_title",
        "description",
        "document",
        "emoji",
        "explanation",
        "file_id",
        "first_name",
        "foursquare_id",
        "foursquare_type",
        "google_place_id",
        "google_place_type",
        "inline_message_id",
        "inline_query_id",
        "invite_link",
        "ip_address",
        "language_code",
        "last_name",
        "message_effect_id",
        "name",
        "next_offset",
        "parse_mode",
        "payload",
        "phone_number",
        "photo",
        "provider_token",
        "question",
        "secret_token",
        "short_description",
        "start_parameter",
        "sticker",
        "text",
        "thumbnail",
        "title",
        "url",
        "vcard",
        "video",
        "video_note",
        "voice",
    }
)

# Limits the real Bot API enforces and that a bot can plausibly trip over.
MAX_TEXT_LENGTH = 4096
MAX_CALLBACK_DATA_BYTES = 64
_COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")


@dataclass(frozen=True, slots=True)
class UploadedFile:
    """A file part of a ``multipart/form-data`` request (``send_photo(photo=open(...))``)."""

    filename: str | None
    content_type: str | None
    data: bytes


@dataclass(frozen=True, slots=True)
class ApiCall:
    """One Bot API request as the fake saw it.

    ``params`` are decoded back to Python objects (``reply_markup`` is a dict, ``chat_id`` an
    int, ``disable_notification`` a bool).  ``at`` is ``time.monotonic()`` when the request
    took effect (before any :meth:`FakeBotApi.delay_next` pause), so tests can measure the
    back-off between retries.  ``status`` is the HTTP status
    answered (``None`` when the connection was dropped) and ``result`` the ``result`` field of a
    successful answer (e.g. the sent Message dict, to learn its ``message_id``).
    """

    method: str
    params: dict[str, Any]
    token: str
    at: float
    files: dict[str, UploadedFile] = field(default_factory=dict)
    status: int | None = 200
    description: str | None = None
    result: Any = None

    def brief(self, width: int = 160) -> str:
        """One line for failure messages: ``sendMessage [200] {chat_id: 1001, text: 'hi'}``."""
        status = "dropped" if self.status is None else str(self.status)
        params = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        line = f"{self.method} [{status}] {{{params}}}"
        if self.description:
            line += f" -> {self.description}"
        return line if len(line) <= width else line[: width - 3] + "..."


class SenderKwargs(TypedDict, total=False):
    """Who sends an incoming message and where; shared by all the update builders."""

    chat_id: int
    user_id: int | None
    first_name: str
    chat_type: str
    username: str | None
    language_code: str | None
    message_id: int | None


@dataclass(slots=True)
class _Fault:
    kind: Literal["fail", "delay", "drop"]
    remaining: int
    status: int = 500
    description: str = ""
    retry_after: float | None = None
    seconds: float = 0.0
    chat_id: int | None = None  # only requests to this chat, when given


class _ApiError(Exception):
    """Raised by a method implementation to answer ``{"ok": false, ...}``."""

    def __init__(self, status: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


def _settled(
    pending: set[asyncio.Future[web.StreamResponse]],
) -> Callable[[asyncio.Future[web.StreamResponse]], None]:
    """A done callback: forget the task and read its outcome (an incomplete request's error
    is expected when the client went away; nobody else will read it)."""

    def settled(task: asyncio.Future[web.StreamResponse]) -> None:
        pending.discard(task)
        if not task.cancelled():
            task.exception()

    return settled


def _bad_request(reason: str) -> _ApiError:
    return _ApiError(HTTPStatus.BAD_REQUEST, f"Bad Request: {reason}")


def _decode_param(name: str, value: Any) -> Any:
    """Undo PTB's JSON encoding of non-string values (see module docstring)."""
    if not isinstance(value, str) or name in STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value  # e.g. chat_id="@channelname"


def _utf16_len(text: str) -> int:
    """Telegram measures texts and entity offsets in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


class FakeBotApi:
    """Async context manager running a Bot API look-alike on 127.0.0.1 on a free port.

    Updates go in with :meth:`push_update` (built by :meth:`text_message`, :meth:`command`,
    :meth:`callback_query` ...) and are served to ``getUpdates`` like Telegram does: they stay
    pending until a later ``getUpdates`` confirms them with a higher ``offset``.  Every request
    the bot makes comes out in :attr:`calls` (answered ``ok``) or :attr:`attempts` (answered
    with an error or dropped), so retries can be counted separately from deliveries.
    """

    def __init__(
        self,
        *,
        bot_id: int = 777000,
        bot_username: str = "aftercare_test_bot",
        bot_first_name: str = "Aftercare Test Bot",
    ) -> None:
        self.bot_id = bot_id
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        #: Requests answered with ``ok: true``, in order.
        self.calls: list[ApiCall] = []
        #: Requests answered with an error status or dropped, in order.
        self.attempts: list[ApiCall] = []
        #: Webhook as set by ``setWebhook`` (its decoded params), ``None`` when not set.
        self.webhook: dict[str, Any] | None = None
        self._pending: list[JSON] = []
        # Update ids start somewhere random, as Telegram's do after a quiet week: a bot keeps
        # the ids it has seen (its durable inbox), and a database reused across test runs
        # must not mistake a new update for an old one.
        self._update_ids = itertools.count(random.randrange(1, 2**31 - 2**24))
        self._message_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._chats: dict[int | str, JSON] = {}
        self._messages: dict[tuple[int | str, int], JSON] = {}
        self._commands: dict[tuple[str, str], list[JSON]] = {}
        self._files: dict[str, bytes] = {}
        self._faults: dict[str, deque[_Fault]] = {}
        self._updates_changed = asyncio.Event()
        self._calls_changed = asyncio.Event()
        self._closing = False
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._acting: set[asyncio.Future[web.StreamResponse]] = set()

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Bind 127.0.0.1 on a kernel-chosen free port and start serving."""
        if self._runner is not None:
            raise RuntimeError("FakeBotApi is already running")
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token:[^/]*}/{method}", self._handle_method)
        app.router.add_route("GET", "/file/bot{token:[^/]*}/{path:.+}", self._handle_file)
        app.router.add_route("*", "/{tail:.*}", self._handle_unknown)
        # handler_cancellation: when PTB gives up on a request (read timeout, Updater.stop()
        # cancelling a long poll) the handler is cancelled too, so an orphaned getUpdates can
        # neither linger until its timeout nor be recorded as delivered.
        runner = web.AppRunner(
            app, handler_cancellation=True, access_log=None, shutdown_timeout=1.0
        )
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self._runner = runner
        self._port = int(runner.addresses[0][1])
        self._closing = False

    async def stop(self) -> None:
        """Release any waiting long poll and close the server."""
        if self._runner is None:
            return
        self._closing = True
        self._notify_updates()
        runner, self._runner = self._runner, None
        for acting in list(self._acting):  # a dropped connection's handler still waiting
            acting.cancel()
        await asyncio.gather(*self._acting, return_exceptions=True)
        await runner.cleanup()

    async def __aenter__(self) -> FakeBotApi:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("FakeBotApi is not started")
        return self._port

    @property
    def base_url(self) -> str:
        """For ``ApplicationBuilder.base_url`` / ``Bot(base_url=...)``; PTB appends the token."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """Pass to ``ApplicationBuilder.base_file_url`` to download files from :meth:`add_file`."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    # ------------------------------------------------------------------ updates in

    def push_update(self, update: JSON) -> int:
        """Queue ``update`` for ``getUpdates``; assigns ``update_id`` if missing and returns it."""
        update_id = self._assign_update_id(update)
        self._remember_incoming(update)
        self._pending.append(update)
        self._pending.sort(key=lambda u: int(u["update_id"]))
        self._notify_updates()
        return update_id

    @property
    def pending_updates(self) -> list[JSON]:
        """Updates not yet confirmed by a ``getUpdates`` offset (PTB confirms on the next poll)."""
        return list(self._pending)

    def text_message(
        self,
        text: str,
        *,
        chat_id: int = 1001,
        user_id: int | None = None,
        first_name: str = "Pat",
        chat_type: str = "private",
        username: str | None = None,
        entities: list[JSON] | None = None,
        language_code: str | None = None,
        message_id: int | None = None,
    ) -> JSON:
        """Build (not push) an Update carrying a text message from a user."""
        content: JSON = {"text": text}
        if entities:
            content["entities"] = entities
        return self._incoming(
            content,
            chat_id=chat_id,
            user_id=user_id,
            first_name=first_name,
            chat_type=chat_type,
            username=username,
            language_code=language_code,
            message_id=message_id,
        )

    def command(self, name: str, args: str = "", **kw: Unpack[SenderKwargs]) -> JSON:
        """Build ``/name args`` with the ``bot_command`` entity PTB's CommandHandler requires."""
        command = f"/{name.lstrip('/')}"
        text = f"{command} {args}" if args else command
        entity = {"type": "bot_command", "offset": 0, "length": _utf16_len(command)}
        return self.text_message(text, entities=[entity], **kw)

    def edited_message(self, text: str, **kw: Unpack[SenderKwargs]) -> JSON:
        """Build an ``edited_message`` Update (pass ``message_id`` to edit a pushed message)."""
        update = self.text_message(text, **kw)
        message = update.pop("message")
        message["edit_date"] = int(time.time())
        return {"edited_message": message}

    def photo_message(self, *, caption: str | None = None, **kw: Unpack[SenderKwargs]) -> JSON:
        """Build a photo message (two sizes, as Telegram sends) with an optional caption."""
        file_id, unique = self._new_file_id("photo")
        sizes = [
            {"file_id": f"{file_id}_s", "file_unique_id": f"{unique}s", "width": 90,
             "height": 90, "file_size": 1200},
            {"file_id": file_id, "file_unique_id": unique, "width": 800, "height": 800,
             "file_size": 64000},
        ]  # fmt: skip
        return self._incoming(self._with_caption({"photo": sizes}, caption), **kw)

    def voice_message(
        self, *, duration: int = 3, caption: str | None = None, **kw: Unpack[SenderKwargs]
    ) -> JSON:
        """Build a voice note message."""
        file_id, unique = self._new_file_id("voice")
        voice = {"file_id": file_id, "file_unique_id": unique, "duration": duration,
                 "mime_type": "audio/ogg", "file_size": 4000 * duration}  # fmt: skip
        return self._incoming(self._with_caption({"voice": voice}, caption), **kw)

    def document_message(
        self,
        *,
        file_name: str = "notes.pdf",
        mime_type: str = "application/pdf",
        caption: str | None = None,
        **kw: Unpack[SenderKwargs],
    ) -> JSON:
        """Build a document message."""
        file_id, unique = self._new_file_id("doc")
        document = {"file_id": file_id, "file_unique_id": unique, "file_name": file_name,
                    "mime_type": mime_type, "file_size": 2048}  # fmt: skip
        return self._incoming(self._with_caption({"document": document}, caption), **kw)

    def sticker_message(self, *, emoji: str = "👍", **kw: Unpack[SenderKwargs]) -> JSON:
        """Build a sticker message (stickers carry no caption)."""
        file_id, unique = self._new_file_id("sticker")
        sticker = {"file_id": file_id, "file_unique_id": unique, "type": "regular",
                   "width": 512, "height": 512, "is_animated": False, "is_video": False,
                   "emoji": emoji}  # fmt: skip
        return self._incoming({"sticker": sticker}, **kw)

    def location_message(
        self, *, latitude: float = 52.52, longitude: float = 13.405, **kw: Unpack[SenderKwargs]
    ) -> JSON:
        """Build a location message."""
        return self._incoming({"location": {"latitude": latitude, "longitude": longitude}}, **kw)

    def video_note_message(
        self, *, duration: int = 5, length: int = 240, **kw: Unpack[SenderKwargs]
    ) -> JSON:
        """Build a round video note message (no caption allowed)."""
        file_id, unique = self._new_file_id("vnote")
        note = {"file_id": file_id, "file_unique_id": unique, "length": length,
                "duration": duration}  # fmt: skip
        return self._incoming({"video_note": note}, **kw)

    def contact_message(
        self,
        *,
        phone_number: str = "+15550100",
        contact_first_name: str = "Sam",
        contact_user_id: int | None = None,
        **kw: Unpack[SenderKwargs],
    ) -> JSON:
        """Build a shared-contact message."""
        contact: JSON = {"phone_number": phone_number, "first_name": contact_first_name}
        if contact_user_id is not None:
            contact["user_id"] = contact_user_id
        return self._incoming({"contact": contact}, **kw)

    def poll_message(
        self,
        question: str = "How are you feeling?",
        options: Iterable[str] = ("Good", "Not good"),
        **kw: Unpack[SenderKwargs],
    ) -> JSON:
        """Build a message carrying a (regular, anonymous, open) poll."""
        poll = _poll(str(next(self._file_ids)), question, list(options))
        return self._incoming({"poll": poll}, **kw)

    def callback_query(
        self,
        data: str,
        *,
        chat_id: int = 1001,
        user_id: int | None = None,
        message_id: int = 1,
        message_text: str | None = None,
        first_name: str = "Pat",
        username: str | None = None,
    ) -> JSON:
        """Build a button press on message ``message_id``.

        If the bot really sent that message through the fake, the stored message (text and
        keyboard) is attached, as Telegram does; otherwise a bot message with ``message_text``
        (default ``"..."``) is synthesised.
        """
        stored = self._messages.get((chat_id, message_id))
        if stored is not None and message_text is None:
            message = json.loads(json.dumps(stored))
        else:
            message = {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": self._chat(chat_id),
                "from": self._bot_user(),
                "text": "..." if message_text is None else message_text,
            }
        user = self._user(chat_id if user_id is None else user_id, first_name, username, None)
        query = {
            "id": str(next(self._callback_ids)),
            "from": user,
            "chat_instance": f"ci{chat_id}",
            "message": message,
            "data": data,
        }
        return {"callback_query": query}

    # ------------------------------------------------------------------ calls out

    def calls_to(self, method: str) -> list[ApiCall]:
        """Delivered calls to ``method`` (Bot API method names are case-insensitive)."""
        wanted = method.lower()
        return [c for c in self.calls if c.method.lower() == wanted]

    def attempts_to(self, method: str) -> list[ApiCall]:
        """Failed or dropped requests to ``method``."""
        wanted = method.lower()
        return [c for c in self.attempts if c.method.lower() == wanted]

    async def wait_for(
        self,
        method: str,
        predicate: Callable[[ApiCall], bool] | None = None,
        *,
        count: int = 1,
        timeout: float = 10.0,  # noqa: ASYNC109 - a deadline, re-checked per call
    ) -> list[ApiCall]:
        """Wait until ``count`` delivered calls to ``method`` match ``predicate``; return them.

        Counts calls already recorded, so it can be called after the action that triggers the
        call.  On timeout raises ``AssertionError`` listing every request seen, which is usually
        enough to tell "the handler never ran" from "it sent something else".
        """
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            changed = self._calls_changed
            matching = [c for c in self.calls_to(method) if predicate is None or predicate(c)]
            if len(matching) >= count:
                return matching[:count]
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                raise AssertionError(self._describe_timeout(method, count, len(matching), timeout))
            try:
                async with asyncio.timeout(remaining):
                    await changed.wait()
            except TimeoutError:
                pass

    def sent_texts(self, chat_id: int | str | None = None) -> list[str]:
        """Texts of delivered ``sendMessage`` and ``editMessageText`` calls, in order."""
        texts: list[str] = []
        for call in self.calls:
            if call.method.lower() not in {"sendmessage", "editmessagetext"}:
                continue
            if chat_id is not None and call.params.get("chat_id") != chat_id:
                continue
            texts.append(str(call.params.get("text", "")))
        return texts

    def commands(self, *, scope: JSON | None = None, language_code: str = "") -> list[JSON]:
        """Commands stored by ``setMyCommands`` for ``scope`` (default scope when ``None``)."""
        return list(self._commands.get(self._commands_key(scope, language_code), []))

    def clear(self) -> None:
        """Forget recorded calls and attempts (not updates, messages or faults)."""
        self.calls.clear()
        self.attempts.clear()

    def add_file(self, file_id: str, content: bytes) -> None:
        """Make ``getFile(file_id)`` + download (via :attr:`base_file_url`) return ``content``."""
        self._files[file_id] = content

    # ------------------------------------------------------------------ fault injection

    def fail_next(
        self,
        method: str,
        *,
        status: int = 500,
        times: int = 1,
        retry_after: float | None = None,
        description: str | None = None,
        chat_id: int | None = None,
    ) -> None:
        """Answer the next ``times`` requests to ``method`` with HTTP ``status``.

        With ``chat_id`` only requests to that chat fail (a staff chat that is unreachable
        while patients still get their replies).

        With ``retry_after`` the body carries ``parameters.retry_after`` (PTB raises
        ``RetryAfter`` for that regardless of status; Telegram uses 429).  ``description``
        defaults to what Telegram would say, e.g. ``"Too Many Requests: retry after 1"``.
        """
        if description is None:
            if retry_after is not None:
                description = f"Too Many Requests: retry after {retry_after:g}"
            else:
                description = _default_description(status)
        self._add_fault(
            method,
            _Fault(
                "fail",
                times,
                status=status,
                description=description,
                retry_after=retry_after,
                chat_id=chat_id,
            ),
        )

    def delay_next(
        self, method: str, seconds: float, times: int = 1, *, chat_id: int | None = None
    ) -> None:
        """Answer the next ``times`` requests to ``method`` only after ``seconds``.

        Like a slow real server the request takes effect (and is recorded in :attr:`calls`)
        immediately; only the answer is late.  Use it to provoke PTB's ``TimedOut`` - the
        message was nevertheless sent, which is exactly the ambiguity a bot must cope with.
        With ``chat_id`` only requests to that chat are slow (a staff chat that hangs).
        """
        self._add_fault(method, _Fault("delay", times, seconds=seconds, chat_id=chat_id))

    def drop_next(self, method: str, times: int = 1) -> None:
        """Close the connection of the next ``times`` requests to ``method`` without answering.

        PTB raises ``NetworkError``; the request had no effect and lands in :attr:`attempts`.
        """
        self._add_fault(method, _Fault("drop", times))

    # ------------------------------------------------------------------ webhook helper

    async def post_webhook(
        self,
        url: str | None,
        update: JSON,
        *,
        secret_token: str | None = None,
    ) -> int:
        """POST ``update`` like Telegram's webhook delivery; return the HTTP status.

        ``url=None`` uses the URL the bot registered with ``setWebhook``.  ``update_id`` is
        assigned if missing.  PTB's webhook server wants ``Content-Type: application/json``
        exactly and, when configured with a secret, the ``X-Telegram-Bot-Api-Secret-Token``
        header (else 403).
        """
        if url is None:
            if not self.webhook or not self.webhook.get("url"):
                raise AssertionError("post_webhook(None, ...) but the bot has set no webhook")
            url = str(self.webhook["url"])
        self._assign_update_id(update)
        self._remember_incoming(update)
        headers = {"Content-Type": "application/json"}
        if secret_token is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret_token
        async with (
            ClientSession(timeout=ClientTimeout(total=10)) as session,
            session.post(url, data=json.dumps(update).encode(), headers=headers) as response,
        ):
            await response.read()
            return response.status

    # ------------------------------------------------------------------ HTTP plumbing

    async def _handle_method(self, request: web.Request) -> web.StreamResponse:
        """Like Telegram, act on a complete request even when the client hangs up right after
        sending it (a bot killed while waiting for the answer): the message is delivered.
        Only getUpdates is abandoned with its client (see ``handler_cancellation``)."""
        if request.match_info["method"].lower() == "getupdates":
            return await self._answer_method(request)
        acting = asyncio.ensure_future(self._answer_method(request))
        self._acting.add(acting)
        acting.add_done_callback(_settled(self._acting))
        return await asyncio.shield(acting)

    async def _answer_method(self, request: web.Request) -> web.StreamResponse:
        token = request.match_info["token"]
        method = request.match_info["method"]
        params, files = await self._read_params(request)

        fault = self._take_fault(method, params)
        if fault is not None and fault.kind == "drop":
            self._record_attempt(method, params, token, files, None, "connection dropped")
            if request.transport is not None:
                request.transport.abort()
            # The connection is gone; handler_cancellation cancels this handler promptly.
            await asyncio.sleep(3600)
            raise web.HTTPServiceUnavailable()
        if fault is not None and fault.kind == "fail":
            extra = None if fault.retry_after is None else {"retry_after": fault.retry_after}
            error = _ApiError(fault.status, fault.description, extra)
            return self._error_response(method, params, token, files, error)

        try:
            result = await self._dispatch(method, params, files)
        except _ApiError as error:
            return self._error_response(method, params, token, files, error)

        self.calls.append(
            ApiCall(method, params, token, time.monotonic(), files=files, result=result)
        )
        self._notify_calls()
        if fault is not None and fault.kind == "delay":
            await asyncio.sleep(fault.seconds)
        return web.json_response({"ok": True, "result": result})

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        path = request.match_info["path"]
        file_id = path.removeprefix("files/")
        if file_id not in self._files:
            return _json_error(HTTPStatus.NOT_FOUND, "Not Found")
        return web.Response(body=self._files[file_id], content_type="application/octet-stream")

    async def _handle_unknown(self, request: web.Request) -> web.StreamResponse:
        return _json_error(HTTPStatus.NOT_FOUND, "Not Found")

    async def _read_params(
        self, request: web.Request
    ) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
        raw: dict[str, Any] = dict(request.query)
        files: dict[str, UploadedFile] = {}
        if request.content_type == "application/json":
            body = await request.read()
            if body:
                loaded = json.loads(body)
                if isinstance(loaded, dict):
                    raw.update(loaded)
        elif request.can_read_body:
            form = await request.post()  # urlencoded and multipart alike
            for name, value in form.items():
                if isinstance(value, web.FileField):
                    files[name] = UploadedFile(
                        value.filename, value.content_type, value.file.read()
                    )
                else:
                    raw[name] = value
        params = {name: _decode_param(name, value) for name, value in raw.items()}
        return params, files

    def _error_response(
        self,
        method: str,
        params: dict[str, Any],
        token: str,
        files: dict[str, UploadedFile],
        error: _ApiError,
    ) -> web.Response:
        self._record_attempt(method, params, token, files, error.status, error.description)
        return _json_error(error.status, error.description, error.parameters)

    def _record_attempt(
        self,
        method: str,
        params: dict[str, Any],
        token: str,
        files: dict[str, UploadedFile],
        status: int | None,
        description: str,
    ) -> None:
        self.attempts.append(
            ApiCall(method, params, token, time.monotonic(), files, status, description)
        )

    def _add_fault(self, method: str, fault: _Fault) -> None:
        if fault.remaining < 1:
            raise ValueError("times must be >= 1")
        self._faults.setdefault(method.lower(), deque()).append(fault)

    def _take_fault(self, method: str, params: dict[str, Any] | None = None) -> _Fault | None:
        queue = self._faults.get(method.lower())
        if not queue:
            return None
        chat = (params or {}).get("chat_id")
        for fault in list(queue):
            if fault.chat_id is not None and fault.chat_id != chat:
                continue
            fault.remaining -= 1
            if fault.remaining == 0:
                queue.remove(fault)
            return fault
        return None

    def clear_faults(self) -> None:
        """Forget every pending fault: the Bot API is healthy again."""
        self._faults.clear()

    def _notify_updates(self) -> None:
        event, self._updates_changed = self._updates_changed, asyncio.Event()
        event.set()

    def _notify_calls(self) -> None:
        event, self._calls_changed = self._calls_changed, asyncio.Event()
        event.set()

    def _describe_timeout(self, method: str, count: int, found: int, timeout: float) -> str:
        lines = [
            f"timed out after {timeout:g}s waiting for {count} matching {method} call(s); "
            f"{found} matched.",
            f"Delivered calls ({len(self.calls)}):",
        ]
        polls = 0
        for call in self.calls:
            if call.method == "getUpdates":
                polls += 1
                continue
            lines.append(f"  {call.brief()}")
        if polls:
            lines.append(f"  (+ {polls} getUpdates)")
        lines.append(f"Failed/dropped attempts ({len(self.attempts)}):")
        lines.extend(f"  {call.brief()}" for call in self.attempts)
        lines.append(f"Pending (unconfirmed) updates: {[u['update_id'] for u in self._pending]}")
        return "\n".join(lines)

    # ------------------------------------------------------------------ Bot API methods

    async def _dispatch(
        self, method: str, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> Any:
        name = method.lower()
        if name == "getupdates":
            return await self._get_updates(params)
        if name == "sendmessage":
            return self._send_message(params)
        if name == "editmessagetext":
            return self._edit_message(params, text=True)
        if name == "editmessagereplymarkup":
            return self._edit_message(params, text=False)
        if name == "sendmediagroup":
            chat_id = self._require_chat(params)
            media = params.get("media") or []
            return [self._store_message(chat_id, _media_content(m, files)) for m in media]
        if name in {"copymessage"}:
            self._require_chat(params)
            return {"message_id": next(self._message_ids)}
        if name in {"copymessages", "forwardmessages"}:
            self._require_chat(params)
            return [{"message_id": next(self._message_ids)} for _ in params.get("message_ids", [])]
        if name == "sendchataction":
            self._require_chat(params)
            return True
        if name.startswith("send") or name == "forwardmessage":
            chat_id = self._require_chat(params)
            return self._store_message(chat_id, _send_content(name, params, files))
        handler = self._simple_methods.get(name)
        if handler is not None:
            return handler(self, params)
        return True

    def _get_me(self, params: dict[str, Any]) -> JSON:
        return {
            **self._bot_user(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _get_updates(self, params: dict[str, Any]) -> list[JSON]:
        if self.webhook:
            raise _ApiError(
                HTTPStatus.CONFLICT,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int(params.get("offset") or 0)
        limit = max(1, min(100, int(params.get("limit") or 100)))
        timeout = max(0.0, float(params.get("timeout") or 0))
        allowed = params.get("allowed_updates") or None
        if offset < 0:
            del self._pending[:offset]
        elif offset:
            self._pending = [u for u in self._pending if int(u["update_id"]) >= offset]
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            changed = self._updates_changed
            batch = [u for u in self._pending if allowed is None or _update_kind(u) in allowed]
            remaining = deadline - loop.time()
            if batch or self._closing or remaining <= 0:
                return batch[:limit]
            try:
                async with asyncio.timeout(remaining):
                    await changed.wait()
            except TimeoutError:
                pass

    def _send_message(self, params: dict[str, Any]) -> JSON:
        chat_id = self._require_chat(params)
        text = params.get("text")
        if not isinstance(text, str) or not text.strip():
            raise _bad_request("message text is empty")
        # With a parse_mode the limit applies after markup is stripped; we don't parse markup.
        if "parse_mode" not in params and _utf16_len(text) > MAX_TEXT_LENGTH:
            raise _bad_request("message is too long")
        content: JSON = {"text": text}
        if params.get("entities"):
            content["entities"] = params["entities"]
        content.update(_inline_markup(params))
        return self._store_message(chat_id, content)

    def _edit_message(self, params: dict[str, Any], *, text: bool) -> JSON | bool:
        if text:
            new_text = params.get("text")
            if not isinstance(new_text, str) or not new_text.strip():
                raise _bad_request("message text is empty")
            if "parse_mode" not in params and _utf16_len(new_text) > MAX_TEXT_LENGTH:
                raise _bad_request("MESSAGE_TOO_LONG")
        markup = _inline_markup(params)
        if params.get("inline_message_id"):
            return True
        chat_id = self._require_chat(params)
        message_id = params.get("message_id")
        if not isinstance(message_id, int):
            raise _bad_request("message identifier is not specified")
        key = (chat_id, message_id)
        old = self._messages.get(key)
        if old is None:  # not sent through the fake; accept it rather than guess
            old = {"message_id": message_id, "date": int(time.time()),
                   "chat": self._chat(chat_id), "from": self._bot_user(), "text": ""}  # fmt: skip
        new = {k: v for k, v in old.items() if k != "reply_markup"}
        if text:
            new["text"] = params["text"]
            new.pop("entities", None)
            if params.get("entities"):
                new["entities"] = params["entities"]
        new.update(markup)
        # Telegram refuses no-op edits; PTB surfaces this as BadRequest.
        same_text = new.get("text") == old.get("text")
        if (
            key in self._messages
            and same_text
            and new.get("reply_markup") == old.get("reply_markup")
        ):
            raise _bad_request(
                "message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        new["edit_date"] = int(time.time())
        self._messages[key] = new
        return new

    def _delete_message(self, params: dict[str, Any]) -> bool:
        chat_id = self._require_chat(params)
        self._messages.pop((chat_id, params.get("message_id", 0)), None)
        return True

    def _set_webhook(self, params: dict[str, Any]) -> bool:
        if not params.get("url"):
            return self._delete_webhook(params)
        if params.get("drop_pending_updates"):
            self._pending.clear()
        self.webhook = dict(params)
        return True

    def _delete_webhook(self, params: dict[str, Any]) -> bool:
        if params.get("drop_pending_updates"):
            self._pending.clear()
        self.webhook = None
        return True

    def _get_webhook_info(self, params: dict[str, Any]) -> JSON:
        webhook = self.webhook or {}
        info: JSON = {
            "url": webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }
        if webhook:
            info["max_connections"] = webhook.get("max_connections", 40)
            if webhook.get("allowed_updates"):
                info["allowed_updates"] = webhook["allowed_updates"]
            if webhook.get("ip_address"):
                info["ip_address"] = webhook["ip_address"]
        return info

    def _set_my_commands(self, params: dict[str, Any]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise _bad_request("can't parse commands JSON object")
        for entry in commands:
            command = entry.get("command", "") if isinstance(entry, dict) else ""
            description = entry.get("description", "") if isinstance(entry, dict) else ""
            if not _COMMAND_RE.match(command) or not 1 <= len(description) <= 256:
                raise _bad_request("BOT_COMMAND_INVALID")
        key = self._commands_key(params.get("scope"), params.get("language_code", ""))
        self._commands[key] = [dict(c) for c in commands]
        return True

    def _get_my_commands(self, params: dict[str, Any]) -> list[JSON]:
        key = self._commands_key(params.get("scope"), params.get("language_code", ""))
        return list(self._commands.get(key, []))

    def _delete_my_commands(self, params: dict[str, Any]) -> bool:
        key = self._commands_key(params.get("scope"), params.get("language_code", ""))
        self._commands.pop(key, None)
        return True

    def _get_file(self, params: dict[str, Any]) -> JSON:
        file_id = str(params.get("file_id", ""))
        if not file_id:
            raise _bad_request("file_id is empty")
        content = self._files.get(file_id)
        result: JSON = {"file_id": file_id, "file_unique_id": f"u{file_id}"}
        if content is not None:
            result["file_size"] = len(content)
        result["file_path"] = f"files/{file_id}"
        return result

    def _true(self, params: dict[str, Any]) -> bool:
        return True

    _simple_methods: ClassVar[dict[str, Callable[[FakeBotApi, dict[str, Any]], Any]]] = {
        "getme": _get_me,
        "deletemessage": _delete_message,
        "setwebhook": _set_webhook,
        "deletewebhook": _delete_webhook,
        "getwebhookinfo": _get_webhook_info,
        "setmycommands": _set_my_commands,
        "getmycommands": _get_my_commands,
        "deletemycommands": _delete_my_commands,
        "getfile": _get_file,
        "answercallbackquery": _true,
        "close": _true,
        "logout": _true,
    }

    # ------------------------------------------------------------------ model helpers

    def _bot_user(self) -> JSON:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    @staticmethod
    def _user(
        user_id: int, first_name: str, username: str | None, language_code: str | None
    ) -> JSON:
        user: JSON = {"id": user_id, "is_bot": False, "first_name": first_name}
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        return user

    def _chat(self, chat_id: int | str) -> JSON:
        """The chat as last seen in an incoming update, else a plausible one from the id."""
        known = self._chats.get(chat_id)
        if known is not None:
            return dict(known)
        if isinstance(chat_id, str):
            return {"id": -1001000000000, "type": "channel", "title": chat_id,
                    "username": chat_id.lstrip("@")}  # fmt: skip
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "first_name": "Pat"}
        kind = "supergroup" if str(chat_id).startswith("-100") else "group"
        return {"id": chat_id, "type": kind, "title": "Test group"}

    def _require_chat(self, params: dict[str, Any]) -> int | str:
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise _bad_request("chat_id is empty")
        if isinstance(chat_id, bool) or not isinstance(chat_id, int | str):
            raise _bad_request("chat not found")
        return chat_id

    def _store_message(self, chat_id: int | str, content: JSON) -> JSON:
        message: JSON = {
            "message_id": next(self._message_ids),
            "from": self._bot_user(),
            "date": int(time.time()),
            "chat": self._chat(chat_id),
            **content,
        }
        self._messages[(chat_id, message["message_id"])] = message
        return message

    def _incoming(
        self,
        content: JSON,
        *,
        chat_id: int = 1001,
        user_id: int | None = None,
        first_name: str = "Pat",
        chat_type: str = "private",
        username: str | None = None,
        language_code: str | None = None,
        message_id: int | None = None,
    ) -> JSON:
        if chat_type == "private":
            chat: JSON = {"id": chat_id, "type": "private", "first_name": first_name}
            if username:
                chat["username"] = username
        else:
            chat = {"id": chat_id, "type": chat_type, "title": "Test group"}
        message: JSON = {
            "message_id": next(self._message_ids) if message_id is None else message_id,
            "date": int(time.time()),
            "chat": chat,
        }
        if chat_type == "channel":
            message.update(content)
            return {"channel_post": message}
        sender = chat_id if user_id is None and chat_type == "private" else (user_id or 1001)
        message["from"] = self._user(sender, first_name, username, language_code)
        message.update(content)
        return {"message": message}

    @staticmethod
    def _with_caption(content: JSON, caption: str | None) -> JSON:
        if caption is not None:
            content["caption"] = caption
        return content

    def _new_file_id(self, prefix: str) -> tuple[str, str]:
        n = next(self._file_ids)
        return f"{prefix}-{n}", f"{prefix}u{n}"

    def _assign_update_id(self, update: JSON) -> int:
        if "update_id" not in update:
            update["update_id"] = next(self._update_ids)
        else:
            update_id = int(update["update_id"])
            while next(self._update_ids) <= update_id:  # keep later ids increasing
                pass
        return int(update["update_id"])

    def _remember_incoming(self, update: JSON) -> None:
        """Remember chats (so replies echo the right chat type) and messages (for edits)."""
        for kind in ("message", "edited_message", "channel_post", "edited_channel_post"):
            message = update.get(kind)
            if isinstance(message, dict) and isinstance(message.get("chat"), dict):
                self._chats[message["chat"]["id"]] = dict(message["chat"])
        query = update.get("callback_query")
        if isinstance(query, dict) and isinstance(query.get("message"), dict):
            message = query["message"]
            chat = message.get("chat")
            if isinstance(chat, dict):
                self._chats.setdefault(chat["id"], dict(chat))
                self._messages.setdefault((chat["id"], message["message_id"]), message)

    @staticmethod
    def _commands_key(scope: Any, language_code: Any) -> tuple[str, str]:
        scope = scope or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(language_code or "")


# ---------------------------------------------------------------------- module helpers


def _json_error(status: int, description: str, parameters: JSON | None = None) -> web.Response:
    body: JSON = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=status)


def _default_description(status: int) -> str:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        return f"Error {status}"
    return {400: "Bad Request", 403: "Forbidden: bot was blocked by the user"}.get(status, phrase)


def _update_kind(update: JSON) -> str:
    return next((k for k in update if k != "update_id"), "")


def _inline_markup(params: dict[str, Any]) -> JSON:
    """Telegram echoes only inline keyboards in the returned Message; validate them too."""
    markup = params.get("reply_markup")
    if not isinstance(markup, dict) or "inline_keyboard" not in markup:
        return {}
    for row in markup["inline_keyboard"]:
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA_BYTES:
                raise _bad_request("BUTTON_DATA_INVALID")
    return {"reply_markup": markup}


def _file_stub(kind: str, value: Any, files: dict[str, UploadedFile]) -> JSON:
    """A plausible file object for something the bot sent (file_id, URL or upload)."""
    if value is None or (isinstance(value, str) and value.startswith("attach://")):
        part = kind if value is None else value.removeprefix("attach://")
        upload = files.get(part)
        file_id = f"sent-{kind}-{zlib.crc32(upload.data if upload else part.encode())}"
    elif isinstance(value, str) and "://" in value:  # a URL: Telegram fetches it
        file_id = f"sent-{kind}-{zlib.crc32(value.encode())}"
    else:
        file_id = str(value)
    stub: JSON = {"file_id": file_id, "file_unique_id": f"u{file_id}"}
    if kind == "photo":
        return {**stub, "width": 800, "height": 800}
    if kind in {"video", "animation"}:
        return {**stub, "width": 640, "height": 360, "duration": 1}
    if kind in {"voice", "audio"}:
        return {**stub, "duration": 1}
    if kind == "video_note":
        return {**stub, "length": 240, "duration": 1}
    if kind == "sticker":
        return {**stub, "type": "regular", "width": 512, "height": 512,
                "is_animated": False, "is_video": False}  # fmt: skip
    return stub


_MEDIA_KINDS = (
    "photo",
    "audio",
    "document",
    "video",
    "animation",
    "voice",
    "video_note",
    "sticker",
)


def _send_content(method: str, params: dict[str, Any], files: dict[str, UploadedFile]) -> JSON:
    """The payload of the Message returned by a ``send*`` method other than sendMessage."""
    content: JSON = {}
    for kind in _MEDIA_KINDS:
        if method == "send" + kind.replace("_", ""):
            stub = _file_stub(kind, params.get(kind), files)
            content[kind] = [stub] if kind == "photo" else stub
    if method == "sendlocation":
        content["location"] = {"latitude": params.get("latitude", 0.0),
                               "longitude": params.get("longitude", 0.0)}  # fmt: skip
    elif method == "sendcontact":
        content["contact"] = {"phone_number": params.get("phone_number", ""),
                              "first_name": params.get("first_name", "")}  # fmt: skip
    elif method == "senddice":
        content["dice"] = {"emoji": params.get("emoji", "🎲"), "value": 1}
    elif method == "sendpoll":
        options = [o["text"] if isinstance(o, dict) else str(o) for o in params.get("options", [])]
        content["poll"] = _poll(
            str(next(_poll_ids)),
            str(params.get("question", "")),
            options,
            is_anonymous=bool(params.get("is_anonymous", True)),
            poll_type=str(params.get("type", "regular")),
            allows_multiple_answers=bool(params.get("allows_multiple_answers", False)),
        )
    elif method == "forwardmessage" or not content:
        content["text"] = str(params.get("text", "..."))
    if params.get("caption"):
        content["caption"] = params["caption"]
    content.update(_inline_markup(params))
    return content


_poll_ids = itertools.count(1)


def _poll(
    poll_id: str,
    question: str,
    options: list[str],
    *,
    is_anonymous: bool = True,
    poll_type: str = "regular",
    allows_multiple_answers: bool = False,
) -> JSON:
    """A Poll as Bot API 10.0 sends it; PTB 22.8 *requires* ``persistent_id`` on options and
    ``allows_revoting`` / ``members_only`` on the poll (TypeError otherwise)."""
    return {
        "id": poll_id,
        "question": question,
        "options": [
            {"text": text, "voter_count": 0, "persistent_id": f"{poll_id}-{i}"}
            for i, text in enumerate(options)
        ],
        "total_voter_count": 0,
        "is_closed": False,
        "is_anonymous": is_anonymous,
        "type": poll_type,
        "allows_multiple_answers": allows_multiple_answers,
        "allows_revoting": False,
        "members_only": False,
    }


def _media_content(item: Any, files: dict[str, UploadedFile]) -> JSON:
    if not isinstance(item, dict):
        return {"text": "..."}
    kind = str(item.get("type", "document"))
    stub = _file_stub(kind, item.get("media"), files)
    content: JSON = {kind: [stub] if kind == "photo" else stub}
    if item.get("caption"):
        content["caption"] = item["caption"]
    return content
