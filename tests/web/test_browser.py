"""The dashboard in a real headless Chromium: sign in from the link, acknowledge an alert."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
from starlette.applications import Starlette

from bot.web import DashboardSettings, create_dashboard, issue_link
from tests.web.browser import chromium, free_port, full_page_screenshot, needs_browser, serving
from tests.web.conftest import SECRET, STAFF, Dashboard


@needs_browser
async def test_staff_sign_in_and_acknowledge_in_a_real_browser(
    dashboard: Dashboard, tmp_path: Path
) -> None:
    port = free_port()
    settings = DashboardSettings(public_url=f"http://127.0.0.1:{port}", secret_key=SECRET)
    clinic = dashboard.clinics["riverside"]
    app = Starlette(routes=[create_dashboard({"riverside": clinic.services}, settings)])
    link = await issue_link("riverside", clinic.services, settings, STAFF["riverside"], "Dr Ana")
    assert link is not None

    def browse() -> list[str]:
        from selenium.webdriver.common.by import By

        seen = []
        with chromium() as driver:
            driver.get(link)  # type: ignore[attr-defined]
            driver.find_element(By.ID, "sign-in").click()  # type: ignore[attr-defined]
            seen.append(driver.find_element(By.TAG_NAME, "h1").text)  # type: ignore[attr-defined]
            full_page_screenshot(driver, tmp_path / "overview.png")
            driver.get(f"{settings.clinic_url('riverside')}alerts")  # type: ignore[attr-defined]
            button = driver.find_element(By.XPATH, '//button[text()="I\'m on it"]')  # type: ignore[attr-defined]
            button.click()
            seen.append(driver.find_element(By.CLASS_NAME, "notice").text)  # type: ignore[attr-defined]
        return seen

    async with serving(app, port):
        seen = await asyncio.to_thread(browse)
    assert seen[0] == "Overview"
    assert seen[1].startswith("Alert acknowledged")
    assert (tmp_path / "overview.png").stat().st_size > 10_000
    stored = await dashboard.storage.get_alert(clinic.alert.id)
    assert stored is not None and stored.status == "acknowledged"
    assert httpx  # the same server also answers plain HTTP clients
