"""Follow-ups in every shipped language behave as in English: how long a symptom lasts is
that symptom's question, and a new question with a pronoun ("can I cover it?") is its own
topic. Wordings are our own, none from an evaluation set."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat_in, topics

#: language -> (a bruise, how long it lasts, can I cover it with make-up)
BRUISE = {
    "en": (
        "got a bruise on my forehead",
        "how long will it hang about?",
        "and can i put concealer on it?",
    ),
    "es": (
        "tengo un moratón en la frente",
        "¿cuánto tarda en irse?",
        "¿y puedo taparlo con maquillaje?",
    ),
    "de": (
        "ich habe einen blauen Fleck an der Stirn",
        "wie lange bleibt der?",
        "und kann ich ihn überschminken?",
    ),
    "fr": (
        "j'ai un bleu sur le front",
        "combien de temps ça dure ?",
        "et je peux le cacher avec du maquillage ?",
    ),
    "it": ("ho un livido sulla fronte", "quanto dura?", "e posso coprirlo col trucco?"),
    "pt": (
        "tenho uma nódoa negra na testa",
        "quanto tempo dura?",
        "e posso tapar com maquilhagem?",
    ),
}


@pytest.mark.parametrize("language", sorted(BRUISE))
def test_a_symptoms_course_then_a_new_question_about_it(
    conversation: Conversation, language: str
) -> None:
    bruise, how_long, cover = BRUISE[language]
    first, lasting, covered = chat_in(conversation, language, bruise, how_long, cover)
    assert topics(first) == ("bruising",)
    assert topics(lasting) == ("bruising",), how_long
    assert topics(covered) == ("makeup_skincare_washing",), cover
    assert covered.reply is not None and covered.reply.language == language
