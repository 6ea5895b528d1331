"""Someone else's collapse, fit or stopped breathing is an emergency unless it is over.

"My husband collapsed after his botox" has a third person and a past verb, the shape of a
story ("my friend's eyelid drooped after hers"). But nobody writes about a collapse with no
time given unless they are with the person or have just heard: missing it is the worst
failure the bot can have. A time long past, or a recovery ("fainted at the sight of the
needle, she's fine now"), still makes it a story.
"""

from __future__ import annotations

import pytest

from bot.core.responder import Responder
from bot.core.triage.detector import is_someone_elses_past


@pytest.mark.parametrize(
    "text",
    [
        "my husband collapsed after his botox",
        "my sister had a seizure after her tox",
        "my mum passed out after her botox this afternoon",
        "my flatmate blacked out in the kitchen after her forehead jabs",
        "my mum collapsed after her botox and the needle marks are red",
        "mi madre se desmayo despues del botox",
        "ma mere s'est evanouie apres le botox",
        "minha mae desmaiou depois do botox",
        "meine Mutter ist nach dem Botox umgekippt",
    ],
)
def test_someone_elses_collapse_with_no_time_given_is_an_emergency(
    responder: Responder, text: str
) -> None:
    assert responder.respond(text).level == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "my friend fainted when she saw the needle lol, is that common",
        "last year my friend collapsed after botox, is it safe?",
        "my cousin passed out at her appointment but she was fine after a biscuit",
        "my mate fainted at hers, shes fine now",
        "my aunt blacked out during her first session, needles freak her out",
    ],
)
def test_a_collapse_long_past_or_over_stays_a_story(responder: Responder, text: str) -> None:
    assert responder.respond(text).kind != "escalation"


def test_a_brow_that_collapsed_is_not_a_collapse() -> None:
    assert is_someone_elses_past("my friends brow collapsed after hers")
    assert not is_someone_elses_past("my friend collapsed after hers")


@pytest.mark.parametrize(
    "text",
    [
        "my friend's throat swelled up after hers, could that happen to me?",
        "my sister's lips swelled up after her lip flip, is that common?",
    ],
)
def test_someone_elses_past_swelling_asked_about_is_not_an_escalation(
    responder: Responder, text: str
) -> None:
    assert responder.respond(text).kind != "escalation"


@pytest.mark.parametrize(
    "text",
    [
        "my friend told me she couldnt swallow after hers, is that common?",
        "a girl at work told me she had trouble breathing after hers",
        "my sister told me her eyelid drooped after her botox",
    ],
)
def test_a_story_someone_told_me_is_theirs(responder: Responder, text: str) -> None:
    """The "me" someone told a story to is no first-person subject."""
    assert responder.respond(text).kind != "escalation"


@pytest.mark.parametrize(
    "text",
    [
        "my husband told me my eyelid is drooping",
        "my mum told me my face looks swollen and my lips are huge",
    ],
)
def test_what_someone_told_me_about_me_now_escalates(responder: Responder, text: str) -> None:
    assert responder.respond(text).kind == "escalation"
