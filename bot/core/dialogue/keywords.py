"""The FAQ keywords the dialogue names topics by, per language: "hielo" names the bruise and
the swelling in a Spanish message because the Spanish pack lists it, not because faq.yaml's
English keywords carry every language's words. Pure.

A message in another language keeps the English keywords too: patients mix in English words
("botox", "gym", "spf") that their language's pack need not repeat. A language without a pack
reads the English keywords alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.core.knowledge.schemas import Knowledge
from bot.core.text import normalise


@dataclass(frozen=True, slots=True)
class KeywordTable:
    """Normalised keyword -> the entries it names, for one language, in the FAQ's order.

    Ordered tuples, not sets: where two entries tie ("ice" names the bruise and the
    swelling), the dialogue takes the first it meets, and a set's order follows the
    process's string-hash seed, so the same message would get other answers in other
    processes."""

    names: Mapping[str, tuple[str, ...]]
    #: Keywords of several words ("flu jab", "bolsa de hielo"), looked for whole in a text.
    phrases: tuple[tuple[str, tuple[str, ...]], ...]

    def ids(self, keyword: str) -> tuple[str, ...]:
        return self.names.get(keyword, ())


def _table(pairs: Iterable[tuple[str, str]]) -> KeywordTable:
    names: dict[str, dict[str, None]] = {}
    for keyword, entry_id in pairs:
        norm = normalise(keyword)
        if norm:
            names.setdefault(norm, {})[entry_id] = None  # a dict keeps first-seen order
    ordered = {key: tuple(ids) for key, ids in names.items()}
    return KeywordTable(ordered, tuple((k, ids) for k, ids in ordered.items() if " " in k))


class KeywordIndex:
    """One keyword table per language with FAQ texts, built once per clinic."""

    def __init__(self, knowledge: Knowledge) -> None:
        english = [(keyword, entry.id) for entry in knowledge.faq for keyword in entry.keywords]
        live = {entry.id for entry in knowledge.faq}
        self._english = _table(english)
        self._tables = {
            language: _table(
                [
                    *english,
                    *(
                        (keyword, entry_id)
                        for entry_id, text in texts.items()
                        if entry_id in live
                        for keyword in text.keywords
                    ),
                ]
            )
            for language, texts in knowledge.texts.items()
            if language != "en"
        }

    def table(self, language: str | None) -> KeywordTable:
        """The keywords a message in ``language`` is read with (English for None)."""
        code = (language or "en")[:2].lower()  # Telegram sends "pt-br"
        return self._tables.get(code, self._english)
