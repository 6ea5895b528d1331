"""How a symptom just answered goes, asked in another language with that language's own
function words ("en", "ad", "pra") and verbs of going away ("andare via", "sumir"): still
about the symptom, not about when results show.

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, topics


@pytest.mark.parametrize(
    ("symptom", "follow"),
    [
        ("j'ai un bleu près de l'oeil", "il part en combien de temps ?"),
        ("mi è venuto un livido vicino al sopracciglio", "quanto ci vuole perché vada via?"),
        ("fiquei com um hematoma perto da sobrancelha", "demora quanto pra sumir?"),
    ],
)
def test_how_a_bruise_goes_stays_on_the_bruise(
    conversation: Conversation, symptom: str, follow: str
) -> None:
    first, then = chat(conversation, symptom, follow)
    assert topics(first) == ("bruising",)
    assert topics(then) == ("bruising",)
