"""Several clinics in one process: each answers with its own branding and alerts its own staff."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml

from bot.cli import main
from bot.config import Settings
from bot.core.matching import Thresholds
from bot.serve.clinics import load_clinic_bots
from bot.serve.polling import serve_polling
from tests.fakes import FakeBotApi

TOKENS = {
    "RIVERSIDE_TOKEN": "111111111:AAriversideTOKENriversideTOKENriver1",
    "BROOKLYN_TOKEN": "222222222:AAbrooklynTOKENbrooklynTOKENbrookly2",
}


def write_clinic(
    root: Path, name: str, title: str, phone: str, country: str, token_env: str, staff: int
) -> None:
    folder = root / name
    options = ["--name", title, "--phone", phone, "--country", country]
    options += ["--token-env", token_env, "--no-input"]
    if country == "US":
        options += ["--timezone", "America/New_York"]
    assert main(["--env-file", "/dev/null", "init-clinic", str(folder), *options]) == 0
    deployment = yaml.safe_load((folder / "deployment.yaml").read_text(encoding="utf-8"))
    assert deployment == {"token_env": token_env}  # init-clinic wrote it
    (folder / "deployment.yaml").write_text(
        yaml.safe_dump({**deployment, "staff_chat_id": staff}), encoding="utf-8"
    )


@pytest.fixture
def clinics(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "clinics"
    write_clinic(
        root, "riverside", "Riverside Skin", "0161 496 0111", "GB", "RIVERSIDE_TOKEN", -1001
    )
    write_clinic(root, "brooklyn", "Brooklyn Face", "(718) 555-0122", "US", "BROOKLYN_TOKEN", -1002)
    broken = root / "zz_broken"
    broken.mkdir()
    (broken / "deployment.yaml").write_text("token_env: MISSING_TOKEN\n", encoding="utf-8")
    for env, token in TOKENS.items():
        monkeypatch.setenv(env, token)
    monkeypatch.delenv("MISSING_TOKEN", raising=False)
    return root


async def test_two_clinics_in_one_process_keep_their_own_branding_and_staff(
    clinics: Path, tmp_path: Path
) -> None:
    async with FakeBotApi() as fake:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            clinics_dir=clinics,
            telegram_api_base_url=fake.base_url,
            telegram_rate_limit=0,
            sweep_seconds=0.3,
            database_url=f"sqlite:///{tmp_path}/shared.db",
        )
        bots, problems = load_clinic_bots(settings, Thresholds())
        assert [b.name for b in bots] == ["brooklyn", "riverside"]
        assert problems == ["clinic 'zz_broken': MISSING_TOKEN (its bot token) is not set"]
        stop = asyncio.Event()
        runner = asyncio.create_task(serve_polling(bots, stop))
        try:
            await fake.wait_for("getUpdates", count=2, timeout=20)
            fake.push_update(fake.text_message("can i drink wine tonight", chat_id=1, user_id=1))
            replies = await fake.wait_for("sendMessage", count=2, timeout=20)
            fake.push_update(fake.text_message("i cant swallow", chat_id=2, user_id=2))
            await fake.wait_for(
                "sendMessage", lambda c: c.params["chat_id"] in (-1001, -1002), count=2
            )
        finally:
            stop.set()
            await asyncio.wait_for(runner, timeout=30)
    by_token = {c.token: c for c in replies}
    assert "Riverside Skin, 0161 496 0111" in by_token[TOKENS["RIVERSIDE_TOKEN"]].params["text"]
    assert "Brooklyn Face, (718) 555-0122" in by_token[TOKENS["BROOKLYN_TOKEN"]].params["text"]
    alerts = [c for c in fake.calls_to("sendMessage") if c.params["chat_id"] in (-1001, -1002)]
    staff_of = {c.token: c.params["chat_id"] for c in alerts}
    assert staff_of == {TOKENS["RIVERSIDE_TOKEN"]: -1001, TOKENS["BROOKLYN_TOKEN"]: -1002}


def test_check_validates_every_clinic_and_names_the_broken_one(
    clinics: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLINICS_DIR", str(clinics))
    assert main(["--env-file", "/dev/null", "check"]) == 2
    captured = capsys.readouterr()
    assert "clinic 'riverside': OK" in captured.out and "clinic 'brooklyn': OK" in captured.out
    assert "clinic 'zz_broken'" in captured.err and "clinic.yaml: file not found" in captured.err
