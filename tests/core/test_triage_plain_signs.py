"""Signs said in plain words (``bot.core.triage.plain_signs``), a clitic before "can", a
swallowed fact, an elliptical "too" and hives with a spinning head in every language
(issues 12/14, session 12).

Wordings are our own, none from an evaluation set: each class is checked with wordings
other than the one that showed it was missing.
"""

from __future__ import annotations

import pytest

from bot.core.responder import Responder

ESCALATES = [
    # a part that forgot how to work, breathing that takes thought
    ("feels like my throat has forgotten how to swallow since yesterday", "emergency"),
    ("my gullet stopped working properly, toast just sits there", "emergency"),
    ("i have to concentrate on every breath since my neck tox", "emergency"),
    ("each breath feels like hard work sitting on the sofa", "emergency"),
    ("taking big gulps of air all evening and it isnt easing", "emergency"),
    # a hooded, smeared or ghosted eye; a lid held up
    ("right side gone hooded overnight after my frown lines", "urgent"),
    ("the tv looks all hazy and my eyes wont clear it, since tuesday's botox", "urgent"),
    ("like peering through a steamed up window, everything is foggy", "urgent"),
    ("i keep having to hold my lid up to read my emails", "urgent"),
    # a boil or white top, swelling that moves or grows daily, relief that fails
    ("theres a boil like lump at one of the injection marks", "urgent"),
    ("the puffiness has travelled down into my cheek since friday", "urgent"),
    ("my jaw looks puffier each morning, it's day 6", "urgent"),
    ("ibuprofen isnt taking the edge off this forehead pain at all", "urgent"),
    ("head feels clamped in a vice for 3 days and its getting worse", "urgent"),
    # other languages
    ("quand je bois un verre d'eau ça passe de travers et je tousse", "emergency"),
    ("le visage est si gonflé que j'arrive plus à ouvrir l'oeil", "urgent"),
    ("el párpado está tan hinchado que no lo puedo abrir casi", "urgent"),
    ("o olho está tão inchado que já não o consigo abrir", "urgent"),
    ("ando a ver tudo a dobrar desde ontem", "urgent"),
    ("seit gestern spricht meine Frau total verwaschen", "emergency"),
    ("mi sono venute chiazze rosse con un prurito tremendo sulle guance", "urgent"),
    ("ich hab überall juckende Quaddeln und mir dreht sich alles", "emergency"),
    ("me han salido ronchas que pican y me estoy mareando", "emergency"),
]


@pytest.mark.parametrize(("text", "level"), ESCALATES)
def test_escalates(responder: Responder, text: str, level: str) -> None:
    assert responder.respond(text).level == level


EVERYDAY = [
    "the swelling has gone down to nothing, thanks",
    "wait for the kettle to boil before making the arnica compress?",
    "i was looking through the window at the rain, can i go for a walk",
    "my phone screen is foggy from the shower steam, can i wash my face",
    "i naturally have hooded eyes, will botox lift them?",
    "forgot how to log in to the app, where do i book",
    "the bruise has moved down a little and is going yellow, normal?",
    "no me trago que cobren tanto por el retoque",
    "j'ai du mal à avaler qu'on paye autant pour une retouche",
    "hard to swallow the fact that it only lasts three months",
    "Atmen geht ganz normal, Schlucken auch, nur die Stirn spannt",
    "breathing is fine, swallowing too, just a bit of a heavy brow",
    "ich trinke viel Wasser, darf ich Sport machen?",
]


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_wording_is_no_red_flag(responder: Responder, text: str) -> None:
    assert responder.respond(text).level is None
