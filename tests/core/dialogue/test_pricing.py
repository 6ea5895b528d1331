"""A price asked of something the clinic sells ("does the follow-up review cost extra?") is
about the prices, and after the prices "and a touch up?" asks the price again. A price
asked of something else, or of nothing named, is left to the matcher. Wordings are our own,
none from an evaluation set."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, topics

PRICES = "costs_pricing"


@pytest.mark.parametrize(
    "question",
    ["does the follow up review cost extra", "would i have to pay for a top up"],
)
def test_the_price_of_what_the_clinic_sells(conversation: Conversation, question: str) -> None:
    (asked,) = chat(conversation, question)
    assert topics(asked) == (PRICES,)


def test_a_thing_named_after_the_prices_asks_its_price(conversation: Conversation) -> None:
    _, follow = chat(conversation, "how much do you charge for the forehead", "and a touch up?")
    assert topics(follow) == (PRICES,)


def test_a_question_of_its_own_after_the_prices_is_not_a_price(
    conversation: Conversation,
) -> None:
    _, follow = chat(
        conversation, "how much do you charge for the forehead", "and when is my review due"
    )
    assert PRICES not in topics(follow)


@pytest.mark.parametrize(
    "question",
    ["is fragrance free moisturiser ok tonight", "how much does a flat white cost near you"],
)
def test_not_the_clinics_prices(conversation: Conversation, question: str) -> None:
    (asked,) = chat(conversation, question)
    assert PRICES not in topics(asked)
