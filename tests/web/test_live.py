"""The dashboard inside the running bot: /dashboard on Telegram, sign-in, and every way in that
must fail (expired or reused links, forged or expired cookies, missing CSRF tokens, another
clinic's ids, people not on the staff list) refused with nothing changed. Plain HTTP here;
tests/web/test_browser.py drives the same server from a real browser."""

from __future__ import annotations

import asyncio
import html
import os
import re
import signal
import stat
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from itsdangerous import TimestampSigner

import bot.serve.dashboard as bot_dashboard
from bot.config import DEFAULT_KNOWLEDGE_DIR, Settings
from bot.core.knowledge import load_knowledge
from bot.core.responder import Responder
from bot.serve.dashboard import SECRET_FILE
from bot.serve.lifecycle import ClinicBot
from bot.serve.webhook import serve_webhooks
from bot.storage.dashboard import DashboardStore
from bot.web.login import COOKIE
from tests.fakes import FakeBotApi
from tests.telegram_harness import ROOT, TOKEN, running_bot
from tests.web.browser import free_port
from tests.web.live import (
    BROOKLYN,
    LINK,
    RIVERSIDE,
    LiveBot,
    LiveClinic,
    live_bot,
    until_healthy,
)

#: Each test starts the whole bot; on a busy machine that takes a while.
pytestmark = pytest.mark.timeout(400)

KNOWLEDGE = load_knowledge(DEFAULT_KNOWLEDGE_DIR)
MESSAGES = KNOWLEDGE.messages.staff
PATIENT = 5501
RED_FLAG = "my eyelid has been drooping since this morning"
SALT = "aftercare-dashboard-session"
#: Seconds a request may take: a FAQ change validates every knowledge file and rebuilds the
#: matcher, which is slow on a busy test machine.
SLOW = 120.0


def token_of(link: str) -> str:
    return link.split("token=", 1)[1]


async def sign_in(bot: LiveBot, clinic: LiveClinic, client: httpx.AsyncClient) -> str:
    """Sign in from the link the bot sent; returns the session's CSRF token."""
    link = await clinic.sign_in_link()
    landing = await client.get(link)  # what a browser (or a link preview) fetches
    assert landing.status_code == 200 and 'id="sign-in"' in landing.text
    signed_in = await client.post(bot.url(clinic.name, "login"), data={"token": token_of(link)})
    assert signed_in.status_code == 303, signed_in.text
    overview = await client.get(bot.url(clinic.name))
    assert overview.status_code == 200
    found = re.search(r'name="csrf_token" value="([^"]+)"', overview.text)
    assert found is not None
    return found.group(1)


async def raise_alert(clinic: LiveClinic, user: int = PATIENT) -> str:
    """A patient reports a red flag; returns the alert id the staff chat was sent."""
    await clinic.send(RED_FLAG, user=user)
    (alert,) = await clinic.fake.wait_for("sendMessage", clinic.to_staff_chat)
    found = re.search(r"Alert id: (\w+)", alert.params["text"])
    assert found is not None
    return found.group(1)


async def test_staff_get_a_private_one_time_link_and_nobody_else_gets_one(
    tmp_path: Path,
) -> None:
    async with live_bot(tmp_path) as bot:
        clinic = bot.clinics["riverside"]
        answer = await clinic.command("dashboard", user=RIVERSIDE.staff_user)
        assert MESSAGES.dashboard_link.split(".")[0] in answer.params["text"]
        assert answer.params["link_preview_options"] == {"is_disabled": True}
        link = LINK.search(answer.params["text"])
        assert link is not None
        assert link.group(0).startswith(f"{bot.base_url}/dashboard/riverside/login?token=")

        in_group = await clinic.command(
            "dashboard", user=RIVERSIDE.staff_user, chat_type="supergroup"
        )
        assert in_group.params["text"] == MESSAGES.dashboard_private
        for outsider in (PATIENT, BROOKLYN.staff_user):
            refused = await clinic.command("dashboard", user=outsider, first_name="Eve")
            assert refused.params["text"] == MESSAGES.refused
        texts = clinic.fake.sent_texts()
        assert sum("login?token=" in text for text in texts) == 1

        async with httpx.AsyncClient(timeout=SLOW) as client:
            first = await client.post(
                bot.url("riverside", "login"), data={"token": token_of(link.group(0))}
            )
            assert first.status_code == 303
            cookie = first.headers["set-cookie"]
            assert "HttpOnly" in cookie and "SameSite=lax" in cookie
            assert "Path=/dashboard/riverside/" in cookie
        async with httpx.AsyncClient(timeout=SLOW) as stranger:  # the same link, used again
            again = await stranger.post(
                bot.url("riverside", "login"), data={"token": token_of(link.group(0))}
            )
            assert again.status_code == 400 and "set-cookie" not in again.headers
            assert (await stranger.get(bot.url("riverside"))).status_code == 401
        audit = await DashboardStore.of(bot.storage).audit_entries("riverside")
        assert [entry.action for entry in audit] == ["sign_in"]


async def test_without_the_dashboard_staff_are_told_it_is_off(
    responder: Responder,
) -> None:
    async with FakeBotApi() as fake, running_bot(fake, responder, staff_user_ids="42"):
        fake.push_update(fake.command("dashboard", chat_id=42, user_id=42))
        (answer,) = await fake.wait_for("sendMessage")
    assert answer.params["text"] == MESSAGES.dashboard_off


async def test_links_cookies_and_forms_that_must_fail_change_nothing(tmp_path: Path) -> None:
    async with live_bot(tmp_path) as bot, httpx.AsyncClient(timeout=SLOW) as client:
        clinic = bot.clinics["riverside"]
        alert_id = await raise_alert(clinic)
        store = DashboardStore.of(bot.storage)
        login = bot.url("riverside", "login")

        # An expired link (made eleven minutes ago) and a made-up one.
        old = await store.create_login_token(
            "riverside",
            RIVERSIDE.staff_user,
            "Ana",
            now=datetime.now(UTC) - timedelta(minutes=11),
            ttl=timedelta(minutes=10),
        )
        for token in (old, "x" * 43, ""):
            refused = await client.post(login, data={"token": token})
            assert refused.status_code in (400, 404) and "set-cookie" not in refused.headers

        csrf = await sign_in(bot, clinic, client)
        real = client.cookies[COOKIE]
        secret = (tmp_path / "data" / SECRET_FILE).read_text(encoding="ascii").strip()
        session_id = TimestampSigner(secret, salt=SALT).unsign(real).decode()

        class TwoDaysAgo(TimestampSigner):
            def get_timestamp(self) -> int:
                return int(time.time()) - 2 * 24 * 3600

        forged = {
            "tampered": real[:-2] + ("AA" if not real.endswith("AA") else "BB"),
            "other key": TimestampSigner("another-key-" + "y" * 40, salt=SALT)
            .sign(session_id)
            .decode(),
            "expired": TwoDaysAgo(secret, salt=SALT).sign(session_id).decode(),
            "unsigned": session_id,
        }
        for name, value in forged.items():
            async with httpx.AsyncClient(cookies={COOKIE: value}, timeout=SLOW) as other:
                page = await other.get(bot.url("riverside", "alerts"))
                assert page.status_code == 401, name
                change = await other.post(
                    bot.url("riverside", f"alerts/{alert_id}/acknowledge"),
                    data={"csrf_token": csrf},
                )
                assert change.status_code == 403, name

        acknowledge = bot.url("riverside", f"alerts/{alert_id}/acknowledge")
        for data, headers in (
            ({}, {}),
            ({"csrf_token": "not-the-token"}, {}),
            ({"csrf_token": csrf}, {"Origin": "https://evil.example"}),
        ):
            refused = await client.post(acknowledge, data=data, headers=headers)
            assert refused.status_code == 403
        phrasing = await client.post(
            bot.url("riverside", "questions/add-phrasing"),
            data={"entry_id": "alcohol", "text": "can my dog lick my face"},
        )
        assert phrasing.status_code == 403

        alert = await bot.storage.get_alert(alert_id)
        assert alert is not None and alert.status == "sent"
        assert not (clinic.folder / "faq.yaml").exists()
        assert clinic.fake.calls_to("editMessageText") == []
        assert [e.action for e in await store.audit_entries("riverside")] == ["sign_in"]

        # With the token, the same change goes through (so the refusals above were real).
        done = await client.post(acknowledge, data={"csrf_token": csrf})
        assert done.status_code == 303
        assert (await bot.storage.get_alert(alert_id)).status == "acknowledged"  # type: ignore[union-attr]


async def test_two_clinics_in_one_process_never_see_each_other(tmp_path: Path) -> None:
    async with (
        live_bot(tmp_path, (RIVERSIDE, BROOKLYN)) as bot,
        httpx.AsyncClient(timeout=SLOW) as client,
    ):
        riverside, brooklyn = bot.clinics["riverside"], bot.clinics["brooklyn"]
        ours = await raise_alert(riverside, user=PATIENT)
        theirs = await raise_alert(brooklyn, user=PATIENT + 1)
        await brooklyn.reply_to("can my parrot sit on my forehead", user=PATIENT + 1)

        # Brooklyn's staff member is nobody to Riverside's bot.
        refused = await riverside.command("dashboard", user=BROOKLYN.staff_user)
        assert refused.params["text"] == MESSAGES.refused

        csrf = await sign_in(bot, riverside, client)
        alerts = (await client.get(bot.url("riverside", "alerts"))).text
        assert ours in alerts and theirs not in alerts
        assert "Riverside Aesthetics" in alerts and "Brooklyn" not in alerts
        questions = (await client.get(bot.url("riverside", "questions"))).text
        assert "parrot" not in questions
        csv = (await client.get(bot.url("riverside", "export.csv"))).text
        assert "parrot" not in csv

        # Brooklyn's id in Riverside's address: not found, nothing changed.
        wrong = await client.post(
            bot.url("riverside", f"alerts/{theirs}/acknowledge"), data={"csrf_token": csrf}
        )
        assert wrong.status_code == 404
        # Riverside's cookie, carried to Brooklyn's pages by hand, opens nothing there.
        cookie = client.cookies[COOKIE]
        async with httpx.AsyncClient(cookies={COOKIE: cookie}, timeout=SLOW) as carried:
            for path in ("", "alerts", "questions", "faq", "checkins", "activity", "export.csv"):
                assert (await carried.get(bot.url("brooklyn", path))).status_code == 401, path
            for path, data in (
                (f"alerts/{theirs}/acknowledge", {"csrf_token": csrf}),
                (
                    "questions/add-phrasing",
                    {"csrf_token": csrf, "entry_id": "alcohol", "text": "x"},
                ),
                ("faq/entry/alcohol/switch", {"csrf_token": csrf, "enabled": "off"}),
            ):
                assert (await carried.post(bot.url("brooklyn", path), data=data)).status_code == 403
        # Riverside's own editing stays in Riverside's folder.
        switched = await client.post(
            bot.url("riverside", "faq/entry/alcohol/switch"),
            data={"csrf_token": csrf, "enabled": "off"},
        )
        assert switched.status_code == 303

        alert = await bot.storage.get_alert(theirs)
        assert alert is not None and alert.status == "sent"
        assert brooklyn.fake.calls_to("editMessageText") == []
        assert sorted(p.name for p in brooklyn.folder.iterdir()) == ["clinic.yaml"]
        assert sorted(p.name for p in riverside.folder.iterdir()) != ["clinic.yaml"]
        assert await DashboardStore.of(bot.storage).audit_entries("brooklyn") == []
        # Brooklyn's bot still answers about alcohol; Riverside's switched it off.
        assert "alcohol" in (await brooklyn.reply_to("can I drink wine tonight", user=77)).lower()


async def test_the_webhook_server_serves_the_dashboard_too(tmp_path: Path) -> None:
    port = free_port()
    secret = "w" * 24
    async with FakeBotApi() as fake:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            telegram_bot_token=TOKEN,
            telegram_api_base_url=fake.base_url,
            telegram_rate_limit=0,
            database_url=f"sqlite:///{tmp_path}/data/bot.db",
            staff_user_ids="42",
            webhook_url=f"http://127.0.0.1:{port}",
            webhook_secret=secret,
            webhook_listen="127.0.0.1",
            port=port,
            dashboard=True,
            dashboard_secret="d" * 40,
        )
        responder = Responder(load_knowledge(DEFAULT_KNOWLEDGE_DIR))
        stop = asyncio.Event()
        runner = asyncio.create_task(
            serve_webhooks([ClinicBot("default", settings, responder)], settings, stop)
        )
        try:
            await fake.wait_for("setWebhook", timeout=20)
            async with httpx.AsyncClient(timeout=SLOW) as probe:
                await until_healthy(probe, f"http://127.0.0.1:{port}")
            status = await fake.post_webhook(
                None, fake.command("dashboard", chat_id=42, user_id=42), secret_token=secret
            )
            assert status == 200
            (answer,) = await fake.wait_for("sendMessage")
            link = LINK.search(answer.params["text"])
            assert link is not None
            assert link.group(0).startswith(f"http://127.0.0.1:{port}/dashboard/default/login")
            async with httpx.AsyncClient(timeout=SLOW) as client:
                assert (await client.get(f"http://127.0.0.1:{port}/healthz")).status_code == 200
                url = f"http://127.0.0.1:{port}/dashboard/default/"
                assert (await client.get(url)).status_code == 401
                signed_in = await client.post(f"{url}login", data={"token": token_of(link[0])})
                assert signed_in.status_code == 303
                assert (await client.get(url)).status_code == 200
        finally:
            stop.set()
            await asyncio.wait_for(runner, timeout=30)


async def test_run_prints_the_dashboard_address_and_keeps_a_private_key(tmp_path: Path) -> None:
    """``aftercare-bot run`` as a clinic starts it: the address is printed, the server up."""
    port = free_port()
    async with FakeBotApi() as fake:
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": fake.base_url,
            "TELEGRAM_RATE_LIMIT": "0",
            "DATABASE_URL": f"sqlite:///{tmp_path}/data/aftercare.db",
            "STAFF_USER_IDS": "42",
            "DASHBOARD": "true",
            "WEBHOOK_LISTEN": "127.0.0.1",
            "PORT": str(port),
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "--env-file",
            "/dev/null",
            "run",
            cwd=ROOT,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
        )
        try:
            assert process.stdout is not None
            first = await asyncio.wait_for(process.stdout.readline(), timeout=60)
            address = f"http://127.0.0.1:{port}/dashboard/default/"
            assert first.decode().strip() == f"Dashboard for clinic 'default': {address}"
            async with httpx.AsyncClient(timeout=SLOW) as client:  # after loading the learned model
                await until_healthy(client, f"http://127.0.0.1:{port}", seconds=240)
                assert (await client.get(address)).status_code == 401
            fake.push_update(fake.command("dashboard", chat_id=42, user_id=42))
            (answer,) = await fake.wait_for("sendMessage", timeout=20)
            assert f"{address}login?token=" in answer.params["text"]
        finally:
            process.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(process.wait(), timeout=30) == 0
    key = tmp_path / "data" / SECRET_FILE
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(key.read_text(encoding="ascii").strip()) >= 32


async def test_a_faq_change_that_takes_long_goes_live_in_the_background(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As with a learned model to retrain: the page returns at once and says so, the old
    answers stay in service meanwhile, and the change is live as soon as it is built."""
    monkeypatch.setattr(bot_dashboard, "LIVE_WAIT_SECONDS", 0.0)
    question = "can my dog lick my face after"
    async with live_bot(tmp_path) as bot, httpx.AsyncClient(timeout=SLOW) as client:
        clinic = bot.clinics["riverside"]
        await clinic.reply_to(question, user=PATIENT)  # unanswered, kept as text
        csrf = await sign_in(bot, clinic, client)
        added = await client.post(
            bot.url("riverside", "questions/add-phrasing"),
            data={"csrf_token": csrf, "entry_id": "touching_rubbing_massage", "text": question},
            follow_redirects=True,
        )
        assert added.status_code == 200
        assert "Added. The bot is learning the change" in added.text
        answer = KNOWLEDGE.entry("touching_rubbing_massage").answer.split(".")[0]
        for _ in range(60):
            reply = await clinic.reply_to(question, user=PATIENT)
            if answer in html.unescape(reply):
                break
            await asyncio.sleep(1)
        else:
            raise AssertionError("the change never went live")
