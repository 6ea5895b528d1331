"""Two readings the safety net must not act on alone (issue 12), in our own wordings.

* A crisis (``voiced_in_any_mood``) read by the net needs the English message to speak of
  death, harm or not going on: n-grams read "i just want to ..." and distress about looks as
  crisis wording, and those are the FAQ's, not the emergency number's.
* A clause that only names a function and says it is fine in everyday words ("swallowing's
  grand", "breathing is ok") reports nothing, however close the net reads it to that flag.

Pure fusion: the model's scores are given, so these hold whatever the trained head says.
"""

from __future__ import annotations

import pytest

from bot.core.triage.detector import NO_FLAGS
from bot.core.understanding import FaqScores, FlagScore, RedFlagScores, TriageFusion, fuse_triage

CRISIS = "E5_mental_health_crisis"
NET = TriageFusion(emergency=0.6, urgent=0.6, any_mood=frozenset({CRISIS}))
LANGS = frozenset({"en", "es", "de", "fr", "it", "pt"})
NO_FAQ = FaqScores(ranked=(), out_of_scope=0.0)


def _level(flag_id: str, clause: str, text: str | None = None, language: str = "en") -> str | None:
    level = "emergency" if flag_id.startswith("E") else "urgent"
    flags = RedFlagScores((FlagScore(flag_id, level, 0.95, clause),), language)
    return fuse_triage(NO_FLAGS, flags, NO_FAQ, LANGS, NET, text or clause).result.level


@pytest.mark.parametrize(
    ("clause", "text"),
    [
        ("only asking so im ready", "how would i spot a droopy lid, only asking so im ready"),
        ("i just want to stay in", "everyone keeps asking about my brows, i just want to stay in"),
        ("i keep welling up at the mirror", "i keep welling up at the mirror since my tox"),
        ("i feel like a stranger to myself", "i feel like a stranger to myself, wish id not"),
    ],
)
def test_distress_without_a_crisis_word_is_not_a_crisis_on_the_nets_word(
    clause: str, text: str
) -> None:
    assert _level(CRISIS, clause, text) is None


@pytest.mark.parametrize(
    "text",
    [
        "honestly i cant see the point of anything since my face went like this",
        "i want it all to be over for good",
        "thinking everyone would be better off if i wasnt around",
        "ive been stockpiling my tablets for a while",
        "i dont want to wake up tomorrow",
        "keep scratching my cheek till it bleeds, i cant make myself stop",
    ],
)
def test_a_crisis_in_words_of_death_harm_or_not_going_on_escalates(text: str) -> None:
    assert _level(CRISIS, text) == "emergency"


def test_other_languages_are_not_gated_by_english_words() -> None:
    assert _level(CRISIS, "ya no tengo ganas de nada", language="es") == "emergency"


@pytest.mark.parametrize(
    ("flag_id", "clause"),
    [
        ("E1_swallowing", "swallowing's grand"),
        ("E3_breathing_speaking", "my breathing is ok"),
        ("E3_breathing_speaking", "breathing all good"),
        ("E1_swallowing", "throat no bother"),
        ("E3_breathing_speaking", "voice totally normal"),
    ],
)
def test_a_function_said_to_be_fine_in_everyday_words_reports_nothing(
    flag_id: str, clause: str
) -> None:
    text = f"{clause}, {clause.split()[0]} checked, just a tight feeling in my forehead"
    assert _level(flag_id, clause, text) is None


@pytest.mark.parametrize(
    ("flag_id", "clause"),
    [
        ("E1_swallowing", "swallowing's grand but my tongue keeps swelling"),
        ("E3_breathing_speaking", "is it normal that breathing feels this hard"),
        ("E1_swallowing", "cant get food down, throat sore"),
    ],
)
def test_a_clause_with_more_than_the_function_and_its_state_still_reports(
    flag_id: str, clause: str
) -> None:
    assert _level(flag_id, clause) == "emergency"


@pytest.mark.parametrize(
    ("flag_id", "clause"),
    [("E1_swallowing", "blocked nose"), ("E3_breathing_speaking", "got a horrible cold")],
)
def test_a_clause_naming_only_a_cold_reports_nothing(flag_id: str, clause: str) -> None:
    text = f"{clause}, can i take my usual cold tablets after tox"
    assert _level(flag_id, clause, text) is None


def test_a_cold_with_a_red_flag_sign_still_reports() -> None:
    assert _level("E1_swallowing", "runny nose and food wont go down") == "emergency"


@pytest.mark.parametrize(
    "clause", ["for the ache, maybe ibuprofen?", "slight headache, is nurofen ok tonight"]
)
def test_a_pain_named_to_ask_about_relief_is_no_severe_pain(clause: str) -> None:
    assert _level("U7_severe_headache", clause) is None


@pytest.mark.parametrize(
    "clause",
    ["nurofen isnt touching this headache", "headache getting worse even with paracetamol"],
)
def test_relief_that_fails_or_a_worsening_pain_still_reports(clause: str) -> None:
    assert _level("U7_severe_headache", clause) == "urgent"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("swallowing isnt normal, everything gets stuck", "en"),
        ("Avaler n'est pas normal, tout reste coincé", "fr"),
        ("tragar no es normal, se me queda todo en la garganta", "es"),
        ("Schlucken ist nicht normal, alles bleibt hängen", "de"),
        ("deglutire non è normale, mi si blocca tutto", "it"),
        ("engolir não é normal, fica tudo preso", "pt"),
    ],
)
def test_a_function_said_to_be_not_normal_is_a_report(text: str, language: str) -> None:
    """ "Not normal" negates the normal, not the symptom: read as a denial, the net's sure
    reading of a swallowing emergency was dropped in all six languages."""
    flags = RedFlagScores((FlagScore("E1_swallowing", "emergency", 0.95, text),), language)
    assert fuse_triage(NO_FLAGS, flags, NO_FAQ, LANGS, NET, text).result.level == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "is it not normal to have a sore throat after a cold?",
        "is swallowing not normal for a day or two after?",
        "no es normal que me pique la frente?",
    ],
)
def test_asking_what_is_normal_is_no_report(text: str) -> None:
    flags = RedFlagScores((FlagScore("E1_swallowing", "emergency", 0.95, text),), "en")
    assert fuse_triage(NO_FLAGS, flags, NO_FAQ, LANGS, NET, text).result.level is None
