"""After several symptoms answered at once, how "they" go is about each of them when the
message reads as well with each, and about the one it reads best with when it does not.
Wordings are our own, none from an evaluation set."""

from __future__ import annotations

from bot.core.conversation import Conversation
from tests.core.chatting import chat, topics


def test_will_they_be_gone_asks_about_each_symptom(conversation: Conversation) -> None:
    both, going = chat(
        conversation,
        "feeling a bit queasy since the jabs and my head is pounding too",
        "will they be gone by the weekend?",
    )
    assert topics(both) == ("flu_like_nausea", "headache")
    assert set(topics(going)) == {"flu_like_nausea", "headache"}


def test_going_back_up_is_about_the_brows(conversation: Conversation) -> None:
    both, going = chat(
        conversation,
        "my eyes feel gritty since the crows feet and my brows look heavier and lower",
        "will they go back up?",
    )
    assert set(topics(both)) == {"eye_dry_watery_vision", "brow_droop_heavy_brow"}
    assert topics(going) == ("brow_droop_heavy_brow",)


def test_a_plural_word_is_known_in_every_language(conversation: Conversation) -> None:
    lexicon = conversation.dialogue.lexicon
    for text in (
        "will they settle?",
        "se van los dos?",
        "partent-ils bientôt ?",
        "passano entrambi?",
        "passam os dois?",
        "gehen beide weg?",
    ):
        assert lexicon.points_back_to_several(text), text
    assert not lexicon.points_back_to_several("will it settle?")
