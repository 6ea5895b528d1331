"""Nested YAML data (dicts of lists of texts): merge a change into it, list the texts in it.

The loader, the language packs and a clinic's overrides all read such data; one merge and one
walk serve them, so a changed file and its error messages are read the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def deep_merge(base: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` with ``changes`` applied: a dict in both is merged key by key; anything else
    (a text, a list) in ``changes`` replaces what ``base`` had."""
    merged = dict(base)
    for key, value in changes.items():
        old = merged.get(key)
        merged[key] = (
            deep_merge(old, value) if isinstance(value, dict) and isinstance(old, dict) else value
        )
    return merged


def text_fields(
    value: Any, where: str = "", *, number_items: bool = True
) -> Iterable[tuple[str, str]]:
    """Every text in a nested structure, with its dotted field path: ``welcome``,
    ``smalltalk.greeting[2]``; with ``number_items=False`` a list's texts share the list's
    path (a pack's message is one field, however many phrasings it lists)."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from text_fields(
                item, f"{where}.{key}" if where else str(key), number_items=number_items
            )
    elif isinstance(value, list):
        for index, item in enumerate(value):
            path = f"{where}[{index}]" if number_items else where
            yield from text_fields(item, path, number_items=number_items)
