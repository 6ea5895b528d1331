"""Session 11 false alarms (issues 12/14): causes that are not the treatment, somebody else's
sign, a list of functions summed up as normal, idioms in another word order, a laughed-at
future; and the real reports in the same words, which still escalate.

The wordings here are new: neither the probe set nor the blind sets hold them.
"""

from __future__ import annotations

import pytest

from bot.core.responder import Responder


@pytest.mark.parametrize(
    "text",
    [
        # a head that spins with a load on the mind
        "the list of aftercare rules has my head in a spin, can i lie down after lunch?",
        "con tantas indicaciones me da vueltas la cabeza, ¿puedo ir a pilates?",
        "mi gira la testa con tutte queste informazioni, posso mettere la crema?",
        # a voice used up, a cold's throat and nose
        "lost my voice yelling at the rugby, unrelated, can i still have my review?",
        "J'ai la voix cassée à force de crier au stade, je peux faire ma retouche ?",
        "Erkältung seit Montag, Hals kratzt und Nase verstopft, darf ich trotzdem kommen?",
        # somebody else's sign
        "las ronchas le salieron a mi cuñada con su relleno, a mí nada, ¿es raro?",
        "a urticária foi da minha vizinha, não a minha, é comum?",
        # a list of functions summed up as normal
        "parlare, masticare, respirare: tutto normale, posso andare a nuotare?",
        # an idiom in another word order, with delight
        "So ein tolles Ergebnis, da bleibt mir glatt die Luft weg 🥰 danke!",
        # a future laughed at
        "will my forehead explode at altitude? 🤣 flying monday",
    ],
)
def test_everyday_reading_is_not_escalated(responder: Responder, text: str) -> None:
    assert responder.respond(text).kind != "escalation"


@pytest.mark.parametrize(
    "text",
    [
        # the same words, reported
        "lost my voice this morning and food keeps sticking when i swallow",
        "i have a cold but now my throat is closing up and my tongue is swelling",
        "my sister had botox with me today and now she cant breathe",
        "mi cuñada se hizo bótox hoy y ahora no puede tragar",
        "Die Luft bleibt mir weg, seit heute früh, ich japse",
        "my husband told me my eyelid is drooping",
        "my mums forehead has swelled up and it keeps growing",
    ],
)
def test_report_in_near_words_still_escalates(responder: Responder, text: str) -> None:
    assert responder.respond(text).kind == "escalation"
