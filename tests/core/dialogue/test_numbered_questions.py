"""Questions numbered in one message ("1) ... 2) ... 3) ..."): each number opens a question
of its own, in any language.

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, topics


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "dos dudas 1) cuando puedo volver a maquillarme 2) puedo tomar paracetamol",
            ("makeup_skincare_washing", "pain_relief"),
        ),
        (
            "1) wann darf ich wieder schminken (2) darf ich eine ibuprofen nehmen",
            ("makeup_skincare_washing", "pain_relief"),
        ),
        (
            "allora 1) quando posso truccarmi 2) posso prendere un antidolorifico "
            "3) devo tornare per il controllo",
            ("makeup_skincare_washing", "pain_relief", "review_and_top_up"),
        ),
    ],
)
def test_each_numbered_question_is_answered(
    conversation: Conversation, text: str, expected: tuple[str, ...]
) -> None:
    (said,) = chat(conversation, text)
    assert topics(said) == expected
