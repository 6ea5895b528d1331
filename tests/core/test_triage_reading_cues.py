"""English grammar families the triage rules read (issue 12), in wordings of our own: what the
patient read about is information, not a report; "not me" rules the patient out as the
subject; "ages ago" dates a story like "years ago". Each has a report beside it in the same
words that must still escalate."""

from __future__ import annotations

import pytest

from bot.core.responder import Responder


@pytest.mark.parametrize(
    "text",
    [
        "reading the aftercare leaflet about swallowing and breathing problems made me jumpy",
        "been going through the info sheet on droopy eyelids and now im paranoid",
        "looked at your website about allergic reactions, what should i keep an eye on",
        "the one who passed out was my cousin not me, she was fine after, anyway can i drink",
        "the person with the rash at the clinic was my mum, not me",
        "my aunt had a droopy eyelid from hers ages ago, will mine be ok",
        "my colleague had trouble swallowing after hers a long time ago, is that rare",
    ],
)
def test_what_was_read_or_happened_to_someone_else_is_no_red_flag(
    responder: Responder, text: str
) -> None:
    assert not responder.triage.assess(text).escalates, text


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("i read the leaflet and now i cant swallow properly", "emergency"),
        ("i cant breathe properly, not me being dramatic", "emergency"),
        ("my mum cant breathe after her botox, its her not me", "emergency"),
        ("my eyelid has been drooping since the jabs, the leaflet said to tell you", "urgent"),
        ("had botox ages ago but my eyelid started drooping this morning", "urgent"),
    ],
)
def test_the_same_words_as_a_report_still_escalate(
    responder: Responder, text: str, level: str
) -> None:
    result = responder.triage.assess(text)
    assert result.level == level, text
