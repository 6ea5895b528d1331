"""Passwordless sign-in: a one-time link sent by the bot, then a signed session cookie.

A staff member sends ``/dashboard`` to the bot; ``issue_link`` returns a link with a random
256-bit secret, stored only as its hash, valid for minutes and for one use. Opening it shows a
"Sign in" button (a link scanner or preview fetching the URL does not use it up); pressing it
redeems the secret and sets a session cookie that is signed (itsdangerous), HttpOnly,
SameSite=Lax, Secure behind https, scoped to the clinic's path, and expires. The session also
lives in the database, so signing out, or being removed from the staff list, ends it at once.
"""

from __future__ import annotations

import hmac
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote

from itsdangerous import BadSignature, TimestampSigner
from starlette.requests import Request
from starlette.responses import Response

from bot.storage import Storage
from bot.storage.dashboard import DashboardStore, StaffSession
from bot.web.services import ClinicServices, DashboardSettings

logger = logging.getLogger(__name__)

COOKIE = "aftercare_dashboard"
CSRF_FIELD = "csrf_token"


async def issue_link(
    slug: str,
    services: ClinicServices,
    settings: DashboardSettings,
    staff_user_id: int,
    staff_name: str,
    *,
    now: datetime | None = None,
) -> str | None:
    """A one-time sign-in link for a staff member of the clinic; None for anyone else.

    Send it only in a private chat with that staff member.
    """
    if staff_user_id not in services.staff_ids:
        logger.warning("dashboard link refused for non-staff user %s (%s)", staff_user_id, slug)
        return None
    storage = services.get_storage()
    if storage is None:
        return None
    token = await DashboardStore.of(storage).create_login_token(
        slug,
        staff_user_id,
        staff_name or str(staff_user_id),
        now=now or datetime.now(UTC),
        ttl=settings.login_link_ttl,
    )
    logger.info("dashboard link issued to staff %s of clinic %s", staff_user_id, slug)
    return f"{settings.clinic_url(slug)}login?token={quote(token)}"


@dataclass(frozen=True, slots=True)
class Sessions:
    """Signs, reads and clears the session cookie of one dashboard."""

    settings: DashboardSettings

    @property
    def _signer(self) -> TimestampSigner:
        return TimestampSigner(self.settings.secret_key, salt="aftercare-dashboard-session")

    def cookie_path(self, slug: str) -> str:
        return f"{self.settings.path}/{slug}/"

    def set_cookie(self, response: Response, slug: str, session_id: str) -> None:
        response.set_cookie(
            COOKIE,
            self._signer.sign(session_id).decode(),
            max_age=int(self.settings.session_ttl.total_seconds()),
            path=self.cookie_path(slug),
            secure=self.settings.secure_cookies,
            httponly=True,
            samesite="lax",
        )

    def clear_cookie(self, response: Response, slug: str) -> None:
        response.delete_cookie(
            COOKIE,
            path=self.cookie_path(slug),
            secure=self.settings.secure_cookies,
            httponly=True,
            samesite="lax",
        )

    def session_id(self, request: Request) -> str | None:
        """The session id in a validly signed, unexpired cookie; None otherwise."""
        raw = request.cookies.get(COOKIE)
        if not raw:
            return None
        try:
            max_age = int(self.settings.session_ttl.total_seconds())
            return self._signer.unsign(raw, max_age=max_age).decode()
        except (BadSignature, UnicodeDecodeError):
            return None

    async def current(
        self, request: Request, slug: str, services: ClinicServices, storage: Storage
    ) -> StaffSession | None:
        """The signed-in staff member of this clinic, or None."""
        session_id = self.session_id(request)
        if session_id is None:
            return None
        session = await DashboardStore.of(storage).get_session(session_id, now=datetime.now(UTC))
        if session is None or session.clinic_id != slug:
            return None
        if session.staff_user_id not in services.staff_ids:
            return None  # no longer on the clinic's staff list
        return session


def csrf_ok(session: StaffSession, given: object) -> bool:
    """The form carried this session's CSRF token."""
    return isinstance(given, str) and hmac.compare_digest(given, session.csrf_token)


def same_origin(request: Request, settings: DashboardSettings) -> bool:
    """A browser's Origin header, when sent, names this site (defence in depth for CSRF)."""
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    own = f"{request.url.scheme}://{request.url.netloc}"
    return origin in {settings.origin, own}
