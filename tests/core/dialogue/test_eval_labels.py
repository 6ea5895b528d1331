"""Writers label a turn no FAQ entry answers with a pseudo-topic: "smalltalk" for a pleasantry
("thanks"), "fallback" for an out-of-scope question. A reply of that kind meets the label; an
FAQ answer does not. Wordings are our own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.core.conversation import Conversation
from bot.core.dialogue.evaluation import evaluate_dialogues, load_dialogues

WINE = "can i drink wine tonight"


@pytest.mark.parametrize(
    ("label", "text"),
    [("smalltalk", "thanks so much"), ("fallback", "random but how do i descale a kettle")],
)
def test_a_turn_labelled_with_a_pseudo_topic_is_met_by_a_reply_of_that_kind(
    conversation: Conversation, tmp_path: Path, label: str, text: str
) -> None:
    dialogues = [
        {
            "id": "a",
            "turns": [
                {"text": WINE, "expect": {"topics": ["alcohol"]}},
                {"text": text, "expect": {"topics": [label]}},
            ],
        },
        {"id": "b", "turns": [{"text": WINE, "expect": {"topics": [label]}}]},
    ]
    path = tmp_path / "dialogues.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in dialogues), encoding="utf-8")
    report = evaluate_dialogues(conversation, load_dialogues(path))
    assert [(r.text, r.kind, r.ok) for r in report.results] == [
        (WINE, "answer", True),
        (text, label, True),
        (WINE, "answer", False),
    ]
