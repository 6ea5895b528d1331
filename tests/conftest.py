"""Shared fixtures: the shipped knowledge, loaded once, and a responder built from it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bot.config import DEFAULT_KNOWLEDGE_DIR
from bot.core.knowledge import Knowledge, load_knowledge
from bot.core.responder import Responder

DATA = Path(__file__).parent / "data"

# python-telegram-bot 22 warns on every RetryAfter unless durations are timedeltas, and the
# suite turns warnings into errors. Loopback traffic must never go through a proxy.
os.environ.setdefault("PTB_TIMEDELTA", "true")
os.environ["NO_PROXY"] = "127.0.0.1,localhost"
os.environ["no_proxy"] = "127.0.0.1,localhost"


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return load_knowledge(DEFAULT_KNOWLEDGE_DIR)


@pytest.fixture(scope="session")
def responder(knowledge: Knowledge) -> Responder:
    return Responder(knowledge)


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped knowledge folder, for tests that break it on purpose."""
    target = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_KNOWLEDGE_DIR, target)
    return target
