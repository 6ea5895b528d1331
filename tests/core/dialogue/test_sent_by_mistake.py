"""After a red flag, a message saying the alarming one was never meant (autocorrect, a child
on the phone, a wrong chat, a leaflet pasted) takes the escalation back: the message is
answered as it stands, and so is what follows. A bare "forget it", someone else's signs, or
a new red flag keep the escalation.

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation, Outcome
from tests.core.chatting import chat, chat_in, topics

#: language -> (a red flag, the message taking it back with a question of its own)
TAKEN_BACK = {
    "en": (
        "my throat is closing up",
        "oops, my toddler grabbed my phone and typed that. anyway can i have a glass of wine?",
    ),
    "es": (
        "no puedo respirar bien",
        "perdón, me equivoqué de chat, era para mi prima. ¿puedo tomar vino esta noche?",
    ),
    "de": (
        "ich kann kaum schlucken",
        "sorry, falscher Chat, alles gut bei mir. darf ich heute Abend Wein trinken?",
    ),
    "fr": (
        "je n'arrive plus à avaler",
        "oups, correction automatique, je vais bien. je peux boire du vin ce soir ?",
    ),
    "it": (
        "non riesco a respirare",
        "scusa, chat sbagliata, sto benissimo. posso bere un bicchiere di vino stasera?",
    ),
    "pt": (
        "não consigo engolir",
        "desculpa, conversa errada, estou ótima. posso beber vinho hoje à noite?",
    ),
}


def _level(outcome: Outcome) -> str | None:
    reply = outcome.reply
    assert reply is not None
    return reply.level


@pytest.mark.parametrize("language", sorted(TAKEN_BACK))
def test_an_alarm_taken_back_is_dropped_and_the_question_answered(
    conversation: Conversation, language: str
) -> None:
    red_flag, taken_back = TAKEN_BACK[language]
    first, second = chat_in(conversation, language, red_flag, taken_back)
    assert _level(first) == "emergency"
    assert _level(second) is None
    assert "alcohol" in topics(second)
    assert second.alert is None
    change = second.change
    assert change is not None and change.dialogue is not None
    assert change.dialogue.escalation is None


def test_what_follows_the_taken_back_alarm_is_answered_too(conversation: Conversation) -> None:
    *_, later = chat(
        conversation,
        "everything is blurry and doubled",
        "ignore that, autocorrect went mad. i'm totally fine. can i go for a run tonight?",
        "and a swim tomorrow?",
    )
    assert _level(later) is None
    assert topics(later)


def test_text_pasted_from_a_leaflet_is_no_report(conversation: Conversation) -> None:
    _, pasted = chat(
        conversation,
        "difficulty breathing or swallowing",
        "sorry that was copied from the leaflet, i'm fine. how long will my botox last?",
    )
    assert _level(pasted) is None
    assert "how_long_results_last" in topics(pasted)


@pytest.mark.parametrize(
    "follow_up",
    [
        "never mind, forget what i said. is the clinic open tomorrow?",
        "it's my sister not me, can she wait until the morning?",
        "sorry autocorrect, i meant my tongue is swelling up",
        "no it was not a typo, what do i do",
        "my son had my phone so i couldn't answer, still the same",
    ],
)
def test_no_mis_sending_said_keeps_the_escalation(
    conversation: Conversation, follow_up: str
) -> None:
    _, later = chat(conversation, "i'm struggling to breathe", follow_up)
    assert _level(later) == "emergency"


def test_concealer_is_no_autocorrect(conversation: Conversation) -> None:
    """ "corrector" is a concealer in Spanish: asking about make-up keeps the advice."""
    _, later = chat_in(
        conversation,
        "es",
        "se me cae el párpado desde ayer",
        "¿puedo ponerme corrector en la cara?",
    )
    assert _level(later) == "urgent"
