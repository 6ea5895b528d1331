"""Writers label an out-of-scope question with the topic "fallback": the honest fallback
reply meets it, an FAQ answer does not. Wordings are our own."""

from __future__ import annotations

from pathlib import Path

from bot.core.conversation import Conversation
from bot.core.dialogue.evaluation import evaluate_dialogues, load_dialogues


def test_an_out_of_scope_question_labelled_fallback_counts_as_answered(
    conversation: Conversation, tmp_path: Path
) -> None:
    lines = [
        '{"id": "a", "turns": [{"text": "can i drink wine tonight", "expect": {"topics":'
        ' ["alcohol"]}}, {"text": "random but how do i descale a kettle", "expect":'
        ' {"topics": ["fallback"]}}]}',
        '{"id": "b", "turns": [{"text": "can i drink wine tonight", "expect": {"topics":'
        ' ["fallback"]}}]}',
    ]
    path = tmp_path / "dialogues.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = evaluate_dialogues(conversation, load_dialogues(path))
    assert [(r.kind, r.ok) for r in report.results] == [
        ("answer", True),
        ("fallback", True),
        ("answer", False),
    ]
