"""Bounded work: no message, however long or strange, costs more than a few milliseconds.

The worst shapes found by a fault run: a word pair repeated thousands of times (triage was
quadratic in it) and a letter carrying 100,000 combining marks (NFKC reorders a run of marks
by insertion sort). Both are now linear in a text already cut to Telegram's 4,096 characters.
"""

from __future__ import annotations

import random
import time
import unicodedata

from bot.core.language import IDENTIFY_MAX_CHARS, identify
from bot.core.responder import Responder
from bot.core.text import (
    MAX_COMBINING_RUN,
    MAX_TEXT_CHARS,
    bounded,
    clean,
    normalise,
    split_clauses,
)
from bot.core.triage.detector import _tightest_span
from bot.core.understanding.model import MODEL_MAX_CHARS
from bot.core.vocabulary import Vocabulary


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


def test_runs_of_marks_above_the_first_plane_are_cut_as_well() -> None:
    """Marks of the Basic Multilingual Plane and those above it (musical U+1D165, Adlam
    U+1E944) are looked for by two classes; a run that mixes them is one run. Emoji
    (U+1F600) lie outside the upper marks' span and are no marks."""
    astral, adlam = "\U0001d165", "\U0001e944"
    assert bounded("x" + astral * 200) == "x" + astral * MAX_COMBINING_RUN
    mixed = ("\u0301" + astral + adlam) * 40
    assert bounded("x" + mixed + " ok") == "x" + mixed[:MAX_COMBINING_RUN] + " ok"
    assert bounded("\U0001f600" * 100 + "\u0301" * 31) == "\U0001f600" * 100 + "\u0301" * 30
    every_mark = [chr(c) for c in range(0x20000) if unicodedata.combining(chr(c))]
    for start in range(0, len(every_mark), 50):  # every mark, in runs of 100
        run = "".join(every_mark[start : start + 50]) * 2
        assert bounded("a" + run) == "a" + run[:MAX_COMBINING_RUN]


def test_a_text_without_punctuation_splits_at_turning_words_in_any_case() -> None:
    """Triage splits each normalised clause again; without punctuation only the turning
    words are looked for, matched as case-insensitively as before ("\u017f" is an "s",
    "\u0131" an "i")."""
    assert split_clauses("no fever BUT pus coming out") == ["no fever", "pus coming out"]
    assert split_clauses("ok tuttav\u0131a no", "it") == ["ok", "no"]
    assert split_clauses("c'est bien ma\u0131s non", "fr") == ["c'est bien", "non"]
    assert split_clauses("todavia n\u00e3o", "pt") == ["n\u00e3o"]
    assert split_clauses(
        "\u0441\u043f\u0430\u0441\u0438\u0431\u043e \u041d\u041e \u0431\u043e\u043b\u0438\u0442"
    ) == ["\u0441\u043f\u0430\u0441\u0438\u0431\u043e", "\u0431\u043e\u043b\u0438\u0442"]
    assert split_clauses("a - b but c", "en") == ["a", "b", "c"]
    assert split_clauses("sin embargo", "es") == []


def test_the_typo_vocabulary_rejects_short_and_foreign_stems_outright() -> None:
    vocab = Vocabulary(["swallow", "breath", "droop"])
    assert vocab.lookup("swalow") == frozenset({"swallow"})
    assert vocab.lookup("brath") == frozenset({"breath"})
    assert vocab.lookup("swa") == frozenset()  # short: exact or nothing
    assert vocab.lookup("sw\u4e00\u4e01\u4e02ow") == frozenset()  # 3 letters no stem has
    assert vocab.lookup("swa\u4e00\u4e01low") == frozenset()  # 2 foreign: near, too far
    assert vocab.lookup("swal\u4e00ow") == frozenset({"swallow"})  # one replaced letter
    assert Vocabulary([]).lookup("swallow") == frozenset()


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


def test_a_red_flag_repeated_in_every_clause_is_read_once_per_clause_shape(
    responder: Responder,
) -> None:
    """ "i cant breathe, " x256 (4,096 characters, a hit in every clause): each hit read the
    whole message again for a figure of speech and each repeated clause was scanned again,
    1.2 s of CPU for the rules alone (issue 16, session 9); now a few tens of milliseconds."""
    text = ("i cant breathe, " * 256)[:4096]
    seconds = _seconds(lambda: responder.triage.assess(text))
    result = responder.triage.assess(text)
    assert result.level == "emergency" and [h.flag_id for h in result.hits]
    assert seconds < 0.3, f"{seconds:.2f}s"


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
