"""The safety net's reading of the clause it fired on (issue 12): grammar families that look
like a negation but report the symptom, and the ones that must stay negated.

Pure fusion: the model's scores are given, so these hold whatever the trained head says.
"""

from __future__ import annotations

import pytest

from bot.core.triage.detector import NO_FLAGS
from bot.core.understanding import FaqScores, FlagScore, RedFlagScores, TriageFusion, fuse_triage

NET = TriageFusion(emergency=0.6, urgent=0.6, stand_down=True)
LANGS = frozenset({"en", "es", "de", "fr", "it", "pt"})
NO_FAQ = FaqScores(ranked=(), out_of_scope=0.0)


def _level(flag_id: str, text: str) -> str | None:
    level = "emergency" if flag_id.startswith("E") else "urgent"
    flags = RedFlagScores((FlagScore(flag_id, level, 0.95, text),), "en")
    return fuse_triage(NO_FLAGS, flags, NO_FAQ, LANGS, NET, text).result.level


@pytest.mark.parametrize(
    ("flag_id", "text"),
    [
        # "X not Y": the negation is the alternative that did not happen
        ("U6_severe_swelling_bruising", "the puffiness is spreading not shrinking, day 4"),
        ("U4_severe_pain", "the ache is worse not better this morning"),
        # "without": what goes wrong every time, or help they now need
        ("U5_functional_asymmetry", "i cant sip my coffee from a mug without it leaking"),
        ("E4_spreading_weakness", "cant get out of the bath without my husband lifting me"),
        ("E4_spreading_weakness", "wetting myself without warning and my legs are weak"),
        # painkillers that do nothing
        ("U7_severe_headache", "ibuprofen is doing nothing for my head, throbbing for 3 days"),
        ("U7_severe_headache", "nothing works on this headache and its getting worse"),
        # a hedge is no denial
        ("E4_spreading_weakness", "cant lift my arms to brush my hair, probably not related"),
    ],
)
def test_a_negation_that_belongs_to_the_symptom_is_a_report(flag_id: str, text: str) -> None:
    assert _level(flag_id, text) is not None


@pytest.mark.parametrize(
    ("flag_id", "text"),
    [
        ("U8_allergic_skin", "itchy rash came up on my neck overnight, no problems breathing"),
        ("U8_allergic_skin", "red itchy welts on my forehead, lips and throat are fine"),
        ("U9_dizziness_local_weakness", "keep getting dizzy when i stand, no other symptoms"),
        ("U8_allergic_skin", "bumpy itchy skin on my cheeks but otherwise fine"),
    ],
)
def test_an_urgent_report_may_say_which_emergency_signs_are_absent(flag_id: str, text: str) -> None:
    assert _level(flag_id, text) == "urgent"


@pytest.mark.parametrize(
    ("flag_id", "text"),
    [
        # the same denial never carries an emergency on the model's word alone
        ("E2_allergic_reaction", "hives on my arm, no trouble breathing"),
        ("E2_allergic_reaction", "a few itchy spots, lips and tongue are fine"),
        # denials of the symptom itself stay denials
        ("U8_allergic_skin", "no rash and no itching at all"),
        ("U6_severe_swelling_bruising", "not swollen, not bruised, just curious"),
        ("U7_severe_headache", "no headache, nothing wrong"),
        ("U4_severe_pain", "not in pain, i did nothing all day"),
        ("U3_infection_signs", "no fever, no pus, otherwise fine"),
        ("U2_vision_change", "vision is not blurry, otherwise ok"),
    ],
)
def test_a_denied_symptom_stays_denied(flag_id: str, text: str) -> None:
    assert _level(flag_id, text) is None


@pytest.mark.parametrize(
    ("flag_id", "text", "level"),
    [
        ("E4_spreading_weakness", "legs like lead after a flight of stairs, always am, ok?", None),
        ("E3_breathing_speaking", "out of breath on my walk, been like that for years", None),
        ("E4_spreading_weakness", "tired legs on the hill, nothing new, can i hike", None),
        # a habit of fitness is no excuse: the change is new
        (
            "E4_spreading_weakness",
            "my legs give way on the stairs, i always have been really fit",
            "emergency",
        ),
        ("E4_spreading_weakness", "arms too weak to lift the kettle since monday", "emergency"),
    ],
)
def test_effort_the_patient_puts_down_to_habit_is_not_the_nets_alone(
    flag_id: str, text: str, level: str | None
) -> None:
    assert _level(flag_id, text) == level


def test_pain_and_headache_need_more_than_other_urgent_flags() -> None:
    """A day-one ache reads close to severe pain or headache (a fading bruise to severe
    bruising): those need 0.8, others 0.75."""
    shipped = TriageFusion()
    flags = RedFlagScores(
        (FlagScore("U7_severe_headache", "urgent", 0.77, "my head is banging since the jabs"),),
        "en",
    )
    assert fuse_triage(NO_FLAGS, flags, NO_FAQ, LANGS, shipped).result.level is None
    flags = RedFlagScores(
        (FlagScore("U2_vision_change", "urgent", 0.77, "i keep seeing two of the telly"),),
        "en",
    )
    assert fuse_triage(NO_FLAGS, flags, NO_FAQ, LANGS, shipped).result.level == "urgent"
