"""A long-standing condition told with a question about the treatment, and a blurry picture,
are no red flags (issue 12; own wordings); the same signs, new or changed, still escalate."""

from __future__ import annotations

import pytest

from bot.core.responder import Responder


@pytest.mark.parametrize(
    "text",
    [
        "ive had a weak grip in both hands for years, does that matter for tox",
        "i've always struggled a bit with swallowing big tablets, should i tell the nurse",
        "had breathing problems since an operation years ago, can i still have it done",
        "the picture on your website is blurry, where do i find the price list",
        "my selfie came out really blurry haha, can i send another",
    ],
)
def test_history_and_pictures_do_not_escalate(responder: Responder, text: str) -> None:
    assert responder.triage.assess(text).level is None


@pytest.mark.parametrize(
    ("text", "level"),
    [
        (
            "always had a weak grip but since the botox my arms are weak too, should i tell them",
            "emergency",
        ),
        (
            "ive had trouble swallowing for years and its worse today, can i still have tox",
            "emergency",
        ),
        ("cant swallow properly since this morning, should i tell the clinic", "emergency"),
        ("the screen looks blurry to me since my jabs", "urgent"),
    ],
)
def test_a_changed_history_or_a_blurry_view_still_escalates(
    responder: Responder, text: str, level: str
) -> None:
    assert responder.triage.assess(text).level == level
