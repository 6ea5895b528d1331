"""The rules read the shapes of benign messages that used to escalate as what they are, in
six languages (issues 12 and 14): an aside that hands over news, a hypothetical framed
beyond "what if", an old story, a sign over at the time, a collapse onto the sofa, a room
too hot, and a name that holds a sign's word (a cold sore, hay fever, a tight top). Each
shape's real counterpart, said now, still escalates at its level.

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.triage.aside import without_aside
from bot.core.triage.detector import TriageDetector
from bot.core.triage.everyday_scene import everyday_scene
from bot.core.triage.named_else import without_other_names


# An aside is cut where a hypothetical would be read, and only an aside.
@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("in case it helps my tongue feels huge", "en"),
        ("por si te sirve me cuesta tragar", "es"),
        ("falls es relevant ist ich sehe doppelt", "de"),
        ("au cas ou ca compte je vois flou", "fr"),
        ("nel caso fosse utile non riesco a deglutire", "it"),
        ("caso ajude nao consigo engolir", "pt"),
    ],
)
def test_an_aside_is_held_out_of_the_hypothetical_reading(text: str, language: str) -> None:
    held = without_aside(text, language)
    assert "qqaside" in held
    assert len(held.split()) == len(text.split())  # cues keep their word positions


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("in case my tongue swells what do i do", "en"),
        ("por si se me hincha la lengua", "es"),
        ("falls ich doppelt sehe", "de"),
        ("au cas ou je vois flou", "fr"),
    ],
)
def test_a_hypothetical_case_is_no_aside(text: str, language: str) -> None:
    assert without_aside(text, language) == text


REPORTED_AFTER_AN_ASIDE = [
    "por si te sirve saberlo: se me está hinchando la garganta",
    "falls es hilft: meine Zunge wird immer dicker und ich krieg kaum Luft",
    "nel caso possa servire: ho le labbra gonfie e respiro a fatica",
    "caso seja importante: a minha língua está a inchar",
    "au cas où ça aide : mes lèvres gonflent et j'ai du mal à respirer",
]


@pytest.mark.parametrize("text", REPORTED_AFTER_AN_ASIDE)
def test_a_sign_reported_after_an_aside_escalates(rules: TriageDetector, text: str) -> None:
    assert rules.assess(text).level == "emergency"


ASKED = [
    "say my cheek went hot and red, do i phone you or my gp?",
    "supongamos que me salen ronchas, ¿os llamo?",
    "pongamos que se me cae la ceja, qué hago",
    "nehmen wir an, ich bekomme Quaddeln, ruf ich dann an?",
    "poniamo che mi venga un'eruzione, vi chiamo?",
    "supponiamo che mi cada la palpebra, cosa faccio?",
    "vamos supor que me aparece urticária, ligo para quem?",
]


OLD_STORIES = [
    "my brother passed out at his covid jab years ago and now he wants to try botox, ok?",
    "had a rash from a face cream 3 yrs ago, all fine since, can i still book in?",
    "mi tía tuvo una reacción alérgica hace muchísimos años, importa?",
    "mein Opa hatte letzten Sommer einen Schlaganfall, darf ich trotzdem?",
    "ma tante a fait un AVC dans les années 2000, ça joue pour moi ?",
    "mia zia ha avuto un ictus negli anni 90, posso farlo?",
    "a minha tia teve um AVC há muito tempo, posso fazer botox?",
]


OVER_AT_THE_TIME = [
    "got dizzy on the way out of the clinic but i was fine after a sit down",
    "a bit woozy standing up, it passed in seconds, totally normal since",
    "kurz schwindelig im Stuhl, aber danach war alles wieder gut",
    "un po' di capogiro sul lettino, poi è passato in un attimo",
    "fiquei tonta ao sair, mas passou em segundos",
]


EVERYDAY_SCENES = [
    "collapsed onto the couch after a long shift, can i lie on my back?",
    "bin nach der Arbeit ins Bett zusammengebrochen, darf ich flach liegen?",
    "me desplomé en el sofá después de currar, puedo dormir boca arriba?",
    "je me suis effondrée sur le lit après cette semaine, je peux dormir à plat ?",
    "sono crollata sul letto dopo una giornata pesante",
    "this train is roasting, honestly suffocating in here",
    "on étouffe dans cette salle, la clim est en panne",
    "in der Hitze im Büro ersticke ich gleich",
    "con este calor en el bus me ahogo",
    "que calor, estou sufocando neste quarto",
]


OTHER_NAMES = [
    "what can i put on a cold sore after lip filler",
    "fever blister popped up, ok to use abreva after botox?",
    "tengo una calentura en el labio, me afecta al botox?",
    "j'ai un bouton de fièvre, je peux faire mon rappel ?",
    "ho la febbre sul labbro, posso fare il ritocco?",
    "tenho uma bolha de febre no lábio, posso fazer botox?",
    "hay fever's awful today, any antihistamine ok?",
    "had my neck done, is a tight collar ok for work?",
    "my throat is a bit raw, blocked nose too, just a cold",
]


BENIGN = {
    "supposition": ASKED,
    "old story": OLD_STORIES,
    "over at the time": OVER_AT_THE_TIME,
    "everyday scene": EVERYDAY_SCENES,
    "other name": OTHER_NAMES,
}


@pytest.mark.parametrize(
    ("shape", "text"), [(shape, text) for shape, texts in BENIGN.items() for text in texts]
)
def test_each_benign_shape_is_no_report(rules: TriageDetector, shape: str, text: str) -> None:
    """A supposition is asked, an old story told, a brief sign over at the time, an everyday
    scene a figure of speech, and a name holding a sign's word no sign."""
    assert rules.assess(text).level is None, shape


def test_names_are_cut_but_a_real_fever_beside_them_stays() -> None:
    assert "fever" not in without_other_names("fever blisters on my lip")
    assert "tight" not in without_other_names("wear a tight top")
    assert "tight" in without_other_names("my throat feels tight")


STILL_ESCALATES = [
    ("my husband collapsed on the sofa and we cant wake him", "emergency"),
    ("collapsed on the sofa after my botox and i still cant get up", "emergency"),
    ("so hot in here and im suffocating, my throat feels tight", "emergency"),
    ("cold sore on my lip and now a fever of 39 with the forehead hot and red", "urgent"),
    ("dizzy in the chair, fine after, but still dizzy tonight", "urgent"),
    ("my mum had a stroke years ago and now she's slurring since lunch", "emergency"),
    ("in case it matters my lips are swelling up", "emergency"),
    ("my neck feels tight and my throat is closing", "emergency"),
]


@pytest.mark.parametrize(("text", "level"), STILL_ESCALATES)
def test_the_real_sign_beside_these_shapes_still_escalates(
    rules: TriageDetector, text: str, level: str
) -> None:
    assert rules.assess(text).level == level


def test_the_scene_reader_keeps_to_its_two_flags() -> None:
    assert everyday_scene("E7_general_emergency", "collapsed on the sofa", "collapsed on the sofa")
    assert not everyday_scene("E1_swallowing", "collapsed on the sofa", "collapsed on the sofa")
    assert not everyday_scene(
        "E7_general_emergency", "she collapsed on the sofa", "she collapsed on the sofa"
    )
    assert not everyday_scene("E3_breathing_speaking", "suffocating", "suffocating since noon")
