"""The clinic dashboard inside the running bot: its settings, one web app for every clinic,
the ``/dashboard`` link each bot sends, live FAQ changes and the staff-chat update.

The dashboard (``bot.web``) only sees a ``ClinicServices`` per clinic; this module builds one
from each running ``Application``, so a FAQ edit swaps that bot's responder, conversation and
keyboards (``bot.tg.app.use_responder``) and an acknowledgement on the dashboard edits the
staff chat's alert through the same code as the "I'm on it" button.
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import logging
import os
import re
import secrets
from collections.abc import Mapping
from pathlib import Path

from starlette.routing import BaseRoute

from bot.config import Settings
from bot.core.knowledge import Knowledge
from bot.core.responder import Responder
from bot.errors import ConfigError
from bot.storage import parse_database_url
from bot.storage.engine import sqlite_path
from bot.tg.app import BotApplication, use_responder
from bot.tg.context import BotData
from bot.web import ClinicServices, DashboardSettings, create_dashboard, issue_link
from bot.web.telegram_hooks import alert_ack_editor

logger = logging.getLogger(__name__)

#: Where a generated signing key is kept, beside the SQLite database.
SECRET_FILE = "dashboard_secret"
#: How long a FAQ change may take to go live before the page returns and says "soon": the
#: rules and matcher rebuild in seconds; retraining a learned model takes longer, and a web
#: request must not hang on it (a proxy would time out).
LIVE_WAIT_SECONDS = 20.0


def public_url(settings: Settings) -> str:
    """The address staff open: DASHBOARD_URL, else the webhook's host, else this machine."""
    if settings.dashboard_url:
        return settings.dashboard_url
    if settings.webhook_url:
        match = re.match(r"^https?://[^/]+", settings.webhook_url)
        if match:
            return match.group(0)
    return f"http://127.0.0.1:{settings.port}"


def kept_secret(path: Path) -> str:
    """The signing key stored at ``path``, made on first use (readable by the bot's user only).

    Several processes may start at once: the key is written to a scratch file and linked into
    place, so exactly one key wins and every process reads that one.
    """
    try:
        key = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        key = ""
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"DASHBOARD_SECRET: cannot read {path}: {exc}") from exc
    if len(key) >= 32:
        return key
    if key:
        raise ConfigError(f"DASHBOARD_SECRET: {path} holds a key shorter than 32 characters")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        scratch = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
        descriptor = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as out:
            out.write(secrets.token_urlsafe(48) + "\n")
        try:
            os.link(scratch, path)
            logger.info("dashboard: made a signing key in %s", path)
        except FileExistsError:
            pass  # another process made it first: use theirs
        finally:
            scratch.unlink(missing_ok=True)
        return path.read_text(encoding="ascii").strip()
    except OSError as exc:
        raise ConfigError(f"DASHBOARD_SECRET: cannot keep a key in {path}: {exc}") from exc


def dashboard_secret(settings: Settings) -> str:
    """DASHBOARD_SECRET; unset, a key kept in the SQLite database's folder.

    Every process of a deployment must sign with the same key. With SQLite those processes
    share the data folder, so a key made there once serves them all and survives restarts.
    With PostgreSQL they may run on several machines, so the key must be given.
    """
    if settings.dashboard_secret is not None:
        return settings.dashboard_secret.get_secret_value().strip()
    database = sqlite_path(parse_database_url(settings.database_url))
    if database is None:
        raise ConfigError(
            "DASHBOARD_SECRET is required with PostgreSQL (every process must sign dashboard "
            "sessions with the same key); generate one: "
            'python3 -c "import secrets; print(secrets.token_urlsafe(48))"'
        )
    return kept_secret(database.parent / SECRET_FILE)


def dashboard_settings(settings: Settings) -> DashboardSettings:
    """The dashboard's settings from the bot's (raises ``ConfigError`` when they are wrong)."""
    return DashboardSettings(public_url=public_url(settings), secret_key=dashboard_secret(settings))


def clinic_services(application: BotApplication) -> ClinicServices:
    """What the dashboard needs from one clinic's bot, read live from its ``bot_data``."""
    data: BotData = application.bot_data
    settings = data.settings
    assert settings is not None

    def get_responder() -> Responder:
        assert data.responder is not None
        return data.responder

    changes = itertools.count(1)
    latest = [0]
    rebuilding: set[asyncio.Task[None]] = set()

    async def rebuild(number: int, knowledge: Knowledge) -> None:
        # Off the event loop: the matcher and triage indexes (and a learned model) are built.
        responder = await asyncio.to_thread(get_responder().with_knowledge, knowledge)
        if number != latest[0]:
            return  # a later change was saved meanwhile; its own rebuild puts it in service
        use_responder(application, responder)
        logger.info("clinic '%s': FAQ changed on the dashboard, now live", settings.clinic_id)

    async def knowledge_changed(knowledge: Knowledge) -> bool:
        """Rebuild with the new knowledge; the old responder answers until the new one is
        complete (never a half-built one, so triage keeps every part it had)."""
        latest[0] = number = next(changes)
        task = asyncio.create_task(rebuild(number, knowledge))
        rebuilding.add(task)
        task.add_done_callback(rebuilding.discard)
        task.add_done_callback(_log_failure)
        done, _ = await asyncio.wait({task}, timeout=LIVE_WAIT_SECONDS)
        if task not in done:
            return False  # still building: live within a minute or two
        task.result()  # raises a failure: the dashboard then says "from the next start"
        return True

    staff_chat = settings.staff_chat_id
    return ClinicServices(
        staff_ids=settings.staff_user_ids,
        get_storage=lambda: data.storage,
        get_responder=get_responder,
        knowledge_dir=settings.knowledge_dir,
        clinic_dir=settings.clinic_dir,
        store_message_text=settings.store_message_text,
        on_knowledge_changed=knowledge_changed,
        on_alert_acknowledged=(
            alert_ack_editor(application.bot, staff_chat, get_responder)
            if staff_chat is not None
            else None
        ),
    )


def _log_failure(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        logger.error("a FAQ change could not be put in service", exc_info=task.exception())


def dashboard_routes(
    applications: Mapping[str, BotApplication], settings: DashboardSettings
) -> list[BaseRoute]:
    """The dashboard for these clinics (keyed by clinic id), to add to the web server's
    routes; each bot's ``/dashboard`` command now sends links to its own clinic's pages."""
    services = {name: clinic_services(app) for name, app in applications.items()}
    for name, application in applications.items():
        data: BotData = application.bot_data
        data.dashboard_link = functools.partial(issue_link, name, services[name], settings)
    return [create_dashboard(services, settings)]


def addresses(settings: Settings, names: list[str]) -> list[str]:
    """What ``aftercare-bot run`` prints: where each clinic's dashboard is, and how to sign in."""
    dashboard = dashboard_settings(settings)
    lines = [f"Dashboard for clinic '{n}': {dashboard.clinic_url(n)}" for n in names]
    lines.append("Staff sign in from the one-time link the bot sends them for /dashboard.")
    if settings.clinics_dir is None and settings.clinic_dir is None:
        lines.append("No CLINIC_DIR is set: the FAQ can be read on the dashboard, not edited.")
    return lines
