"""Italian and German reports the packs' words missed (issue 14): an arm that cannot be felt,
an eyelid or brow that drops in the present tense, and one so low the patient can hardly see,
in dialect too. Wordings of our own, never an evaluation set's sentence.

* a limb that cannot be felt, with or without speech gone strange, is the general emergency
  (E7), as English "arm numb and speech slurred" is; "non sento più dolore" (no pain any
  more) is an idiom, not numbness;
* Italian "scende", "scendono", "calano" (present tense) drop an eyelid as "è scesa" does;
* a brow or lid so low that the patient can hardly see ("kaum sehen", Bavarian "schaun") is
  U1, while a heavy brow with normal sight stays the FAQ's heavy-brow answer.
"""

from __future__ import annotations

import pytest

from bot.core.responder import Responder
from tests.core.triage_cases import assert_escalated, assert_not_escalated


@pytest.mark.parametrize(
    ("language", "text", "level"),
    [
        ("it", "da un'ora non sento più il braccio sinistro", "emergency"),
        ("it", "ho il braccio intorpidito e parlo in modo strano", "emergency"),
        ("de", "ich spüre seit vorhin meinen linken Arm nicht mehr", "emergency"),
        ("it", "la palpebra destra mi scende sempre di più da ieri", "urgent"),
        ("it", "le sopracciglia mi calano sugli occhi", "urgent"),
        ("de", "die Braue hängt so weit runter, dass ich kaum noch was sehe", "urgent"),
        ("de", "mei Lid hängt so arg, dass i kaum mehr schaun kann", "urgent"),
    ],
)
def test_reports_in_plain_words_escalate(
    responder: Responder, language: str, text: str, level: str
) -> None:
    assert_escalated(responder, language, text, level)


@pytest.mark.parametrize(
    "text",
    [
        "non sento più dolore al braccio dal vaccino, posso fare botox?",
        "il gonfiore scende piano piano, va tutto bene",
        "die Stirn fühlt sich schwer an, sehen kann ich aber normal",
        "mei Stirn is a bissl schwer, schaun kann i ganz normal",
    ],
)
def test_the_same_words_that_report_nothing_do_not_escalate(
    responder: Responder, text: str
) -> None:
    assert_not_escalated(responder, text)
