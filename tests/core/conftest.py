"""What the core's tests share: a ``Conversation`` over the shipped responder, with the
clinic's clock (time zone, opening and quiet hours) and the default privacy, and the triage
rules alone (no learned net), which the triage tests read to prove a rule, not the model,
decides."""

from __future__ import annotations

import pytest

from bot.core.clock import ClinicClock
from bot.core.conversation import Conversation, Privacy
from bot.core.knowledge import Knowledge
from bot.core.responder import Responder
from bot.core.triage.detector import TriageDetector


@pytest.fixture(scope="module")
def conversation(responder: Responder) -> Conversation:
    return Conversation(responder, ClinicClock.for_clinic(responder.knowledge.clinic), Privacy())


@pytest.fixture(scope="module")
def rules(knowledge: Knowledge) -> TriageDetector:
    """The shipped red flags read by the rules only: no model is given, so a test that passes
    shows the rules themselves catch (or set aside) the wording."""
    return TriageDetector(knowledge.red_flags, knowledge.ignore_phrases, knowledge.concepts)
