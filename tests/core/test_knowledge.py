"""Knowledge loads strictly: every problem reported at once, naming file, entry and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.core.knowledge import Knowledge, load_knowledge
from bot.errors import KnowledgeError
from tests.conftest import DATA


def problems_for(folder: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(folder)
    return caught.value.problems


def edit_yaml(path: Path, change: object) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_shipped_knowledge_is_complete(knowledge: Knowledge) -> None:
    assert len(knowledge.faq) >= 40
    assert all(len(entry.questions) >= 6 for entry in knowledge.faq)
    assert all(len(entry.answer.split()) <= 110 for entry in knowledge.faq)
    levels = {flag.level for flag in knowledge.red_flags}
    assert levels == {"emergency", "urgent"}


def test_shipped_knowledge_covers_the_seed_points(knowledge: Knowledge) -> None:
    """Every point of the founding document has an entry a patient can reach."""
    ids = {entry.id for entry in knowledge.faq}
    for required in (
        "bruising",
        "swelling_redness",
        "infection_signs",
        "permanent_damage_worry",
        "asymmetry_uneven",
        "eyelid_droop_ptosis",
        "unhappy_with_result_emotional",
        "practitioner_qualifications",
        "risks_overview",
        "report_unusual_symptoms",
    ):
        assert required in ids


def test_every_problem_in_a_broken_faq_is_named_at_once(knowledge_copy: Path) -> None:
    shutil.copy(DATA / "broken" / "faq.yaml", knowledge_copy / "faq.yaml")
    problems = problems_for(knowledge_copy)
    text = "\n".join(problems)
    assert "faq.yaml: entry 'exercise_after': field 'answer' is empty" in problems
    assert "faq.yaml: entry 'alcohol': field 'id' is used by another entry" in problems
    assert "faq.yaml: entry 'alcohol': field 'related' names unknown entry 'no_such_entry'" in (
        problems
    )
    assert "faq.yaml: entry 'alcohol': field 'questions' repeats 'gym today'" in text
    assert "faq.yaml: entry 'makeup': field 'colour' is not a known field" in problems
    assert "faq.yaml: entry 'makeup': field 'category'" in text
    assert "faq.yaml: entry 'sauna': field 'questions' should be a list, found str" in problems
    assert "faq.yaml: entry #6: field 'id' is missing" in problems
    assert len(problems) >= 8


def test_invalid_yaml_names_the_file_and_line(knowledge_copy: Path) -> None:
    (knowledge_copy / "faq.yaml").write_text("entries:\n  - id: [unclosed\n", encoding="utf-8")
    (problem,) = problems_for(knowledge_copy)
    assert problem.startswith("faq.yaml: not valid YAML at line")


def test_duplicate_yaml_keys_are_refused(knowledge_copy: Path) -> None:
    path = knowledge_copy / "clinic.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "clinic:\n  name: Twice\n", "utf-8")
    (problem,) = problems_for(knowledge_copy)
    assert "clinic.yaml" in problem and "duplicate key 'clinic'" in problem


def test_missing_file_is_named(knowledge_copy: Path) -> None:
    (knowledge_copy / "red_flags.yaml").unlink()
    assert problems_for(knowledge_copy) == [f"red_flags.yaml: file not found in {knowledge_copy}"]


def test_clinic_errors_name_the_field(knowledge_copy: Path) -> None:
    def change(data: dict) -> None:  # type: ignore[type-arg]
        data["clinic"]["emergency_number"] = "call us"
        del data["clinic"]["phone"]

    edit_yaml(knowledge_copy / "clinic.yaml", change)
    problems = problems_for(knowledge_copy)
    assert any(p.startswith("clinic.yaml: field 'clinic.phone' is missing") for p in problems)
    assert any("clinic.yaml: field 'clinic.emergency_number'" in p for p in problems)


def test_unknown_placeholder_in_a_message_is_named(knowledge_copy: Path) -> None:
    def change(data: dict) -> None:  # type: ignore[type-arg]
        data["fallback"] = "Please call {clinic_phone}."

    edit_yaml(knowledge_copy / "messages.yaml", change)
    (problem,) = problems_for(knowledge_copy)
    assert problem.startswith("messages.yaml: field 'fallback': unknown placeholder {clinic_phone}")


def test_emergency_flags_need_every_language(knowledge_copy: Path) -> None:
    def change(data: dict) -> None:  # type: ignore[type-arg]
        flag = next(f for f in data["flags"] if f["level"] == "emergency")
        del flag["phrasings"]["ru"]
        flag["message"]["en"] = ""

    edit_yaml(knowledge_copy / "red_flags.yaml", change)
    problems = problems_for(knowledge_copy)
    assert any("field 'phrasings.ru' is missing (emergency)" in p for p in problems)
    assert any("field 'message.en' is empty" in p for p in problems)


def test_a_list_where_a_mapping_belongs_is_a_clear_error(knowledge_copy: Path) -> None:
    (knowledge_copy / "messages.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    (problem,) = problems_for(knowledge_copy)
    assert problem == "messages.yaml: expected a mapping at the top level, found list"
