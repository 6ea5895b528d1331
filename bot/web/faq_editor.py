"""A clinic's own FAQ overrides, edited safely: read, change, validate with the loader, save.

The clinic folder's ``faq.yaml`` holds the clinic's *changes* in the loader's partial-override
format (``bot.core.knowledge.overrides``): for a shipped entry only what differs (a new
answer, added or removed phrasings, ``enabled: false`` to switch it off), and whole entries
of the clinic's own. The editor writes exactly that, so a shipped entry keeps every phrasing
the clinic did not remove, and a hand-written file and the dashboard use one format.

Every change is written to a scratch copy of the clinic folder first and loaded with
``load_knowledge``, the same code ``aftercare-bot check`` and start-up run; only a change
that loads cleanly replaces the real file (atomically), so a bad edit can never stop the bot
from starting.

Pure: no web framework here, so the editor can be used (and tested) on its own.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.core.knowledge import (
    CLINIC_FILE,
    FAQ_FILE,
    MESSAGES_FILE,
    FaqEntry,
    Knowledge,
    load_knowledge,
)
from bot.core.knowledge.overrides import ENABLED, REMOVE_PREFIX
from bot.errors import AftercareError, KnowledgeError

_FAQ_HEADER = """\
# This clinic's changes to the shipped FAQ (knowledge/faq.yaml), and its own entries. For a
# shipped entry only what differs is written: a new answer or title, `questions` added,
# `remove_questions` taken out, `enabled: false` to switch it off. Written by the clinic
# dashboard (comments are not kept); it can still be edited by hand: run
# `aftercare-bot check` afterwards.
"""

#: The order fields are written in, as in the shipped faq.yaml.
_FIELD_ORDER = tuple(FaqEntry.model_fields)
#: Lists a change adds to and removes from; every other field is replaced when it differs.
_LISTS = ("questions", "keywords")


class FaqEditError(AftercareError):
    """A change that was refused; ``problems`` are the loader's lines (or ours)."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


class StaleEdit(FaqEditError):
    """The files changed since the form was opened; the change was not saved."""


@dataclass(frozen=True, slots=True)
class FaqState:
    """Every FAQ entry as the clinic sees it, switched-off ones included."""

    knowledge: Knowledge
    own: tuple[dict[str, Any], ...]
    shipped_ids: frozenset[str]
    disabled: frozenset[str]
    version: str

    @property
    def entries(self) -> tuple[FaqEntry, ...]:
        """Every entry, on or off, as the clinic's changes leave it."""
        return (*self.knowledge.faq, *self.knowledge.switched_off)

    def entry(self, entry_id: str) -> FaqEntry | None:
        return next((e for e in self.entries if e.id == entry_id), None)

    def is_own(self, entry_id: str) -> bool:
        """True when the clinic wrote this entry or changed its words (not just its switch)."""
        return any(item.get("id") == entry_id and set(item) - {"id", ENABLED} for item in self.own)


def entry_to_dict(entry: FaqEntry) -> dict[str, Any]:
    """An entry as YAML would hold it: fields in the usual order, empty optionals left out."""
    data = entry.model_dump()
    out: dict[str, Any] = {}
    for name in _FIELD_ORDER:
        value = data.get(name)
        if value in (None, [], False) and name not in {"id", "questions", "answer"}:
            continue
        out[name] = value
    return out


def normalise_phrasing(text: str) -> str:
    """How the loader compares phrasings for duplicates."""
    return " ".join(text.casefold().split())


def _unset(value: Any) -> Any:
    """An empty optional field, however it is written, compares as None."""
    return None if value in (None, [], False, "") else value


def change_from(shipped: FaqEntry, wanted: Mapping[str, Any]) -> dict[str, Any]:
    """The partial override that turns ``shipped`` into ``wanted``: only what differs."""
    before = entry_to_dict(shipped)
    change: dict[str, Any] = {"id": shipped.id}
    for name in _FIELD_ORDER:
        if name == "id" or name in _LISTS:
            continue
        if _unset(wanted.get(name)) != _unset(before.get(name)):
            change[name] = wanted.get(name)
    for name in _LISTS:
        have = list(before.get(name) or [])
        want = list(wanted.get(name) or [])
        have_keys = {normalise_phrasing(item) for item in have}
        want_keys = {normalise_phrasing(item) for item in want}
        added = [item for item in want if normalise_phrasing(item) not in have_keys]
        removed = [item for item in have if normalise_phrasing(item) not in want_keys]
        if added:
            change[name] = added
        if removed:
            change[f"{REMOVE_PREFIX}{name}"] = removed
    return change


class _Dumper(yaml.SafeDumper):
    """Block style for multi-line text, so answers stay readable in the file."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def _dump(header: str, data: Mapping[str, Any]) -> str:
    body = yaml.dump(
        dict(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=96, indent=2
    )
    return header + body


def _write_atomically(path: Path, text: str) -> None:
    handle, scratch = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            shutil.copymode(path, scratch)
        os.replace(scratch, path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise


class FaqEditor:
    """Reads and changes one clinic folder's FAQ overrides; thread-safe within a process.

    ``current()`` is cached and re-read whenever the files change on disk (a hand edit).
    """

    def __init__(self, knowledge_dir: Path, clinic_dir: Path) -> None:
        self.knowledge_dir = knowledge_dir
        self.clinic_dir = clinic_dir
        self._lock = threading.RLock()
        self._cached: tuple[tuple[Any, ...], FaqState] | None = None
        self._shipped: dict[str, FaqEntry] | None = None

    # -- reading -----------------------------------------------------------------------

    def _signature(self) -> tuple[Any, ...]:
        parts: list[Any] = []
        for name in (FAQ_FILE, CLINIC_FILE, MESSAGES_FILE):
            try:
                stat = (self.clinic_dir / name).stat()
                parts.append((name, stat.st_mtime_ns, stat.st_size))
            except FileNotFoundError:
                parts.append((name, None))
        return tuple(parts)

    def _version(self) -> str:
        path = self.clinic_dir / FAQ_FILE
        digest = hashlib.sha256(path.read_bytes() if path.exists() else b"\0")
        return digest.hexdigest()[:16]

    def _own_entries(self) -> list[dict[str, Any]]:
        path = self.clinic_dir / FAQ_FILE
        if not path.exists():
            return []
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            return []
        entries = data.get("entries")
        return [dict(item) for item in entries if isinstance(item, dict)] if entries else []

    def shipped(self) -> dict[str, FaqEntry]:
        """The shipped entries by id, as they are before the clinic's changes."""
        if self._shipped is None:
            shipped = load_knowledge(self.knowledge_dir, None)
            self._shipped = {entry.id: entry for entry in shipped.faq}
        return self._shipped

    def current(self) -> FaqState:
        """Every entry (switched-off ones too), the clinic's own raw items, the version."""
        with self._lock:
            signature = self._signature()
            if self._cached is not None and self._cached[0] == signature:
                return self._cached[1]
            knowledge = load_knowledge(self.knowledge_dir, self.clinic_dir)
            state = FaqState(
                knowledge=knowledge,
                own=tuple(self._own_entries()),
                shipped_ids=frozenset(self.shipped()),
                disabled=frozenset(entry.id for entry in knowledge.switched_off),
                version=self._version(),
            )
            self._cached = (signature, state)
            return state

    # -- changing ----------------------------------------------------------------------

    def add_phrasings(
        self, entry_id: str, texts: Sequence[str], *, version: str | None = None
    ) -> tuple[Knowledge, list[str]]:
        """Add patients' wordings to an entry; returns the new knowledge and what was added."""
        with self._lock:
            state = self.current()
            entry = state.entry(entry_id)
            if entry is None:
                raise FaqEditError([f"there is no entry '{entry_id}'"])
            have = {normalise_phrasing(q) for q in entry.questions}
            added: list[str] = []
            for text in texts:
                clean = " ".join(text.split())
                if clean and normalise_phrasing(clean) not in have:
                    have.add(normalise_phrasing(clean))
                    added.append(clean)
            if not added:
                raise FaqEditError(["each of these wordings is already a phrasing of this entry"])
            item = self._own_item(state, entry_id)
            item["questions"] = [*(item.get("questions") or []), *added]
            return self._save(state, self._replace(state, item), version), added

    def save_entry(
        self, entry: Mapping[str, Any], *, version: str | None = None, new: bool = False
    ) -> Knowledge:
        """Write an entry (new, or changed from a shipped or own one) into the overrides.

        A shipped entry is written as the change from the shipped one (only what differs);
        an entry of the clinic's own is written whole.
        """
        with self._lock:
            state = self.current()
            entry_id = entry.get("id")
            if new and isinstance(entry_id, str) and state.entry(entry_id) is not None:
                raise FaqEditError([f"an entry with the id '{entry_id}' already exists"])
            if not new and (not isinstance(entry_id, str) or state.entry(entry_id) is None):
                raise FaqEditError([f"there is no entry '{entry_id}' to change"])
            shipped = self.shipped().get(entry_id) if isinstance(entry_id, str) else None
            item = change_from(shipped, entry) if shipped is not None else dict(entry)
            if isinstance(entry_id, str) and entry_id in state.disabled:
                item[ENABLED] = False
            return self._save(state, self._replace(state, item), version)

    def set_enabled(self, entry_id: str, enabled: bool, *, version: str | None = None) -> Knowledge:
        """Switch an entry on or off for this clinic (``enabled: false`` in its faq.yaml)."""
        with self._lock:
            state = self.current()
            if state.entry(entry_id) is None:
                raise FaqEditError([f"there is no entry '{entry_id}'"])
            item = self._own_item(state, entry_id)
            if enabled:
                item.pop(ENABLED, None)
            else:
                item[ENABLED] = False
            return self._save(state, self._replace(state, item), version)

    def _own_item(self, state: FaqState, entry_id: str) -> dict[str, Any]:
        """The clinic's item for an entry (a copy), or an empty change of a shipped one."""
        for item in state.own:
            if item.get("id") == entry_id:
                return dict(item)
        return {"id": entry_id}

    def _replace(self, state: FaqState, item: dict[str, Any]) -> list[dict[str, Any]]:
        """The clinic's items with ``item`` in its place; a change that changes nothing of a
        shipped entry is dropped, so the file holds only real changes."""
        entry_id = item.get("id")
        empty = entry_id in self.shipped() and set(item) <= {"id"}
        own = [other for other in state.own if other.get("id") != entry_id]
        if empty:
            return own
        position = next(
            (i for i, other in enumerate(state.own) if other.get("id") == entry_id), None
        )
        own.insert(len(own) if position is None else position, item)
        return own

    def _save(
        self, state: FaqState, own: Sequence[Mapping[str, Any]], version: str | None
    ) -> Knowledge:
        if version is not None and version != state.version:
            raise StaleEdit(
                ["the FAQ was changed by someone else since you opened this page; reload it"]
            )
        faq_text = _dump(_FAQ_HEADER, {"entries": [dict(item) for item in own]}) if own else ""
        knowledge = self._validate(faq_text)
        faq_path = self.clinic_dir / FAQ_FILE
        if own or faq_path.exists():
            _write_atomically(faq_path, faq_text or _FAQ_HEADER)
        self._cached = None
        return knowledge

    def _validate(self, faq_text: str) -> Knowledge:
        """Load the changed folder from a scratch copy with the real loader."""
        with tempfile.TemporaryDirectory(prefix="aftercare-faq-") as scratch:
            folder = Path(scratch) / self.clinic_dir.name
            shutil.copytree(self.clinic_dir, folder, ignore=shutil.ignore_patterns(".*"))
            (folder / FAQ_FILE).unlink(missing_ok=True)
            if faq_text:
                (folder / FAQ_FILE).write_text(faq_text, encoding="utf-8")
            try:
                return load_knowledge(self.knowledge_dir, folder)
            except KnowledgeError as exc:
                raise FaqEditError(exc.problems) from exc
