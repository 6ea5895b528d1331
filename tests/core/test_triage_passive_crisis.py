"""A crisis said passively is a crisis in every shipped language: not waking up again wished
for or met with indifference, not existing wished for, no sense in going on, pills saved up
(issues 12/14, session 9). Frustration about the result, a worry about waking up swollen and
a plain question about tablets stay the FAQ's.

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.responder import Responder

CRISIS = "E5_mental_health_crisis"


@pytest.mark.parametrize(
    "text",
    [
        # not waking up again, with indifference or a wish
        "me da igual si mañana no despierto... ojalá no despertar nunca más",
        "mir wärs ehrlich gesagt recht, morgen früh nie mehr aufzuwachen",
        "franchement ça me ferait rien de plus jamais me réveiller",
        "a sto punto non mi dispiacerebbe non svegliarmi più",
        "sinceramente tanto faz, queria era nunca mais acordar",
        # not existing, wished for
        "con esta cara quisiera no existir",
        "ich wär am liebsten gar nicht mehr da",
        "j'aimerais juste ne plus exister",
        "preferirei non esserci proprio",
        "às vezes preferia não existir",
        # no sense in going on, with no object after it
        "ya no tiene sentido seguir asi",
        "hab keine kraft mehr weiterzumachen",
        "pra que continuar assim",
        # pills saved up
        "llevo semanas juntando pastillas para esta noche",
        "ich hab schlaftabletten gebunkert, reicht für heute nacht",
        "j'ai planqué mes somnifères depuis des semaines",
        "ho messo da parte un po' di sonniferi per stasera",
        "guardei os comprimidos todos numa gaveta pra isso",
    ],
)
def test_a_passive_crisis_is_an_emergency(responder: Responder, text: str) -> None:
    reply = responder.respond(text)
    assert reply.level == "emergency", text
    assert CRISIS in reply.flags


@pytest.mark.parametrize(
    "text",
    [
        "para qué pagué tanto si se me quita en tres meses",
        "à quoi bon payer autant si ça dure pas",
        "ich will nicht mehr warten, wann sieht man was?",
        "espero no despertarme con la frente hinchada mañana",
        "j'ai peur de me réveiller avec les paupières tombantes",
        "non ce la faccio più ad aspettare i risultati",
        "não aguento mais esperar pelo resultado",
        "ho messo da parte i soldi per il ritocco",
    ],
)
def test_frustration_and_worry_are_not(responder: Responder, text: str) -> None:
    assert responder.respond(text).kind != "escalation", text
