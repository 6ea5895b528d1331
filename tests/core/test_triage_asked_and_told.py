"""Three classes of false escalation found by held-out set 19 (issues 12/14), read by the
rules alone, each with the real signs next to it that must still escalate:

- a question about a sign, whatever the word order ("what infection symptoms ...", "is
  infection likely ...", "could my brows drop as well") and in the message's own language
  ("cuales son las señales de ...", read by the English phrasing "allergic reaction");
- someone else's event told as a story: what they were told ("is that true?"), the patient's
  own worry about it ("and now im anxious"), and an event the message says is over, told in
  a past form no list holds ("engasgou", "si è strozzata", "choked");
- a wheeze the patient calls their usual asthma, or that the usual reliever eased, in
  English, Spanish, Portuguese and German.
"""

from __future__ import annotations

import pytest

from bot.core.triage.detector import TriageDetector


@pytest.mark.parametrize(
    "text",
    [
        "what infection symptoms should i keep an eye on",
        "which infected signs do i need to watch",
        "what allergic reaction signs should i know about",
        "and is an allergic reaction common after tox?",
        "so is infection likely with botox",
        "worried about my forehead tox, will my eyelids droop too",
        "tell me about heavy brows after tox, could my brows sag as well?",
        "cuales son las señales de una reaccion alergica grave? por si acaso",
    ],
)
def test_a_question_about_a_sign_is_a_mention(rules: TriageDetector, text: str) -> None:
    result = rules.assess(text)
    assert result.level is None
    assert result.mentions


@pytest.mark.parametrize(
    "text",
    [
        "my aunt told me her tongue swelled up after filler and she couldnt swallow, is that true?",
        "my neighbour said his lips swelled and he couldnt breathe after filler, is that even"
        " possible",
        "my flatmates nose piercing oozed pus for weeks and now im anxious, can botox get"
        " infected?",
        "my brother choked on a crisp at lunch, its all over now, gave me a fright tho",
        "meu sogro engasgou com um caroço de azeitona no sábado, já passou, mas fiquei nervosa",
        "o meu irmão engasgou-se com pipoca ontem, ja passou, mas estou com medo",
        "mia suocera si è strozzata con un osso ieri, è passato, ma ho paura",
        "mon beau-père s'est étouffé avec un noyau samedi, c'est passé, mais je suis inquiète",
    ],
)
def test_someone_elses_event_told_as_a_story_is_no_escalation(
    rules: TriageDetector, text: str
) -> None:
    assert rules.assess(text).level is None


@pytest.mark.parametrize(
    "text",
    [
        "slightly wheezy after the stairs, my usual asthma, two puffs of the inhaler sorted it",
        "wheezing a little tonight, normal asthma for me, ventolin helped like always",
        "un poco de pitos en el pecho esta mañana, es mi asma de siempre, el inhalador lo arregló",
        "um pouco de chiado no peito hoje, é a minha asma de sempre, a bombinha resolveu",
        "heute früh etwas pfeifende Atmung, mein normales Asthma, das Spray hat geholfen",
    ],
)
def test_a_wheeze_the_patient_calls_their_usual_asthma_is_no_emergency(
    rules: TriageDetector, text: str
) -> None:
    assert rules.assess(text).level is None


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("my mum choked on a sweet and cant breathe", "E1_swallowing"),
        ("minha sogra engasgou e nao consegue respirar", "E1_swallowing"),
        ("mio marito si è strozzato e non respira", "E1_swallowing"),
        ("my wife had botox yesterday and her throat closed up", "E2_allergic_reaction"),
        ("wheezy and the inhaler isnt helping", "E2_allergic_reaction"),
        ("bit wheezy, my inhaler usually sorts it but not today", "E2_allergic_reaction"),
        (
            "wheezy and my lips are tingling, i have asthma but this is different",
            "E2_allergic_reaction",
        ),
        ("is the swelling on my lip common", "E2_allergic_reaction"),
        ("my eyelid is drooping badly, will my brow drop too?", "U1_eyelid_brow_droop"),
        ("hives and wheezy, i have asthma, inhaler sorted it like always", "E2_allergic_reaction"),
        (
            "pitos en el pecho, es mi asma de siempre pero esta vez el inhalador no funciona",
            "E2_allergic_reaction",
        ),
    ],
)
def test_the_signs_happening_now_still_escalate(
    rules: TriageDetector, text: str, flag: str
) -> None:
    result = rules.assess(text)
    assert result.level == ("urgent" if flag.startswith("U") else "emergency")
    assert flag in result.flag_ids
