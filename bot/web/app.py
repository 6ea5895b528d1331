"""``create_dashboard``: the clinic dashboard as Starlette routes, ready to mount on the
bot's web server (the webhook server, or one started for it in polling mode).

Every page lives under ``{path}/{clinic}/``: the clinic comes from the URL, the session must
belong to that clinic, and every query is filtered by it. Reads need a signed-in staff
member; every change is a POST carrying the session's CSRF token and is written to the audit
log. Responses forbid framing, scripts and caching.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

import bot.web.actions as actions
import bot.web.pages as pages
from bot.errors import ConfigError, StorageError
from bot.storage.dashboard import DashboardStore
from bot.web.faq_editor import FaqEditor
from bot.web.login import CSRF_FIELD, Sessions, csrf_ok, same_origin
from bot.web.page import HERE, MAX_BODY, SECURITY_HEADERS, Clinic, Handler, Page, _local
from bot.web.services import SLUG, ClinicServices, DashboardSettings

logger = logging.getLogger(__name__)


class Dashboard:
    """The dashboard's shared parts: settings, clinics, templates, sessions."""

    def __init__(
        self, services_per_clinic: Mapping[str, ClinicServices], settings: DashboardSettings
    ) -> None:
        self.settings = settings
        self.sessions = Sessions(settings)
        self.clinics: dict[str, Clinic] = {}
        for slug, services in services_per_clinic.items():
            if not SLUG.match(slug) or slug == "static":
                raise ConfigError(f"clinic name {slug!r} cannot be part of a dashboard address")
            editor = (
                FaqEditor(services.knowledge_dir, services.clinic_dir)
                if services.clinic_dir is not None
                else None
            )
            self.clinics[slug] = Clinic(slug, services, editor)
        self.templates = Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=select_autoescape(["html"]),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.templates.filters["local"] = _local
        self.templates.filters["checkin"] = pages.checkin_label
        self.templates.globals["static"] = f"{settings.path}/static"

    def render(self, template: str, *, status: int = 200, **values: Any) -> HTMLResponse:
        html = self.templates.get_template(template).render(**values)
        return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)

    def problem(self, status: int, title: str, message: str) -> HTMLResponse:
        return self.render("problem.html", status=status, title=title, message=message, staff=None)

    def not_signed_in(self) -> HTMLResponse:
        return self.problem(
            401,
            "Please sign in",
            "Send /dashboard to the clinic's bot in a private chat: it replies with a sign-in "
            "link that works once, for a few minutes.",
        )

    def clinic_of(self, request: Request) -> Clinic | None:
        return self.clinics.get(str(request.path_params.get("slug", "")))

    def page(
        self, handler: Handler, *, change: bool = False
    ) -> Callable[[Request], Awaitable[Response]]:
        """Wrap a handler: the clinic from the URL, its signed-in staff, CSRF on changes."""

        async def endpoint(request: Request) -> Response:
            clinic = self.clinic_of(request)
            if clinic is None:
                return self.problem(404, "Not found", "There is no such page.")
            storage = clinic.services.get_storage()
            if storage is None:
                return self.problem(503, "Starting", "The bot is starting; try again shortly.")
            try:
                session = await self.sessions.current(
                    request, clinic.slug, clinic.services, storage
                )
                if session is None:
                    return (
                        self.not_signed_in()
                        if not change
                        else self.problem(
                            403, "Not allowed", "Your session has ended. Sign in again."
                        )
                    )
                form = None
                if change:
                    form = await request.form()
                    if not csrf_ok(session, form.get(CSRF_FIELD)) or not same_origin(
                        request, self.settings
                    ):
                        logger.warning("dashboard: change without a valid CSRF token refused")
                        return self.problem(
                            403,
                            "Not allowed",
                            "This form has expired. Reload the page and try again.",
                        )
                page = Page(
                    request, self, clinic, session, storage, DashboardStore.of(storage), form
                )
                return await handler(page)
            except StorageError:
                logger.exception("dashboard: storage failed")
                return self.problem(503, "Unavailable", "The database is not available right now.")

        return endpoint

    def routes(self) -> list[BaseRoute]:
        read = self.page

        def change(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
            return self.page(handler, change=True)

        clinic_routes: list[BaseRoute] = [
            Route("/", read(pages.overview), methods=["GET"]),
            Route("/login", self.login_form, methods=["GET"]),
            Route("/login", self.login, methods=["POST"]),
            Route("/logout", change(actions.logout), methods=["POST"]),
            Route("/alerts", read(pages.alerts), methods=["GET"]),
            Route("/alerts/{alert_id}/acknowledge", change(actions.acknowledge), methods=["POST"]),
            Route("/questions", read(pages.questions), methods=["GET"]),
            Route("/questions/add-phrasing", change(actions.add_phrasing), methods=["POST"]),
            Route("/faq", read(pages.faq), methods=["GET"]),
            Route("/faq/new", read(pages.new_entry), methods=["GET"]),
            Route("/faq/new", change(actions.create_entry), methods=["POST"]),
            Route("/faq/draft", change(pages.draft_entry), methods=["POST"]),
            Route("/faq/entry/{entry_id}", read(pages.edit_entry), methods=["GET"]),
            Route("/faq/entry/{entry_id}", change(actions.save_entry), methods=["POST"]),
            Route("/faq/entry/{entry_id}/switch", change(actions.switch_entry), methods=["POST"]),
            Route("/checkins", read(pages.checkins), methods=["GET"]),
            Route("/activity", read(pages.activity), methods=["GET"]),
            Route("/export.csv", read(pages.export_csv), methods=["GET"]),
        ]
        return [
            Mount("/static", app=StaticFiles(directory=HERE / "static"), name="dashboard-static"),
            Route("/{slug}", self.add_slash, methods=["GET"]),
            Mount("/{slug}", routes=clinic_routes),
        ]

    async def add_slash(self, request: Request) -> Response:
        if self.clinic_of(request) is None:
            return self.problem(404, "Not found", "There is no such page.")
        return RedirectResponse(f"{request.url.path}/", status_code=308)

    # -- signing in (no session yet) ---------------------------------------------------

    async def login_form(self, request: Request) -> Response:
        """The link's landing page: a button, so a link preview cannot use the link up."""
        clinic = self.clinic_of(request)
        token = request.query_params.get("token", "")
        if clinic is None or not token:
            return self.problem(404, "Not found", "This sign-in link is not valid.")
        name = clinic.services.get_responder().knowledge.clinic.name
        return self.render("login.html", title="Sign in", clinic_name=name, token=token, staff=None)

    async def login(self, request: Request) -> Response:
        """Use the one-time link: start a session and set its cookie."""
        clinic = self.clinic_of(request)
        storage = clinic.services.get_storage() if clinic is not None else None
        if clinic is None or storage is None:
            return self.problem(404, "Not found", "This sign-in link is not valid.")
        if not same_origin(request, self.settings):
            return self.problem(403, "Not allowed", "Sign in from the link the bot sent you.")
        form = await request.form()
        token = form.get("token")
        store = DashboardStore.of(storage)
        now = datetime.now(UTC)
        login = (
            await store.redeem_login_token(clinic.slug, token, now=now)
            if isinstance(token, str)
            else None
        )
        if login is None or login.staff_user_id not in clinic.services.staff_ids:
            logger.warning("dashboard: an expired, used or unknown sign-in link was refused")
            return self.problem(
                400,
                "This link no longer works",
                "Sign-in links work once and only for a few minutes. Send /dashboard to the "
                "bot for a new one.",
            )
        session_id, session = await store.create_session(
            login, now=now, ttl=self.settings.session_ttl
        )
        await store.record_audit(
            clinic.slug, session.staff_user_id, session.staff_name, "sign_in", now=now
        )
        logger.info("dashboard: staff %s signed in to clinic %s", login.staff_user_id, clinic.slug)
        response = RedirectResponse(f"{self.settings.path}/{clinic.slug}/", status_code=303)
        self.sessions.set_cookie(response, clinic.slug, session_id)
        return response


def create_dashboard(
    services_per_clinic: Mapping[str, ClinicServices], settings: DashboardSettings
) -> Mount:
    """The dashboard, to add to the bot's Starlette app's routes.

    ``services_per_clinic`` maps each clinic's name (its id in the database and in the URL)
    to what the dashboard needs from that clinic's bot.
    """
    dashboard = Dashboard(services_per_clinic, settings)
    return Mount(settings.path, routes=dashboard.routes(), max_body_size=MAX_BODY)
