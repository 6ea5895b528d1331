"""Residual triage errors from the held-out sets, fixed by cause (issue 12).

Each group is one cause, tested with wordings of our own (never the sets' sentences), in
English and in the other shipped languages where the cause exists there too:

* a retraction: "thought i was having a reaction, but it was the new cream" takes it back;
* a sign that healed some time ago ("my fever last week has gone, can i come in?");
* someone else's event, then "could that happen to me?": a story and a question;
* breathlessness the patient puts down to being unfit (the learned net alone fired);
* Italian "peggiora" (gets worse) is not "il peggior mal di testa" (the worst headache);
* Portuguese "caso fique tonta" (in case I get dizzy) asks, it does not report;
* soreness that the next clause says is worse, an eye swollen nearly shut: urgent;
* German slurring in the third person ("er lallt"), not only "ich lalle": an emergency.
"""

from __future__ import annotations

import pytest

from bot.core.responder import Responder
from bot.core.triage.hindsight import healed, put_down_to_fitness, taken_back

RETRACTED = [
    "i thought my lips were swelling up but it was only the cold weather, all good now",
    "was convinced my eyelid had dropped, turns out i was just knackered",
    "i panicked that i had hives but it was just the hot shower, gone in minutes",
    "pensé que tenía la garganta hinchada pero era solo un resfriado",
    "ich dachte, mein Augenlid hängt, aber es war nur die Müdigkeit",
    "je croyais faire une allergie mais c'était juste mon nouveau savon",
    "pensavo di avere l'orticaria ma era solo la crema nuova",
    "achei que tinha urticária mas era só do sabonete novo",
]

# Still reports: the belief is taken back by a worse symptom, not by an explanation.
NOT_RETRACTED = [
    ("emergency", "i thought it would settle but my throat is swelling now"),
    ("emergency", "i thought i was fine, now my tongue is getting bigger"),
    ("emergency", "thought my throat was just tight, it is really closing up now"),
]

HEALED = [
    "had a fever a couple of weeks ago, its all gone, can i have my top up",
    "the cold sore i had last month has completely healed, ok to book my lip flip?",
    "tuve fiebre la semana pasada, ya se me pasó, ¿puedo ir a la cita?",
    "ich hatte vor zwei Wochen Fieber, das ist weg, kann ich den Termin behalten?",
    "tive febre na semana passada, já passou, posso manter a marcação?",
]

NOT_HEALED = [
    "had a fever last week and its still there, the jab spots are red",
    "i had a fever a few days ago and its back again today",
]

SOMEONE_ELSES_QUESTION = [
    "my cousin went blind in one eye after lip filler, could that happen with botox?",
    "my neighbour lost her sight for a day after filler, can botox do that?",
    "mi prima perdió la vista de un ojo con el relleno, ¿me puede pasar con botox?",
    "mon amie a perdu la vue d'un oeil après du filler, ça peut m'arriver avec le botox ?",
    "a minha prima perdeu a visão de um olho com preenchimento, pode acontecer com botox?",
]

STILL_EMERGENCIES = [
    "my husband collapsed after his botox, is that normal?",
    "my mum cant breathe after her botox this morning, what do i do",
]

UNFIT = [
    "always puffed out after a run because im so unfit, fine to go jogging after tox?",
    "out of breath on the hills but im really out of shape, can i still hike this weekend",
    "im unfit and get out of breath on the stairs, can i do my step class after botox",
]

ITALIAN_WORSENING = [
    "il mal di testa peggiora di giorno in giorno",
    "mal di testa che peggiora, sono al terzo giorno",
]

WORSE_LATER = [
    "my forehead was tender on day one? well its day 4 and its actually worse",
    "the ache above my brow should have settled by now. its even worse today",
    "the bruise near my eye was small at first. its getting worse now",
]

SWOLLEN_SHUT = [
    "so much swelling above my eye its almost closed",
    "my left eye is nearly shut with the swelling from yesterday",
    "the puffiness is that bad i can barely open my eye",
    "tengo el ojo casi cerrado de la hinchazón",
    "ho l'occhio quasi chiuso per il gonfiore",
    "estou com o olho quase fechado de tão inchado",
]


@pytest.mark.parametrize("text", RETRACTED)
def test_a_retracted_symptom_does_not_escalate(responder: Responder, text: str) -> None:
    assert not responder.triage.assess(text).escalates
    assert responder.respond(text).level is None


@pytest.mark.parametrize(("level", "text"), NOT_RETRACTED)
def test_a_worse_symptom_after_a_belief_still_escalates(
    responder: Responder, level: str, text: str
) -> None:
    assert responder.respond(text).level == level


@pytest.mark.parametrize("text", HEALED)
def test_a_sign_healed_weeks_ago_does_not_escalate(responder: Responder, text: str) -> None:
    assert not responder.triage.assess(text).escalates
    assert responder.respond(text).level is None


@pytest.mark.parametrize("text", NOT_HEALED)
def test_a_sign_still_there_or_back_escalates(responder: Responder, text: str) -> None:
    assert responder.respond(text).level in {"urgent", "emergency"}


@pytest.mark.parametrize("text", SOMEONE_ELSES_QUESTION)
def test_someone_elses_event_then_could_it_happen_to_me_is_a_question(
    responder: Responder, text: str
) -> None:
    result = responder.triage.assess(text)
    assert not result.escalates
    assert result.mentions  # the symptom is still seen, as a mention
    assert responder.respond(text).level is None


@pytest.mark.parametrize("text", STILL_EMERGENCIES)
def test_someone_elses_emergency_now_still_escalates(responder: Responder, text: str) -> None:
    assert responder.respond(text).level == "emergency"


@pytest.mark.parametrize("text", UNFIT)
def test_breathless_because_unfit_is_no_emergency(responder: Responder, text: str) -> None:
    assert responder.respond(text).level is None


def test_breathless_at_rest_still_an_emergency(responder: Responder) -> None:
    assert responder.respond("im out of breath just sitting on the sofa since the botox").level == (
        "emergency"
    )


@pytest.mark.parametrize("text", ITALIAN_WORSENING)
def test_italian_getting_worse_is_urgent_not_the_worst_headache(
    responder: Responder, text: str
) -> None:
    result = responder.triage.assess(text)
    assert result.level == "urgent"
    assert "U7_severe_headache" in result.flag_ids


def test_italian_worst_headache_of_my_life_is_still_an_emergency(responder: Responder) -> None:
    assert responder.respond("è il peggior mal di testa che abbia mai avuto").level == "emergency"


def test_portuguese_in_case_i_get_dizzy_asks(responder: Responder) -> None:
    text = "o meu marido vai levar-me de carro, caso eu fique tonta depois"
    assert not responder.triage.assess(text).escalates


@pytest.mark.parametrize("text", WORSE_LATER)
def test_worse_in_the_next_clause_escalates(responder: Responder, text: str) -> None:
    assert responder.respond(text).level in {"urgent", "emergency"}


@pytest.mark.parametrize("text", SWOLLEN_SHUT)
def test_an_eye_swollen_nearly_shut_is_urgent(responder: Responder, text: str) -> None:
    assert "U6_severe_swelling_bruising" in responder.triage.assess(text).flag_ids
    assert responder.respond(text).level in {"urgent", "emergency"}


def test_nearly_shutting_an_eye_in_a_door_is_no_swelling(responder: Responder) -> None:
    assert not responder.triage.assess("i nearly shut my eye in the car door lol").escalates


def test_the_cues_themselves() -> None:
    assert taken_back(["i thought it was hives", "it was just a rash"]) == {0}
    assert taken_back(["i thought it was hives", "now my throat is closing"]) == set()
    assert healed("my fever last week", "its gone now")
    assert not healed("my fever last week", "its not gone")
    assert not healed("my eyelid has dropped", "since last week")
    assert put_down_to_fitness("out of breath but im unfit lol")
    assert not put_down_to_fitness("out of breath sitting down")


GERMAN_SLURRING = [
    "mein Mann lallt seit dem Aufwachen",
    "sie lallt auf einmal und redet wirr",
    "meine Mutter spricht ganz lallend seit der Spritze",
    "ich lalle seit heute früh",
]


@pytest.mark.parametrize("text", GERMAN_SLURRING)
def test_german_slurred_speech_in_any_person_is_an_emergency(
    responder: Responder, text: str
) -> None:
    assert "E3_breathing_speaking" in responder.triage.assess(text).flag_ids
    assert responder.respond(text).level == "emergency"
