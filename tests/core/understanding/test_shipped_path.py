"""The responder as shipped, with its learned model: the examples issue 12 was filed on, the
safety order, the cache that is never stale, and serving without scikit-learn."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.config import DEFAULT_KNOWLEDGE_DIR
from bot.core.knowledge import Knowledge
from bot.core.responder import Responder
from bot.core.understanding import UnderstandingModel
from bot.core.understanding.corpus import LABELLED_FILE, fingerprint
from bot.core.understanding.model import cache_path

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "tests" / "data"
PACKAGED = ROOT / "bot" / "core" / "understanding" / "data"


@pytest.mark.parametrize(
    "text",
    [
        "my lips keep getting bigger",
        "my lips are tingling and getting bigger",
        "i feel really strange, my lips are tingling and getting bigger and i'm itchy everywhere",
        "got hives all over and my heart is racing",
        "my tongue is swelling",
        "my whole face has gone puffy and my throat feels like its shutting",
        "can barely breathe",
        "when can i wear makeup again? also i cant swallow properly since this morning",
    ],
)
def test_allergic_and_breathing_emergencies_get_the_emergency_reply(
    responder: Responder, text: str
) -> None:
    reply = responder.respond(text)
    assert (reply.kind, reply.level) == ("escalation", "emergency")


@pytest.mark.parametrize(
    ("text", "topic"),  # a topic, or several that answer it well
    [
        ("had it done an hour ago and theres a small bruise", "bruising what_to_expect_first_day"),
        ("spin class tonight ok", "exercise_gym"),
        ("on antibiotics for a chest infection, ok with botox?", "medicines_interactions"),
        ("my head is pounding since the jabs yesterday", "headache"),
        ("can i have my flu jab the week after botox?", "vaccines_other_injections"),
        ("how long should i wait before filler", "facials_other_treatments"),
        ("when will my jaw look slimmer?", "jaw_masseter"),
        ("can i go to bed now or do i have to stay sitting up", "stay_upright_lying_down"),
    ],
)
def test_ordinary_questions_are_answered_not_escalated(
    responder: Responder, text: str, topic: str
) -> None:
    reply = responder.respond(text)
    assert reply.kind == "answer" and reply.topic in topic.split()


@pytest.mark.parametrize(
    "text",
    [
        "what time is the football on tonight",
        "how much is a flat white",
        "recipe for banana bread pls",
    ],
)
def test_out_of_scope_messages_get_the_honest_fallback(responder: Responder, text: str) -> None:
    reply = responder.respond(text)
    assert reply.kind == "fallback"


def test_the_safety_net_reads_wording_no_rule_lists(responder: Responder) -> None:
    """No phrasing in red_flags.yaml matches this (nasal regurgitation, a swallowing
    emergency); the model escalates it after the rules' context checks found it affirmed."""
    text = "every time i drink something it comes back out my nose"
    assert responder.triage.assess(text).level is None
    assert responder.respond(text).level == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "i can swallow fine, breathe fine, all good, when is my review",
        "what if my throat closes up after botox?",
        "my throat is not swelling at all",
        "I want to talk to my practitioner about a problem",
    ],
)
def test_the_safety_net_defers_to_what_the_clause_says(responder: Responder, text: str) -> None:
    assert responder.respond(text).kind != "escalation"


@pytest.mark.parametrize(
    "text", ["whats the point of living", "what is the point of living anymore"]
)
def test_ideation_asked_as_a_question_is_still_a_crisis(responder: Responder, text: str) -> None:
    """A general-question cue makes most flags a mention; suicidal thoughts are voiced as
    questions, so for them only someone else's past does."""
    reply = responder.respond(text)
    assert (reply.kind, reply.level) == ("escalation", "emergency")
    assert responder.respond("what if my eyelid droops").kind != "escalation"


@pytest.mark.parametrize("text", ["and lipstick?", "and my throat?", "and my voice?"])
def test_a_lone_noun_is_never_escalated_by_the_net_alone(responder: Responder, text: str) -> None:
    """The net read these as allergic or breathing emergencies (the n-grams of "lip",
    "throat", "voice"); one content word says nothing happened."""
    assert responder.respond(text).kind != "escalation"


@pytest.mark.parametrize("text", ["drooling", "blurry", "choking", "hives", "wheezing"])
def test_a_symptom_in_one_word_is_still_escalated(responder: Responder, text: str) -> None:
    assert responder.respond(text).kind == "escalation"


def test_a_red_flag_beside_a_question_gets_the_escalation(responder: Responder) -> None:
    reply = responder.respond("can i drink wine tonight? also my eyelid has dropped")
    assert reply.kind == "escalation"


def test_assess_is_the_fused_triage_respond_uses(responder: Responder) -> None:
    text = "my lips keep getting bigger"
    assert responder.assess(text).level == responder.respond(text).level == "emergency"


# ------------------------------------------------------------------ the cache


def test_changed_knowledge_never_loads_the_old_model(
    knowledge: Knowledge, responder: Responder
) -> None:
    model = responder.understanding
    assert model is not None and responder.source is not None
    packs = DEFAULT_KNOWLEDGE_DIR / "lang"
    cache = responder.source.cache_dir
    assert cache is not None
    old = cache_path(cache, model.fingerprint)
    assert old.exists()
    entry = knowledge.faq[0]
    edited = entry.model_copy(update={"questions": [*entry.questions, "is tox a poison"]})
    changed = dataclasses.replace(knowledge, faq=(edited, *knowledge.faq[1:]))
    new_print = fingerprint(changed, packs)
    assert new_print != model.fingerprint
    assert cache_path(cache, new_print) != old
    with pytest.raises(ValueError, match="fingerprint"):
        UnderstandingModel.load(old, new_print)


def test_serving_loads_the_cache_without_importing_scikit_learn(
    responder: Responder, tmp_path: Path
) -> None:
    """The bot's own start-up path (``build_responder``) with the run's warm cache."""
    script = (
        "import sys, json\n"
        "from bot.cli import build_responder\n"
        "from bot.config import load_settings\n"
        "r = build_responder(load_settings(None))\n"
        "reply = r.respond('my lips keep getting bigger')\n"
        "print(json.dumps([reply.level, r.understanding is not None,"
        " sorted(m for m in sys.modules if m.split('.')[0] in {'sklearn', 'scipy'})]))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    level, has_model, imported = json.loads(done.stdout.strip().splitlines()[-1])
    assert (level, has_model, imported) == ("emergency", True, [])
    assert "training" not in done.stderr


# ------------------------------------------------------------------ training data


def test_the_packaged_labelled_messages_are_the_labelled_sets() -> None:
    """``scripts/build-training-data`` copies tests/data into the package; they never differ."""
    built = runpy.run_path(str(ROOT / "scripts" / "build-training-data"))["build"]()
    assert (PACKAGED / LABELLED_FILE).read_text(encoding="utf-8") == built


def test_no_written_training_message_is_in_an_faq_evaluation_set() -> None:
    """FAQ figures on tests/data stay unseen: the FAQ head never trains on those messages."""

    def key(text: str) -> str:
        return re.sub(r"[^\w ]", "", text.lower()).strip()

    evaluated = {
        key(json.loads(line)["text"])
        for name in ("faq_eval.jsonl", "faq_holdout.jsonl")
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    }

    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return []

    written = {
        key(text)
        for name in ("out_of_scope.yaml", "seed_examples.yaml")
        for text in strings(yaml.safe_load((PACKAGED / name).read_text(encoding="utf-8")))
    }
    assert not evaluated & written
