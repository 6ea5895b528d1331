"""A report the net splits between two emergencies still reads as an emergency: the
probability that a text is an emergency of any kind is the sum over the emergency flags.

Pure fusion: the model's scores are given, so these hold whatever the trained head says.
"""

from __future__ import annotations

from bot.core.triage.detector import NO_FLAGS
from bot.core.understanding import FaqScores, FlagScore, RedFlagScores, TriageFusion, fuse_triage

LANGS = frozenset({"en", "es", "de", "fr", "it", "pt"})
NO_FAQ = FaqScores(ranked=(), out_of_scope=0.0)
SWOLLEN = "my face has swollen up in the last hour and it feels tight when i breathe in"


def _level(
    scores: tuple[tuple[str, float], ...], text: str, net: TriageFusion | None = None
) -> str | None:
    ranked = tuple(
        FlagScore(flag_id, "emergency" if flag_id.startswith("E") else "urgent", p, text)
        for flag_id, p in scores
    )
    flags = RedFlagScores(ranked, "en")
    return fuse_triage(NO_FLAGS, flags, NO_FAQ, LANGS, net, text).result.level


def test_a_report_split_between_two_emergencies_is_an_emergency() -> None:
    split = (("E2_allergic_reaction", 0.55), ("E3_breathing_speaking", 0.3))
    assert _level(split, SWOLLEN) == "emergency"
    # Without the sum (the share above 1), neither flag alone reaches the line.
    assert _level(split, SWOLLEN, TriageFusion(emergency_share=1.1)) is None


def test_faint_readings_do_not_add_up() -> None:
    """Only a flag that alone holds a fair share may borrow: three faint emergencies stay
    below the line together."""
    faint = (("E2_allergic_reaction", 0.3), ("E3_breathing_speaking", 0.25), ("E1_swallowing", 0.2))
    assert _level(faint, SWOLLEN) is None


def test_a_faint_echo_is_no_second_reading() -> None:
    """One emergency read 0.56 with a 0.17 echo of another is one reading below the line."""
    echo = (("E3_breathing_speaking", 0.56), ("E1_swallowing", 0.17))
    assert _level(echo, "breathing much easier since my cold cleared up") is None


def test_urgent_flags_add_nothing_to_an_emergency() -> None:
    mixed = (("E2_allergic_reaction", 0.55), ("U6_severe_swelling_bruising", 0.4))
    assert _level(mixed, SWOLLEN) != "emergency"


def test_the_grammar_still_reads_the_clause() -> None:
    """The sum only moves the line: a denied or asked emergency stays what it was."""
    split = (("E2_allergic_reaction", 0.55), ("E3_breathing_speaking", 0.35))
    assert _level(split, "no swelling and no tightness when i breathe, can i swim") is None
    assert _level(split, "what if my face swells and breathing gets tight?") is None


def test_any_mood_flags_neither_lend_nor_borrow() -> None:
    """Suicidal ideation needs no affirmed clause, so its reading must stand alone: distress
    about looks read 0.5 as ideation must not cross the line with another emergency's help."""
    net = TriageFusion(any_mood=frozenset({"E5_mental_health_crisis"}))
    text = "i cant face going out looking like this"
    scores = (("E5_mental_health_crisis", 0.5), ("E7_general_emergency", 0.3))
    assert _level(scores, text, net) is None


def test_the_message_as_shipped_reads_the_split_report(responder) -> None:  # type: ignore[no-untyped-def]
    result = responder.assess("my lips have blown up and it feels tight when i breathe")
    assert result.level == "emergency", result.flag_ids
