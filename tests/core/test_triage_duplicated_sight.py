"""Sight "duplicated" or split in two is double vision (U2) in Portuguese, Spanish and
Italian, read by the rules alone; the same word about a message or an invoice is no sign
(issues 12, 14). Wordings are our own, none from an evaluation set."""

from __future__ import annotations

import pytest

from bot.core.triage.detector import TriageDetector


@pytest.mark.parametrize(
    "text",
    [
        "desde ontem vejo as letras duplicadas no celular",
        "estou enxergando tudo desdobrado depois das picadas",
        "veo las caras duplicadas desde anoche",
        "desde el martes veo todo desdoblado cuando miro lejos",
        "da stamattina vedo le scritte sdoppiate",
        "vedo tutto duplicato quando guardo la tv, è iniziato ieri",
    ],
)
def test_sight_duplicated_is_a_vision_change(rules: TriageDetector, text: str) -> None:
    assert "U2_vision_change" in rules.assess(text).flag_ids


@pytest.mark.parametrize(
    "text",
    [
        "a clínica me mandou o recibo duplicado, qual eu pago?",
        "me llegó la factura duplicada, la pago una vez verdad?",
        "mi avete mandato il messaggio duplicato",
    ],
)
def test_a_duplicated_paper_is_no_sign(rules: TriageDetector, text: str) -> None:
    assert rules.assess(text).level is None
