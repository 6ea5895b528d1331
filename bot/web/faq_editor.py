"""A clinic's own FAQ overrides, edited safely: read, change, validate with the loader, save.

The clinic folder's ``faq.yaml`` adds entries or replaces shipped ones by id (see
``bot.knowledge``); ``faq_disabled.yaml`` beside it lists entries switched off. Every change is
written to a scratch copy of the clinic folder first and loaded with ``load_knowledge``, the
same code ``aftercare-bot check`` and start-up run; only a change that loads cleanly replaces
the real file (atomically), so a bad edit can never stop the bot from starting.

Pure: no web framework here, so the editor can be used (and tested) on its own.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import tempfile
import threading
from collections.abc import Iterable, Mapping, Sequence
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
from bot.errors import AftercareError, KnowledgeError

DISABLED_FILE = "faq_disabled.yaml"

_FAQ_HEADER = """\
# This clinic's own FAQ entries, added to the shipped FAQ; an entry with the id of a shipped
# one replaces it. Written by the clinic dashboard (comments are not kept); it can still be
# edited by hand: run `aftercare-bot check` afterwards.
"""
_DISABLED_HEADER = """\
# FAQ entries switched off in the clinic dashboard: the bot neither answers with them nor
# offers them as topics. Remove an id to switch its entry back on.
"""

#: The order fields are written in, as in the shipped faq.yaml.
_FIELD_ORDER = tuple(FaqEntry.model_fields)


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

    def entry(self, entry_id: str) -> FaqEntry | None:
        return next((e for e in self.knowledge.faq if e.id == entry_id), None)

    def is_own(self, entry_id: str) -> bool:
        return any(item.get("id") == entry_id for item in self.own)


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


def apply_disabled(knowledge: Knowledge, disabled: Iterable[str]) -> Knowledge:
    """The knowledge without switched-off entries (and without links to them)."""
    off = frozenset(disabled)
    if not off:
        return knowledge
    kept = []
    for entry in knowledge.faq:
        if entry.id in off:
            continue
        if any(related in off for related in entry.related):
            entry = entry.model_copy(update={"related": [r for r in entry.related if r not in off]})
        kept.append(entry)
    return dataclasses.replace(knowledge, faq=tuple(kept))


def read_disabled(clinic_dir: Path) -> list[str]:
    """The ids listed in the clinic's ``faq_disabled.yaml`` (none if it is absent)."""
    path = clinic_dir / DISABLED_FILE
    if not path.exists():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise KnowledgeError([f"{DISABLED_FILE}: cannot be read ({exc})"]) from exc
    if data is None:
        return []
    ids = data.get("disabled") if isinstance(data, dict) else None
    if set(data if isinstance(data, dict) else {}) - {"disabled"} or not isinstance(ids, list):
        raise KnowledgeError([f"{DISABLED_FILE}: expected only 'disabled: [entry ids]'"])
    if not all(isinstance(item, str) for item in ids):
        raise KnowledgeError([f"{DISABLED_FILE}: field 'disabled' must list entry ids"])
    return list(ids)


def check_disabled(knowledge: Knowledge, disabled: Iterable[str]) -> list[str]:
    """Problems with a list of switched-off ids: unknown ids, or nothing left on."""
    known = {entry.id for entry in knowledge.faq}
    off = set(disabled)
    problems = [
        f"{DISABLED_FILE}: field 'disabled' names unknown entry '{entry_id}'"
        for entry_id in sorted(off - known)
    ]
    if known and known <= off:
        problems.append(f"{DISABLED_FILE}: every FAQ entry is switched off; keep at least one")
    return problems


def load_clinic_knowledge(knowledge_dir: Path, clinic_dir: Path | None) -> Knowledge:
    """``load_knowledge`` plus the clinic's switched-off entries: what the bot should use."""
    knowledge = load_knowledge(knowledge_dir, clinic_dir)
    if clinic_dir is None:
        return knowledge
    disabled = read_disabled(clinic_dir)
    problems = check_disabled(knowledge, disabled)
    if problems:
        raise KnowledgeError(problems)
    return apply_disabled(knowledge, disabled)


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
        self._shipped_ids: frozenset[str] | None = None

    # -- reading -----------------------------------------------------------------------

    def _signature(self) -> tuple[Any, ...]:
        parts: list[Any] = []
        for name in (FAQ_FILE, DISABLED_FILE, CLINIC_FILE, MESSAGES_FILE):
            try:
                stat = (self.clinic_dir / name).stat()
                parts.append((name, stat.st_mtime_ns, stat.st_size))
            except FileNotFoundError:
                parts.append((name, None))
        return tuple(parts)

    def _version(self) -> str:
        digest = hashlib.sha256()
        for name in (FAQ_FILE, DISABLED_FILE):
            path = self.clinic_dir / name
            digest.update(name.encode())
            digest.update(path.read_bytes() if path.exists() else b"\0")
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

    def current(self) -> FaqState:
        """Every entry (switched-off ones too), the clinic's own raw entries, the version."""
        with self._lock:
            signature = self._signature()
            if self._cached is not None and self._cached[0] == signature:
                return self._cached[1]
            knowledge = load_knowledge(self.knowledge_dir, self.clinic_dir)
            if self._shipped_ids is None:
                shipped = load_knowledge(self.knowledge_dir, None)
                self._shipped_ids = frozenset(entry.id for entry in shipped.faq)
            state = FaqState(
                knowledge=knowledge,
                own=tuple(self._own_entries()),
                shipped_ids=self._shipped_ids,
                disabled=frozenset(read_disabled(self.clinic_dir)),
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
            entry = self._entry_dict(state, entry_id)
            have = {normalise_phrasing(q) for q in entry["questions"]}
            added: list[str] = []
            for text in texts:
                clean = " ".join(text.split())
                if clean and normalise_phrasing(clean) not in have:
                    have.add(normalise_phrasing(clean))
                    added.append(clean)
            if not added:
                raise FaqEditError(["each of these wordings is already a phrasing of this entry"])
            entry["questions"] = [*entry["questions"], *added]
            return self._save(state, self._replace(state, entry), state.disabled, version), added

    def save_entry(
        self, entry: Mapping[str, Any], *, version: str | None = None, new: bool = False
    ) -> Knowledge:
        """Write an entry (new, or changed from a shipped or own one) into the overrides."""
        with self._lock:
            state = self.current()
            entry_id = entry.get("id")
            if new and isinstance(entry_id, str) and state.entry(entry_id) is not None:
                raise FaqEditError([f"an entry with the id '{entry_id}' already exists"])
            if not new and (not isinstance(entry_id, str) or state.entry(entry_id) is None):
                raise FaqEditError([f"there is no entry '{entry_id}' to change"])
            return self._save(state, self._replace(state, dict(entry)), state.disabled, version)

    def set_enabled(self, entry_id: str, enabled: bool, *, version: str | None = None) -> Knowledge:
        """Switch an entry on or off for this clinic."""
        with self._lock:
            state = self.current()
            if state.entry(entry_id) is None:
                raise FaqEditError([f"there is no entry '{entry_id}'"])
            disabled = set(state.disabled)
            if enabled:
                disabled.discard(entry_id)
            else:
                disabled.add(entry_id)
            return self._save(state, list(state.own), frozenset(disabled), version)

    def _entry_dict(self, state: FaqState, entry_id: str) -> dict[str, Any]:
        for item in state.own:
            if item.get("id") == entry_id:
                return {**item, "questions": list(item.get("questions") or [])}
        entry = state.entry(entry_id)
        if entry is None:
            raise FaqEditError([f"there is no entry '{entry_id}'"])
        return entry_to_dict(entry)

    @staticmethod
    def _replace(state: FaqState, entry: dict[str, Any]) -> list[dict[str, Any]]:
        own = [item for item in state.own if item.get("id") != entry.get("id")]
        position = next(
            (i for i, item in enumerate(state.own) if item.get("id") == entry.get("id")), None
        )
        if position is None:
            own.append(entry)
        else:
            own.insert(position, entry)
        return own

    def _save(
        self,
        state: FaqState,
        own: Sequence[Mapping[str, Any]],
        disabled: frozenset[str],
        version: str | None,
    ) -> Knowledge:
        if version is not None and version != state.version:
            raise StaleEdit(
                ["the FAQ was changed by someone else since you opened this page; reload it"]
            )
        faq_text = _dump(_FAQ_HEADER, {"entries": [dict(item) for item in own]}) if own else ""
        disabled_text = _dump(_DISABLED_HEADER, {"disabled": sorted(disabled)})
        knowledge = self._validate(faq_text, disabled)
        faq_path = self.clinic_dir / FAQ_FILE
        if own or faq_path.exists():
            _write_atomically(faq_path, faq_text or _FAQ_HEADER)
        if disabled or (self.clinic_dir / DISABLED_FILE).exists():
            _write_atomically(self.clinic_dir / DISABLED_FILE, disabled_text)
        self._cached = None
        return apply_disabled(knowledge, disabled)

    def _validate(self, faq_text: str, disabled: frozenset[str]) -> Knowledge:
        """Load the changed folder from a scratch copy with the real loader."""
        with tempfile.TemporaryDirectory(prefix="aftercare-faq-") as scratch:
            folder = Path(scratch) / self.clinic_dir.name
            folder.mkdir()
            for name in (CLINIC_FILE, MESSAGES_FILE):
                if (self.clinic_dir / name).exists():
                    shutil.copyfile(self.clinic_dir / name, folder / name)
            if faq_text:
                (folder / FAQ_FILE).write_text(faq_text, encoding="utf-8")
            try:
                knowledge = load_knowledge(self.knowledge_dir, folder)
            except KnowledgeError as exc:
                raise FaqEditError(exc.problems) from exc
        problems = check_disabled(knowledge, disabled)
        if problems:
            raise FaqEditError(problems)
        return knowledge
