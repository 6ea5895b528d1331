"""After a symptom, a follow-up that asks how it goes and, in a sentence of its own, another
question without a question mark ("how long will it take to fade? and can I put concealer
over it") gets both answers, not only the symptom's course. Wordings are our own, none from
an evaluation set."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, chat_in, topics


@pytest.mark.parametrize(
    ("first", "follow", "expected"),
    [
        (
            "ive got a little bruise on my temple",
            "how long will it take to fade? and can i put concealer over it",
            ("bruising", "makeup_skincare_washing"),
        ),
    ],
)
def test_the_course_and_another_question_are_both_answered(
    conversation: Conversation, first: str, follow: str, expected: tuple[str, ...]
) -> None:
    said, asked = chat(conversation, first, follow)
    assert topics(said)[0] == expected[0]
    assert topics(asked) == expected


def test_the_course_alone_stays_the_symptom(conversation: Conversation) -> None:
    """A second sentence that asks nothing ("it's my sister's wedding saturday") leaves the
    symptom's course as the one answer."""
    _, asked = chat(
        conversation,
        "ive got a little bruise on my temple",
        "how long will it take to fade? its my sisters wedding saturday",
    )
    assert topics(asked) == ("bruising",)


def test_in_other_languages(conversation: Conversation) -> None:
    said, asked = chat_in(
        conversation,
        "es",
        "tengo un moratón pequeño en la sien",
        "cuánto tarda en irse? y puedo taparlo con maquillaje",
    )
    assert topics(said) == ("bruising",)
    assert topics(asked) == ("bruising", "makeup_skincare_washing")
