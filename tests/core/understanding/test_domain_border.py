"""The FAQ's border (issue 12): a message that sounds medical or cosmetic but is not about the
treatment or its aftercare gets the honest fallback, in every shipped language, while a
question naming the same things *around* the treatment is still answered.

The model learns the border from ``domain_examples.yaml``; the wordings here are not in it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.core.responder import Responder
from bot.core.understanding.corpus import DOMAIN_FILE
from tests.core.understanding.evaluated import comparable, evaluated_sentences

ROOT = Path(__file__).resolve().parents[3]
PACKAGED = ROOT / "bot" / "core" / "understanding" / "data"


@pytest.mark.parametrize(
    "text",
    [
        "what does a lip filler top up cost at the salon in town",
        "is laser hair removal safe on my legs if i have a tan",
        "whats the best retinol for a beginner",
        "can i bleach my hair while pregnant",
        "does a cold sore need antiviral cream",
        "cuanto cuesta quitarse un tatuaje con laser",
        "me torci el pie bajando la escalera",
        "combien coute une seance de laser pour les jambes",
        "quanto costa la depilazione laser delle gambe",
        "mi consigli un siero alla vitamina c",
        "quanto custa uma rinoplastia no brasil",
    ],
)
def test_near_topic_questions_get_the_fallback(responder: Responder, text: str) -> None:
    reply = responder.respond(text)
    assert reply.kind == "fallback", (reply.kind, reply.topic)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("can i get my lips filled a few days after my tox", "facials_other_treatments"),
        ("when is it safe to book a chemical peel after anti wrinkle", "facials_other_treatments"),
        ("is it ok to have botox while pregnant", "pregnancy_breastfeeding"),
        ("can i take ibuprofen for the ache after my jabs", "pain_relief"),
        ("how soon after botox can i go back on retinol", "makeup_skincare_washing"),
        ("puedo hacerme laser en la cara una semana despues del botox", "facials_other_treatments"),
        ("darf ich nach dem botox ibuprofen gegen die kopfschmerzen nehmen", "pain_relief"),
        ("puis je faire un peeling une semaine apres le botox", "facials_other_treatments"),
        ("sono incinta, posso fare il botox", "pregnancy_breastfeeding"),
    ],
)
def test_the_same_things_around_the_treatment_are_answered(
    responder: Responder, text: str, topic: str
) -> None:
    reply = responder.respond(text)
    assert (reply.kind, reply.topic) == ("answer", topic)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_no_border_example_is_in_any_evaluation_set() -> None:
    """Every figure measured on tests/data (blind rounds included) stays unseen by the border."""

    evaluated = evaluated_sentences()
    data = yaml.safe_load((PACKAGED / DOMAIN_FILE).read_text(encoding="utf-8"))
    written = {comparable(text) for text in _strings(data)}
    assert len(written) > 300
    assert not evaluated & written
