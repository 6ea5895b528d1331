"""Language packs (knowledge/lang/<code>.yaml) merged into the knowledge, and what ``check``
says about them: a gap is answered in English and reported, a translation that would say
something different (a missing placeholder, another number) or cannot recognise a red flag
is refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.core.knowledge import Knowledge, load_knowledge
from bot.errors import KnowledgeError
from tests.test_cli import cli

SHIPPED = ("es", "de", "fr", "it", "pt")


def edit_pack(folder: Path, language: str, change: Any) -> None:
    path = folder / "lang" / f"{language}.yaml"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    change(data)
    path.write_text(yaml.dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def problems_for(folder: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(folder)
    return caught.value.problems


def test_the_shipped_clinic_enables_every_shipped_language(knowledge: Knowledge) -> None:
    assert knowledge.languages == ("en", *SHIPPED)
    assert knowledge.staff_language == "en"
    assert knowledge.language_gaps == ()


@pytest.mark.parametrize("language", SHIPPED)
def test_every_entry_has_its_own_phrasings_in_every_language(
    knowledge: Knowledge, language: str
) -> None:
    for entry in knowledge.faq:
        own = knowledge.phrasings(entry.id, language)
        assert len(own) >= 6, entry.id
        # Written in the language, not copied ("ptosis" may be the same word).
        assert len(set(own) & set(entry.questions)) <= 2, entry.id
        assert knowledge.entry_text(entry.id, language).answer != entry.answer
    assert knowledge.phrasings("alcohol", "en") == tuple(knowledge.entry("alcohol").questions)


def test_a_packs_red_flag_phrasings_replace_the_inline_ones(knowledge: Knowledge) -> None:
    raw = yaml.safe_load((Path(__file__).parents[2] / "knowledge" / "red_flags.yaml").read_text())
    inline = {flag["id"]: flag["phrasings"].get("es", []) for flag in raw["flags"]}
    pack = yaml.safe_load(
        (Path(__file__).parents[2] / "knowledge" / "lang" / "es.yaml").read_text()
    )["red_flags"]
    for flag_id, given in pack["flags"].items():
        assert knowledge.flag_phrasings(flag_id, "es") == tuple(given["phrasings"])
    dropped = {p for flag_id in inline for p in inline[flag_id]} - {
        p for flag_id in pack["flags"] for p in pack["flags"][flag_id]["phrasings"]
    }
    assert dropped  # some inline phrasings caused false alarms and are gone
    # Concepts and ignored idioms are merged, not replaced.
    assert set(raw["concepts"]["swallow"]["es"]) <= set(knowledge.concepts["swallow"]["es"])
    assert set(pack["concepts"]["eyelid"]) <= set(knowledge.concepts["eyelid"]["es"])
    assert "me muero de sueno" in knowledge.ignore_phrases["es"]


def test_each_language_has_its_own_messages_with_english_for_gaps(
    knowledge_copy: Path,
) -> None:
    def drop(data: dict[str, Any]) -> None:
        del data["messages"]["feedback_thanks"]
        del data["faq"]["alcohol"]

    edit_pack(knowledge_copy, "de", drop)
    knowledge = load_knowledge(knowledge_copy)
    german = knowledge.messages_for("de")
    assert german.feedback_thanks == knowledge.messages.feedback_thanks  # English
    assert german.language_name == "Deutsch"
    assert knowledge.entry_text("alcohol", "de").answer == knowledge.entry("alcohol").answer
    assert "lang/de.yaml: message 'feedback_thanks' is missing (English is used)" in (
        knowledge.language_gaps
    )
    assert "lang/de.yaml: entry 'alcohol' is missing (answered in English)" in (
        knowledge.language_gaps
    )
    result = cli("check", env={"KNOWLEDGE_DIR": str(knowledge_copy)})
    assert result.returncode == 0, result.stderr
    assert "warning: lang/de.yaml: entry 'alcohol' is missing" in result.stderr
    assert "languages en, es, de, fr, it, pt" in result.stdout


def test_a_translation_that_says_something_else_is_answered_in_english(
    knowledge_copy: Path,
) -> None:
    def change(data: dict[str, Any]) -> None:
        data["messages"]["fallback"] = "No lo sé. Pregunte a su profesional."  # no number
        alcohol = data["faq"]["alcohol"]
        alcohol["answer"] = alcohol["answer"].replace("24", "12")
        data["red_flags"]["flags"]["E1_swallowing"]["message"] += " {clinic_name}"

    edit_pack(knowledge_copy, "es", change)
    knowledge = load_knowledge(knowledge_copy)
    gaps = "\n".join(knowledge.language_gaps)
    assert "lang/es.yaml: message 'fallback' uses none, the English one {emergency_number}" in gaps
    assert "lang/es.yaml: entry 'alcohol': the answer's numbers (12" in gaps
    assert "lang/es.yaml: flag 'E1_swallowing': the message's placeholders differ" in gaps
    # Never shown: English until the translation is brought up to date.
    assert knowledge.messages_for("es").fallback == knowledge.messages.fallback
    assert knowledge.entry_text("alcohol", "es").answer == knowledge.entry("alcohol").answer
    assert knowledge.entry_text("alcohol", "es").title == "Alcohol"  # the rest stays Spanish
    swallowing = next(f for f in knowledge.red_flags if f.id == "E1_swallowing")
    assert swallowing.message["es"] == swallowing.message["en"]
    assert knowledge.messages_for("es").help != knowledge.messages.help


def test_an_enabled_language_that_cannot_recognise_a_red_flag_is_refused(
    knowledge_copy: Path,
) -> None:
    edit_pack(
        knowledge_copy, "it", lambda data: data["red_flags"]["flags"].pop("E3_breathing_speaking")
    )
    problems = problems_for(knowledge_copy)
    assert any("lang/it.yaml: flag 'E3_breathing_speaking' has no phrasings" in p for p in problems)


def test_a_disabled_language_is_not_held_to_completeness(knowledge_copy: Path) -> None:
    edit_pack(
        knowledge_copy, "it", lambda data: data["red_flags"]["flags"].pop("E3_breathing_speaking")
    )
    clinic = knowledge_copy / "clinic.yaml"
    clinic.write_text(
        clinic.read_text().replace("languages: [en, es, de, fr, it, pt]", "languages: [en, de]")
    )
    knowledge = load_knowledge(knowledge_copy)
    assert knowledge.languages == ("en", "de")


def test_unknown_ids_in_a_pack_are_named(knowledge_copy: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["faq"]["no_such_entry"] = data["faq"]["alcohol"]
        data["red_flags"]["flags"]["X9_nothing"] = data["red_flags"]["flags"]["E1_swallowing"]
        data["messages"]["no_such_message"] = "Hallo"

    edit_pack(knowledge_copy, "de", change)
    problems = problems_for(knowledge_copy)
    assert "lang/de.yaml: entry 'no_such_entry' is not an entry in faq.yaml" in problems
    assert "lang/de.yaml: flag 'X9_nothing' is not a flag in red_flags.yaml" in problems
    assert "lang/de.yaml: message 'no_such_message' is not a message in messages.yaml" in problems
