"""A headache that has lasted days is the urgent U7 in six languages, read by the rules alone,
however the days are counted ("four days running", "third day in a row", "da 4 giorni",
"há três dias") and whether the headache is named or the head is ("pounding head", "la
cabeza como en una prensa", "mal de crâne"); "not better but worse" affirms the worse
(issues 12, 14). A headache denied, over, or only a day old is no flag.

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.triage.detector import TriageDetector


@pytest.mark.parametrize(
    "text",
    [
        "throbbing head five days running now",
        "my head is pounding again, fourth day in a row",
        "its been 4 days of this headache",
        "me duele la cabeza desde hace cuatro días",
        "la cabeza me va a estallar desde hace 3 días",
        "mal de crâne depuis quatre jours",
        "j'ai mal à la tête depuis plusieurs jours",
        "mir brummt der Kopf seit vier Tagen",
        "mi fa male la testa da cinque giorni",
        "dor de cabeça há quatro dias",
        "a cabeça lateja há dois dias",
        "die Kopfschmerzen werden nicht besser, sondern schlimmer",
        "tengo la cabeza que me estalla desde hace cinco días",
        "j'ai mal au crâne depuis trois jours",
        "the headache isnt easing off but getting worse",
    ],
)
def test_a_headache_lasting_days_is_urgent(rules: TriageDetector, text: str) -> None:
    assert rules.assess(text).level == "urgent", text


@pytest.mark.parametrize(
    "text",
    [
        "no headache at all for three days now, the jabs went fine",
        "no me duele la cabeza desde hace 3 días, ya estoy bien",
        "non ho più mal di testa da due giorni",
        "the headache is not getting worse",
        "tuve dolor de cabeza el año pasado durante tres días, ¿es normal con el botox?",
        "will my forehead feel tight for a few days?",
        "had a bit of a headache the first couple of days but it has gone now",
        "la palpebra non è scesa affatto, quando arriva l'effetto?",
    ],
)
def test_no_headache_or_a_past_one_is_no_flag(rules: TriageDetector, text: str) -> None:
    assert rules.assess(text).level is None, text
