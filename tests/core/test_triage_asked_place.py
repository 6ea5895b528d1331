"""Across two clauses, a part of the body named in a question before is only where the
sign reported after it is: the sign is reported, not asked about (the rules alone)."""

from __future__ import annotations

import pytest

from bot.core.triage.detector import TriageDetector


@pytest.mark.parametrize(
    "text",
    [
        "my mum wonders if i had my lips done and i havent 🙄 they are puffing up more and more",
        "my nan asked if i got my lips done, i hadnt, they are swelling massively",
    ],
)
def test_a_place_named_in_a_question_does_not_make_the_reported_sign_asked(
    rules: TriageDetector, text: str
) -> None:
    result = rules.assess(text)
    assert result.level == "emergency"
    assert "E2_allergic_reaction" in result.flag_ids


def test_a_sign_asked_about_stays_a_mention(rules: TriageDetector) -> None:
    result = rules.assess("what if my lips swell up, will it go down")
    assert result.level is None
    assert [hit.flag_id for hit in result.mentions] == ["E2_allergic_reaction"]
