"""Text being pasted or quoted, said in the -ing form ("that was me pasting a bit of the
aftercare sheet"), takes the alarm back as "pasted from" does. Wordings are our own, none
from an evaluation set."""

from __future__ import annotations

import pytest

from bot.core.conversation import Conversation
from tests.core.chatting import chat


@pytest.mark.parametrize(
    "taken_back",
    [
        "oh sorry that was me pasting a bit of the aftercare sheet, im fine. can i wear mascara",
        "ignore that i was quoting from the website, all good here. can i wear mascara",
    ],
)
def test_pasting_takes_the_alarm_back(conversation: Conversation, taken_back: str) -> None:
    first, second = chat(conversation, "my vision has gone double", taken_back)
    assert first.reply is not None and first.reply.level is not None
    assert second.reply is not None and second.reply.level is None
