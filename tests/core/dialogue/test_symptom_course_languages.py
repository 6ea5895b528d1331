"""How a symptom just answered goes, asked in another language: with the subject dropped
(Spanish, Italian, Portuguese say "will go away" for "it will go away"), in a tense the word
lists do not spell out, with a reason told in a sentence after it, or with "... or should I
come back?" after it, the question stays on the symptom. A second question in a sentence of
its own is answered too. And "how would I know?" is asked of
the topic that lists the signs in every language.

Wordings are our own, written after the rule, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import assert_stays_on, chat_in, topics


@pytest.mark.parametrize(
    ("language", "symptom", "follow", "topic"),
    [
        # a future tense no list spells out ("mejorará": "mejora")
        ("es", "se me ha hinchado el entrecejo", "mejorará en unos días?", "swelling_redness"),
        # a reason told after the question, in a sentence of its own
        (
            "de",
            "ich hab einen blauen fleck an der stirn",
            "wann verschwindet der? nächste woche hab ich ein vorstellungsgespräch",
            "bruising",
        ),
        # the option after "ou" is part of the same question
        (
            "pt",
            "minha testa ficou um pouco inchada",
            "desincha sozinha ou preciso fazer alguma coisa?",
            "swelling_redness",
        ),
        # "si aggiusta": it sorts itself out, no "it" said
        (
            "it",
            "ho un sopracciglio più alto dell'altro",
            "si aggiusta col tempo?",
            "asymmetry_uneven",
        ),
    ],
)
def test_how_the_symptom_goes_stays_on_it(
    conversation: Conversation, language: str, symptom: str, follow: str, topic: str
) -> None:
    assert_stays_on(conversation, language, symptom, follow, topic)


def test_a_second_question_in_its_own_sentence_is_answered_too(
    conversation: Conversation,
) -> None:
    """Only a sentence that tells rides along; one that asks is a question of its own."""
    _, then = chat_in(
        conversation,
        "es",
        "se me ha hinchado el entrecejo",
        "mejorará en unos días? y puedo tomar una copa de vino esta noche?",
    )
    assert "alcohol" in topics(then)


@pytest.mark.parametrize(
    ("language", "spread", "follow"),
    [
        ("de", "kann das mittel in andere bereiche wandern?", "woran erkenne ich das?"),
        ("fr", "est-ce que le produit peut se propager ailleurs ?", "quels signes je verrais ?"),
    ],
)
def test_how_would_i_know_is_the_spread_in_every_language(
    conversation: Conversation, language: str, spread: str, follow: str
) -> None:
    first, then = chat_in(conversation, language, spread, follow)
    assert topics(first) == ("spread_of_toxin",)
    assert topics(then) == ("spread_of_toxin",)
