"""One question with details is one question: another option of it joined by "or" ("ice
or a warm compress?", "or should I wait?") and a symptom said to be absent ("no bruising, no
pain, ...") add nothing to answer; an option that is another item of the same question
("can I drink or fly tomorrow?") and the middle word of a list ("when can I swim, drink and
dance?") are questions of their own. The splitter's work grows with the message, no faster.

Wordings are our own, none taken from an evaluation set.
"""

from __future__ import annotations

import time

import pytest

from bot.core.conversation import Conversation
from bot.core.dialogue.split import split_pieces
from tests.core.chatting import chat_in, topics

JOINS = ["and", "or", "also", "and also"]


def test_an_or_is_kept_as_an_alternative_joint() -> None:
    pieces = split_pieces("can i swim or fly tomorrow and also drink", JOINS, ["or"])
    assert [(p.text, p.joint) for p in pieces] == [
        ("can i swim", "start"),
        ("or fly tomorrow", "alternative"),
        ("and also drink", "phrase"),
    ]


def test_one_word_between_a_comma_and_and_is_a_list_item() -> None:
    pieces = split_pieces("when can i swim, drink and dance", JOINS)
    assert [p.text for p in pieces] == ["when can i swim", "drink", "and dance"]


def test_the_splitter_is_linear_in_the_message() -> None:
    """Ten times the words take nowhere near a hundred times as long (a quadratic split
    would); every text is new, so no cache answers for it; generous bounds, as the machine
    may be loaded."""
    counter = iter(range(10**6))

    def timed(items: int) -> float:
        text = " ".join(
            f"can i drink {next(counter)} or swim and also go out" for _ in range(items)
        )
        start = time.perf_counter()
        split_pieces(text, JOINS, ["or"])
        return time.perf_counter() - start

    timed(40)  # warm the phrase table
    short = min(timed(40) for _ in range(3))
    long = min(timed(400) for _ in range(3))
    assert long < short * 40


#: One question with details gets one answer.
ONE_QUESTION_WITH_DETAILS: list[tuple[str, str, tuple[str, ...]]] = [
    # options of one question stay one question
    ("en", "should i use ice or a warm compress on the bruise?", ("bruising",)),
    (
        "en",
        "is it better to sleep on my back or propped up on pillows?",
        ("sleeping_position",),
    ),
    ("fr", "je peux dormir sur le ventre ou sur le côté ?", ("sleeping_position",)),
    ("de", "soll ich auf dem Rücken oder auf der Seite schlafen?", ("sleeping_position",)),
    # a symptom said to be absent is no question
    ("en", "no bruising, no pain, i just want to know if i can go swimming", ("exercise_gym",)),
    (
        "it",
        "nessun dolore, niente gonfiore, volevo solo sapere se posso andare in palestra",
        ("exercise_gym",),
    ),
    (
        "de",
        "keine Schmerzen, keine Schwellung, ich will nur wissen, ob ich in die Sauna darf",
        ("heat_sauna_sun",),
    ),
]

#: The items of one question are each answered.
ITEMS_OF_ONE_QUESTION: list[tuple[str, str, tuple[str, ...]]] = [
    ("en", "can i have a beer tonight or go for a run tomorrow?", ("alcohol", "exercise_gym")),
    (
        "en",
        "can i have a facial or a sauna this week",
        ("facials_other_treatments", "heat_sauna_sun"),
    ),
    (
        "es",
        "¿cuándo puedo hacer ejercicio, beber y maquillarme?",
        ("exercise_gym", "alcohol", "makeup_skincare_washing"),
    ),
    (
        "pt",
        "quando posso treinar, beber e usar maquiagem?",
        ("exercise_gym", "alcohol", "makeup_skincare_washing"),
    ),
]

#: A price asked after another question is the prices'.
PRICE_AFTER_ANOTHER_QUESTION: list[tuple[str, str, tuple[str, ...]]] = [
    (
        "en",
        "when is my next one due and is it cheaper for two areas?",
        ("next_appointment_and_interval", "costs_pricing"),
    ),
    (
        "it",
        "ogni quanto si rifà e c è uno sconto?",
        ("next_appointment_and_interval", "costs_pricing"),
    ),
]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [*ONE_QUESTION_WITH_DETAILS, *ITEMS_OF_ONE_QUESTION, *PRICE_AFTER_ANOTHER_QUESTION],
)
def test_each_question_asked_gets_its_answer_and_details_none(
    conversation: Conversation, language: str, text: str, expected: tuple[str, ...]
) -> None:
    """The topics answered are the questions asked, in order: an option or an absent symptom
    of one question adds none, each item of a list and a price asked after adds its own."""
    (outcome,) = chat_in(conversation, language, text)
    assert topics(outcome) == expected
