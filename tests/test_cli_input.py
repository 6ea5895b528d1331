"""The command line and the settings take whatever they are given: bad bytes, huge lines,
an empty QUIET_HOURS."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import time
from pathlib import Path

import pytest

from bot.config import Settings

ROOT = Path(__file__).resolve().parent.parent


def ask_json(stdin: bytes, **env: str) -> subprocess.CompletedProcess[bytes]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "MATCH_"))}
    return subprocess.run(
        [sys.executable, "-m", "bot", "--env-file", "/dev/null", "ask", "--json"],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        env={**base, **env},
        timeout=60,
    )


def test_ask_reads_invalid_utf8_under_a_strict_locale() -> None:
    """``printf 'hi \\xff\\nhello\\n' | PYTHONIOENCODING=utf-8:strict aftercare-bot ask --json``"""
    done = ask_json(b"hi \xff\nhello\n", PYTHONIOENCODING="utf-8:strict", LC_ALL="C")
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    replies = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert len(replies) == 2
    assert all("clinic" in reply["text"].lower() or reply["text"] for reply in replies)


def test_ask_never_processes_a_huge_line_in_full() -> None:
    """A 2 MB line costs what its first 4,096 characters cost; the next line is answered."""
    done = ask_json(b"x" * 2_000_000 + b"\ni cant breathe\n")
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    first, second = (json.loads(line) for line in done.stdout.decode().splitlines())
    assert first["kind"] == "fallback"
    assert second["kind"] == "escalation"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("QUIET_HOURS=\n", (time(0), time(0))),  # empty: none, as the README says
        ("QUIET_HOURS=22:00-07:00\n", (time(22), time(7))),
        ("", (time(21), time(9))),  # unset: the default
    ],
)
def test_quiet_hours_from_a_dotenv_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: str, expected: tuple[time, time]
) -> None:
    monkeypatch.delenv("QUIET_HOURS", raising=False)
    env_file = tmp_path / ".env"
    env_file.write_text(line, encoding="utf-8")
    assert Settings(_env_file=env_file).quiet_hours == expected  # type: ignore[call-arg]


def test_an_empty_quiet_hours_variable_means_none_and_wins_over_dotenv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("QUIET_HOURS=22:00-07:00\n", encoding="utf-8")
    monkeypatch.setenv("QUIET_HOURS", "")
    assert Settings(_env_file=env_file).quiet_hours == (time(0), time(0))  # type: ignore[call-arg]
    monkeypatch.setenv("QUIET_HOURS", "23:00-06:00")
    assert Settings(_env_file=None).quiet_hours == (time(23), time(6))  # type: ignore[call-arg]
