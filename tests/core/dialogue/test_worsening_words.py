"""Just after a symptom's answer, a message that says it got worse is triaged with that
symptom, in every language: read by word class (a word of ``worse`` in any inflection, a
remedy a negation says fails), not by a list of whole phrasings (``bot/core/dialogue/
worsening.py``). Set 16's m017 ("jetzt ist es richtig heftig geworden ... tabletten helfen
null") was read as a new question.

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from bot.core.dialogue import Lexicon
from tests.core.chatting import chat_in

#: (language, a message saying it got worse in a form no phrase of ``worse`` spells out)
WORSE = [
    ("de", "heute ist es noch heftiger geworden"),  # an inflection of "heftig"
    ("de", "die tabletten wirken nicht"),  # the negation after the verb
    ("es", "el ibuprofeno no le hace efecto"),
    ("es", "se ha puesto tremenda"),
    ("fr", "les comprimés ne servent à rien"),
    ("it", "è peggiorato parecchio"),  # an inflection of "peggiora"
    ("it", "l'antidolorifico non mi aiuta"),
    ("pt", "piorou bastante"),
    ("pt", "o remédio não faz efeito"),
    ("en", "the tablets aren't touching it"),
]

#: (language, a message about the same symptom that says nothing has got worse)
NOT_WORSE = [
    ("de", "die tablette wirkt, danke"),
    ("es", "el ibuprofeno me ayuda, gracias"),
    ("fr", "le doliprane marche bien"),
    ("it", "grazie, l'antidolorifico mi aiuta"),
    # the negation is the strength's, and the remedy helped; Portuguese puts no negation
    # after its verb
    ("pt", "o remédio ajudou e não está tão forte"),
    ("en", "the paracetamol is helping"),
]


@pytest.mark.parametrize(("language", "text"), WORSE)
def test_worse_is_read_in_any_inflection_and_a_failing_remedy(
    conversation: Conversation, language: str, text: str
) -> None:
    lexicon: Lexicon = conversation.dialogue.lexicon
    assert lexicon.says_worse(text, language), text


@pytest.mark.parametrize(("language", "text"), NOT_WORSE)
def test_a_remedy_that_helps_says_nothing_worse(
    conversation: Conversation, language: str, text: str
) -> None:
    lexicon: Lexicon = conversation.dialogue.lexicon
    assert not lexicon.says_worse(text, language), text


@pytest.mark.parametrize(
    ("language", "symptom", "worse"),
    [
        (
            "de",
            "Kopfschmerzen seit der Behandlung, ist das normal?",
            "heute ist es noch heftiger geworden",
        ),
        (
            "fr",
            "j'ai mal à la tête depuis le botox",
            "ça devient horrible, les comprimés ne servent à rien",
        ),
        ("it", "ho mal di testa dopo il botox", "è peggiorato parecchio, martella tutto il giorno"),
        (
            "en",
            "got a headache since my botox",
            "it's properly vicious now and the tablets aren't touching it",
        ),
    ],
)
def test_a_headache_said_to_be_worse_without_naming_it_is_escalated(
    conversation: Conversation, language: str, symptom: str, worse: str
) -> None:
    """The second message names no symptom: only the headache just answered makes it one."""
    answered, worsened = chat_in(conversation, language, symptom, worse)
    assert answered.reply is not None and answered.reply.topic == "headache", symptom
    reply = worsened.reply
    assert reply is not None and reply.kind == "escalation", worse
    assert worsened.alert is not None


@pytest.mark.parametrize(
    ("language", "symptom", "better"),
    [
        (
            "de",
            "Kopfschmerzen seit der Behandlung, ist das normal?",
            "nicht so heftig wie gestern, die tablette wirkt",
        ),
        ("it", "ho mal di testa dopo il botox", "grazie, l'antidolorifico mi aiuta"),
        ("en", "got a headache since my botox", "the paracetamol is helping, not too bad now"),
    ],
)
def test_a_headache_said_to_ease_is_not_escalated(
    conversation: Conversation, language: str, symptom: str, better: str
) -> None:
    _, eased = chat_in(conversation, language, symptom, better)
    assert eased.reply is not None and eased.reply.kind != "escalation", better
    assert eased.alert is None
