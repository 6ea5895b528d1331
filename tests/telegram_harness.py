"""Run the real bot ``Application`` against the fake Bot API server, for end-to-end tests."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.core.responder import Responder
from bot.serve.lifecycle import Polling, running
from bot.tg.app import BotApplication, build_application
from tests.fakes import FakeBotApi
from tests.fakes.bot_api import ApiCall

TOKEN = "123456789:AAHfakeTOKENfakeTOKENfakeTOKENfake12"
FAST_POLL = timedelta(seconds=0.2)


def to_chat(chat_id: int) -> Callable[[ApiCall], bool]:
    """A ``wait_for`` predicate: the call goes to ``chat_id``."""
    return lambda call: call.params.get("chat_id") == chat_id


def settings_for(fake: FakeBotApi, **overrides: Any) -> Settings:
    """Settings for a bot talking to ``fake``, with its own throwaway SQLite database."""
    if "database_url" not in overrides:
        folder = tempfile.mkdtemp(prefix="aftercare-test-")
        overrides["database_url"] = f"sqlite:///{folder}/bot.db"
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token=TOKEN,
        telegram_api_base_url=fake.base_url,
        **overrides,
    )


@asynccontextmanager
async def running_bot(
    fake: FakeBotApi, responder: Responder, **overrides: Any
) -> AsyncIterator[BotApplication]:
    """The bot polling the fake server, exactly as ``aftercare-bot run`` would, then stopped."""
    application = build_application(settings_for(fake, **overrides), responder)
    async with running(application, Polling(poll_interval=0, timeout=FAST_POLL)):
        yield application


ROOT = Path(__file__).resolve().parent.parent


async def start_bot_process(fake: FakeBotApi, **env: str) -> asyncio.subprocess.Process:
    """The real ``aftercare-bot run`` as a child process, pointed at ``fake``."""
    environment = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": fake.base_url,
        "TELEGRAM_RATE_LIMIT": "0",
        **env,
    }
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "--env-file",
        "/dev/null",
        "run",
        cwd=ROOT,
        env=environment,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
