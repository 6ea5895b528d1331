"""A conversation over the shipped responder, shared by the dialogue tests."""

from __future__ import annotations

import pytest

from bot.core.clock import ClinicClock
from bot.core.conversation import Conversation, Privacy
from bot.core.responder import Responder


@pytest.fixture(scope="module")
def conversation(responder: Responder) -> Conversation:
    return Conversation(responder, ClinicClock.for_clinic(responder.knowledge.clinic), Privacy())
