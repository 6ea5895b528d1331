"""The bot as a clinic installs it: a wheel, without dev extras, used outside the checkout.

This catches what an editable dev install hides: a runtime dependency that only a dev extra
pulls in, or a data file (the default knowledge) that is not shipped inside the package.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "can I go to the gym tonight?"


def _clean_env(home: Path) -> dict[str, str]:
    """The environment of a new user: no bot settings, no token, nothing from this checkout."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TELEGRAM_", "KNOWLEDGE_", "CLINIC", "DATABASE_", "PYTHON"))
        and key not in {"VIRTUAL_ENV", "STAFF_USER_IDS"}
    }
    env["HOME"] = str(home)
    env["PYTHONNOUSERSITE"] = "1"
    return env


def _run(command: list[str], cwd: Path, env: dict[str, str], **kwargs: object) -> str:
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, check=False, **kwargs
    )  # type: ignore[call-overload]
    assert result.returncode == 0, (
        f"{' '.join(command)} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
    )
    return str(result.stdout)


@pytest.fixture(scope="module")
def installed_bot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment holding only the built wheel and its runtime dependencies."""
    work = tmp_path_factory.mktemp("install")
    wheels = work / "wheels"
    env = _clean_env(work)
    _run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(wheels)],
        cwd=ROOT,
        env=env,
        timeout=300,
    )
    (wheel,) = wheels.glob("aftercare_bot-*.whl")
    venv = work / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], cwd=work, env=env, timeout=120)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "--disable-pip-version-check", "-q"]
    _run(
        [*pip, "install", "-c", str(ROOT / "constraints.txt"), str(wheel)],
        cwd=work,
        env=env,
        timeout=900,
    )
    return venv / "bin" / "aftercare-bot"


@pytest.mark.timeout(1200)
def test_wheel_checks_the_shipped_knowledge(installed_bot: Path, tmp_path: Path) -> None:
    out = _run([str(installed_bot), "check"], cwd=tmp_path, env=_clean_env(tmp_path), timeout=120)
    assert "OK" in out


@pytest.mark.timeout(1200)
def test_wheel_answers_a_question(installed_bot: Path, tmp_path: Path) -> None:
    out = _run(
        [str(installed_bot), "ask", "--json", QUESTION],
        cwd=tmp_path,
        env=_clean_env(tmp_path),
        timeout=120,
    )
    reply = json.loads(out.splitlines()[0])
    assert reply["kind"] == "answer"
    assert reply["topic"] == "exercise_gym"


@pytest.mark.timeout(1200)
def test_wheel_runs_as_a_terminal_chat_without_a_token(installed_bot: Path, tmp_path: Path) -> None:
    out = _run(
        [str(installed_bot), "run"],
        cwd=tmp_path,
        env=_clean_env(tmp_path),
        input=f"{QUESTION}\n",
        timeout=120,
    )
    assert "terminal chat" in out
    assert "exercise" in out.lower()


@pytest.mark.timeout(1200)
def test_wheel_ships_the_dashboards_templates_and_styles(
    installed_bot: Path, tmp_path: Path
) -> None:
    """The dashboard renders from package data: every template and the CSS are installed
    beside the installed code, and its form parser (python-multipart) came with the wheel."""
    python = installed_bot.parent / "python"
    script = (
        "import bot.web.app as app, pathlib, json, python_multipart;"
        "here = pathlib.Path(app.__file__).parent;"
        "print(json.dumps(["
        "sorted(p.name for p in (here / 'templates').glob('*.html')),"
        "sorted(p.name for p in (here / 'static').glob('*.css')),"
        "str(here)]))"
    )
    out = _run([str(python), "-c", script], cwd=tmp_path, env=_clean_env(tmp_path), timeout=120)
    templates, styles, where = json.loads(out)
    shipped = sorted(p.name for p in (ROOT / "bot" / "web" / "templates").glob("*.html"))
    assert templates == shipped and "base.html" in templates
    assert styles == ["dashboard.css"]
    assert not where.startswith(str(ROOT))  # the installed copy, not this checkout
