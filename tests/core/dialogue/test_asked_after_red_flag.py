"""A question of its own during an escalation is named in the reminder and left to whoever
checks the patient; the escalation's level stays, and waiting, reassurance or logistics name
no topic. Wordings are our own, none from an evaluation set."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, chat_in, topics

#: language -> (a drooping eyelid, a question about how it goes)
DROOP = {
    "en": ("my left eyelid has dropped and is half covering my eye", "will it lift by itself?"),
    "de": (
        "seit heute morgen hängt mein rechtes Augenlid runter, Botox war letzte Woche",
        "bleibt das jetzt für immer so?",
    ),
    "fr": (
        "depuis ce matin ma paupière gauche tombe, botox il y a 6 jours",
        "ça va remonter tout seul ?",
    ),
    "it": (
        "la palpebra sinistra mi è scesa da ieri, ho fatto il botox sabato",
        "torna su da sola?",
    ),
    "pt": (
        "minha pálpebra tá caindo desde ontem, fiz botox semana passada",
        "isso volta ao normal sozinho?",
    ),
}


@pytest.mark.parametrize("language", sorted(DROOP))
def test_how_the_flagged_symptom_goes_names_its_topic(
    conversation: Conversation, language: str
) -> None:
    droop, how_it_goes = DROOP[language]
    flagged, asked = chat_in(conversation, language, droop, how_it_goes)
    assert flagged.reply is not None and flagged.reply.level == "urgent"
    reply = asked.reply
    assert reply is not None
    assert reply.kind == "escalation" and reply.level == "urgent", how_it_goes
    assert topics(asked) == ("eyelid_droop_ptosis",), how_it_goes
    assert asked.alert is None  # the staff were told already


#: An urgent flag, a question of its own asked during its escalation, the topic it names,
#: and how the reply's language quotes that topic's title.
OWN_QUESTION = [
    (
        "en",
        "everything looks blurry and doubled since yesterday's botox",
        "can i still go to my shift at work tomorrow?",
        "driving_work",
        "“",
    ),
    (
        "es",
        "veo doble desde ayer, me pusieron bótox el lunes",
        "y pasado mañana puedo conducir al trabajo?",
        "driving_work",
        "«",
    ),
    # a weak question about the symptom itself is the flag's own topic
    (
        "en",
        "everything looks blurry and doubled since yesterday's botox",
        "is it something the botox did?",
        "eye_dry_watery_vision",
        "“",
    ),
]


@pytest.mark.parametrize(("language", "flag", "question", "topic", "quote"), OWN_QUESTION)
def test_a_question_during_an_escalation_names_its_own_topic(
    conversation: Conversation, language: str, flag: str, question: str, topic: str, quote: str
) -> None:
    _, asked = chat_in(conversation, language, flag, question)
    reply = asked.reply
    assert reply is not None and reply.kind == "escalation" and reply.level == "urgent"
    assert topics(asked) == (topic,), question
    assert quote in reply.text  # the topic's title, quoted as the language quotes


@pytest.mark.parametrize(
    "follow",
    [
        "can i leave it till the morning?",
        "do i really need to phone someone?",
        "what should i say when i ring them?",
        "is that normal?",
        "thanks, will do",
    ],
)
def test_waiting_reassurance_and_logistics_name_no_topic(
    conversation: Conversation, follow: str
) -> None:
    _, reminded = chat(
        conversation, "my left eyelid has dropped and is half covering my eye", follow
    )
    reply = reminded.reply
    assert reply is not None and reply.kind == "escalation" and reply.level == "urgent"
    assert topics(reminded) == (), follow
    assert "normal" not in reply.text.lower().replace("can't tell you this is normal", "")


def test_the_reminder_names_but_never_answers_from_the_faq(conversation: Conversation) -> None:
    """The droop's own FAQ answer says it is usually temporary: that reassurance must not
    reach a patient whose droop escalated."""
    _, asked = chat(
        conversation, "my left eyelid has dropped and is half covering my eye", "will it lift?"
    )
    reply = asked.reply
    assert reply is not None and topics(asked) == ("eyelid_droop_ptosis",)
    assert "temporary" not in reply.text.lower()
    assert len(reply.text.split()) < 80


#: language -> (trouble swallowing, "it's surely nothing, can I wait until tomorrow?")
WAIT = {
    "es": ("desde esta mañana me cuesta tragar", "seguro que no es nada, puedo esperar a mañana?"),
    "de": (
        "seit heute früh kann ich kaum schlucken",
        "ist bestimmt nichts, kann ich bis morgen warten?",
    ),
    "fr": (
        "depuis ce matin j'ai du mal à avaler",
        "c'est sûrement rien, je peux attendre demain ?",
    ),
    "it": ("da stamattina faccio fatica a deglutire", "sarà niente, posso aspettare domani?"),
    "pt": (
        "desde hoje de manhã tenho dificuldade para engolir",
        "deve ser nada, posso esperar até amanhã?",
    ),
}


@pytest.mark.parametrize("language", sorted(WAIT))
def test_waiting_names_nothing_in_every_language(conversation: Conversation, language: str) -> None:
    flag, wait = WAIT[language]
    _, waited = chat_in(conversation, language, flag, wait)
    reply = waited.reply
    assert reply is not None and reply.kind == "escalation" and reply.level == "emergency"
    assert topics(waited) == (), wait
