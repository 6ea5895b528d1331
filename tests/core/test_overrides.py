"""A clinic changes a shipped FAQ entry by naming only what differs, or switches it off."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.config import DEFAULT_KNOWLEDGE_DIR
from bot.core.knowledge import Knowledge, load_knowledge
from bot.core.knowledge.overrides import change_pack, merge_entries
from bot.core.responder import Responder
from bot.errors import KnowledgeError
from tests.core.clinics import GB_CLINIC, write_clinic

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture(scope="module")
def shipped() -> Knowledge:
    return load_knowledge(DEFAULT_KNOWLEDGE_DIR)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A clinic answering in English only (see the German tests for other languages)."""
    return write_clinic(tmp_path / "riverside", GB_CLINIC, languages=["en"])


def readme_override_example() -> str:
    """The ``faq.yaml`` example the README gives clinics."""
    blocks = re.findall(r"```yaml\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    (example,) = [block for block in blocks if "remove_questions" in block]
    return example


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(DEFAULT_KNOWLEDGE_DIR, folder)
    return caught.value.problems


def test_the_readme_example_changes_only_what_it_names(shipped: Knowledge, folder: Path) -> None:
    (folder / "faq.yaml").write_text(readme_override_example(), encoding="utf-8")
    knowledge = load_knowledge(DEFAULT_KNOWLEDGE_DIR, folder)
    before, after = shipped.entry("exercise_gym"), knowledge.entry("exercise_gym")
    assert after.answer.startswith("At our clinic we ask you to avoid the gym")
    assert len(before.questions) >= 30 and len(after.questions) == len(before.questions)
    assert "can i go to my reformer class" in after.questions
    assert "parkrun tomorrow morning ok" not in after.questions
    assert after.keywords == before.keywords and after.related == before.related
    assert after.wait_hours == before.wait_hours and after.title == before.title
    # Switched off: neither answered nor linked to; a new entry of the clinic's own.
    assert "alcohol" not in {entry.id for entry in knowledge.faq}
    assert [entry.id for entry in knowledge.switched_off] == ["alcohol"]
    assert all("alcohol" not in entry.related for entry in knowledge.faq)
    assert knowledge.entry("clinic_parking").answer == "There is free parking behind the clinic."
    assert len(knowledge.faq) == len(shipped.faq)  # one off, one added
    responder = Responder(knowledge)
    assert responder.respond("can i drink wine tonight").topic != "alcohol"
    assert responder.respond("can i go to my reformer class").topic == "exercise_gym"


def test_a_whole_copied_entry_still_works(shipped: Knowledge, folder: Path) -> None:
    entry = shipped.entry("exercise_gym").model_dump()
    entry["answer"] = "Our own rule."
    entry["questions"] = entry["questions"][:6]  # the old README example's six
    (folder / "faq.yaml").write_text(yaml.safe_dump({"entries": [entry]}), encoding="utf-8")
    after = load_knowledge(DEFAULT_KNOWLEDGE_DIR, folder).entry("exercise_gym")
    assert after.answer == "Our own rule."
    assert after.questions == shipped.entry("exercise_gym").questions  # nothing dropped


def test_every_problem_names_the_clinic_file_the_entry_and_the_field(folder: Path) -> None:
    (folder / "faq.yaml").write_text(
        yaml.safe_dump(
            {
                "entries": [
                    {"id": "exercise_gym", "remove_questions": ["not a phrasing of it"]},
                    {"id": "alcohol", "questions": "one string", "enabled": "no"},
                    {"id": "no_such_entry", "enabled": False},
                    {"id": "new_entry", "answer": "Only an answer."},
                    {"id": "brand_new", "remove_keywords": ["x"], "answer": "A"},
                    {"id": "bruising", "answer": "Call {no_such_placeholder}."},
                ]
            }
        ),
        encoding="utf-8",
    )
    problems = "\n".join(problems_of(folder))
    label = "riverside/faq.yaml"
    assert (
        f"{label}: entry 'exercise_gym': field 'remove_questions' names 'not a phrasing of it'"
        in problems
    )
    assert f"{label}: entry 'alcohol': field 'questions' should be a list, found str" in problems
    assert f"{label}: entry 'alcohol': field 'enabled' should be true or false" in problems
    assert f"{label}: entry 'no_such_entry': there is no shipped entry with this id" in problems
    assert f"{label}: entry 'new_entry': field 'category' is missing" in problems
    assert f"{label}: entry 'brand_new': field 'remove_keywords' needs a shipped entry" in problems
    assert f"{label}: entry 'bruising': field 'answer': unknown placeholder" in problems


def test_switching_every_entry_off_is_refused(shipped: Knowledge, folder: Path) -> None:
    entries = [{"id": entry.id, "enabled": False} for entry in shipped.faq]
    (folder / "faq.yaml").write_text(yaml.safe_dump({"entries": entries}), encoding="utf-8")
    assert any("every FAQ entry is switched off" in p for p in problems_of(folder))


def test_a_german_answer_that_contradicts_the_clinics_english_one_is_not_shown(
    tmp_path: Path,
) -> None:
    """A clinic changes the English rule: until the German answer is updated, German patients
    read the English answer rather than advice with other numbers (check only warns)."""
    folder = write_clinic(tmp_path / "riverside", GB_CLINIC, languages=["en", "de"])
    (folder / "faq.yaml").write_text(
        "entries:\n  - id: exercise_gym\n    answer: No gym for 48 hours.\n", encoding="utf-8"
    )
    knowledge = load_knowledge(DEFAULT_KNOWLEDGE_DIR, folder)
    assert knowledge.entry_text("exercise_gym", "de").answer == "No gym for 48 hours."
    (folder / "lang").mkdir()
    (folder / "lang" / "de.yaml").write_text(
        "faq:\n  exercise_gym:\n    answer: 48 Stunden kein Sport.\n", encoding="utf-8"
    )
    knowledge = load_knowledge(DEFAULT_KNOWLEDGE_DIR, folder)
    assert knowledge.entry_text("exercise_gym", "de").answer == "48 Stunden kein Sport."


def test_a_clinics_language_pack_changes_only_what_it_names(
    shipped: Knowledge, tmp_path: Path
) -> None:
    folder = write_clinic(tmp_path / "riverside", GB_CLINIC, languages=["en", "de"])
    (folder / "lang").mkdir()
    (folder / "lang" / "de.yaml").write_text(
        yaml.safe_dump(
            {
                "faq": {
                    "exercise_gym": {
                        "answer": "Bei uns: 24 Stunden kein Sport, 48 Stunden kein Wettkampf.",
                        "questions": ["darf ich zum reformer pilates"],
                    },
                    "alcohol": {"enabled": False},
                },
                "messages": {"fallback": "Dazu weiß ich nichts. Notfall? {emergency_number}."},
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    knowledge = load_knowledge(DEFAULT_KNOWLEDGE_DIR, folder)
    before = shipped.entry_text("exercise_gym", "de")
    after = knowledge.entry_text("exercise_gym", "de")
    assert after.answer == "Bei uns: 24 Stunden kein Sport, 48 Stunden kein Wettkampf."
    assert after.title == before.title
    assert after.questions == (*before.questions, "darf ich zum reformer pilates")
    assert "alcohol" not in {entry.id for entry in knowledge.faq}
    assert knowledge.messages_for("de").fallback.startswith("Dazu weiß ich nichts")
    assert knowledge.messages_for("de").help == shipped.messages_for("de").help
    assert knowledge.entry("exercise_gym").answer == shipped.entry("exercise_gym").answer


def test_a_clinic_pack_may_not_touch_red_flags_or_invent_a_language(folder: Path) -> None:
    (folder / "lang").mkdir()
    (folder / "lang" / "de.yaml").write_text("red_flags: {flags: {}}\n", encoding="utf-8")
    (folder / "lang" / "nl.yaml").write_text("faq: {}\n", encoding="utf-8")
    problems = "\n".join(problems_of(folder))
    assert "riverside/lang/de.yaml: field 'red_flags' cannot be changed by a clinic" in problems
    assert "riverside/lang/nl.yaml: there is no shipped lang/nl.yaml to change" in problems


def test_merging_keeps_the_shipped_order_and_puts_new_items_last() -> None:
    shipped = [
        {"id": "a", "questions": ["one", "two"], "answer": "A"},
        {"id": "b", "questions": ["three"], "answer": "B"},
    ]
    changes = [
        {"id": "new", "questions": ["x"], "answer": "N"},
        {"id": "b", "questions": ["Three ", "four"], "keywords": ["k"]},
        {"id": "a", "enabled": False},
    ]
    problems: list[str] = []
    merged = merge_entries(shipped, changes, "mine/faq.yaml", problems)
    assert problems == []
    assert [item["id"] for item in merged.items] == ["a", "b", "new"]
    b = {"id": "b", "questions": ["three", "four"], "answer": "B", "keywords": ["k"]}
    assert merged.items[1] == b
    assert merged.disabled == {"a"} and set(merged.source) == {"a", "b", "new"}
    pack, off = change_pack(
        {"language": "de", "faq": {"a": {"title": "T", "answer": "A", "questions": ["q"]}}},
        {"faq": {"a": {"remove_questions": ["q"], "questions": ["r"]}}},
        "mine/lang/de.yaml",
        problems,
    )
    assert pack["faq"] == {"a": {"title": "T", "answer": "A", "questions": ["r"]}} and not off
