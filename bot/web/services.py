"""What the dashboard needs from the running bot, per clinic, and its own few settings."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from bot.core.knowledge import Knowledge
from bot.core.responder import Responder
from bot.errors import ConfigError
from bot.storage import Storage
from bot.storage.models import Alert

logger = logging.getLogger(__name__)

#: Called with the clinic's new knowledge (switched-off entries already left out) after a
#: FAQ change was saved; the bot should rebuild its responder (and topic keyboards) from it.
#: Returns True when the bot uses the change on return, False when it is still being applied
#: (a learned model retraining in the background): the page then says so.
OnKnowledgeChanged = Callable[[Knowledge], Awaitable[bool]]
#: Called after staff acknowledged an alert on the dashboard, with the alert as it now is
#: and the staff member's name; the bot should update the staff chat's alert message.
OnAlertAcknowledged = Callable[[Alert, str], Awaitable[None]]

SLUG = re.compile(r"^[A-Za-z0-9_-]{1,48}$")


@dataclass(frozen=True, slots=True)
class ClinicServices:
    """One clinic's bot, as the dashboard sees it.

    The getters are read on every request, so the bot may open its storage or swap its
    responder after the dashboard was built. ``clinic_dir`` is where the clinic's own
    ``faq.yaml`` lives; without it the FAQ can be read but not edited.
    """

    staff_ids: frozenset[int]
    get_storage: Callable[[], Storage | None]
    get_responder: Callable[[], Responder]
    knowledge_dir: Path
    clinic_dir: Path | None = None
    store_message_text: bool = False
    on_knowledge_changed: OnKnowledgeChanged | None = None
    on_alert_acknowledged: OnAlertAcknowledged | None = None


@dataclass(frozen=True, slots=True)
class DashboardSettings:
    """Where the dashboard is reached and how long its links and sessions last.

    ``public_url`` is the address staff open (``https://...`` behind TLS: cookies are then
    marked Secure). ``secret_key`` signs session cookies; give every process of one deployment
    the same key, or sessions only work on the process that made them.
    """

    public_url: str
    secret_key: str = field(repr=False)
    path: str = "/dashboard"
    login_link_ttl: timedelta = timedelta(minutes=10)
    session_ttl: timedelta = timedelta(hours=12)
    default_days: int = 30

    def __post_init__(self) -> None:
        if not re.match(r"^https?://[^/]+", self.public_url):
            raise ConfigError("DASHBOARD_URL must look like https://bot.example.com")
        if len(self.secret_key) < 32:
            raise ConfigError("DASHBOARD_SECRET must be at least 32 characters")
        if not re.fullmatch(r"(/[A-Za-z0-9_-]+)+", self.path):
            raise ConfigError("the dashboard path must look like /dashboard")

    @property
    def secure_cookies(self) -> bool:
        return self.public_url.startswith("https://")

    @property
    def origin(self) -> str:
        match = re.match(r"^https?://[^/]+", self.public_url)
        assert match is not None  # checked in __post_init__
        return match.group(0)

    def clinic_url(self, slug: str) -> str:
        """The clinic's dashboard address, e.g. https://bot.example.com/dashboard/riverside/."""
        return f"{self.public_url.rstrip('/')}{self.path}/{slug}/"
