"""A dashboard for two clinics on a real SQLite file, driven over HTTP with httpx.

The app runs in the test's own event loop through httpx's ASGI transport, so the storage
opened here is the one the pages read; nothing is mocked.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette

from bot.config import DEFAULT_KNOWLEDGE_DIR
from bot.core.knowledge import Knowledge
from bot.core.responder import Responder
from bot.storage import ANSWERED, ESCALATION, FALLBACK, AlertDraft, PlannedCheckin, Storage
from bot.storage.models import Alert
from bot.web import ClinicServices, DashboardSettings, create_dashboard, issue_link

PUBLIC_URL = "http://127.0.0.1:8080"
SECRET = "test-secret-" + "x" * 40
STAFF = {"riverside": 111, "brooklyn": 222}
UNANSWERED = "can my dog lick my face after"


@dataclass
class Clinic:
    """One clinic of the test dashboard and what its hooks were told."""

    slug: str
    folder: Path
    services: ClinicServices
    responder: Responder
    alert: Alert
    knowledge_changes: list[Knowledge] = field(default_factory=list)
    acknowledged: list[tuple[Alert, str]] = field(default_factory=list)


@dataclass
class Dashboard:
    client: httpx.AsyncClient
    storage: Storage
    settings: DashboardSettings
    clinics: dict[str, Clinic]

    def url(self, slug: str, path: str = "") -> str:
        return f"/dashboard/{slug}/{path}"

    async def link(self, slug: str, user_id: int | None = None, **kw: datetime) -> str:
        clinic = self.clinics[slug]
        user = STAFF[slug] if user_id is None else user_id
        url = await issue_link(slug, clinic.services, self.settings, user, "Dr Ana", **kw)
        assert url is not None
        return url

    async def sign_in(self, slug: str) -> str:
        """Open the link, press Sign in; returns the page's CSRF token."""
        link = await self.link(slug)
        token = link.split("token=", 1)[1]
        response = await self.client.post(self.url(slug, "login"), data={"token": token})
        assert response.status_code == 303, response.text
        return await self.csrf(slug)

    async def csrf(self, slug: str) -> str:
        page = await self.client.get(self.url(slug))
        assert page.status_code == 200, page.text
        match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert match is not None
        return match.group(1)


async def _seed(storage: Storage, slug: str, now: datetime) -> Alert:
    """A patient, some traffic, an unanswered question, votes, a check-in and an alert."""
    user = 5000 + STAFF[slug]
    await storage.touch_patient(slug, user, chat_id=user, first_name="Mia", language="en", now=now)
    await storage.set_treatment(slug, user, (now - timedelta(days=3)).date(), "forehead")
    for days_ago, kind in ((0, ANSWERED), (1, ANSWERED), (1, FALLBACK), (2, ESCALATION)):
        level = "urgent" if kind == ESCALATION else None
        topic = "alcohol" if kind == ANSWERED else None
        await storage.record_event(
            slug, user, kind, topic=topic, level=level, now=now - timedelta(days=days_ago)
        )
    await storage.record_unanswered(slug, user, UNANSWERED, now)
    await storage.record_unanswered(slug, user, "Can my dog lick my face after?", now)
    await storage.record_unanswered(slug, user, "=HYPERLINK(1)", now)
    await storage.record_unanswered(slug, user, None, now)
    await storage.record_feedback(slug, user, "alcohol", True, now)
    await storage.record_feedback(slug, user, "alcohol", False, now)
    (checkin,) = await storage.schedule_checkins(
        slug, user, user, [PlannedCheckin("day1", now - timedelta(hours=2))]
    )
    await storage.mark_checkin_sent(checkin.id, now - timedelta(hours=2))
    await storage.record_checkin_response(checkin.id, "wrong", now, user_id=user)
    draft = AlertDraft(slug, user, user, "urgent", ("eyelid_droop",), "Mia", None, 2)
    alert = await storage.queue_alert(draft, now - timedelta(hours=1))
    await storage.mark_alert_sent(alert.id, 77, now - timedelta(hours=1))
    return alert


@pytest.fixture
async def dashboard(tmp_path: Path, responder: Responder) -> AsyncIterator[Dashboard]:
    storage = await Storage.open(f"sqlite:///{tmp_path / 'data' / 'bot.db'}")
    settings = DashboardSettings(public_url=PUBLIC_URL, secret_key=SECRET)
    now = datetime.now(UTC)
    clinics: dict[str, Clinic] = {}
    for slug in STAFF:
        folder = tmp_path / "clinics" / slug
        folder.mkdir(parents=True)
        shutil.copyfile(DEFAULT_KNOWLEDGE_DIR / "clinic.yaml", folder / "clinic.yaml")
        holder: dict[str, Responder] = {"current": responder}

        async def knowledge_changed(
            knowledge: Knowledge, holder: dict[str, Responder] = holder, slug: str = slug
        ) -> bool:
            clinics[slug].knowledge_changes.append(knowledge)
            holder["current"] = Responder(knowledge)
            return True  # live at once

        async def acknowledged(alert: Alert, name: str, slug: str = slug) -> None:
            clinics[slug].acknowledged.append((alert, name))

        services = ClinicServices(
            staff_ids=frozenset({STAFF[slug]}),
            get_storage=lambda: storage,
            get_responder=lambda holder=holder: holder["current"],  # type: ignore[misc]
            knowledge_dir=DEFAULT_KNOWLEDGE_DIR,
            clinic_dir=folder,
            store_message_text=True,
            on_knowledge_changed=knowledge_changed,
            on_alert_acknowledged=acknowledged,
        )
        alert = await _seed(storage, slug, now)
        clinics[slug] = Clinic(slug, folder, services, responder, alert)
    app = Starlette(
        routes=[create_dashboard({s: c.services for s, c in clinics.items()}, settings)]
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=PUBLIC_URL) as client:
        yield Dashboard(client, storage, settings, clinics)
    await storage.close()


def today() -> date:
    return datetime.now(UTC).date()
