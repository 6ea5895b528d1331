"""Follow-ups in other languages whose verb or time word is inflected or colloquial: the
plural and future of the verbs of going away ("disparaissent", "svaniscono", "vergeht",
"hört ... auf"), a time of day ("a primera hora", "domattina") and filler such as
"eigentlich" keep the topic just answered.

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, topics


@pytest.mark.parametrize(
    ("first", "follow", "topic"),
    [
        (
            "j'ai deux bleus sur le front",
            "ils disparaissent au bout de combien de temps ?",
            "bruising",
        ),
        ("mi sono venuti dei lividi sulla fronte", "in quanti giorni svaniscono?", "bruising"),
        ("ich hab blaue flecken an der stirn", "wann vergeht das?", "bruising"),
        ("ich hab blaue flecken an der stirn", "wann hört das eigentlich wieder auf?", "bruising"),
        ("puedo hacer deporte hoy?", "¿y a primera hora del martes?", "exercise_gym"),
        ("posso andare in palestra oggi?", "e domattina?", "exercise_gym"),
        ("darf ich heute ins fitnessstudio?", "und gleich morgen früh eigentlich?", "exercise_gym"),
    ],
)
def test_an_inflected_follow_up_keeps_the_topic(
    conversation: Conversation, first: str, follow: str, topic: str
) -> None:
    said, then = chat(conversation, first, follow)
    assert topics(said) == (topic,)
    assert topics(then) == (topic,)
