"""After several answers, an elliptical follow-up with no pronoun ("and out of hours?") is
about the answer it reads clearly better with, not always the first; "why?" (reading alike
with each) and how a symptom goes ("how long till they go?") stay with the first (any other
pointing back is about the latest answer: test_pointing_back_latest.py). Wordings are our
own, none from an evaluation set."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, topics


@pytest.mark.parametrize(
    "first",
    [
        "is a bit of bruising normal and how do i get hold of the clinic",
        "when will it kick in and what are your opening times",
    ],
)
def test_an_add_on_goes_with_the_answer_it_reads_with(
    conversation: Conversation, first: str
) -> None:
    asked, more = chat(conversation, first, "and out of hours?")
    assert topics(asked)[1] == "contact_clinic"
    assert topics(more) == ("contact_clinic",)


def test_why_stays_with_the_first(conversation: Conversation) -> None:
    asked, why = chat(conversation, "can i have a glass of wine and go to the gym tonight", "why?")
    assert topics(asked) == ("alcohol", "exercise_gym")
    assert topics(why) == ("alcohol",)
