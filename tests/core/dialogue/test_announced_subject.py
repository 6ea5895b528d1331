"""A new subject announced before the question ("otra pregunta, ...", "andere Frage: ...",
"un'altra domanda: ..."): the announcement names no topic, so the question is read as it
reads alone (a price question is the prices), in every language.

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, topics


@pytest.mark.parametrize(
    "text",
    [
        "andere frage: was kostet bei euch eine nachbehandlung?",
        "un'altra domanda: un ritocco quanto costa?",
        "autre question, une retouche ça coûte combien ?",
        "autre question, combien coûte le rendez-vous de contrôle ?",
    ],
)
def test_an_announced_price_question_is_the_prices(conversation: Conversation, text: str) -> None:
    first, then = chat(conversation, "posso andare in sauna domani?", text)
    assert topics(first) == ("heat_sauna_sun",)
    assert topics(then) == ("costs_pricing",)
