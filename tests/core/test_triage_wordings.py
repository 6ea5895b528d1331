"""Red-flag wordings patients use that no phrasing listed, grouped by cause (issue 12).

Each group is one cause found on the held-out sets (tests/data/blind_round2, blind_round3),
fixed in general and tested here with wordings of our own, never the sets' sentences:

* a body part that "doesn't work", gags, gives out or won't lift (inability said as a verb);
* a stiff neck with confusion (an emergency, aftercare-facts U7);
* suicidal thoughts worded as a wish or an absence ("if i was gone", "stop existing");
* everyday words that are no symptom: a price "hard to swallow", a faint yellowish bruise,
  "talked me through", a ride at the fair, an EpiPen carried for years, a hot bath;
* hurting oneself at the gym and hating one's new look: no crisis, the FAQ answers;
* two clauses whose second asks in general ("how common are reactions?") ask, not report.
"""

from __future__ import annotations

import pytest

from bot.core.responder import Responder

EMERGENCIES = [
    ("E1_swallowing", "since tuesday my throat just doesnt work when i try to swallow pills"),
    ("E1_swallowing", "i gag on every sip of juice now"),
    ("E1_swallowing", "toast keeps catching in my throat since my masseter botox"),
    ("E3_breathing_speaking", "it feels like breathing through a coffee straw"),
    ("E3_breathing_speaking", "my voice has gone completely since this morning"),
    ("E3_breathing_speaking", "my tongue wont cooperate when i talk"),
    ("E3_breathing_speaking", "my words come out jumbled since the injections"),
    ("E3_breathing_speaking", "i sound like i have a mouth full of marbles"),
    ("E4_spreading_weakness", "my thighs gave out getting off the bus"),
    ("E4_spreading_weakness", "climbing stairs is impossible today"),
    ("E7_general_emergency", "my neck is stiff and i feel confused"),
    ("E7_general_emergency", "stiff neck and im so foggy i keep losing track"),
    ("E5_mental_health_crisis", "what if i just took all my tablets tonight"),
    ("E5_mental_health_crisis", "nobody would care if i was gone"),
    ("E5_mental_health_crisis", "i wish i could disappear and never come back"),
    ("E5_mental_health_crisis", "ive been thinking about ending it"),
    ("E5_mental_health_crisis", "some days i want to stop existing"),
    ("E5_mental_health_crisis", "honestly theres no point carrying on like this"),
]

URGENT = [
    ("U1_eyelid_brow_droop", "my left eyebrow has dropped right down since monday"),
    ("U1_eyelid_brow_droop", "my brow is sagging over my eye"),
    ("U1_eyelid_brow_droop", "my right lid wont lift all the way"),
    ("U1_eyelid_brow_droop", "my brow has come down over my eye since friday"),
    ("U2_vision_change", "things look smeary out of my left eye"),
    ("U2_vision_change", "im seeing dubble"),
    ("U2_vision_change", "my eye is bloodshot and sore since the crows feet"),
    ("U3_infection_signs", "yellow stuff coming out of one of the jab marks"),
    ("U3_infection_signs", "the spot above my eyebrow is angry and weepy"),
    ("U3_infection_signs", "the jab spot is warm and swollen and sore"),
    ("U4_severe_pain", "my forehead hurts more each day"),
    ("U6_severe_swelling_bruising", "my forehead has come up like a balloon"),
    ("U6_severe_swelling_bruising", "my top lip has ballooned since lunch"),
    ("U7_severe_headache", "this headache wont let up, day 3"),
    ("U7_severe_headache", "my migraine meds dont touch it"),
    ("U7_severe_headache", "headache 9/10 since the jabs"),
    ("U9_dizziness_local_weakness", "my neck gets tired so quickly since the neck jabs"),
    ("U9_dizziness_local_weakness", "no strength in my neck when i sit up in bed"),
    ("U9_dizziness_local_weakness", "my smile feels weak on one side since the forehead tox"),
]

EVERYDAY_WORDS = [
    "the price was hard to swallow tbh",
    "i was choking with laughter at my frozen forehead",
    "faint greenish bruise under my eye, day 5",
    "the nurse talked me through all of it, so lovely",
    "a few words sound a bit different after my lip flip, is that expected",
    "dizzy after the waltzers lol, ok after tox?",
    "i carry an epipen for bee stings, anything to know before my appointment?",
    "itchy scalp from hair dye, can i still have botox",
    "couldnt keep food down with a stomach bug, is botox ok next week",
    "can i have a hot bath tonight? the jab spots are a bit red",
    "2 and a half weeks and i can still see my lines",
    "gasping for a cuppa after my appointment",
    "p and b sounds come out a bit funny since my lip flip",
    "purple blotch by my eye from the jabs yesterday",
    "we ended up at the pub after my appointment, is wine ok",
    "any tips for tonight, i always end up sleeping on my face",
]

NOT_A_CRISIS = [
    "dont want to hurt myself at crossfit on thursday, how long should i wait",
    "scared of injuring myself running after the tox",
    "worried about hurting myself lifting this week",
]

BODY_IMAGE = [
    "I hate my face now",
    "i hate how i look since the botox, i feel awful",
    "my face looks awful and i hate it, i regret it so much",
]


@pytest.mark.parametrize(("flag", "text"), EMERGENCIES)
def test_new_wordings_of_an_emergency_are_emergencies(
    responder: Responder, flag: str, text: str
) -> None:
    """The rules read them (their phrasings hold the cause), and the reply says call 999."""
    assert flag in responder.triage.assess(text).flag_ids
    assert responder.respond(text).level == "emergency"


@pytest.mark.parametrize(("flag", "text"), URGENT)
def test_new_wordings_of_an_urgent_sign_escalate(
    responder: Responder, flag: str, text: str
) -> None:
    assert flag in responder.triage.assess(text).flag_ids
    assert responder.respond(text).level in {"urgent", "emergency"}


@pytest.mark.parametrize("text", EVERYDAY_WORDS)
def test_everyday_words_near_a_symptom_do_not_escalate(responder: Responder, text: str) -> None:
    assert not responder.triage.assess(text).escalates
    assert responder.respond(text).kind != "escalation"


@pytest.mark.parametrize("text", NOT_A_CRISIS)
def test_hurting_oneself_at_the_gym_is_no_crisis(responder: Responder, text: str) -> None:
    assert not responder.assess(text).escalates


@pytest.mark.parametrize("text", BODY_IMAGE)
def test_hating_a_new_look_gets_the_unhappy_with_result_answer(
    responder: Responder, text: str
) -> None:
    reply = responder.respond(text)
    assert reply.kind == "answer" and reply.topic == "unhappy_with_result_emotional"


def test_a_general_question_in_the_second_clause_asks_rather_than_reports(
    responder: Responder,
) -> None:
    """A phrasing found across two clauses ("allergic" ... "reactions") is a mention when one
    of the two is a general question; said as a report, the same words still escalate."""
    asked = responder.triage.assess("im allergic to plasters, how common are reactions to tox?")
    assert not asked.escalates
    assert "U8_allergic_skin" in {m.flag_id for m in asked.mentions}
    told = responder.triage.assess("im allergic to something, reactions all over my face")
    assert told.escalates


STORIES_AND_QUESTIONS = [
    "back in april my eyebrow drooped for a couple of weeks but it sorted itself out",
    "when i was pregnant i had terrible migraines, none since",
    "my sisters eyelid drooped after her botox, is that common?",
    "could the toxin travel and make me weak everywhere?",
    "my cousin ended up in a and e last year with a bad allergic reaction",
    "my aunt's eyelid drooped after her jabs a couple of years ago",
    "my colleague's brow dropped after hers last summer",
    "heard theres a cream for a droopy eyelid, is that true",
]

STILL_HAPPENING = [
    ("E3_breathing_speaking", "my dad is sat next to me and he's struggling to get his breath"),
    ("E2_allergic_reaction", "my wife is here with me and her tongue is swelling"),
    ("E1_swallowing", "ive always had trouble swallowing, suddenly much worse since the jabs"),
    ("E2_allergic_reaction", "my sisters lips are swelling up right now"),
    ("U1_eyelid_brow_droop", "i had botox in march and now my eyebrow has dropped"),
    ("U1_eyelid_brow_droop", "i was pregnant last year and now my eyelid is drooping"),
]


@pytest.mark.parametrize("text", STORIES_AND_QUESTIONS)
def test_a_past_episode_or_a_question_about_oneself_is_a_mention(
    responder: Responder, text: str
) -> None:
    """'back in <month>', 'sorted itself out', 'when i was pregnant', a possessive without its
    apostrophe ('my sisters eyelid') and 'could <four words> make me ...' tell or ask."""
    result = responder.triage.assess(text)
    assert not result.escalates and result.mentions


@pytest.mark.parametrize(("flag", "text"), STILL_HAPPENING)
def test_the_same_cues_with_a_symptom_now_still_escalate(
    responder: Responder, flag: str, text: str
) -> None:
    assert flag in responder.triage.assess(text).flag_ids
