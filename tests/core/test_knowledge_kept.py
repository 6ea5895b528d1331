"""The checked knowledge kept in the model cache (issue 17: start-up): a restart reads it back
instead of parsing and validating the YAML, gets exactly what a fresh load gives, and any
change to a file it was read from (shipped or the clinic's) is read afresh."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import bot.core.knowledge.kept as kept_module
from bot.core import index_cache
from bot.core.index_cache import keep_indexes_in
from bot.core.knowledge.contradictions import load_checked_knowledge
from bot.core.knowledge.kept import load_kept_knowledge
from bot.errors import KnowledgeError
from tests.test_clinic import make_clinic

SHIPPED = Path(__file__).resolve().parents[2] / "knowledge"


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    """A cache folder of this test's own; the setting is put back afterwards."""
    kept = list(index_cache._folder)
    keep_indexes_in(tmp_path / "cache")
    try:
        yield tmp_path / "cache"
    finally:
        index_cache._folder[:] = kept


@pytest.fixture
def knowledge_dir(tmp_path: Path) -> Path:
    copy = tmp_path / "knowledge"
    shutil.copytree(SHIPPED, copy)
    return copy


def _count_loads(monkeypatch: pytest.MonkeyPatch) -> list[Path | None]:
    calls: list[Path | None] = []

    def counted(knowledge_dir: Path, clinic_dir: Path | None = None) -> object:
        calls.append(clinic_dir)
        return load_checked_knowledge(knowledge_dir, clinic_dir)

    monkeypatch.setattr(kept_module, "load_checked_knowledge", counted)
    return calls


def test_a_restart_reads_the_same_knowledge_back(
    folder: Path, knowledge_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _count_loads(monkeypatch)
    first = load_kept_knowledge(knowledge_dir)
    again = load_kept_knowledge(knowledge_dir)
    assert len(calls) == 1  # the second came from the file
    assert list(folder.glob("indexes-knowledge-*.pickle"))
    assert again == first == load_checked_knowledge(knowledge_dir)


def test_an_edited_file_is_read_afresh(
    folder: Path, knowledge_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _count_loads(monkeypatch)
    before, _ = load_kept_knowledge(knowledge_dir)
    pack = knowledge_dir / "lang" / "de.yaml"
    pack.write_text(pack.read_text(encoding="utf-8") + "\n# a comment changes the bytes\n")
    load_kept_knowledge(knowledge_dir)
    assert len(calls) == 2
    clinic = knowledge_dir / "clinic.yaml"
    text = clinic.read_text(encoding="utf-8")
    assert before.clinic.name in text
    clinic.write_text(text.replace(before.clinic.name, "Renamed Clinic", 1), encoding="utf-8")
    after, _ = load_kept_knowledge(knowledge_dir)
    assert len(calls) == 3
    assert after.clinic.name == "Renamed Clinic"


def test_a_clinic_folder_is_part_of_the_key(
    folder: Path, knowledge_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clinic = make_clinic(tmp_path / "clinic")  # init-clinic's own folder
    calls = _count_loads(monkeypatch)
    load_kept_knowledge(knowledge_dir)
    load_kept_knowledge(knowledge_dir, clinic)
    assert calls == [None, clinic]  # another folder, another entry
    (clinic / "lang").mkdir(exist_ok=True)
    (clinic / "lang" / "es.yaml").write_text("# nothing yet\n", encoding="utf-8")  # added
    load_kept_knowledge(knowledge_dir, clinic)
    assert calls == [None, clinic, clinic]


def test_knowledge_with_errors_raises_every_time_and_is_not_kept(
    folder: Path, knowledge_dir: Path
) -> None:
    (knowledge_dir / "faq.yaml").write_text("entries: [\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(KnowledgeError):
            load_kept_knowledge(knowledge_dir)
    assert not list(folder.glob("indexes-knowledge-*.pickle"))
