"""After a red flag, "that was my friend, not me" is remembered for the escalation's lifetime:
every later reminder is for that person, in the patient's language, and the memory survives
storage (``EscalationMemory.someone_else``; ``tests/storage/test_conversations.py``).

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation, PatientState
from tests.core.chatting import chat, chat_in

#: language -> (a relative's red flag, the correction, a later delay, words of the "for them" line)
CASES = {
    "en": (
        "my mum got botox and now she cant breathe properly",
        "sorry its my mum, not me",
        "can she wait until the morning?",
        "make the call for them",
    ),
    "es": (
        "mi madre se hizo botox el lunes y ahora casi no puede respirar",
        "no soy yo, es ella",
        "¿puede esperar a mañana?",
        "por esa persona",
    ),
    "de": (
        "meine Frau hatte Botox und bekommt jetzt kaum Luft",
        "es geht nicht um mich, sondern um sie",
        "kann sie bis morgen warten?",
        "für sie",
    ),
    "fr": (
        "ma soeur a fait du botox et elle n'arrive plus à respirer",
        "ce n'est pas moi, c'est ma soeur",
        "elle peut attendre demain ?",
        "pour elle",
    ),
    "it": (
        "mia sorella ha fatto il botox e ora non riesce a respirare",
        "non sono io, è lei",
        "può aspettare fino a domani?",
        "per questa persona",
    ),
    "pt": (
        "a minha irmã fez botox e agora não consegue respirar",
        "não sou eu, é ela",
        "ela pode esperar até amanhã?",
        "por ela",
    ),
}


@pytest.mark.parametrize("language", sorted(CASES))
def test_someone_elses_red_flag_is_remembered_after_the_correction(
    conversation: Conversation, language: str
) -> None:
    red_flag, correction, delay, for_them = CASES[language]
    first, corrected, later = chat_in(conversation, language, red_flag, correction, delay)
    assert first.alert is not None
    for outcome in (corrected, later):
        reply = outcome.reply
        assert reply is not None and reply.kind == "escalation" and reply.level == "emergency"
        assert outcome.alert is None  # the staff were told once
        assert for_them in reply.text, reply.text
        change = outcome.change
        assert change is not None and change.dialogue is not None
        memory = change.dialogue.escalation
        assert memory is not None and memory.someone_else


def test_without_a_correction_the_reminder_is_the_patients_own(
    conversation: Conversation,
) -> None:
    _, later = chat(
        conversation, "i cant swallow properly since my botox", "can i wait till the morning?"
    )
    reply = later.reply
    assert reply is not None and reply.level == "emergency"
    assert "make the call for them" not in reply.text
    change = later.change
    assert change is not None and change.dialogue is not None
    memory = change.dialogue.escalation
    assert memory is not None and not memory.someone_else


def test_what_to_tell_them_about_someone_else_leaves_out_the_patients_own_date(
    conversation: Conversation,
) -> None:
    """The patient's treatment date is theirs: the crew hears about the other person."""
    from datetime import date

    from bot.core.journey import Treatment

    state = PatientState(treatment=Treatment(date(2026, 11, 30)))
    *_, told = chat(
        conversation,
        "my sister had botox this morning and now she's struggling to swallow",
        "its my sister not me",
        "what should i say when i ring them?",
        state=state,
    )
    reply = told.reply
    assert reply is not None and reply.level == "emergency"
    assert "2026-11-30" not in reply.text
    assert "make the call for them" in reply.text


def test_a_worse_red_flag_about_them_keeps_the_memory(conversation: Conversation) -> None:
    *_, worse, later = chat(
        conversation,
        "my husband had botox last week and now his eyelid is drooping over his eye",
        "its my husband not me",
        "now he says his words are slurred and he can't swallow",
        "is that normal?",
    )
    assert worse.reply is not None and worse.reply.level == "emergency"
    assert worse.alert is not None  # urgent -> emergency raises a new alert
    reply = later.reply
    assert reply is not None and reply.level == "emergency"
    assert "make the call for them" in reply.text
