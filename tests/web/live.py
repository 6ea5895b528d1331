"""The real bot, running as ``aftercare-bot run`` runs it, with its dashboard switched on.

``live_bot`` starts ``serve_polling`` (the real Applications, one per clinic, each polling its
own fake Bot API on 127.0.0.1) with ``DASHBOARD=true``, so the dashboard is served by the
bot's own web server on a free port, exactly as in production. Staff get their sign-in link
by sending ``/dashboard`` on the fake Bot API; patients' messages go the same way. A second
``Storage`` on the same SQLite file lets tests check what was (or was not) changed.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Sequence
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import yaml

from bot.config import DEFAULT_KNOWLEDGE_DIR, Settings
from bot.core.knowledge import load_knowledge
from bot.core.responder import Responder
from bot.serve.lifecycle import ClinicBot
from bot.serve.polling import serve_polling
from bot.storage import ANSWERED, ESCALATION, FALLBACK, SMALLTALK, PlannedCheckin, Storage
from tests.fakes import FakeBotApi
from tests.fakes.bot_api import ApiCall
from tests.web.browser import free_port

LINK = re.compile(r"https?://\S+/login\?token=[A-Za-z0-9_%-]+")


@dataclass(frozen=True, slots=True)
class ClinicSetup:
    """One clinic of the live bot: its name (id and URL part), title, staff and staff chat."""

    name: str
    title: str
    staff_user: int
    staff_chat: int

    @property
    def token(self) -> str:
        """A bot token of the right shape, made up (each clinic has its own bot)."""
        return f"{100000000 + self.staff_user}:AA{self.name.ljust(34, 'x')}"


RIVERSIDE = ClinicSetup("riverside", "Riverside Aesthetics", 4101, -1004101)
BROOKLYN = ClinicSetup("brooklyn", "Brooklyn Face Studio", 4202, -1004202)


@dataclass
class LiveClinic:
    """A running clinic bot, as its staff and patients reach it."""

    setup: ClinicSetup
    fake: FakeBotApi
    folder: Path
    settings: Settings

    @property
    def name(self) -> str:
        return self.setup.name

    def to_staff_chat(self, call: ApiCall) -> bool:
        return bool(call.params.get("chat_id") == self.setup.staff_chat)

    async def send(self, text: str, *, user: int, first_name: str = "Mia") -> None:
        """A patient's (or staff member's) private message to the bot."""
        self.fake.push_update(
            self.fake.text_message(text, chat_id=user, user_id=user, first_name=first_name)
        )

    async def reply_to(self, text: str, *, user: int, first_name: str = "Mia") -> str:
        """Send ``text`` and return the bot's (first) reply to it."""
        before = len([c for c in self.fake.calls_to("sendMessage") if _to(c, user)])
        await self.send(text, user=user, first_name=first_name)
        calls = await self.fake.wait_for("sendMessage", lambda c: _to(c, user), count=before + 1)
        return str(calls[before].params["text"])

    async def command(
        self, name: str, *, user: int, first_name: str = "Ana", chat_type: str = "private"
    ) -> ApiCall:
        """Send ``/name`` from ``user`` and return the bot's answer in that chat."""
        chat = user if chat_type == "private" else self.setup.staff_chat
        before = len([c for c in self.fake.calls_to("sendMessage") if _to(c, chat)])
        self.fake.push_update(
            self.fake.command(
                name, chat_id=chat, user_id=user, first_name=first_name, chat_type=chat_type
            )
        )
        calls = await self.fake.wait_for("sendMessage", lambda c: _to(c, chat), count=before + 1)
        return calls[before]

    async def sign_in_link(self, *, first_name: str = "Ana Lopez") -> str:
        """What a staff member gets for ``/dashboard``: the one-time sign-in link."""
        answer = await self.command("dashboard", user=self.setup.staff_user, first_name=first_name)
        found = LINK.search(str(answer.params["text"]))
        assert found is not None, answer.params["text"]
        return found.group(0)


def _to(call: ApiCall, chat: int) -> bool:
    return bool(call.params.get("chat_id") == chat)


@dataclass
class LiveBot:
    """The running process: its web address, its clinics, and a look into its database."""

    base_url: str
    clinics: dict[str, LiveClinic]
    storage: Storage
    http: httpx.AsyncClient

    def url(self, clinic: str, path: str = "") -> str:
        return f"{self.base_url}/dashboard/{clinic}/{path}"


def write_clinic_folder(root: Path, setup: ClinicSetup) -> Path:
    """A clinic folder: the shipped example clinic under the clinic's own name."""
    folder = root / setup.name
    folder.mkdir(parents=True)
    data = yaml.safe_load((DEFAULT_KNOWLEDGE_DIR / "clinic.yaml").read_text(encoding="utf-8"))
    site = setup.title.lower().replace(" ", "-")
    data["clinic"].update(
        {
            "name": setup.title,
            "practitioners": ["Dr Ana Lopez", "Tom Reed, nurse prescriber"],
            "phone": f"020 3{setup.staff_user % 1000:03d} 5100",
            "out_of_hours_phone": f"07400 {setup.staff_user % 1000:03d}999",
            "email": f"care@{site}.co.uk",
            "address": f"{setup.staff_user % 100} River Street, London",
            "booking_url": f"https://{site}.co.uk/book",
        }
    )
    (folder / "clinic.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return folder


#: Questions patients asked over the last weeks that the bot could not answer.
ASKED_BEFORE = (
    "is it ok to dye my hair next week",
    "can I have my eyebrows threaded",
    "Is it OK to dye my hair this weekend?",
    "can I have a spray tan tomorrow",
)


async def seed_history(storage: Storage, clinic: str, now: datetime) -> None:
    """Two weeks of traffic, votes and check-in answers, so the charts have something to
    show (the live messages of a test all fall on one day)."""
    kinds = (ANSWERED, ANSWERED, ANSWERED, FALLBACK, SMALLTALK, ANSWERED, ESCALATION)
    topics = ("alcohol", "exercise_gym", "bruising", "headache", "makeup_skincare_washing")
    for day in range(1, 15):
        when = now - timedelta(days=day, hours=3)
        user = 9000 + day
        await storage.touch_patient(
            clinic, user, chat_id=user, first_name=f"Patient {day}", language="en", now=when
        )
        await storage.set_treatment(clinic, user, (when - timedelta(days=2)).date(), "forehead")
        for index in range(3 + day % 5):
            kind = kinds[(day + index) % len(kinds)]
            await storage.record_event(
                clinic,
                user,
                kind,
                topic=topics[(day + index) % len(topics)] if kind == ANSWERED else None,
                level=("urgent" if day % 3 else "emergency") if kind == ESCALATION else None,
                now=when + timedelta(minutes=index),
            )
        topic = topics[day % len(topics)]
        await storage.record_feedback(clinic, user, topic, day % 4 != 0, when)
        if day % 2:
            question = ASKED_BEFORE[day // 2 % len(ASKED_BEFORE)]
            await storage.record_unanswered(clinic, user, question, when)
        plan = [PlannedCheckin("day1", when - timedelta(hours=20))]
        if day > 3:
            plan.append(PlannedCheckin("day3", when + timedelta(days=1)))
        for checkin in await storage.schedule_checkins(clinic, user, user, plan):
            await storage.mark_checkin_sent(checkin.id, checkin.due_at)
            answer = ("ok", "ok", "q", "wrong")[(day + checkin.id) % 4]
            await storage.record_checkin_response(
                checkin.id, answer, checkin.due_at + timedelta(hours=1), user_id=user
            )


@asynccontextmanager
async def live_bot(
    tmp_path: Path,
    clinics: Sequence[ClinicSetup] = (RIVERSIDE,),
    *,
    history: bool = False,
    **overrides: Any,
) -> AsyncIterator[LiveBot]:
    """The bot with its dashboard, on 127.0.0.1, until the block ends."""
    port = free_port()
    database = f"sqlite:///{tmp_path / 'data' / 'aftercare.db'}"
    async with AsyncExitStack() as stack:
        storage = await Storage.open(database)
        stack.push_async_callback(storage.close)
        if history:
            for setup in clinics:
                await seed_history(storage, setup.name, datetime.now(UTC))
        bots, live = [], {}
        for setup in clinics:
            fake = await stack.enter_async_context(FakeBotApi())
            settings = Settings(
                _env_file=None,  # type: ignore[call-arg]
                telegram_bot_token=setup.token,
                telegram_api_base_url=fake.base_url,
                telegram_rate_limit=0,
                database_url=database,
                clinic_id=setup.name,
                clinic_dir=write_clinic_folder(tmp_path / "clinics", setup),
                staff_chat_id=setup.staff_chat,
                staff_user_ids=str(setup.staff_user),
                store_message_text=True,
                sweep_seconds=0.3,
                dashboard=True,
                dashboard_url=f"http://127.0.0.1:{port}",
                webhook_listen="127.0.0.1",
                port=port,
                **overrides,
            )
            assert settings.clinic_dir is not None
            # The rules and matcher alone: the learned model would retrain for every clinic
            # folder, and nothing here is about it.
            responder = Responder(load_knowledge(settings.knowledge_dir, settings.clinic_dir))
            bots.append(ClinicBot(setup.name, settings, responder))
            live[setup.name] = LiveClinic(setup, fake, settings.clinic_dir, settings)
        stop = asyncio.Event()
        runner = asyncio.create_task(serve_polling(bots, stop, settings=bots[0].settings))
        http = await stack.enter_async_context(httpx.AsyncClient(timeout=10))
        base = f"http://127.0.0.1:{port}"
        try:
            await until_healthy(http, base, runner)
            for clinic in live.values():
                await clinic.fake.wait_for("getUpdates", timeout=20)
            yield LiveBot(base, live, storage, http)
        finally:
            stop.set()
            await asyncio.wait_for(runner, timeout=30)


async def until_healthy(
    http: httpx.AsyncClient,
    base: str,
    runner: asyncio.Task[None] | None = None,
    *,
    seconds: float = 60,
) -> None:
    """Wait until ``GET /healthz`` answers 200 (every bot running, the server listening)."""
    for _ in range(int(seconds / 0.05)):
        if runner is not None and runner.done():
            runner.result()  # raises what stopped the bot
            raise AssertionError("the bot stopped before it was ready")
        try:
            if (await http.get(f"{base}/healthz")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.05)
    raise AssertionError("the bot's web server never became healthy")
