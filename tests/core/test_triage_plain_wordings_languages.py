"""Plain red-flag wordings in es/de/fr/it/pt found missing on blind set 7/5 (issue 14),
tested with wordings of our own: a voice that went out, dropping everything, weakness that
spreads, fever with shaking or fast breathing, a faint in the street, brows like an awning,
a headache or pain that grows day by day and that painkillers do not touch."""

from __future__ import annotations

import pytest

from bot.core.responder import Responder


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("depuis ce matin ma voix s'est eteinte, je peux juste murmurer", "emergency"),
        ("je lache tout ce que je tiens depuis hier soir", "emergency"),
        ("mon mal de crane s'aggrave depuis les injections", "urgent"),
        ("die schwache wird immer mehr, jetzt auch in den beinen", "emergency"),
        ("der bluterguss wird mehr und mehr, fast die halbe wange blau", "urgent"),
        ("tenho febre e estou a respirar depressa desde a tarde", "emergency"),
        ("a minha dor de cabeca esta cada dia pior desde o botox", "urgent"),
        ("el dolor de la frente va a mas cada dia", "urgent"),
        ("il mal di testa non molla e diventa sempre piu forte", "urgent"),
    ],
)
def test_plain_wordings_escalate_in_every_language(
    responder: Responder, text: str, level: str
) -> None:
    reply = responder.respond(text)
    assert reply.kind == "escalation"
    assert reply.level == level or (level == "urgent" and reply.level == "emergency")
