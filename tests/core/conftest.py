"""What the core's tests share: a ``Conversation`` over the shipped responder, with the
clinic's clock (time zone, opening and quiet hours) and the default privacy."""

from __future__ import annotations

import pytest

from bot.core.clock import ClinicClock
from bot.core.conversation import Conversation, Privacy
from bot.core.responder import Responder


@pytest.fixture(scope="module")
def conversation(responder: Responder) -> Conversation:
    return Conversation(responder, ClinicClock.for_clinic(responder.knowledge.clinic), Privacy())
