"""The clinic dashboard: staff sign in from a one-time Telegram link and see alerts, what
patients ask, and improve the FAQ (Starlette + Jinja2, server-rendered, no JavaScript).

    mount = create_dashboard({"riverside": services}, DashboardSettings(url, secret))
    starlette_app.routes.append(mount)
    link = await issue_link("riverside", services, settings, user_id, name)
"""

from __future__ import annotations

from bot.web.app import create_dashboard
from bot.web.faq_editor import FaqEditError, FaqEditor
from bot.web.login import issue_link
from bot.web.services import ClinicServices, DashboardSettings

__all__ = [
    "ClinicServices",
    "DashboardSettings",
    "FaqEditError",
    "FaqEditor",
    "create_dashboard",
    "issue_link",
]
