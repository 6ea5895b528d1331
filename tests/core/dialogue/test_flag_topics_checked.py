"""``flag_topics`` in dialogue.yaml names real red flags and real FAQ topics: a typo is a
knowledge problem named at load time, not a rule that silently never fires."""

from __future__ import annotations

from pathlib import Path

from tests.core.test_knowledge import edit_yaml, problems_for


def test_an_unknown_flag_or_topic_is_named(knowledge_copy: Path) -> None:
    def misname(data: dict[str, dict[str, str]]) -> None:
        data["flag_topics"]["U99_no_such_flag"] = "headache"
        data["flag_topics"]["U7_severe_headache"] = "no_such_topic"

    edit_yaml(knowledge_copy / "dialogue.yaml", misname)
    problems = problems_for(knowledge_copy)
    assert "dialogue.yaml: field 'flag_topics' names unknown red flag 'U99_no_such_flag'" in (
        problems
    )
    assert "dialogue.yaml: field 'flag_topics' names unknown entry 'no_such_topic'" in problems
