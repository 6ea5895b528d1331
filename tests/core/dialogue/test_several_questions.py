"""Several questions in one message: where it is cut, and which topic each part gets.

The wordings here are our own (none is taken from an evaluation set): each part alone gets its
own best topic, a part that only continues the one before ("is that ok?", "what can I take
for it?") takes that part's context, and a part that only tells the treatment's time asks
nothing.
"""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from bot.core.dialogue import split_questions
from tests.core.chatting import chat, chat_in, topics

JOINS = ["oh and", "one more thing", "btw", "and", "au fait", "por cierto", "ubrigens"]


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        # "&" and a "+" between words join two questions
        (
            "is wine ok tonight & can i go swimming tomorrow",
            ["is wine ok tonight", "can i go swimming tomorrow"],
        ),
        ("sunbed later + a facial on friday?", ["sunbed later", "a facial on friday"]),
        # a joining word in the middle of a sentence starts the next question
        (
            "can i wear mascara tomorrow btw is a facial ok next week",
            ["can i wear mascara tomorrow", "btw is a facial ok next week"],
        ),
        # a part that only says more is coming belongs to nothing
        (
            "can i sleep on my side tonight. oh and one more thing, when will i see a difference",
            ["can i sleep on my side tonight", "when will i see a difference"],
        ),
        (
            "je peux faire du sport demain ? au fait, je peux boire du vin ce soir ?",
            ["je peux faire du sport demain", "je peux boire du vin ce soir"],
        ),
        # a new sentence is a new question
        (
            "Swelling has gone down. Is it fine to fly on Sunday",
            ["swelling has gone down", "is it fine to fly on sunday"],
        ),
    ],
)
def test_a_message_is_cut_into_its_questions(text: str, pieces: list[str]) -> None:
    assert split_questions(text, JOINS) == pieces


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("is wine ok tonight & can i go swimming tomorrow", ("alcohol", "exercise_gym")),
        (
            "can i put foundation on tomorrow btw is a facial ok next week",
            ("makeup_skincare_washing", "facials_other_treatments"),
        ),
        (
            "can i sleep on my side tonight. oh and one more thing, when will i see a difference",
            ("sleeping_position", "when_results_appear"),
        ),
        (
            "im off to a wedding saturday, will the results show by then? plus can i drink "
            "champagne",
            ("when_results_appear", "alcohol"),
        ),
        # items of a list without a question word of their own ("fly on sunday")
        (
            "is a facial ok on friday, sunbathing at the weekend and a glass of fizz tonight",
            ("facials_other_treatments", "heat_sauna_sun", "alcohol"),
        ),
        ("prosecco tonight & spin class tomorrow, both ok?", ("alcohol", "exercise_gym")),
        ("when can i swim + drink + fly", ("exercise_gym", "alcohol", "flying_travel")),
        (
            "can i have a massage or a sauna on saturday",
            ("touching_rubbing_massage", "heat_sauna_sun"),
        ),
    ],
)
def test_each_part_gets_its_own_topic(
    conversation: Conversation, text: str, expected: tuple[str, ...]
) -> None:
    (outcome,) = chat(conversation, text)
    assert topics(outcome) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "will that be alright?" is about the flight, not a question of its own
        (
            "we're flying to spain on sunday, will that be alright? and can i have a glass of "
            "wine on the plane",
            ("flying_travel", "alcohol"),
        ),
        (
            "got a small bruise by my eye, is that normal? and can i cover it with concealer",
            ("bruising", "makeup_skincare_washing"),
        ),
        # "what can I take for it?" after a sore head asks for pain relief
        (
            "my head is a bit sore since this morning, what can i take for it? and is a hot bath "
            "ok tonight",
            ("headache", "pain_relief", "heat_sauna_sun"),
        ),
        # "how long will it last?" after the toxin's own effect: how long the treatment lasts
        (
            "is the frozen feeling normal, and how long will it last?",
            ("heavy_or_frozen_feeling", "how_long_results_last"),
        ),
    ],
)
def test_a_fragment_takes_the_context_of_the_part_before(
    conversation: Conversation, text: str, expected: tuple[str, ...]
) -> None:
    (outcome,) = chat(conversation, text)
    assert topics(outcome) == expected


def test_a_part_that_only_tells_the_treatment_time_asks_nothing(
    conversation: Conversation,
) -> None:
    (outcome,) = chat(
        conversation,
        "had my forehead done at 11 this morning, can i go for a run later and is a sauna ok "
        "tomorrow",
    )
    assert topics(outcome) == ("exercise_gym", "heat_sauna_sun")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "es",
            "¿puedo ir al gimnasio mañana? por cierto, ¿puedo tomar una copa de vino esta noche?",
        ),
        ("de", "darf ich morgen ins fitnessstudio? übrigens, darf ich heute abend wein trinken?"),
        ("fr", "je peux faire du sport demain ? au fait, je peux boire du vin ce soir ?"),
        ("it", "posso andare in palestra domani? a proposito, posso bere vino stasera?"),
        ("pt", "posso ir ao ginásio amanhã? aliás, posso beber vinho hoje à noite?"),
    ],
)
def test_several_questions_in_every_shipped_language(
    conversation: Conversation, language: str, text: str
) -> None:
    (outcome,) = chat_in(conversation, language, text)
    assert topics(outcome) == ("exercise_gym", "alcohol")
    assert outcome.reply is not None and outcome.reply.language == language
