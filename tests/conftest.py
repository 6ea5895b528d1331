"""Shared fixtures: the shipped knowledge, loaded once, and a responder built from it."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import DEFAULT_KNOWLEDGE_DIR
from bot.core.knowledge import Knowledge, load_knowledge
from bot.core.responder import Responder
from bot.core.understanding.source import ModelSource

DATA = Path(__file__).parent / "data"

# python-telegram-bot 22 warns on every RetryAfter unless durations are timedeltas, and the
# suite turns warnings into errors. Loopback traffic must never go through a proxy.
os.environ.setdefault("PTB_TIMEDELTA", "true")
os.environ["NO_PROXY"] = "127.0.0.1,localhost"
os.environ["no_proxy"] = "127.0.0.1,localhost"


_OWN_MODEL_CACHE: list[str] = []


def pytest_sessionstart(session: pytest.Session) -> None:
    """One understanding-model cache for the whole run, warmed before the first test.

    Tests and the bot processes they start (which inherit the environment) load the model
    from it instead of training per process. Training takes tens of seconds on a busy
    machine, so it happens here, outside every test's timeout. A developer's own
    ``MODEL_CACHE_DIR`` is kept (and stays warm across runs).
    """
    if "MODEL_CACHE_DIR" not in os.environ:
        folder = tempfile.mkdtemp(prefix="aftercare-models-")
        _OWN_MODEL_CACHE.append(folder)
        os.environ["MODEL_CACHE_DIR"] = folder
    from bot.cli import load_clinic, model_source
    from bot.config import load_settings

    settings = load_settings(None)
    source = model_source(settings)
    source.model_for(load_knowledge(DEFAULT_KNOWLEDGE_DIR))  # the fixtures' knowledge
    source.model_for(load_clinic(settings))  # the bot's own start-up path (usually the same)


def pytest_sessionfinish(session: pytest.Session) -> None:
    for folder in _OWN_MODEL_CACHE:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def private_temp_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every temporary file of the run (ours, libraries', child processes') lands under
    pytest's own tmp_path folder, which pytest prunes, so a run leaves nothing in /tmp."""
    folder = tmp_path_factory.mktemp("tmp")
    saved_tempdir, saved_env = tempfile.tempdir, os.environ.get("TMPDIR")
    tempfile.tempdir = str(folder)
    os.environ["TMPDIR"] = str(folder)
    yield folder
    tempfile.tempdir = saved_tempdir
    if saved_env is None:
        os.environ.pop("TMPDIR", None)
    else:
        os.environ["TMPDIR"] = saved_env


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return load_knowledge(DEFAULT_KNOWLEDGE_DIR)


@pytest.fixture(scope="session")
def model_source() -> ModelSource:
    """The understanding model's source as the bot uses it, with the run's shared cache."""
    return ModelSource(Path(os.environ["MODEL_CACHE_DIR"]), DEFAULT_KNOWLEDGE_DIR / "lang")


@pytest.fixture(scope="session")
def responder(knowledge: Knowledge, model_source: ModelSource) -> Responder:
    """The responder as shipped: rules, matcher and the learned understanding model."""
    return Responder(knowledge, understanding=model_source)


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped knowledge folder, for tests that break it on purpose."""
    target = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_KNOWLEDGE_DIR, target)
    return target
