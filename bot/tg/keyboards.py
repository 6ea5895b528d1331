"""Inline keyboards and the compact callback data behind their buttons (under 64 bytes).

Callback data:  ``t:`` subjects · ``t:<category>`` questions in a subject · ``f:<entry>`` an
answer · ``h:1:<entry>`` / ``h:0:<entry>`` helpful or not · ``n`` none of these (contact).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.knowledge import Knowledge

CALLBACK_LIMIT = 64


@dataclass(frozen=True, slots=True)
class Callback:
    """A parsed button press."""

    action: str  # "topics", "category", "faq", "feedback", "none"
    value: str = ""
    helpful: bool | None = None


def parse_callback(data: str | None) -> Callback | None:
    """Read our own callback data; anything else (old or forged buttons) is None."""
    if not data:
        return None
    if data == "n":
        return Callback("none")
    if data == "t:":
        return Callback("topics")
    if data.startswith("t:"):
        return Callback("category", data[2:])
    if data.startswith("f:"):
        return Callback("faq", data[2:])
    if data.startswith(("h:1:", "h:0:")):
        return Callback("feedback", data[4:], helpful=data[2] == "1")
    return None


def _button(text: str, data: str) -> InlineKeyboardButton:
    if len(data.encode()) > CALLBACK_LIMIT:
        raise ValueError(f"callback data over {CALLBACK_LIMIT} bytes: {data!r}")
    return InlineKeyboardButton(text, callback_data=data)


class Keyboards:
    """Builds every keyboard from the knowledge, so labels come from messages.yaml."""

    def __init__(self, knowledge: Knowledge) -> None:
        self._knowledge = knowledge
        self._labels = knowledge.messages.buttons
        self._titles = {entry.id: entry.title for entry in knowledge.faq}

    def categories(self) -> InlineKeyboardMarkup:
        present = dict.fromkeys(entry.category for entry in self._knowledge.faq)
        names = self._knowledge.messages.categories
        return InlineKeyboardMarkup(
            [[_button(names.get(category, category), f"t:{category}")] for category in present]
        )

    def category(self, category: str) -> InlineKeyboardMarkup:
        rows = [
            [_button(entry.title, f"f:{entry.id}")]
            for entry in self._knowledge.faq
            if entry.category == category
        ]
        rows.append([_button(self._labels.back, "t:")])
        return InlineKeyboardMarkup(rows)

    def answer(
        self, entry_id: str, related: Sequence[str], *, back: str | None = None
    ) -> InlineKeyboardMarkup:
        rows = [
            [
                _button(self._labels.helpful, f"h:1:{entry_id}"),
                _button(self._labels.not_helpful, f"h:0:{entry_id}"),
            ]
        ]
        rows.extend(
            [_button(self._titles[rid], f"f:{rid}")] for rid in related if rid in self._titles
        )
        if back is not None:
            rows.append([_button(self._labels.back, f"t:{back}")])
        return InlineKeyboardMarkup(rows)

    def clarify(self, suggestions: Sequence[str]) -> InlineKeyboardMarkup:
        rows = [[_button(self._titles[sid], f"f:{sid}")] for sid in suggestions]
        rows.append([_button(self._labels.none_of_these, "n")])
        return InlineKeyboardMarkup(rows)
