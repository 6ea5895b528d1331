"""The dashboard's settings inside the bot: its address, its signing key (given, or kept
beside the SQLite database), bad values refused with the variable's name, a busy port."""

from __future__ import annotations

import asyncio
import socket
import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.config import DEFAULT_KNOWLEDGE_DIR, Settings, load_settings
from bot.core.knowledge import load_knowledge
from bot.core.responder import Responder
from bot.errors import ConfigError
from bot.serve.dashboard import SECRET_FILE, dashboard_secret, kept_secret, public_url
from bot.serve.lifecycle import ClinicBot
from bot.serve.polling import serve_polling
from tests.fakes import FakeBotApi
from tests.telegram_harness import TOKEN


def settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def test_the_address_staff_open() -> None:
    assert public_url(settings(port=9000)) == "http://127.0.0.1:9000"
    webhook = settings(webhook_url="https://bot.example.com/hook")
    assert public_url(webhook) == "https://bot.example.com"  # the host, not the hook's path
    given = settings(webhook_url="https://a.example", dashboard_url="https://b.example/")
    assert public_url(given) == "https://b.example"


def test_a_given_secret_is_used_as_it_is(tmp_path: Path) -> None:
    key = "k" * 40
    chosen = settings(dashboard_secret=key, database_url=f"sqlite:///{tmp_path}/x.db")
    assert dashboard_secret(chosen) == key
    assert not (tmp_path / SECRET_FILE).exists()


def test_without_a_secret_one_is_kept_privately_beside_the_sqlite_file(tmp_path: Path) -> None:
    local = settings(database_url=f"sqlite:///{tmp_path}/data/aftercare.db")
    with ThreadPoolExecutor(4) as pool:  # processes starting together agree on one key
        keys = set(pool.map(lambda _: dashboard_secret(local), range(8)))
    (key,) = keys
    path = tmp_path / "data" / SECRET_FILE
    assert len(key) >= 32 and path.read_text(encoding="ascii").strip() == key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert dashboard_secret(local) == key  # the same after a restart
    assert sorted(p.name for p in path.parent.iterdir()) == [SECRET_FILE]  # no scratch left


def test_a_short_kept_secret_is_refused(tmp_path: Path) -> None:
    path = tmp_path / SECRET_FILE
    path.write_text("short\n", encoding="ascii")
    with pytest.raises(ConfigError, match="shorter than 32"):
        kept_secret(path)


def test_postgresql_needs_a_given_secret() -> None:
    shared = settings(database_url="postgresql://bot:pw@db.example/aftercare")
    with pytest.raises(ConfigError, match="DASHBOARD_SECRET is required with PostgreSQL"):
        dashboard_secret(shared)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DASHBOARD_URL", "bot.example.com", "DASHBOARD_URL: must be the address staff open"),
        ("DASHBOARD_URL", "https://bot.example.com/dash", "DASHBOARD_URL"),
        ("DASHBOARD_SECRET", "too-short", "DASHBOARD_SECRET: must be at least 32 characters"),
        ("DASHBOARD", "perhaps", "DASHBOARD:"),
    ],
)
def test_bad_dashboard_settings_name_the_variable(
    name: str, value: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=message):
        load_settings(None)


async def test_a_port_in_use_is_a_configuration_error(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        async with FakeBotApi() as fake:
            bot_settings = settings(
                telegram_bot_token=TOKEN,
                telegram_api_base_url=fake.base_url,
                telegram_rate_limit=0,
                database_url=f"sqlite:///{tmp_path}/data/bot.db",
                dashboard=True,
                webhook_listen="127.0.0.1",
                port=port,
            )
            responder = Responder(load_knowledge(DEFAULT_KNOWLEDGE_DIR))
            bots = [ClinicBot("default", bot_settings, responder)]
            with pytest.raises(ConfigError, match=f"PORT: cannot listen on 127.0.0.1:{port}"):
                await asyncio.wait_for(serve_polling(bots), timeout=60)
