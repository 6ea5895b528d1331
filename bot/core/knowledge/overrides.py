"""Partial overrides: a clinic changes a shipped entry by naming only what differs.

In a clinic's ``faq.yaml`` (and in a clinic's language packs) an item whose id is already
shipped is a *change*, not a replacement::

    entries:
      - id: exercise_gym
        answer: At our clinic, no gym for 48 hours.   # replaces the answer
        questions: [can i do crossfit]                 # added to the shipped phrasings
        remove_questions: [spin class tonight ok]      # shipped phrasings taken out
      - id: alcohol
        enabled: false                                  # switched off for this clinic

``questions`` and ``keywords`` are added to the shipped ones (a repeat is ignored);
``remove_questions`` and ``remove_keywords`` take shipped ones out; every other field given
replaces the shipped value; ``enabled: false`` switches the entry off (``enabled: true``
switches it back on). An item with a new id is a whole new entry. This module works on the
raw YAML mappings, before the schemas validate the result, and reports every problem with
the clinic file's name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.core.knowledge.nested import deep_merge

#: Lists a change adds to rather than replaces.
ADDED_FIELDS: tuple[str, ...] = ("questions", "keywords")
#: ``remove_<field>`` takes items out of these lists.
REMOVE_PREFIX = "remove_"
ENABLED = "enabled"
#: Keys only a change may carry (they never reach the entry itself).
CHANGE_ONLY: frozenset[str] = frozenset(
    {ENABLED, *(f"{REMOVE_PREFIX}{name}" for name in ADDED_FIELDS)}
)


def same_text(text: str) -> str:
    """How phrasings are compared: case and spacing do not count."""
    return " ".join(text.casefold().split())


@dataclass(slots=True)
class Merged:
    """The items after a clinic's changes, which file last touched each, and what is off."""

    items: list[dict[str, Any]]
    source: dict[str, str] = field(default_factory=dict)
    disabled: set[str] = field(default_factory=set)


def _text_list(value: Any) -> list[str] | None:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    return None


def _kind(value: object) -> str:
    return "nothing" if value is None else type(value).__name__


def change_entry(
    base: Mapping[str, Any], change: Mapping[str, Any], where: str, problems: list[str]
) -> dict[str, Any]:
    """``base`` with ``change`` applied (see the module docstring); ``where`` names the entry
    in problems, e.g. ``riverside/faq.yaml: entry 'exercise_gym'``."""
    merged = dict(base)
    for name, value in change.items():
        if name in CHANGE_ONLY or name == "id":
            continue
        if name in ADDED_FIELDS:
            added = _text_list(value)
            if added is None:
                problems.append(f"{where}: field '{name}' should be a list, found {_kind(value)}")
                continue
            have = _text_list(merged.get(name)) or []
            seen = {same_text(item) for item in have}
            for item in added:
                if same_text(item) not in seen:
                    seen.add(same_text(item))
                    have.append(item)
            merged[name] = have
        else:
            merged[name] = value
    for name in ADDED_FIELDS:
        key = f"{REMOVE_PREFIX}{name}"
        if key not in change:
            continue
        removed = _text_list(change[key])
        if removed is None:
            problems.append(f"{where}: field '{key}' should be a list, found {_kind(change[key])}")
            continue
        have = _text_list(merged.get(name)) or []
        present = {same_text(item) for item in have}
        for item in removed:
            if same_text(item) not in present:
                problems.append(f"{where}: field '{key}' names {item!r}, which it does not have")
        gone = {same_text(item) for item in removed}
        merged[name] = [item for item in have if same_text(item) not in gone]
    return merged


def _enabled(change: Mapping[str, Any], where: str, problems: list[str]) -> bool | None:
    if ENABLED not in change:
        return None
    value = change[ENABLED]
    if not isinstance(value, bool):
        problems.append(f"{where}: field '{ENABLED}' should be true or false, found {value!r}")
        return None
    return value


def merge_entries(
    shipped: Sequence[Mapping[str, Any]],
    changes: Iterable[Any],
    label: str,
    problems: list[str],
    *,
    noun: str = "entry",
) -> Merged:
    """Apply a clinic's items (``changes``, from the file ``label``) to the shipped items.

    Shipped items keep their order; new items follow in the clinic's order. Items without
    a usable id are left for the schema check to name.
    """
    by_id: dict[str, dict[str, Any]] = {}
    order: list[str | int] = []
    loose: dict[int, dict[str, Any]] = {}
    for index, item in enumerate(shipped):
        item_id = item.get("id")
        if isinstance(item_id, str) and item_id not in by_id:
            by_id[item_id] = dict(item)
            order.append(item_id)
        else:
            loose[index] = dict(item)
            order.append(index)
    merged = Merged(items=[])
    seen_changes: set[str] = set()
    for number, change in enumerate(changes, start=1):
        if not isinstance(change, dict):
            found = _kind(change)
            problems.append(f"{label}: {noun} #{number}: should be a mapping, found {found}")
            continue
        item_id = change.get("id")
        if not isinstance(item_id, str) or not item_id.strip():
            problems.append(f"{label}: {noun} #{number}: field 'id' is missing")
            continue
        where = f"{label}: {noun} '{item_id}'"
        if item_id in seen_changes:
            problems.append(f"{where}: field 'id' is used by another {noun}")
            continue
        seen_changes.add(item_id)
        enabled = _enabled(change, where, problems)
        if item_id in by_id:
            by_id[item_id] = change_entry(by_id[item_id], change, where, problems)
        else:
            for key in sorted(CHANGE_ONLY - {ENABLED}):
                if key in change:
                    problems.append(f"{where}: field '{key}' needs a shipped {noun} to change")
            if set(change) <= {"id", ENABLED}:
                problems.append(f"{where}: there is no shipped {noun} with this id")
                continue
            by_id[item_id] = {k: v for k, v in change.items() if k not in CHANGE_ONLY}
            order.append(item_id)
        merged.source[item_id] = label
        if enabled is False:
            merged.disabled.add(item_id)
        elif enabled is True:
            merged.disabled.discard(item_id)
    merged.items = [by_id[key] if isinstance(key, str) else loose[key] for key in order]
    return merged


def change_mapping(
    shipped: Mapping[str, Mapping[str, Any]],
    changes: Mapping[str, Any],
    label: str,
    problems: list[str],
    *,
    noun: str = "entry",
) -> Merged:
    """The same for items keyed by id, as language packs hold them (``faq: {id: {...}}``).

    The result's ``items`` carry their ``id`` so either shape can be validated the same way.
    """
    as_list = [{"id": key, **dict(value)} for key, value in shipped.items()]
    changed = [
        {"id": key, **value} if isinstance(value, dict) else value for key, value in changes.items()
    ]
    return merge_entries(as_list, changed, label, problems, noun=noun)


#: What a clinic's language pack may change; red flags stay as shipped (safety).
PACK_CHANGES: frozenset[str] = frozenset({"language", "faq", "messages"})


def change_pack(
    shipped: Mapping[str, Any], own: Mapping[str, Any], label: str, problems: list[str]
) -> tuple[dict[str, Any], set[str]]:
    """A shipped language pack with a clinic's pack (``label``) applied, and the entry ids it
    switched off. Entries change as in ``faq.yaml`` (by id, only what differs); messages
    replace the ones named."""
    merged = dict(shipped)
    for key in sorted(set(own) - PACK_CHANGES):
        problems.append(f"{label}: field '{key}' cannot be changed by a clinic's pack")
    language = own.get("language")
    if language is not None and language != shipped.get("language"):
        problems.append(
            f"{label}: field 'language' is {language!r}, not {shipped.get('language')!r}"
        )
    off: set[str] = set()
    changes = own.get("faq")
    if isinstance(changes, dict):
        base = shipped.get("faq")
        entries = change_mapping(base if isinstance(base, dict) else {}, changes, label, problems)
        merged["faq"] = {
            item["id"]: {k: v for k, v in item.items() if k != "id"} for item in entries.items
        }
        off = entries.disabled
    elif changes is not None:
        problems.append(f"{label}: field 'faq' should be a mapping of entry ids")
    messages = own.get("messages")
    if isinstance(messages, dict):
        base = shipped.get("messages")
        merged["messages"] = deep_merge(base if isinstance(base, dict) else {}, messages)
    elif messages is not None:
        problems.append(f"{label}: field 'messages' should be a mapping")
    return merged, off
