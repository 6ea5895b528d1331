"""Red-flag words said as a figure of speech are no red flag; the same words beside a real
symptom still escalate (issue 12, ``bot/core/triage/figurative.py``).

Money or news talk ("that price is hard to swallow"), laughter ("lol", "😂", "jaja", "mdr",
"kkkk") and an effort ("out of breath after my 5k") make choking, breath and collapse words a
figure of speech, in every shipped language, whatever the idiom. A body, a time, rest or "not
funny" beside them keeps the red flag; a crisis is never laughed off.

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.responder import Responder
from bot.core.triage.figurative import figurative, laughs

FIGURES_OF_SPEECH = [
    "the quote for the full face package is hard to swallow tbh",
    "i choked a bit when i saw what they charge for lips",
    "my bank balance cant breathe after that appointment lol",
    "the invoice nearly took my breath away haha, is there a payment plan",
    "choked at the total, is there any discount for returning clients lol",
    "my card nearly had a stroke at the till haha",
    "i cant breathe 😂 my husband says i look like spock",
    "lmao i literally cant breathe, my eyebrows look so surprised",
    "im choking lmao my fringe hides all my results",
    "out of breath after my 5k this morning, is running ok 3 days after botox?",
    "got a bit breathless at spin class, normal to be back at the gym this soon?",
    "out of breath from running for the bus, is it ok to exercise after botox",
    "bit breathless climbing the hill on my walk, is walking fine after tox",
    "jaja el precio me dejó sin aliento, ¿aceptan pago a plazos?",
    "haha der Preis hat mir den Atem geraubt, gibt es Ratenzahlung",
    "mdr le prix m'a coupé le souffle, vous faites des facilités de paiement ?",
    "ahah il prezzo mi ha tolto il respiro, si può pagare a rate?",
    "kkkk o preço me tirou o fôlego, dá pra parcelar?",
    "the price made me dizzy lol",
    "el precio casi me da un infarto jajaja",
    "der Preis, ich dachte ich krieg einen Herzinfarkt haha",
    "j'ai failli m'étouffer en voyant la facture mdr",
    "prezzo assurdo, mi è mancato il fiato ahah",
]


@pytest.mark.parametrize("text", FIGURES_OF_SPEECH)
def test_a_figure_of_speech_is_no_red_flag(responder: Responder, text: str) -> None:
    assert responder.respond(text).level is None


REAL_SIGNS_BESIDE_A_FIGURE = [
    ("lol cant swallow properly since yesterday", "emergency"),
    ("haha this is weird but my throat feels tight and i cant swallow my water", "emergency"),
    ("lmao ok not funny anymore i cant catch my breath sitting on the sofa", "emergency"),
    ("😂 this sounds silly but im breathless sitting in bed", "emergency"),
    ("haha i keep choking on water since friday", "emergency"),
    (
        "the price was hard to swallow but now actually swallowing is hard too, food gets stuck",
        "emergency",
    ),
    ("out of breath just sitting here watching tv, had botox friday", "emergency"),
    ("still breathless an hour after my run which never happens", "emergency"),
    ("lol i want to die, the receptionist saw me with my face all dotted", "emergency"),
    ("jaja pero en serio no puedo tragar desde ayer", "emergency"),
    ("mdr non mais sérieux j'arrive plus à avaler depuis hier", "emergency"),
    ("haha aber im Ernst ich kann seit gestern nicht mehr richtig schlucken", "emergency"),
    ("mdr j'ai du mal à respirer depuis ce matin", "emergency"),
    ("kkkk não consigo engolir direito desde ontem", "emergency"),
    ("lol i cant breathe", "emergency"),
    ("out of breath going up two stairs, had my forehead done last week", "emergency"),
    ("got breathless halfway up the hill and had to sit down", "emergency"),
    ("😂 my eyelid has dropped and now i look like a pirate, it started yesterday", "urgent"),
    # Spit and blame on the treatment: asked about, so lived, not joked
    ("haha i keep choking on my saliva, could that be from the tox?", "emergency"),
    ("lol choked on my spit twice this morning", "emergency"),
    ("jaja me ahogo con mi propia saliva, es por el botox?", "emergency"),
    ("mdr je m'étouffe avec ma salive, c'est à cause du botox ?", "emergency"),
]


@pytest.mark.parametrize(("text", "level"), REAL_SIGNS_BESIDE_A_FIGURE)
def test_a_real_sign_beside_a_figure_still_escalates(
    responder: Responder, text: str, level: str
) -> None:
    assert responder.respond(text).level == level


def test_laughter_is_read_in_every_shipped_language() -> None:
    for text in ["lol", "LMAO", "hahaha", "😂", "jajaja", "mdrrr", "kkkkk", "ahahah", "rsrsrs"]:
        assert laughs(text), text
    for text in ["hello", "thanks", "kind regards", "ok", "ha"]:
        assert not laughs(text), text


def test_only_the_figurative_flags_are_read_so() -> None:
    """A crisis or an infection laughed at or priced is still one: only choking and
    swallowing, breath and speech, collapse, stroke and heart attack are figures."""
    assert figurative(
        "E1_swallowing", "that price is hard to swallow", "that price is hard to swallow"
    )
    assert not figurative("E5_mental_health_crisis", "lol i want to die", "lol i want to die")
    assert not figurative(
        "U3_infection_signs", "the bill gave me a fever", "the bill gave me a fever"
    )


def test_effort_explains_being_winded_not_being_unable_to_breathe() -> None:
    clause = "couldnt breathe after my run"
    assert not figurative("E3_breathing_speaking", clause, clause)
