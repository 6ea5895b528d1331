"""Someone else, in Spanish, German, French, Italian, Portuguese and English, read by the
rules alone (issues 12, 14): a father's or grandfather's illness told in the past is a story as a
mother's or grandmother's is (no flag); a man or a woman who does not breathe, does not
answer or is unconscious now is an emergency.

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.triage.detector import TriageDetector


@pytest.mark.parametrize(
    "text",
    [
        "mein vater hatte einen schlaganfall, darf ich mir trotzdem botox spritzen lassen?",
        "mein großvater hatte einen herzinfarkt, ist das ein problem für botox?",
        "mio nonno ha avuto un ictus, il botox per me va bene lo stesso?",
        "mio padre ha avuto un infarto, posso fare le punture?",
        "mi abuelo tuvo un ictus, ¿puedo ponerme bótox igualmente?",
        "mon grand-père a fait un AVC, est-ce que je peux quand même faire du botox ?",
        "my father-in-law had a heart attack, is botox safe for me?",
        "my granddad had a stroke, am i more at risk with tox?",
    ],
)
def test_a_mans_illness_told_in_the_past_is_a_story(rules: TriageDetector, text: str) -> None:
    assert rules.assess(text).level is None, text


@pytest.mark.parametrize(
    "text",
    [
        "mon grand-père a fait un malaise et ne répond plus",
        "mein vater ist umgekippt und reagiert nicht mehr",
        "siamo rientrati dalla spesa. mio marito è incosciente",
        "mio padre non respira",
        "mi padre no respira, que hago",
        "o meu pai não respira",
        "mio nonno è svenuto e non si sveglia",
        "mein opa hat gerade einen schlaganfall, glaube ich",
    ],
)
def test_someone_who_does_not_breathe_or_answer_now_is_an_emergency(
    rules: TriageDetector, text: str
) -> None:
    assert rules.assess(text).level == "emergency", text


@pytest.mark.parametrize(
    "text",
    [
        "non sono incosciente, so cosa faccio con il botox",
        "mia madre non respira male, è solo raffreddata",
    ],
)
def test_a_denial_or_a_mild_word_is_no_emergency(rules: TriageDetector, text: str) -> None:
    assert rules.assess(text).level != "emergency", text
