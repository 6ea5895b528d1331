"""The responder's indexes kept in the model cache (issue 17: start-up): a restart reads them
instead of building them, answers exactly as a fresh build does, and never trusts a damaged
or stale file."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

import bot
import bot.core.responder as responder_module
from bot.core import index_cache
from bot.core.index_cache import cached, keep_indexes_in
from bot.core.knowledge import Knowledge
from bot.core.responder import Responder

TEXTS = [
    "can I drink wine tonight?",
    "my eyelid is drooping and I can't swallow properly",
    "puedo hacer deporte despues del botox?",
    "ich habe kopfschmerzen seit der behandlung",
    "je n'arrive plus a respirer",
    "posso truccarmi domani?",
    "estou com febre e o rosto inchado",
    "hello",
    "whats the weather like",
]


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    """Indexes kept in a folder of this test's own; the setting is put back afterwards."""
    kept = list(index_cache._folder)
    keep_indexes_in(tmp_path)
    try:
        yield tmp_path
    finally:
        index_cache._folder[:] = kept


def _replies(responder: Responder) -> list[str]:
    return [repr(responder.respond(text)) for text in TEXTS]


def _forbid_building(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("built again although the cache holds it")

    monkeypatch.setattr(responder_module, "TriageDetector", refuse)
    monkeypatch.setattr(responder_module, "Matcher", refuse)


def test_a_restart_reads_the_indexes_and_answers_the_same(
    knowledge: Knowledge, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = Responder(knowledge)  # builds and writes
    assert sorted(p.name.split("-")[1] for p in folder.glob("indexes-*.pickle")) == [
        "matcher",
        "triage",
    ]
    _forbid_building(monkeypatch)
    restarted = Responder(knowledge)  # must read: building would raise
    assert _replies(restarted) == _replies(fresh)
    assert [restarted.triage.assess(t) for t in TEXTS] == [fresh.triage.assess(t) for t in TEXTS]
    assert [restarted.matcher.rank(t) for t in TEXTS] == [fresh.matcher.rank(t) for t in TEXTS]
    # Each pattern points at the knowledge's own red flag, as a fresh build's does.
    flags = {id(flag) for flag in knowledge.red_flags}
    assert {id(p.flag) for p in restarted.triage._patterns} <= flags


def test_changed_knowledge_is_built_again(
    knowledge: Knowledge, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Responder(knowledge)
    first = knowledge.faq[0]
    edited = replace(
        knowledge,
        faq=(
            first.model_copy(update={"questions": [*first.questions, "zebra crossing"]}),
            *knowledge.faq[1:],
        ),
    )
    responder = Responder(edited)
    assert responder.matcher.rank("zebra crossing")[0].entry_id == first.id
    assert len(list(folder.glob("indexes-matcher-*.pickle"))) == 2
    assert len(list(folder.glob("indexes-triage-*.pickle"))) == 1  # red flags unchanged


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "garbage"])
def test_a_damaged_file_is_rebuilt_not_trusted(
    knowledge: Knowledge,
    folder: Path,
    damage: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    fresh = Responder(knowledge)
    path = next(folder.glob("indexes-triage-*.pickle"))
    data = path.read_bytes()
    if damage == "flip":
        middle = len(data) // 2
        data = data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1 :]
    elif damage == "truncate":
        data = data[: len(data) - 100]
    elif damage == "empty":
        data = b""
    else:
        data = b"\x80\x05not a pickle at all" * 50
    path.write_bytes(data)
    with caplog.at_level(logging.WARNING, logger="bot.core.index_cache"):
        rebuilt = Responder(knowledge)
    assert "unreadable" in caplog.text
    assert _replies(rebuilt) == _replies(fresh)
    assert path.read_bytes() != data  # written again, whole


def test_a_file_of_other_inputs_under_this_name_is_not_used(folder: Path) -> None:
    """A file copied or renamed onto another key's name holds another key in its header."""
    assert cached("probe", {"n": 1}, lambda: "one") == "one"
    assert cached("probe", {"n": 2}, lambda: "two") == "two"
    one, two = sorted(folder.glob("indexes-probe-*.pickle"), key=lambda p: p.read_bytes())
    names = {one.name, two.name}
    payloads = {p.name: p.read_bytes() for p in (one, two)}
    for name in names:  # swap the two files' contents
        other = next(n for n in names if n != name)
        (folder / name).write_bytes(payloads[other])
    assert cached("probe", {"n": 1}, lambda: "one") == "one"
    assert cached("probe", {"n": 2}, lambda: "two") == "two"


def test_code_changes_change_the_key(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cached("probe", {"n": 1}, lambda: "old code")
    index_cache.code_fingerprint.cache_clear()
    monkeypatch.setattr(bot, "__version__", "99.0.0")
    try:
        assert cached("probe", {"n": 1}, lambda: "new code") == "new code"
    finally:
        index_cache.code_fingerprint.cache_clear()


def test_without_a_folder_nothing_is_kept(tmp_path: Path) -> None:
    kept = list(index_cache._folder)
    keep_indexes_in(None)
    try:
        calls: list[int] = []
        for _ in range(2):
            cached("probe", {"n": 1}, lambda: calls.append(1))
        assert len(calls) == 2
    finally:
        index_cache._folder[:] = kept


def test_a_folder_that_cannot_be_written_still_serves(
    knowledge: Knowledge, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    kept = list(index_cache._folder)
    keep_indexes_in(blocked / "cache")
    try:
        with caplog.at_level(logging.WARNING, logger="bot.core.index_cache"):
            assert cached("probe", {"n": 1}, lambda: "built") == "built"
        assert "not cached" in caplog.text
    finally:
        index_cache._folder[:] = kept


def test_inputs_of_an_unknown_kind_are_refused(folder: Path) -> None:
    with pytest.raises(TypeError, match="cannot fingerprint"):
        cached("probe", {"n": object()}, lambda: "built")


def test_equal_values_come_back_as_one_object(folder: Path) -> None:
    """Issue 17 (memory): a builder makes equal stem sets, strings and tuples over and over;
    read back, each is one object, so a restart holds one copy of each."""

    def build() -> list[object]:
        stems = ["swell", "eye"]
        return [frozenset(stems), frozenset(reversed(stems)), ("a", 1), ("a", 1), "-".join(stems)]

    cached("probe", {"n": 1}, build)
    first, second, pair, same_pair, word = cached("probe", {"n": 1}, lambda: [])
    assert first == second == frozenset({"swell", "eye"}) and first is second
    assert pair == same_pair == ("a", 1) and pair is same_pair
    assert word == "swell-eye"


def test_values_equal_across_types_stay_apart(folder: Path) -> None:
    """``1``, ``1.0`` and ``True`` are equal in Python, as are ``0.0`` and ``-0.0``: an index
    that holds them gets each back with its own type and sign."""
    built = [(1,), (1.0,), (True,), frozenset({1}), frozenset({1.0}), 0.0, -0.0, ("x", 2.5)]
    cached("probe", {"n": 1}, lambda: built)
    read = cached("probe", {"n": 1}, lambda: [])
    assert read == built
    assert [type(value[0]) for value in read[:3]] == [int, float, bool]
    assert [type(next(iter(value))) for value in read[3:5]] == [int, float]
    assert str(read[5]) == "0.0" and str(read[6]) == "-0.0"
