"""Benign shapes that used to escalate, in six languages (issues 12 and 14), each beside its
real counterpart, which still escalates: a phrasing's words gathered across two clauses out
of its order ("mal de tête / ça passe avec un café" is no "café passe mal"), an illness over
and the patient well again ("ya estoy bien", "wieder fit"), a relative's illness years ago
read by a neighbour language's rules, a condition set in a time to come ("si algún día"),
a dizzy spell that quickly got better, and "fit" meaning healthy.

Wordings are our own, none from an evaluation set or the probe set.
"""

from __future__ import annotations

import pytest

from bot.core.triage.detector import TriageDetector, _in_order_per_clause


@pytest.mark.parametrize(
    "text",
    [
        # a phrasing's words across two clauses, out of its order
        "j'avais un peu mal au crâne ce matin, ça passe tranquillement avec une tisane",
        "mal de tête hier soir, là ça passe doucement avec de l'eau et du repos",
        # an illness some days ago, the patient well again now
        "hace unos días tuve fiebre con la gripe, ahora me encuentro bien, ¿puedo ir el lunes?",
        "vor ein paar Tagen hatte ich Fieber, inzwischen bin ich wieder gesund, passt der Termin?",
        "la semaine dernière de la fièvre à cause d'une angine, c'est fini, je viens jeudi ?",
        "qualche giorno fa avevo la febbre per l'influenza, adesso sto bene, vengo lunedì?",
        "na semana passada tive febre com gripe, agora estou bem, posso ir segunda?",
        # a relative's illness years ago, in words a neighbour language also uses
        "mio nonno ebbe un ictus tanti anni fa, è un problema per il botox?",
        "meine Oma hatte 2015 einen Schlaganfall, ist Botox für mich ok?",
        # a condition set in a time to come
        "si alguna vez me cuesta tragar después del bótox, ¿qué hago?",
        # a dizzy spell that quickly got better
        "j'ai eu un léger vertige en me levant du fauteuil mais je suis allée vite mieux",
        # fit as in healthy, or a slot in the diary
        "feeling really fit again since the cold cleared, can i book my review?",
        "could you fit me in on tuesday for the top up",
    ],
)
def test_benign_shape_does_not_escalate(rules: TriageDetector, text: str) -> None:
    assert rules.assess(text).level is None


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # the same words said in a phrasing's order, or in one clause, still escalate
        ("le café passe mal depuis ce matin", "emergency"),
        ("depuis hier soir, l'eau passe mal, je m'étouffe", "emergency"),
        # fever still there now, or back
        (
            "la semana pasada tuve fiebre y ahora vuelvo a tener fiebre con la zona roja",
            "emergency",
        ),
        ("letzte Woche hatte ich Fieber und jetzt ist es wieder da", "urgent"),
        # a relative's stroke now, not years ago
        ("mio padre sta avendo un ictus adesso", "emergency"),
        ("mein Vater hat gerade einen Schlaganfall", "emergency"),
        # a condition now, not in a time to come
        ("me cuesta tragar desde esta mañana", "emergency"),
        # dizziness that goes on
        ("j'ai des vertiges depuis ce matin et ça ne va pas mieux", "urgent"),
        # a fit is a seizure
        ("my husband just had a fit and isnt waking up properly", "emergency"),
        # a sign combination of $concepts keeps any order across two clauses
        ("the redness keeps spreading, i have a fever of 39", "emergency"),
    ],
)
def test_real_counterpart_still_escalates(rules: TriageDetector, text: str, level: str) -> None:
    assert rules.assess(text).level == level


def test_order_is_read_per_clause() -> None:
    owner = [0, 0, 1, 1]
    assert _in_order_per_clause([1, 2, 3], owner)  # each clause's words in order
    assert _in_order_per_clause([2, 0, 3], owner)  # clauses may swap; each stays in order
    assert not _in_order_per_clause([3, 2, 0], owner)  # second clause's words reversed
