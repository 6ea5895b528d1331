"""The dashboard in a real headless Chromium, against the running bot on 127.0.0.1.

One clinic's day, end to end: staff send /dashboard on (the fake) Telegram and sign in from
the link; a patient's red-flag message raises an alert that the alerts page shows; taking it
on the dashboard updates the staff chat's alert message; an unanswered question becomes a
phrasing and the bot answers that wording at once; the figures download as CSV.

Screenshots of the main pages, phone-sized and desktop, are taken on the way: into the test's
tmp_path, or into docs/screenshots/ with ``SAVE_SCREENSHOTS=1`` (that is how the README's
pictures are made).
"""

from __future__ import annotations

import asyncio
import csv
import html
import io
import os
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.config import DEFAULT_KNOWLEDGE_DIR
from bot.core.knowledge import load_knowledge
from tests.telegram_harness import ROOT
from tests.web.browser import DESKTOP, PHONE, chromium, full_page_screenshot, needs_browser
from tests.web.live import LiveBot, LiveClinic, live_bot

MIA, LEO, ZOE = 5501, 5502, 5503
UNANSWERED = "can my dog lick my face after"
ENTRY = "touching_rubbing_massage"
STAFF_NAME = "Ana Lopez"
SHOTS = ("overview", "alerts", "questions", "faq", "faq-entry", "checkins")


def screenshot_folder(tmp_path: Path) -> Path:
    if os.environ.get("SAVE_SCREENSHOTS") == "1":
        return ROOT / "docs" / "screenshots"
    return tmp_path / "screenshots"


async def a_morning_of_messages(clinic: LiveClinic, bot: LiveBot) -> None:
    """Patients write: one red flag each from Mia and Zoe, questions the bot can and cannot
    answer from Leo. Mia told the clinic she was treated three days ago."""
    now = datetime.now(UTC)
    await bot.storage.touch_patient(
        clinic.name, MIA, chat_id=MIA, first_name="Mia", language="en", now=now
    )
    await bot.storage.set_treatment(clinic.name, MIA, (now - timedelta(days=3)).date(), "forehead")
    await clinic.send("my eyelid has been drooping since this morning", user=MIA)
    await clinic.fake.wait_for("sendMessage", clinic.to_staff_chat, count=1)
    await clinic.send("I can't swallow properly since the injections", user=ZOE, first_name="Zoe")
    await clinic.fake.wait_for("sendMessage", clinic.to_staff_chat, count=2)
    for text in (
        "can I drink wine tonight",
        UNANSWERED,
        "Can my dog lick my face after the injections?",
        "is it ok to dye my hair next week",
        "when can I go back to the gym",
        "thank you so much",
    ):
        await clinic.reply_to(text, user=LEO, first_name="Leo")


@needs_browser
@pytest.mark.timeout(600)
async def test_a_clinic_works_through_its_day_in_a_real_browser(tmp_path: Path) -> None:
    knowledge = load_knowledge(DEFAULT_KNOWLEDGE_DIR)
    answer_start = knowledge.entry(ENTRY).answer.split(".")[0]
    shots = screenshot_folder(tmp_path)
    downloads = tmp_path / "downloads"

    async with live_bot(tmp_path, history=True) as bot:
        clinic = bot.clinics["riverside"]
        await a_morning_of_messages(clinic, bot)
        before = await clinic.reply_to(UNANSWERED, user=LEO, first_name="Leo")
        assert answer_start not in html.unescape(before)  # not answered yet
        link = await clinic.sign_in_link(first_name=STAFF_NAME)
        base = bot.url("riverside")

        def sign_in_and_take_the_alert() -> dict[str, str]:
            from selenium.common.exceptions import (
                StaleElementReferenceException,
                WebDriverException,
            )
            from selenium.webdriver.common.by import By
            from selenium.webdriver.common.keys import Keys
            from selenium.webdriver.support import expected_conditions as ec
            from selenium.webdriver.support.ui import Select, WebDriverWait

            seen: dict[str, str] = {}
            with chromium(tmp_path / "profile", downloads=downloads) as driver:
                wait = WebDriverWait(driver, 90)  # a FAQ change rebuilds the matcher

                def heading() -> str:
                    return str(driver.find_element(By.TAG_NAME, "h1").text)

                def go(path: str, title: str) -> None:
                    driver.get(f"{base}{path}")
                    wait.until(ec.text_to_be_present_in_element((By.TAG_NAME, "h1"), title))

                def shoot(name: str) -> None:
                    full_page_screenshot(driver, shots / f"{name}-phone.png", PHONE[0])
                    full_page_screenshot(driver, shots / f"{name}-desktop.png", DESKTOP[0])
                    driver.set_window_size(*PHONE)

                def notice() -> str:
                    found = driver.find_elements(By.CLASS_NAME, "notice")
                    if found:
                        return str(found[0].text)
                    return "no notice on: " + str(driver.find_element(By.TAG_NAME, "main").text)

                def press(find: Callable[[], Any]) -> None:
                    """Click what ``find`` finds, finding it again if the page replaced it
                    between the finding and the click (the alerts page refreshes live)."""
                    for attempt in range(3):
                        old = driver.find_element(By.TAG_NAME, "html")
                        try:
                            find().click()
                        except WebDriverException:
                            if attempt == 2:
                                raise
                            time.sleep(0.2)
                            continue
                        # the next page has loaded
                        wait.until(lambda _, gone=old: page_replaced(gone))
                        return

                def page_replaced(old: Any) -> bool:
                    """Chromium reports an element of an unloaded page either as stale or, when
                    the check lands mid-navigation, as a node that "does not belong to the
                    document"; both mean the next page is there."""
                    try:
                        old.is_enabled()
                    except StaleElementReferenceException:
                        return True
                    except WebDriverException as error:
                        if "does not belong to the document" in str(error):
                            return True
                        raise
                    return False

                # The link the bot sent opens a page with a button: pressing it signs in.
                driver.get(link)
                seen["landing"] = heading()
                shoot("sign-in")
                press(lambda: driver.find_element(By.ID, "sign-in"))
                seen["after sign-in"] = heading()
                shoot("overview")
                # Keyboard: the first Tab lands on the skip link, which is then visible.
                driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
                active = driver.switch_to.active_element
                seen["first tab"] = str(active.text)
                seen["skip link visible"] = str(active.is_displayed())

                go("alerts", "Alerts")
                seen["open levels"] = " ".join(
                    b.text for b in driver.find_elements(By.CSS_SELECTOR, "article .badge")
                )
                mia_card = '//article[.//a[text()="Mia"]]'
                mia = driver.find_element(By.XPATH, mia_card)
                seen["alert card"] = str(mia.text)
                shoot("alerts")
                press(
                    lambda: driver.find_element(By.XPATH, mia_card).find_element(
                        By.XPATH, './/button[text()="I\'m on it"]'
                    )
                )
                seen["notice"] = notice()

                go("questions", "Unanswered questions")
                group = driver.find_element(
                    By.XPATH, f'//article[.//h2[contains(., "{UNANSWERED}")]]'
                )
                seen["question group"] = str(group.text)
                shoot("questions")
                Select(group.find_element(By.TAG_NAME, "select")).select_by_value(ENTRY)
                press(lambda: group.find_element(By.XPATH, './/button[text()="Add as phrasings"]'))
                seen["added"] = notice()

                go("faq", "FAQ")
                shoot("faq")
                go(f"faq/entry/{ENTRY}", "Edit:")
                seen["phrasings"] = str(
                    driver.find_element(By.ID, "f-questions").get_attribute("value")
                )
                shoot("faq-entry")

                go("checkins", "Check-ins")
                shoot("checkins")

                go("", "Overview")
                driver.find_element(By.PARTIAL_LINK_TEXT, "Download these figures").click()
                deadline = time.monotonic() + 20
                while time.monotonic() < deadline:
                    done = [p for p in downloads.glob("*.csv") if p.stat().st_size]
                    if done:
                        seen["csv"] = done[0].read_text(encoding="utf-8")
                        break
                    time.sleep(0.1)
            return seen

        seen = await asyncio.to_thread(sign_in_and_take_the_alert)

        # Telegram's alert message now says who took it, as the "I'm on it" button would.
        (edit,) = await clinic.fake.wait_for("editMessageText", clinic.to_staff_chat)
        assert f"Taken by {STAFF_NAME}." in edit.params["text"]
        assert "my eyelid" not in edit.params["text"] and "URGENT" in edit.params["text"]
        assert "reply_markup" not in edit.params  # the button is gone
        # The new phrasing is live: the same words now get the entry's answer.
        after = await clinic.reply_to(UNANSWERED, user=LEO, first_name="Leo")
        assert answer_start in html.unescape(after)

    assert seen["landing"] == "Sign in"
    assert seen["after sign-in"] == "Overview"
    assert seen["first tab"] == "Skip to content" and seen["skip link visible"] == "True"
    assert seen["open levels"] == "EMERGENCY URGENT"  # emergencies first
    assert "URGENT" in seen["alert card"] and "Days since treatment\n3" in seen["alert card"]
    assert seen["notice"].startswith("Alert acknowledged")
    assert "Can my dog lick my face after the injections?" in seen["question group"]
    assert seen["added"] == "Added. The bot uses it from now on."
    assert UNANSWERED in seen["phrasings"].splitlines()
    rows = list(csv.reader(io.StringIO(seen["csv"])))
    assert rows[0] == ["section", "item", "detail", "count"]
    assert any(row[0] == "daily" for row in rows)
    for name in ("sign-in", *SHOTS):
        for size in ("phone", "desktop"):
            assert (shots / f"{name}-{size}.png").stat().st_size > 5_000, (name, size)
