"""Red-flag triage: never miss an emergency, rarely cry wolf.

Labelled decks below state the rules one by one; the safety evaluation set
(tests/data/triage_eval.jsonl, written independently of red_flags.yaml) holds the figures
to their targets and prints them with a table of every miss. Reproduce with
``aftercare-bot eval tests/data/triage_eval.jsonl --misses``.
"""

from __future__ import annotations

import pytest

from bot.core.evaluation import evaluate_triage, load_examples, miss_table
from bot.core.knowledge import EMERGENCY_LANGUAGES, Knowledge
from bot.core.responder import Responder
from tests.conftest import DATA

EVAL = DATA / "triage_eval.jsonl"

MUST_BE_EMERGENCY = [
    "I can't swallow properly",
    "cant swallw",
    "swallowing is really hard since this morning",
    "IT IS HARD TO SWALLOW",
    "had tox 3 weeks ago and now food keeps getting stuck when i swallow",
    "hi! quick one about makeup, also my throat feels tight and my tongue is swelling 😳",
    "not sure if my throat is swelling",
    "i can't say my throat isn't swelling, it feels thicker",
    "my mum can't breathe after her botox",
    "no fever but I can't swallow properly",
    "when can i go to the gym? also i'm struggling to breathe",
    "my arms and legs feel weak and it's spreading",
    "i want to die, i look horrible",
    "fever of 39, my heart is racing and i feel confused",
    "my voice has gone hoarse suddenly and my words are slurred",
    "suddenly can't see out of my left eye",
    "no puedo respirar",
    "ich kann nicht schlucken",
    "je n'arrive pas à respirer",
    "не могу глотать",
]

MUST_BE_URGENT_OR_HIGHER = [
    "my eyelid is drooping",
    "eye lid dropping since yesterday",
    "seeing double since botox",
    "no fever but pus coming out of one spot",
    "the pain is getting worse every day",
    "drooling since my lip flip, cant keep water in my mouth",
    "massive bruise spreading across my cheek",
    "headache getting worse and painkillers aren't helping",
    "hives on my face but breathing fine",
    "dizzy since botox",
]

MUST_NOT_ESCALATE = [
    "no trouble breathing, can I work out?",
    "no trouble breathing or swallowing, when can I work out?",
    "swallowing is fine, just a bit of a headache",
    "what should I do if my eyelid droops?",
    "can botox cause breathing problems?",
    "dying to know when it kicks in",
    "the price is a lot to swallow",
    "my friend's eyelid drooped after hers last year",
    "i can't say i've had any trouble swallowing, just curious about the gym",
    "last year I had a droopy eye after tox but it's fine now",
    "tiny bruise near my eye",
    "slight headache day 1",
    "little bumps like mosquito bites",
    "my forehead feels heavy",
    "can't frown anymore lol",
    "can i drink through a straw after a lip flip?",
    "weak coffee ok after botox?",
    "is infection common with botox?",
    "puedo respirar bien, ¿puedo ir al gimnasio?",
    "breathing is fine, just my nose is blocked from a cold",
]


@pytest.mark.parametrize("message", MUST_BE_EMERGENCY)
def test_emergencies_are_escalated(responder: Responder, message: str) -> None:
    reply = responder.respond(message)
    assert reply.kind == "escalation"
    assert reply.level == "emergency"
    assert reply.text.startswith("Call 999 now.") or "Call 999 now." in reply.text


@pytest.mark.parametrize("message", MUST_BE_URGENT_OR_HIGHER)
def test_urgent_signs_are_escalated(responder: Responder, message: str) -> None:
    reply = responder.respond(message)
    assert reply.kind == "escalation", reply.text
    assert reply.level in {"urgent", "emergency"}


@pytest.mark.parametrize("message", MUST_NOT_ESCALATE)
def test_benign_messages_are_not_escalated(responder: Responder, message: str) -> None:
    assert responder.respond(message).kind != "escalation"


def test_the_highest_level_wins_and_the_reply_names_what_was_recognised(
    responder: Responder,
) -> None:
    reply = responder.respond("my eyelid is drooping and now I can't swallow")
    assert reply.level == "emergency"
    assert reply.flags[0] == "E1_swallowing"
    assert "U1_eyelid_brow_droop" in reply.flags
    assert "You mentioned: trouble swallowing" in reply.text


def test_an_emergency_reply_leads_with_the_action_and_ends_with_the_clinic(
    responder: Responder,
) -> None:
    reply = responder.respond("my throat is closing up")
    first_line = reply.text.splitlines()[0]
    assert first_line == "Call 999 now."
    assert reply.html.startswith("<b>Call 999 now.</b>")
    assert reply.text.rstrip().endswith("020 7946 0000.")


def test_an_urgent_reply_gives_a_same_day_route_when_the_clinic_is_closed(
    responder: Responder,
) -> None:
    reply = responder.respond("my eyelid is drooping")
    assert reply.level == "urgent"
    assert reply.text.startswith("Please contact your practitioner today.")
    assert "07700 900000" in reply.text and "NHS 111" in reply.text
    assert "999" in reply.text  # what would make it an emergency


def test_a_non_english_emergency_is_answered_in_that_language_and_in_english(
    responder: Responder,
) -> None:
    reply = responder.respond("no puedo respirar")
    assert reply.text.startswith("Llame al 999 ahora.")
    assert "Call 999 now." in reply.text


def test_an_emergency_outranks_an_faq_question(responder: Responder) -> None:
    reply = responder.respond("can I go to the gym tonight? I can't breathe properly")
    assert reply.kind == "escalation"


def test_an_information_question_about_an_emergency_sign_carries_a_safety_note(
    responder: Responder,
) -> None:
    reply = responder.respond("can botox cause breathing problems?")
    assert reply.kind != "escalation"
    if reply.kind == "answer":
        assert "call 999" in reply.text.lower()


def test_a_group_reply_does_not_repeat_the_symptoms(responder: Responder) -> None:
    reply = responder.respond("I can't swallow", private=False)
    assert reply.level == "emergency"
    assert "You mentioned" not in reply.text and "swallow" not in reply.text.split("\n")[0]


def test_every_emergency_flag_speaks_five_languages(knowledge: Knowledge) -> None:
    for flag in knowledge.red_flags:
        if flag.level == "emergency":
            assert set(EMERGENCY_LANGUAGES) <= set(flag.phrasings)
            assert set(EMERGENCY_LANGUAGES) <= set(flag.message)


def test_every_flag_in_the_brief_is_present(knowledge: Knowledge) -> None:
    ids = {flag.id.split("_")[0] for flag in knowledge.red_flags}
    assert ids == {f"E{n}" for n in range(1, 8)} | {f"U{n}" for n in range(1, 10)}


def test_safety_evaluation_meets_the_targets(responder: Responder) -> None:
    examples = load_examples(EVAL)
    assert len(examples) >= 300
    report = evaluate_triage(responder, examples)
    print("\nTriage safety evaluation (tests/data/triage_eval.jsonl, all splits)")
    print("\n".join(report.lines()))
    print("\n".join(miss_table(report.misses)))
    assert report.emergency_recall == 1.0
    assert report.urgent_recall >= 0.98
    assert report.false_escalation_rate <= 0.03


@pytest.mark.parametrize(
    ("file_name", "emergency", "urgent", "false_alarms"),
    [
        # Written blind, measured once (83.3% / 87.8% / 2.3%), then used for error analysis.
        ("triage_holdout.jsonl", 0.99, 0.98, 0.02),
        # Written blind, measured once (86.6% / 88.9% / 3.8%), then used for error analysis.
        ("triage_blind2.jsonl", 0.95, 0.95, 0.03),
    ],
)
def test_later_safety_sets_do_not_regress(
    responder: Responder, file_name: str, emergency: float, urgent: float, false_alarms: float
) -> None:
    report = evaluate_triage(responder, load_examples(DATA / file_name))
    print(f"\nTriage evaluation ({file_name})")
    print("\n".join(report.lines()))
    print("\n".join(miss_table(report.misses)))
    assert report.emergency_recall >= emergency
    assert report.urgent_recall >= urgent
    assert report.false_escalation_rate <= false_alarms
