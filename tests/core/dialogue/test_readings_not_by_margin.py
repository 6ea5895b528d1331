"""Follow-ups whose reading used to hang on a score margin of the model (issue 14: a change
of the FAQ head's training order moved them): Italian "poi" (then) is filler as "dann",
"entonces" and "then" are, so "e se poi ancora non ..." is a failing condition; "lentes de
contacto" is a Spanish wording of dry eyes, not of touching the face; a message pointing back
that takes next to nothing from the last topic ("is it normal to feel like that?") stays on
it however surely its generic words read alone.

Wordings are our own, none from an evaluation set or the training data."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat, chat_in, topics


@pytest.mark.parametrize(
    ("first", "failing"),
    [
        ("in quanto tempo fa effetto?", "e se poi ancora non si vede?"),
        ("quando vedro la differenza?", "e se poi non la vedo ancora?"),
    ],
)
def test_italian_then_in_a_failing_condition(
    conversation: Conversation, first: str, failing: str
) -> None:
    asked, then = chat_in(conversation, "it", first, failing)
    assert topics(asked) == ("when_results_appear",)
    assert topics(then) == ("not_working_after_two_weeks",)


def test_spanish_contact_lenses_after_dry_eyes(conversation: Conversation) -> None:
    asked, then = chat_in(
        conversation,
        "es",
        "tengo la vista seca y me arden los ojos",
        "y los lentes de contacto los puedo usar?",
    )
    assert topics(asked) == ("eye_dry_watery_vision",)
    assert topics(then) == ("eye_dry_watery_vision",)


@pytest.mark.parametrize(
    "text",
    [
        "se pueden usar lentes de contacto despues del botox?",
        "puedo ponerme lentes de contacto hoy?",
    ],
)
def test_spanish_contact_lenses_alone_are_the_eyes(conversation: Conversation, text: str) -> None:
    (reply,) = chat_in(conversation, "es", text)
    assert topics(reply) == ("eye_dry_watery_vision",)


def test_feeling_like_that_after_disappointment(conversation: Conversation) -> None:
    _, then = chat(
        conversation,
        "honestly so disappointed with how my face looks now",
        "is it normal to feel like that?",
    )
    assert topics(then) == ("unhappy_with_result_emotional",)
