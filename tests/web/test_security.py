"""Sign-in links, session cookies, CSRF and clinic isolation: every way in that must fail does,
and changes nothing."""

from __future__ import annotations

import dataclasses
import time
from datetime import UTC, datetime, timedelta

import httpx
from itsdangerous import TimestampSigner
from starlette.applications import Starlette
from starlette.responses import Response

from bot.storage.dashboard import DashboardStore, StaffLogin
from bot.web import create_dashboard, issue_link
from bot.web.login import COOKIE, Sessions
from bot.web.services import DashboardSettings
from tests.web.conftest import STAFF, Dashboard


def _token(link: str) -> str:
    return link.split("token=", 1)[1]


async def test_a_login_link_signs_in_once_with_a_safe_cookie(dashboard: Dashboard) -> None:
    link = await dashboard.link("riverside")
    assert link.startswith("http://127.0.0.1:8080/dashboard/riverside/login?token=")

    landing = await dashboard.client.get(link)  # a link preview or scanner: uses nothing up
    assert landing.status_code == 200 and "Sign in" in landing.text
    first = await dashboard.client.post("/dashboard/riverside/login", data={"token": _token(link)})
    assert first.status_code == 303
    assert first.headers["location"] == "/dashboard/riverside/"
    cookie = first.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Path=/dashboard/riverside/" in cookie and "Max-Age=43200" in cookie
    assert "Secure" not in cookie  # plain http here; see the https test below
    assert (await dashboard.client.get("/dashboard/riverside/")).status_code == 200

    dashboard.client.cookies.clear()
    again = await dashboard.client.post("/dashboard/riverside/login", data={"token": _token(link)})
    assert again.status_code == 400 and "set-cookie" not in again.headers
    assert (await dashboard.client.get("/dashboard/riverside/")).status_code == 401


async def test_an_expired_link_is_refused(dashboard: Dashboard) -> None:
    old = datetime.now(UTC) - timedelta(minutes=11)
    link = await dashboard.link("riverside", now=old)
    response = await dashboard.client.post(
        "/dashboard/riverside/login", data={"token": _token(link)}
    )
    assert response.status_code == 400 and "set-cookie" not in response.headers


async def test_a_link_works_only_for_its_own_clinic(dashboard: Dashboard) -> None:
    link = await dashboard.link("riverside")
    other = await dashboard.client.post("/dashboard/brooklyn/login", data={"token": _token(link)})
    assert other.status_code == 400
    forged = await dashboard.client.post("/dashboard/riverside/login", data={"token": "x" * 43})
    assert forged.status_code == 400


async def test_no_link_for_someone_not_on_the_staff_list(dashboard: Dashboard) -> None:
    clinic = dashboard.clinics["riverside"]
    for outsider in (999, STAFF["brooklyn"]):
        assert (
            await issue_link("riverside", clinic.services, dashboard.settings, outsider, "Eve")
        ) is None


async def test_secure_cookies_behind_https(dashboard: Dashboard) -> None:
    settings = DashboardSettings(public_url="https://bot.example.com", secret_key="s" * 40)
    response = Response()
    Sessions(settings).set_cookie(response, "riverside", "abc")
    assert "Secure" in response.headers["set-cookie"]


async def test_a_forged_cookie_is_refused(dashboard: Dashboard) -> None:
    await dashboard.sign_in("riverside")
    real = dashboard.client.cookies[COOKIE]
    session_id = real.rsplit(".", 2)[0]
    forgeries = [
        real[:-2] + ("AA" if not real.endswith("AA") else "BB"),  # tampered signature
        TimestampSigner("another-secret-" + "y" * 30, salt="aftercare-dashboard-session")
        .sign(session_id)
        .decode(),  # signed with another key
        "not-even-signed",
    ]
    for forged in forgeries:
        dashboard.client.cookies.clear()
        dashboard.client.cookies.set(COOKIE, forged, path="/dashboard/riverside/")
        assert (await dashboard.client.get("/dashboard/riverside/")).status_code == 401


class _OldSigner(TimestampSigner):
    """Signs as if two days ago: the cookie's own signature has expired."""

    def get_timestamp(self) -> int:
        return int(time.time()) - 2 * 24 * 3600


async def test_an_expired_cookie_or_session_is_refused(dashboard: Dashboard) -> None:
    store = DashboardStore.of(dashboard.storage)
    login = StaffLogin("riverside", STAFF["riverside"], "Dr Ana")
    # A session still live in the database, in a cookie whose signature is two days old.
    live_id, _ = await store.create_session(login, now=datetime.now(UTC), ttl=timedelta(days=7))
    old = _OldSigner(dashboard.settings.secret_key, salt="aftercare-dashboard-session")
    dashboard.client.cookies.set(COOKIE, old.sign(live_id).decode(), path="/dashboard/riverside/")
    assert (await dashboard.client.get("/dashboard/riverside/")).status_code == 401
    # A freshly signed cookie for a session that expired in the database.
    past = datetime.now(UTC) - timedelta(hours=13)
    dead_id, _ = await store.create_session(login, now=past, ttl=timedelta(hours=12))
    fresh = TimestampSigner(dashboard.settings.secret_key, salt="aftercare-dashboard-session")
    dashboard.client.cookies.clear()
    dashboard.client.cookies.set(COOKIE, fresh.sign(dead_id).decode(), path="/dashboard/riverside/")
    assert (await dashboard.client.get("/dashboard/riverside/")).status_code == 401


async def test_signing_out_ends_the_session_for_good(dashboard: Dashboard) -> None:
    csrf = await dashboard.sign_in("riverside")
    cookie = dashboard.client.cookies[COOKIE]
    out = await dashboard.client.post("/dashboard/riverside/logout", data={"csrf_token": csrf})
    assert out.status_code == 200 and "signed out" in out.text
    dashboard.client.cookies.set(COOKIE, cookie, path="/dashboard/riverside/")  # replayed
    assert (await dashboard.client.get("/dashboard/riverside/")).status_code == 401


async def test_changes_without_the_csrf_token_are_refused(dashboard: Dashboard) -> None:
    csrf = await dashboard.sign_in("riverside")
    alert = dashboard.clinics["riverside"].alert
    url = f"/dashboard/riverside/alerts/{alert.id}/acknowledge"
    assert (await dashboard.client.post(url)).status_code == 403
    assert (await dashboard.client.post(url, data={"csrf_token": "wrong"})).status_code == 403
    foreign = await dashboard.client.post(
        url, data={"csrf_token": csrf}, headers={"Origin": "https://evil.example"}
    )
    assert foreign.status_code == 403
    stored = await dashboard.storage.get_alert(alert.id)
    assert stored is not None and stored.status == "sent"


async def test_another_clinics_ids_are_refused(dashboard: Dashboard) -> None:
    csrf = await dashboard.sign_in("riverside")
    theirs = dashboard.clinics["brooklyn"].alert
    response = await dashboard.client.post(
        f"/dashboard/riverside/alerts/{theirs.id}/acknowledge", data={"csrf_token": csrf}
    )
    assert response.status_code == 404
    stored = await dashboard.storage.get_alert(theirs.id)
    assert stored is not None and stored.status == "sent"
    assert dashboard.clinics["brooklyn"].acknowledged == []

    # Riverside's cookie, sent to Brooklyn's pages by hand, opens nothing there.
    cookie = dashboard.client.cookies[COOKIE]
    dashboard.client.cookies.set(COOKIE, cookie, path="/dashboard/brooklyn/")
    for path in ("", "alerts", "questions", "faq", "checkins", "export.csv"):
        assert (await dashboard.client.get(f"/dashboard/brooklyn/{path}")).status_code == 401
    change = await dashboard.client.post(
        f"/dashboard/brooklyn/alerts/{theirs.id}/acknowledge", data={"csrf_token": csrf}
    )
    assert change.status_code == 403


async def test_pages_need_a_session_and_unknown_clinics_do_not_exist(
    dashboard: Dashboard,
) -> None:
    for path in ("", "alerts", "questions", "faq", "faq/new", "checkins", "activity"):
        response = await dashboard.client.get(f"/dashboard/riverside/{path}")
        assert response.status_code == 401, path
        assert "/dashboard" in response.text  # says how to sign in
    assert (await dashboard.client.get("/dashboard/nowhere/")).status_code == 404
    assert (await dashboard.client.get("/dashboard/nowhere/login?token=x")).status_code == 404


async def test_a_staff_member_removed_from_the_list_is_signed_out(dashboard: Dashboard) -> None:
    await dashboard.sign_in("riverside")
    clinic = dashboard.clinics["riverside"]
    # The services object is shared by reference with the app: rebuild the app instead.
    services = dataclasses.replace(clinic.services, staff_ids=frozenset())
    app = Starlette(routes=[create_dashboard({"riverside": services}, dashboard.settings)])
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://127.0.0.1:8080",
        cookies=dashboard.client.cookies,
    ) as client:
        assert (await client.get("/dashboard/riverside/")).status_code == 401
