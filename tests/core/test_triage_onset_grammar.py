"""Grammar the red-flag reading lacked on fresh wordings (issue 12, blind10 error analysis), in
wordings of our own, each beside one in the same words that must keep its decision:

- what refused to work ("the toast would not go down") is the symptom, an opinion ("i wouldnt
  say") is not; speech sounds a mouth cannot make ("cant say my f's") are the symptom;
- novelty ("which never happens to me", "never felt like this before", "not normal for me")
  says the symptom is new, it denies nothing;
- a time the patient cannot make ("cant do thursday anymore") is about the diary;
- telling two things apart ("difference between a heavy brow and a droopy lid") is a question;
- "was mach ich, wenn ..." is a hypothetical in German;
- a clause that says something is fine lends no words to the clause beside it;
- the net does not escalate on a clause that only tells the treatment, and a severity flag
  that states its trend needs only the urgent threshold.
"""

from __future__ import annotations

import pytest

from bot.core.responder import Responder
from bot.core.triage.detector import NO_FLAGS
from bot.core.triage.hindsight import put_down_to_fitness
from bot.core.understanding import (
    FaqScores,
    FlagScore,
    RedFlagScores,
    TriageFusion,
    fuse_triage,
)

LANGS = frozenset({"en", "es", "de", "fr", "it", "pt"})
NO_FAQ = FaqScores(ranked=(), out_of_scope=0.0)


def _net_level(flag_id: str, text: str, probability: float = 0.95) -> str | None:
    """The fused level when the net alone reads ``flag_id`` in ``text`` (shipped thresholds)."""
    level = "emergency" if flag_id.startswith("E") else "urgent"
    flags = RedFlagScores((FlagScore(flag_id, level, probability, text),), "en")
    return fuse_triage(NO_FLAGS, flags, NO_FAQ, LANGS, TriageFusion(), text).result.level


@pytest.mark.parametrize(
    ("flag_id", "text"),
    [
        ("E1_swallowing", "the rice would not go down at all, i had to cough it up"),
        ("E1_swallowing", "my tablets wouldnt go down this morning however much i drank"),
        ("U5_functional_asymmetry", "my mouth droops on the left and i cant say my f's and v's"),
        (
            "U5_functional_asymmetry",
            "cant blow out a candle or say the letter p without air leaking",
        ),
        ("E3_breathing_speaking", "puffed out walking to the postbox which never happens to me"),
        ("E4_spreading_weakness", "legs like lead on the stairs, never felt like this before"),
        ("E3_breathing_speaking", "short of breath just tidying up, not normal for me at all"),
    ],
)
def test_what_refused_to_work_or_is_new_is_a_report(flag_id: str, text: str) -> None:
    assert _net_level(flag_id, text) is not None, text


@pytest.mark.parametrize(
    ("flag_id", "text"),
    [
        ("E1_swallowing", "i wouldnt say i have any trouble swallowing, just curious"),
        ("E1_swallowing", "never had any trouble swallowing after my previous sessions"),
        ("U5_functional_asymmetry", "i cant say i have noticed my smile being uneven"),
    ],
)
def test_an_opinion_or_a_plain_denial_stays_negated(flag_id: str, text: str) -> None:
    assert _net_level(flag_id, text) is None, text


def test_novelty_is_no_habit() -> None:
    assert not put_down_to_fitness("breathless on a short walk, not normal for me")
    assert put_down_to_fitness("breathless on a short walk, normal for me though")


@pytest.mark.parametrize(
    "text",
    [
        "how do i change my booking, i cant do thursday anymore",
        "wont be able to make the 11am slot, could we swap",
        "cant make it on the 9th now, sorry, can i rebook",
        "whats the difference between a heavy forehead and a dropped eyelid?",
        "difference between a swollen lip and an allergic reaction?",
        "i cant lift my brows at all, eyes open totally fine, is that the botox",
    ],
)
def test_the_diary_a_comparison_and_a_fine_clause_raise_no_flag(
    responder: Responder, text: str
) -> None:
    assert not responder.triage.assess(text).escalates, text


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("i cant do this anymore, everything feels pointless", "emergency"),
        ("theres a difference between my eyes now, one lid droops over the pupil", "urgent"),
        ("i cant open my eye properly since yesterday", "urgent"),
        ("tried to eat lunch but i cant swallow, water comes back out", "emergency"),
    ],
)
def test_the_same_words_as_a_report_still_escalate(
    responder: Responder, text: str, level: str
) -> None:
    assert responder.triage.assess(text).level == level, text


def test_what_do_i_do_if_is_a_hypothetical_in_german(responder: Responder) -> None:
    asked = "was mache ich denn wenn mein augenlid hängt? frag nur, alles gut bis jetzt"
    assert not responder.triage.assess(asked).escalates
    assert responder.triage.assess("mein augenlid hängt seit gestern").level == "urgent"


def test_a_clause_that_only_tells_the_treatment_is_no_report() -> None:
    assert _net_level("U9_dizziness_local_weakness", "had my neck done last week") is None
    assert _net_level("U9_dizziness_local_weakness", "had my neck done, now im dizzy") == "urgent"


@pytest.mark.parametrize(
    ("flag_id", "text", "level"),
    [
        ("U6_severe_swelling_bruising", "the puffiness keeps getting bigger by the hour", "urgent"),
        ("U7_severe_headache", "headache is constant and getting worse each day", "urgent"),
        ("U6_severe_swelling_bruising", "bit of puffiness by one jab spot", None),
        ("U7_severe_headache", "pounding head this evening after the jabs", None),
    ],
)
def test_a_severity_flag_that_states_its_trend_needs_the_urgent_threshold(
    flag_id: str, text: str, level: str | None
) -> None:
    assert _net_level(flag_id, text, probability=0.77) == level, text


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("raised itchy welts on my arms and my pulse keeps racing", "emergency"),
        ("hives all over her back since the jabs and shes gone really pale and woozy", "emergency"),
        ("itchy bumps on my chin, feel a bit faint too", "emergency"),
        ("itchy bumps on my chin, not dizzy or faint, breathing fine", "urgent"),
        ("pale pink itchy blotches on my forehead since this morning", "urgent"),
    ],
)
def test_an_allergic_skin_sign_with_the_circulation_is_the_severe_reaction(
    responder: Responder, text: str, level: str
) -> None:
    assert responder.assess(text).level == level, text


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("the puffiness came down overnight, all fine", None),
        ("headache is easing now after a lie down", None),
        ("the bruise hasnt gone down at all and its spreading", "urgent"),
    ],
)
def test_a_severity_sign_said_to_ease_is_no_report(text: str, level: str | None) -> None:
    assert _net_level("U6_severe_swelling_bruising", text, probability=0.9) == level, text
