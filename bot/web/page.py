"""One dashboard page being served: the clinic, the signed-in staff member, rendering helpers."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from bot.core.knowledge import Knowledge
from bot.core.responder import Responder
from bot.storage import Storage
from bot.storage.dashboard import DashboardStore, StaffSession
from bot.web.faq_editor import FaqEditor
from bot.web.login import CSRF_FIELD
from bot.web.services import ClinicServices

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from bot.web.app import Dashboard

HERE = Path(__file__).resolve().parent
#: Upper bound on a form's size: an FAQ entry is a few kilobytes.
MAX_BODY = 256 * 1024

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}

#: Messages shown after a change (the URL carries only the code, never user text).
NOTICES = {
    "acknowledged": "Alert acknowledged. The staff chat shows who took it.",
    "already": "Someone had already taken that alert.",
    "phrasing": "Added.",
    "saved": "Saved.",
    "created": "New entry saved.",
    "switched_off": "Entry switched off.",
    "switched_on": "Entry switched back on.",
}
#: After a FAQ change, when the bot uses it (``?applied=`` in the address after the change).
APPLIED = {
    "now": "The bot uses it from now on.",
    "soon": "The bot is learning the change and uses it within a minute or two.",
    "restart": "The bot uses it from its next start.",
}
KNOWLEDGE_CHANGES = frozenset({"phrasing", "saved", "created", "switched_off", "switched_on"})


@dataclass
class Clinic:
    """One clinic at run time: its services, its FAQ editor and the lock for edits."""

    slug: str
    services: ClinicServices
    editor: FaqEditor | None
    edit_lock: asyncio.Lock = field(default_factory=asyncio.Lock)


@dataclass
class Page:
    """Everything a handler needs for one request by a signed-in staff member."""

    request: Request
    app: Dashboard
    clinic: Clinic
    session: StaffSession
    storage: Storage
    store: DashboardStore
    form: FormData | None = None
    #: Set by a FAQ change: "now", "soon" (still being applied) or "restart" (no bot here).
    applied: str = "now"

    @property
    def responder(self) -> Responder:
        return self.clinic.services.get_responder()

    @property
    def knowledge(self) -> Knowledge:
        return self.responder.knowledge

    @property
    def zone(self) -> tzinfo:
        return self.knowledge.clinic.zone()

    @property
    def now(self) -> datetime:
        return datetime.now(UTC)

    def url(self, path: str = "") -> str:
        return f"{self.app.settings.path}/{self.clinic.slug}/{path}"

    def days(self) -> int:
        """The reporting window from ``?days=``, 1 to 365 (default from settings)."""
        raw = self.request.query_params.get("days", "")
        days = int(raw) if raw.isdigit() else self.app.settings.default_days
        return min(max(days, 1), 365)

    def field(self, name: str) -> str:
        value = self.form.get(name) if self.form is not None else None
        return value.strip() if isinstance(value, str) else ""

    def fields(self, name: str) -> list[str]:
        if self.form is None:
            return []
        return [v.strip() for v in self.form.getlist(name) if isinstance(v, str) and v.strip()]

    def render(self, template: str, *, status: int = 200, **values: Any) -> HTMLResponse:
        done = self.request.query_params.get("done", "")
        notice = NOTICES.get(done)
        if notice is not None and done in KNOWLEDGE_CHANGES:
            notice += " " + APPLIED.get(self.request.query_params.get("applied", ""), "")
        return self.app.render(
            template,
            status=status,
            clinic_name=self.knowledge.clinic.name,
            slug=self.clinic.slug,
            base=self.url(),
            staff=self.session,
            csrf_field=CSRF_FIELD,
            zone=self.zone,
            notice=notice,
            can_edit=self.clinic.editor is not None,
            category_titles=dict(self.knowledge.messages.categories),
            **values,
        )

    def redirect(self, path: str, done: str | None = None) -> RedirectResponse:
        target = self.url(path) + (f"?done={done}" if done else "")
        if done in KNOWLEDGE_CHANGES:
            target += f"&applied={self.applied}"
        return RedirectResponse(target, status_code=303)

    async def audit(
        self, action: str, target: str | None = None, detail: str | None = None
    ) -> None:
        await self.store.record_audit(
            self.clinic.slug,
            self.session.staff_user_id,
            self.session.staff_name,
            action,
            target=target,
            detail=detail,
            now=self.now,
        )
        logger.info(
            "dashboard: staff %s of clinic %s: %s %s",
            self.session.staff_user_id,
            self.clinic.slug,
            action,
            target or "",
        )


Handler = Callable[[Page], Awaitable[Response]]


def _local(value: datetime | None, zone: tzinfo, pattern: str = "%a %d %b %Y %H:%M") -> str:
    return "" if value is None else value.astimezone(zone).strftime(pattern)
