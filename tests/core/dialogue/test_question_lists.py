"""Several questions put as a list: items without a question word of their own ("fly on
sunday" after "can I drink tonight,"), joined by "+", "&" or "or", one word long ("drink +
fly"), and a question about how a symptom goes asked beside it. A red flag in any part still
escalates, and other languages name their topics by their own pack's keywords.

Wordings are our own, none taken from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from bot.core.dialogue.keywords import KeywordIndex
from bot.core.dialogue.split import split_pieces
from bot.core.responder import Responder
from tests.core.chatting import chat, chat_in, topics

JOINS = ["and", "or", "also"]


def test_pieces_keep_how_they_were_joined() -> None:
    pieces = split_pieces("can i swim tonight, sunbathe friday + drink? or fly sunday", JOINS)
    assert [(p.text, p.joint, p.marked) for p in pieces] == [
        ("can i swim tonight", "start", False),
        ("sunbathe friday", "comma", False),
        ("drink", "list", True),
        ("or fly sunday", "sentence", False),
    ]


def test_a_one_word_part_is_a_list_item_only_beside_a_list_mark() -> None:
    assert [p.text for p in split_pieces("when can i swim + drink + fly", JOINS)] == [
        "when can i swim",
        "drink",
        "fly",
    ]
    # "and", "ok" alone still go with the piece next to them
    assert [p.text for p in split_pieces("can i swim tonight, ok", JOINS)] == [
        "can i swim tonight ok"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a piece with a subject of its own tells, it is no item of the list
        ("how soon will it work, had my frown lines done monday", ("when_results_appear",)),
        # one question with "or" in it is still one question
        ("is it ok to sleep on my side or on my front", ("sleeping_position",)),
    ],
)
def test_a_telling_piece_or_one_question_gets_one_answer(
    conversation: Conversation, text: str, expected: tuple[str, ...]
) -> None:
    (outcome,) = chat(conversation, text)
    assert topics(outcome) == expected


def test_how_long_a_symptom_lasts_is_about_that_symptom(conversation: Conversation) -> None:
    (outcome,) = chat(conversation, "i have a bruise on my temple, how long does that take to go")
    assert topics(outcome) == ("bruising",)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "i feel completely frozen, how long will it last"),
        ("fr", "j'ai le front figé, ça dure combien de temps"),
    ],
)
def test_how_long_the_frozen_feeling_lasts_is_how_long_results_last(
    conversation: Conversation, language: str, text: str
) -> None:
    (outcome,) = chat_in(conversation, language, text)
    assert topics(outcome) == ("heavy_or_frozen_feeling", "how_long_results_last")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("can i drink tonight, fly on sunday and my tongue is swelling up", "emergency"),
        ("gym tomorrow + wine ok? also i can hardly swallow", "emergency"),
        ("can i wear makeup or sleep on my side, my eyelid has dropped over my eye", "urgent"),
    ],
)
def test_a_red_flag_in_any_part_escalates(
    conversation: Conversation, text: str, level: str
) -> None:
    (outcome,) = chat(conversation, text)
    assert outcome.reply is not None and outcome.reply.kind == "escalation"
    assert outcome.reply.level in (
        {"emergency"} if level == "emergency" else {"urgent", "emergency"}
    )
    assert outcome.alert is not None


def test_keywords_are_read_per_language(responder: Responder) -> None:
    """A pack's own words name its topics in that language; English keeps only its own."""
    index = KeywordIndex(responder.knowledge)
    assert {"bruising", "swelling_redness"} <= set(index.table("es").ids("hielo"))
    assert {"bruising", "swelling_redness"} <= set(index.table("pt-br").ids("gelo"))
    assert index.table("en").ids("hielo") == ()
    assert "exercise_gym" in index.table("de").ids("gym")  # English words still count


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("es", "tengo la frente hinchada, puedo ponerme hielo?", ("swelling_redness",)),
        (
            "it",
            "ho un piccolo livido, posso mettere il ghiaccio e posso truccarmi?",
            ("bruising", "makeup_skincare_washing"),
        ),
    ],
)
def test_a_remedy_of_two_topics_in_a_piece_follows_the_piece_before(
    conversation: Conversation, language: str, text: str, expected: tuple[str, ...]
) -> None:
    (outcome,) = chat_in(conversation, language, text)
    assert topics(outcome) == expected
