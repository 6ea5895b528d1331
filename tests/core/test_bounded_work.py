"""Bounded work: no message, however long or strange, costs more than a few milliseconds.

The worst shapes found by a fault run: a word pair repeated thousands of times (triage was
quadratic in it) and a letter carrying 100,000 combining marks (NFKC reorders a run of marks
by insertion sort). Both are now linear in a text already cut to Telegram's 4,096 characters.
"""

from __future__ import annotations

import random
import time

from bot.core.language import IDENTIFY_MAX_CHARS, identify
from bot.core.responder import Responder
from bot.core.text import MAX_COMBINING_RUN, MAX_TEXT_CHARS, bounded, clean, normalise
from bot.core.triage import _tightest_span
from bot.core.understanding.model import MODEL_MAX_CHARS


def _seconds(work: object) -> float:
    start = time.perf_counter()
    assert callable(work)
    work()
    return time.perf_counter() - start


def test_text_is_cut_to_telegrams_limit() -> None:
    assert len(bounded("a" * 100_000)) == MAX_TEXT_CHARS
    assert bounded("can i fly?") == "can i fly?"


def test_a_run_of_combining_marks_is_cut_to_the_stream_safe_thirty() -> None:
    assert bounded("e" + "\u0301" * 4_000 + " ok") == "e" + "\u0301" * MAX_COMBINING_RUN + " ok"
    assert bounded("e" + "\u0301" * 100_000) == "e" + "\u0301" * MAX_COMBINING_RUN
    assert (
        bounded("caf\u00e9 na\u00efve \u0627\u064e\u0644")
        == "caf\u00e9 na\u00efve \u0627\u064e\u0644"
    )


def test_nfkc_on_many_combining_marks_is_linear() -> None:
    seconds = _seconds(lambda: clean("a" + "\u0301" * 100_000))
    assert seconds < 0.5, f"clean took {seconds:.2f}s"  # was 16 s before the cut
    assert normalise("a" + "\u0301" * 100_000) == "a"


def test_lone_surrogates_become_replacement_characters() -> None:
    assert bounded("Ana\ud800") == "Ana\ufffd"
    assert bounded("\udfff x") == "\ufffd x"


def test_tightest_span_is_not_quadratic_in_repeated_words() -> None:
    """Every position of "arm" and "dead" in "arm dead " x 20,000: placed by bisection."""
    arms = list(range(0, 40_000, 2))
    deads = list(range(1, 40_000, 2))
    seconds = _seconds(lambda: _tightest_span([arms, deads, deads], 3))
    assert seconds < 1.0, f"{seconds:.2f}s"
    assert _tightest_span([arms, deads], 3) == (0, frozenset({0, 1}))


def test_tightest_span_places_each_slot_nearest_the_anchor() -> None:
    assert _tightest_span([[5], [1, 4, 9], [4, 6]], 2) == (4, frozenset({4, 5, 6}))
    assert _tightest_span([[0], [20]], 3) is None  # too scattered for one statement
    assert _tightest_span([[3], [3]], 3) is None  # two slots cannot share one word


def test_repeated_red_flag_words_escalate_in_milliseconds(responder: Responder) -> None:
    text = "arm dead " * 5_555  # 50,000 characters: took 34.5 s before
    start = time.perf_counter()
    reply = responder.respond(text)
    seconds = time.perf_counter() - start
    assert reply.kind == "escalation"
    assert seconds < 1.0, f"{seconds:.2f}s"


def test_a_red_flag_in_the_first_4096_characters_of_a_long_text_still_escalates(
    responder: Responder,
) -> None:
    text = "i cant breathe. " + "blah " * 50_000
    assert responder.respond(text).kind == "escalation"
    assert responder.triage.assess(text).escalates


def test_random_long_words_are_bounded(responder: Responder) -> None:
    rng = random.Random(7)
    text = "".join(chr(rng.randint(0x20, 0x2FFF)) for _ in range(100_000))
    seconds = _seconds(lambda: responder.respond(text))
    assert seconds < 2.0, f"{seconds:.2f}s"


def test_the_model_and_the_identifier_read_a_bounded_start_but_the_rules_read_on(
    responder: Responder,
) -> None:
    story = "we went to the park and then had lunch with my sister. " * 60
    model = responder.understanding
    assert model is not None
    assert model.read(story) == model.read(story[:MODEL_MAX_CHARS])
    assert identify(story) == identify(story[:IDENTIFY_MAX_CHARS])
    # Past the model's reach, a red flag is still the rules' job, and they find it.
    assert len(story) > MODEL_MAX_CHARS
    reply = responder.respond(story + " and now i cant breathe")
    assert (reply.kind, reply.level) == ("escalation", "emergency")
