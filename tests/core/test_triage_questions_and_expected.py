"""Questions about a sign, and effects aftercare-facts expects of the treatment named (issue
12), in our own wordings, each beside a report in the same words that must still escalate."""

from __future__ import annotations

import pytest

from bot.core.responder import Responder


@pytest.mark.parametrize(
    "text",
    [
        # questions about a sign: what to watch for, how it would look, whether botox could
        # bring it on, whether two signs are the same, "the X thing" as a topic
        "the nurse told me to watch for swelling, what does that look like",
        "would an infected spot feel hot or just look red",
        "does tox wear off and could it give me a droopy lid",
        "is that the same as an eyelid dropping?",
        "and the eyelid drooping thing?",
        # expected of the treatment named (aftercare-facts 3.26, 3.27)
        "some words sound slightly off since my lip flip, m sounds mainly",
        "brows have dropped a little since the forehead jabs but my eyes open fine",
    ],
)
def test_questions_and_expected_effects_do_not_escalate(responder: Responder, text: str) -> None:
    assert responder.triage.assess(text).level is None


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("my eyelid is drooping since this morning", "urgent"),
        ("would you say this is a droopy eyelid, it came on today", "urgent"),
        ("since my lip flip my speech is slurred and i sound drunk", "emergency"),
        ("lip flip last week, some words sound odd and its hard to breathe", "emergency"),
        ("my brow has dropped right down over my eye and i cant see properly", "urgent"),
    ],
)
def test_reports_in_the_same_words_still_escalate(
    responder: Responder, text: str, level: str
) -> None:
    assert responder.triage.assess(text).level == level


@pytest.mark.parametrize(
    "text",
    [
        # whether the treatment can do something to the body
        "could tox over many years weaken my forehead muscles for good",
        # how to keep a mild sign from worsening, asked in the clause after it
        "small bruise by my eye, how can i stop it getting worse before friday",
        # someone else's history long ago, with an age that is now
        "my son had a fit as a baby, hes 19 now, can he still get botox one day",
    ],
)
def test_more_questions_and_old_stories_do_not_escalate(responder: Responder, text: str) -> None:
    assert responder.triage.assess(text).level is None


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("my son is having a fit right now", "emergency"),
        ("bruise by my eye is getting worse every hour, how can i stop it", "urgent"),
        ("my workmate cant breathe properly after her jabs", "emergency"),
    ],
)
def test_the_same_signs_now_still_escalate(responder: Responder, text: str, level: str) -> None:
    assert responder.triage.assess(text).level == level
