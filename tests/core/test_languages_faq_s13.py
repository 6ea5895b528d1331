"""Ordinary questions in es/de/fr/it/pt that the packs lacked the everyday words for (issue 14,
session 13): each failed before the pack questions written for it (a neighbouring topic won)
and is answered now, as a new patient meets them (``Conversation``, what
``aftercare-bot eval`` measures). The sentences are the fresh probe in
tests/data/lang_faq_probe13_ml.jsonl, written after the fix and unlike any pack phrasing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.core.conversation import Conversation

NOW = datetime(2026, 11, 23, 11, tzinfo=UTC)

ANSWERED = [
    # "going back to" the gym read as going back to the clinic (review) before
    ("fr", "je retourne a la salle jeudi, c'est trop tot ?", "exercise_gym"),
    # "das zeug" (the stuff) with "hält" read as what botox is / numbness before
    ("de", "wie lange hält das zeug an der stirn", "how_long_results_last"),
    # day three and still moving: results not yet due, not "it did not work"
    (
        "it",
        "sono al terzo giorno e la fronte si muove come prima, quando fa effetto?",
        "when_results_appear",
    ),
    (
        "fr",
        "ça fait 4 jours et ça bouge encore comme avant, ça va marcher ?",
        "when_results_appear",
    ),
    # the going-down verb ("desinchar") names the swelling entry
    ("pt", "quando é que desincha onde picaram?", "swelling_redness"),
]

NOT_ANSWERED = [
    # a TV series is small talk, not a topic of the clinic
    ("pt", "qual serie voce recomenda pra ver hoje?"),
]


@pytest.mark.parametrize(("language", "text", "topic"), ANSWERED)
def test_an_everyday_question_is_answered_with_its_topic(
    conversation: Conversation, language: str, text: str, topic: str
) -> None:
    reply = conversation.respond(text, now=NOW)
    assert (reply.kind, reply.topic, reply.language) == ("answer", topic, language)


@pytest.mark.parametrize(("language", "text"), NOT_ANSWERED)
def test_a_question_about_something_else_is_not_answered_from_the_faq(
    conversation: Conversation, language: str, text: str
) -> None:
    reply = conversation.respond(text, now=NOW)
    assert reply.kind != "answer"
    assert reply.language == language
