"""The learned understanding layer: a real model trained on the shipped knowledge, its cache,
and the fusion rules that decide what the model may change."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import DEFAULT_KNOWLEDGE_DIR
from bot.core.knowledge import Knowledge
from bot.core.matching import Answer, Candidate, Clarify, NoMatch
from bot.core.triage.detector import NO_FLAGS, FlagHit, TriageResult
from bot.core.understanding import (
    FaqFusion,
    FaqScores,
    FlagScore,
    RedFlagScores,
    TriageFusion,
    UnderstandingModel,
    detect_language,
    fuse_faq,
    fuse_triage,
    is_loose,
)
from bot.core.understanding.context import read_clause
from bot.core.understanding.corpus import build_corpus, fingerprint

LANG = DEFAULT_KNOWLEDGE_DIR / "lang"


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("understanding")


@pytest.fixture(scope="module")
def model(knowledge: Knowledge, cache_dir: Path) -> UnderstandingModel:
    return UnderstandingModel.for_knowledge(knowledge, cache_dir=cache_dir, language_packs=LANG)


# ------------------------------------------------------------------ the model


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("spin class tonight ok", "exercise_gym"),
        ("can i have a glass of prosecco tonight", "alcohol"),
        ("je peux boire du vin ce soir ?", "alcohol"),
        ("kann ich heute abend sport machen", "exercise_gym"),
    ],
)
def test_faq_head_reads_paraphrases_in_several_languages(
    model: UnderstandingModel, text: str, entry: str
) -> None:
    scores = model.faq_scores(text)
    assert scores.top is not None and scores.top[0] == entry


@pytest.mark.parametrize(
    "text", ["recipe for banana bread pls", "how much is a flat white", "wer hat gestern gewonnen"]
)
def test_out_of_scope_messages_are_out_of_scope(model: UnderstandingModel, text: str) -> None:
    scores = model.faq_scores(text)
    assert scores.out_of_scope > max(p for _, p in scores.ranked)


def test_red_flag_head_reads_an_allergic_emergency_nobody_listed(model: UnderstandingModel) -> None:
    scores = model.red_flag_scores("my lips keep getting bigger")
    assert scores.top is not None
    assert (scores.top.flag_id, scores.top.level) == ("E2_allergic_reaction", "emergency")


def test_red_flag_scores_point_at_the_clause_that_holds_the_symptom(
    model: UnderstandingModel,
) -> None:
    text = "when can i wear makeup again? also i cant swallow properly since this morning"
    top = model.red_flag_scores(text).top
    assert top is not None and top.flag_id == "E1_swallowing"
    assert "swallow" in top.clause


def test_every_shipped_language_can_reach_the_safety_net(model: UnderstandingModel) -> None:
    assert {"en", "es", "de", "fr", "it", "pt"} <= model.flag_languages


# ------------------------------------------------------------------ the cache


def test_a_second_start_loads_the_cache_and_scores_the_same(
    knowledge: Knowledge, cache_dir: Path, model: UnderstandingModel
) -> None:
    files = list(cache_dir.glob("*.npz"))
    assert len(files) == 1 and model.fingerprint[:20] in files[0].name
    again = UnderstandingModel.for_knowledge(knowledge, cache_dir=cache_dir, language_packs=LANG)
    assert again.fingerprint == model.fingerprint
    text = "my head is pounding since the jabs yesterday"
    assert again.faq_scores(text) == model.faq_scores(text)


def test_a_message_and_its_clauses_read_alike_with_their_rows_kept(
    knowledge: Knowledge, cache_dir: Path, model: UnderstandingModel
) -> None:
    """The conversation reads a message, then its clauses on their own: each distinct text is
    featurised once (issue 17), and every reading is exactly a fresh model's."""
    message = "can i go to the gym tonight, but my eyelid is drooping and i feel dizzy"
    clauses = ["can i go to the gym tonight", "my eyelid is drooping and i feel dizzy"]
    fresh = UnderstandingModel.for_knowledge(knowledge, cache_dir=cache_dir, language_packs=LANG)
    first = {text: fresh.read(text) for text in [message, *clauses]}
    featurised = fresh._row.cache_info()
    assert featurised.hits >= len(clauses) + 1  # the FAQ head's view and each clause again
    for text in [*clauses, message, *clauses]:
        assert model.read(text) == first[text]
        assert model.red_flag_scores(text) == fresh.red_flag_scores(text)


def test_a_clinic_edit_changes_the_fingerprint(knowledge: Knowledge) -> None:
    entry = knowledge.faq[0]
    edited = entry.model_copy(update={"questions": [*entry.questions, "is tox a poison"]})
    changed = type(knowledge)(
        faq=(edited, *knowledge.faq[1:]),
        red_flags=knowledge.red_flags,
        ignore_phrases=knowledge.ignore_phrases,
        concepts=knowledge.concepts,
        clinic=knowledge.clinic,
        messages=knowledge.messages,
    )
    assert fingerprint(changed) != fingerprint(knowledge)
    assert build_corpus(changed).fingerprint == fingerprint(changed)


def test_a_cache_for_other_knowledge_is_refused(
    knowledge: Knowledge, cache_dir: Path, model: UnderstandingModel
) -> None:
    path = next(cache_dir.glob("*.npz"))
    without_packs = fingerprint(knowledge)  # no language packs: other inputs
    with pytest.raises(ValueError, match="fingerprint"):
        UnderstandingModel.load(path, without_packs)


# ------------------------------------------------------------------ FAQ fusion


def _faq(ranked: list[tuple[str, float]], oos: float = 0.0) -> FaqScores:
    return FaqScores(ranked=tuple(ranked), out_of_scope=oos)


def test_fusion_answers_when_matcher_and_model_agree() -> None:
    result = fuse_faq([Candidate("alcohol", 50.0)], _faq([("alcohol", 0.8)]))
    assert isinstance(result, Answer) and result.entry_id == "alcohol"


def test_fusion_never_answers_what_the_model_reads_as_out_of_scope() -> None:
    result = fuse_faq([Candidate("exercise_gym", 90.0)], _faq([("exercise_gym", 0.2)], oos=0.7))
    assert isinstance(result, NoMatch)


def test_fusion_clarifies_between_answer_and_fallback() -> None:
    fusion = FaqFusion(model_weight=0.5, answer=60.0, clarify=20.0)
    result = fuse_faq([Candidate("bruising", 40.0)], _faq([("bruising", 0.3)]), fusion)
    assert isinstance(result, Clarify)


# ------------------------------------------------------------------ triage fusion


def _flags(flag_id: str, level: str, p: float, clause: str, language: str = "en") -> RedFlagScores:
    return RedFlagScores((FlagScore(flag_id, level, p, clause),), language)


NET = TriageFusion(emergency=0.6, urgent=0.6, stand_down=True)
LANGS = frozenset({"en", "es", "de", "fr", "it", "pt", "ru"})


def test_safety_net_escalates_at_the_flags_level_when_the_rules_find_nothing() -> None:
    text = "my lips keep getting bigger"
    fused = fuse_triage(
        NO_FLAGS, _flags("E2_allergic_reaction", "emergency", 0.9, text), _faq([]), LANGS, NET
    )
    assert fused.source == "model" and fused.result.level == "emergency"
    assert fused.result.flag_ids == ("E2_allergic_reaction",)


@pytest.mark.parametrize(
    "clause",
    [
        "my throat is not swelling",
        "what if my lips swell up",
        "my friend had swollen lips last year",
        "can botox cause swollen lips",
    ],
)
def test_safety_net_defers_to_the_rules_context(clause: str) -> None:
    flags = _flags("E2_allergic_reaction", "emergency", 0.99, clause)
    assert fuse_triage(NO_FLAGS, flags, _faq([]), LANGS, NET).result.level is None


def test_safety_net_stays_quiet_in_a_language_it_never_learned() -> None:
    flags = _flags("E2_allergic_reaction", "emergency", 0.99, "x", language="xx")
    assert fuse_triage(NO_FLAGS, flags, _faq([]), LANGS, NET).result.level is None


def _hit(level: str, phrasing: str, clause: str) -> FlagHit:
    flag = "E3_breathing_speaking" if level == "emergency" else "U9_dizziness_local_weakness"
    return FlagHit(flag, "emergency" if level == "emergency" else "urgent", "en", phrasing, clause)


def test_a_loose_urgent_match_far_from_every_flag_stands_down() -> None:
    hit = _hit("urgent", "head spinning", "spin class tonight ok")
    assert is_loose(hit)
    rules = TriageResult("urgent", (hit,), ())
    quiet = _flags("U9_dizziness_local_weakness", "urgent", 0.02, "spin class tonight ok")
    fused = fuse_triage(rules, quiet, _faq([("exercise_gym", 0.9)]), LANGS, NET)
    assert fused.source == "stood_down" and not fused.result.escalates


def test_an_emergency_rule_hit_is_never_overruled() -> None:
    hit = _hit("emergency", "cant breathe", "i cant breath")
    rules = TriageResult("emergency", (hit,), ())
    quiet = _flags("E3_breathing_speaking", "emergency", 0.0, "i cant breath")
    fused = fuse_triage(rules, quiet, _faq([("exercise_gym", 0.99)]), LANGS, NET)
    assert fused.result.level == "emergency"


def test_a_word_for_word_urgent_hit_is_never_overruled() -> None:
    hit = _hit("urgent", "dizzy", "i feel dizzy")
    assert not is_loose(hit)
    rules = TriageResult("urgent", (hit,), ())
    quiet = _flags("U9_dizziness_local_weakness", "urgent", 0.0, "i feel dizzy")
    assert fuse_triage(rules, quiet, _faq([("exercise_gym", 0.99)]), LANGS, NET).result.escalates


def test_the_model_never_changes_the_level_the_rules_found() -> None:
    """With the raise off, an urgent rule hit stays urgent however sure the model is of an
    emergency; with the calibrated raise (issue 12) a confident emergency reading in an
    affirmed clause raises it ("highest level wins"), and nothing ever lowers it."""
    text = "i feel strange and im itchy everywhere"
    hit = FlagHit("U8_allergic_skin", "urgent", "en", "itchy", text)
    rules = TriageResult("urgent", (hit,), ())
    flags = _flags("E2_allergic_reaction", "emergency", 0.99, text)
    off = TriageFusion(emergency=0.6, urgent=0.6, raise_to_emergency=1.01, stand_down=True)
    fused = fuse_triage(rules, flags, _faq([]), LANGS, off)
    assert fused.result.level == "urgent" and fused.source == "rules"
    raised = fuse_triage(rules, flags, _faq([]), LANGS, NET)
    assert raised.result.level == "emergency" and raised.source == "rules+model"


# ------------------------------------------------------------------ helpers


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("can i drink tonight", "en"),
        ("puedo beber alcohol despues del botox", "es"),
        ("darf ich nach der behandlung sport machen", "de"),
        ("je peux me maquiller apres", "fr"),
        ("posso bere alcol dopo il botox", "it"),
        ("posso beber vinho depois do botox", "pt"),
        ("можно пить после ботокса", "ru"),
    ],
)
def test_language_detection(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_clause_reading_matches_the_rules() -> None:
    assert read_clause("my lips are getting bigger") == "affirmed"
    assert read_clause("no swelling at all") == "negated"
    assert read_clause("what if my lips swell") == "hypothetical"
    assert read_clause("i can swallow fine, breathe fine, all good") == "reassured"
    assert read_clause("is it normal that i cant swallow") == "affirmed"
    assert read_clause("my fine lines are gone and my throat feels weird") == "affirmed"
