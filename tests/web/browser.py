"""A real headless Chromium for end-to-end tests: Debian's ``chromium`` and
``chromium-driver`` (``apt-get install -y chromium chromium-driver``; ``scripts/test`` does it)
driven by Selenium.

Nothing is downloaded at test time: Selenium is pointed at the system browser and driver
(no Selenium Manager), the browser gets a fresh profile under the test's tmp_path and is told
not to fetch components, updates or sync, and tests that need it are skipped when it is
missing. Selenium is synchronous; call it from a worker thread (``asyncio.to_thread``) while
the server runs on the test's event loop.
"""

from __future__ import annotations

import asyncio
import shutil
import socket
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import uvicorn
from starlette.types import ASGIApp

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
PHONE = (390, 844)
DESKTOP = (1280, 900)

needs_browser = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()) or shutil.which("chromium") is None,
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@asynccontextmanager
async def serving(app: ASGIApp, port: int) -> AsyncIterator[str]:
    """``app`` on uvicorn at http://127.0.0.1:port, in this event loop, until the block ends."""
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()  # raises what stopped the server
        await asyncio.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


@contextmanager
def chromium(
    profile: Path, *, size: tuple[int, int] = PHONE, downloads: Path | None = None
) -> Iterator[WebDriver]:
    """A headless Chromium WebDriver with a fresh profile in ``profile``, closed afterwards."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",  # tests may run as root in CI
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--no-first-run",
        "--no-default-browser-check",
        "--force-device-scale-factor=1",
        "--hide-scrollbars",
        "--lang=en-GB",
        f"--user-data-dir={profile}",
        f"--window-size={size[0]},{size[1]}",
    ):
        options.add_argument(argument)
    if downloads is not None:
        downloads.mkdir(parents=True, exist_ok=True)
        options.add_experimental_option(
            "prefs",
            {
                "download.default_directory": str(downloads),
                "download.prompt_for_download": False,
                "safebrowsing.enabled": False,
            },
        )
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(120)  # a FAQ change rebuilds the matcher before answering
    try:
        yield driver
    finally:
        driver.quit()


def full_page_screenshot(driver: WebDriver, path: Path, width: int, *, longest: int = 2400) -> None:
    """A PNG of the page, ``width`` CSS pixels wide and as tall as the page (up to
    ``longest``: a long list is shown by its start), not just what fits in the window.

    The browser's own frame (which headless Chromium still counts in the window size) is
    measured and added, so nothing is cut off at the bottom.
    """
    driver.set_window_size(width, 900)
    frame = 900 - int(driver.execute_script("return window.innerHeight"))
    height = int(driver.execute_script("return document.documentElement.scrollHeight"))
    driver.set_window_size(width, min(max(height, 500), longest) + frame)
    path.parent.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(path))
