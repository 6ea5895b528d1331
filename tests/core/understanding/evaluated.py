"""Every sentence of the evaluation sets under tests/data, in one comparable form: the
training files written by hand (the FAQ border, the red-flag reports) are checked against it,
so that figures measured on tests/data stay measured on wording the model never trained on."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def comparable(text: str) -> str:
    """Lower case, punctuation dropped: a copied sentence is found whatever its marks."""
    return re.sub(r"[^\w ]", "", text.lower()).strip()


def texts(value: object) -> list[str]:
    """Every ``text`` in a JSON line (FAQ and triage lines, and each turn of a dialogue)."""
    if isinstance(value, dict):
        own = [value["text"]] if isinstance(value.get("text"), str) else []
        return own + [t for v in value.values() for t in texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in texts(v)]
    return []


def evaluated_sentences() -> set[str]:
    """Every evaluation sentence under tests/data, comparable."""
    return {
        comparable(text)
        for path in (ROOT / "tests" / "data").rglob("*.jsonl")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
        for text in texts(json.loads(line))
    }
