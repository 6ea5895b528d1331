"""Conversations, not single messages: memory per chat, follow-ups, several questions at
once, the advice again after a red flag, and treatment times. Pure, like all of core."""

from bot.core.dialogue.flow import Dialogue, Turn
from bot.core.dialogue.lexicon import Lexicon
from bot.core.dialogue.split import split_questions
from bot.core.dialogue.state import (
    ESCALATION_LIFETIME,
    TOPIC_LIFETIME,
    DialogueState,
    EscalationMemory,
)
from bot.core.dialogue.when import TreatmentTime

__all__ = [
    "ESCALATION_LIFETIME",
    "TOPIC_LIFETIME",
    "Dialogue",
    "DialogueState",
    "EscalationMemory",
    "Lexicon",
    "TreatmentTime",
    "Turn",
    "split_questions",
]
