"""The model cache folder keeps the newest entries of each kind and drops the rest once nobody
uses them, in a real folder: a clinic that edits its FAQ often no longer grows it forever."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from bot.core import cache_pruning, index_cache
from bot.core.cache_pruning import MIN_IDLE_SECONDS, mark_in_use
from bot.core.index_cache import cached
from bot.core.knowledge import Knowledge
from bot.core.understanding import model as model_module
from bot.core.understanding.model import UnderstandingModel, cache_path

HOUR = 3600.0


def _entry(folder: Path, name: str, age_seconds: float) -> Path:
    """A cache file last used ``age_seconds`` ago."""
    path = folder / name
    path.write_bytes(b"old entry")
    used = time.time() - age_seconds
    os.utime(path, (used, used))
    return path


def _index(kind: str, number: int) -> str:
    return f"indexes-{kind}-{number:024x}.pickle"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Indexes kept in this test's own folder (put back afterwards by monkeypatch)."""
    monkeypatch.setattr(index_cache, "_folder", [tmp_path])
    return tmp_path


def _names(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()}


def test_a_new_entry_keeps_the_newest_of_its_kind_and_removes_the_idle_rest(folder: Path) -> None:
    olds = [_entry(folder, _index("knowledge", n), (n + 2) * HOUR) for n in range(5)]
    other_kind = _entry(folder, _index("triage", 99), 10 * HOUR)
    similar_kind = _entry(folder, _index("knowledge-extra", 98), 10 * HOUR)
    half_written = _entry(folder, f".{_index('knowledge', 97)}.tmp1234", 10 * HOUR)

    assert cached("knowledge", {"faq": "edited"}, lambda: 42) == 42

    written = (_names(folder) - {path.name for path in olds}) - {
        other_kind.name,
        similar_kind.name,
        half_written.name,
    }
    assert len(written) == 1
    # The new entry and the two most recently used old ones; other kinds are not touched.
    assert _names(folder) == {
        *written,
        olds[0].name,
        olds[1].name,
        other_kind.name,
        similar_kind.name,
        half_written.name,
    }


def test_an_entry_used_within_the_hour_is_never_removed(folder: Path) -> None:
    """Another process may just have written it and be about to read it."""
    young = [_entry(folder, _index("matcher", n), (n + 1) * 60) for n in range(4)]
    idle = _entry(folder, _index("matcher", 50), MIN_IDLE_SECONDS + 60)

    cached("matcher", ["new faq"], lambda: "built")

    assert all(path.exists() for path in young)
    assert not idle.exists()


def test_an_entry_this_process_serves_from_is_kept_however_old(folder: Path) -> None:
    served = _entry(folder, _index("triage", 1), 1)
    mark_in_use(served)
    used = time.time() - 5 * HOUR
    os.utime(served, (used, used))  # as if read hours ago, then left alone
    newer = [_entry(folder, _index("triage", n), HOUR / 10) for n in range(2, 5)]
    idle = _entry(folder, _index("triage", 9), 6 * HOUR)

    cached("triage", ["new flags"], lambda: "built")

    assert served.exists() and all(path.exists() for path in newer)
    assert not idle.exists()
    cache_pruning._in_use.discard(served.absolute())


def test_reading_an_entry_marks_it_used_for_every_process(folder: Path) -> None:
    cached("knowledge", {"faq": "same"}, lambda: "built")
    (path,) = folder.glob("indexes-knowledge-*.pickle")
    long_ago = time.time() - 5 * HOUR
    os.utime(path, (long_ago, long_ago))

    assert cached("knowledge", {"faq": "same"}, lambda: "built again") == "built"
    assert time.time() - path.stat().st_mtime < 60


def test_a_new_understanding_model_removes_idle_models_of_any_version(
    knowledge: Knowledge, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Saved:
        def save(self, path: Path) -> None:
            path.write_bytes(b"model")

    monkeypatch.setattr(UnderstandingModel, "train", classmethod(lambda cls, corpus: Saved()))
    monkeypatch.setattr(model_module, "build_corpus", lambda *args: None)
    olds = [
        _entry(tmp_path, cache_path(tmp_path, f"{n:<064x}").name, (n + 2) * HOUR) for n in range(3)
    ]
    older_version = _entry(tmp_path, f"understanding-tfidf-sgd-0-{7:020x}.npz", HOUR / 2)
    other = _entry(tmp_path, _index("knowledge", 1), 10 * HOUR)

    UnderstandingModel.for_knowledge(knowledge, cache_dir=tmp_path)

    # Kept: the new model, the older version's (used half an hour ago) and the newest old one.
    assert len(list(tmp_path.glob("understanding-*.npz"))) == 3
    assert older_version.exists() and olds[0].exists() and other.exists()
    assert not olds[1].exists() and not olds[2].exists()
