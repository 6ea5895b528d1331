"""Questions about a symptom, asked in the conditional or in Italian words that Spanish shares,
are mentions, not reports (issue 14). Wordings of our own, never an evaluation set's sentence.

* "what should I do if ..." in the conditional ("cosa dovrei fare se", "qué debería hacer si",
  "o que eu deveria fazer se", "qu'est-ce que je devrais faire si", "je fais quoi si") asks,
  like the present-tense cues already did;
* Italian "cosa" (what) is also a Spanish word ("thing"): it no longer marks a message as
  Spanish on its own, so "cosa succede se ..." is read with the Italian rules, which know it
  as a hypothetical, and not with the Spanish ones alone (``language_words``).
"""

from __future__ import annotations

import pytest

from bot.core.responder import Responder
from tests.core.triage_cases import assert_escalated, assert_not_escalated


@pytest.mark.parametrize(
    "text",
    [
        "cosa dovrei fare se mi si chiude la gola? chiedo per scrupolo",
        "che bisognerebbe fare se la palpebra scende?",
        "cosa succede se faccio fatica a respirare dopo? curiosità",
        "qué tendría que hacer si me cuesta tragar? pregunto sin más",
        "o que eu teria que fazer se a língua inchar?",
        "qu'est-ce que je devrais faire si j'ai du mal à respirer ?",
        "on fait quoi si la paupière tombe ?",
    ],
)
def test_conditional_questions_about_a_symptom_do_not_escalate(
    responder: Responder, text: str
) -> None:
    assert_not_escalated(responder, text)


@pytest.mark.parametrize(
    ("language", "text", "level"),
    [
        ("it", "che faccio? da stamattina faccio fatica a respirare", "emergency"),
        ("es", "qué hago? desde esta mañana me cuesta tragar", "emergency"),
        ("it", "è una cosa strana: la palpebra mi è scesa da ieri", "urgent"),
        ("es", "una cosa rara: se me cae el párpado desde ayer", "urgent"),
    ],
)
def test_the_same_words_as_a_report_still_escalate(
    responder: Responder, language: str, text: str, level: str
) -> None:
    assert_escalated(responder, language, text, level)
