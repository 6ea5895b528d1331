"""The responder's indexes (triage patterns, FAQ matchers), kept in the model cache folder.

Building them normalises and stems some 22,000 phrasings and took about a second of every
start on a loaded host, the largest piece of start-up once the model and the language
identifier were cached (issue 17). So the built objects are pickled into ``MODEL_CACHE_DIR``
beside the model and read back on the next start.

A cached index is used only when it was built from exactly the same inputs by exactly the
same code: its file name and header carry a SHA-256 of the inputs (the knowledge the index
is built from, as JSON), the package version, the versions of the libraries that normalise
and stem, and the bytes of every file of ``bot.core`` (code and data). The header also holds
a SHA-256 of the pickled bytes, so a truncated or damaged file is rebuilt, never trusted.

Objects of the knowledge an index points to (each triage pattern holds its ``RedFlag``)
are not pickled: they are written as their position in the knowledge and the current
knowledge's own objects are put back on loading, so the index shares them exactly as a
freshly built one does.

An edited FAQ leaves its old indexes behind, never to be read again, so only the most
recently used entries of each kind are kept (``bot.core.cache_pruning``).

The folder is trusted as the model cache is: it is the bot's own, written only by the bot
(a pickle from a folder others can write to could run their code).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import pickle
import re
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields, is_dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

import bot
from bot.core.cache_pruning import mark_in_use, prune_kind

logger = logging.getLogger(__name__)

#: Bumped when the file layout changes, so an older file is never read.
FORMAT = 1
_MAGIC = b"aftercare-indexes\n"
#: Libraries whose behaviour shapes what the indexes hold (normalising, stemming, typos).
_LIBRARIES = ("emoji", "snowballstemmer", "PyStemmer", "rapidfuzz", "numpy")

T = TypeVar("T")

#: Where indexes are kept; set once by the entry point from ``MODEL_CACHE_DIR``. None (the
#: default, and in tests that do not set it): built at every start, as before.
_folder: list[Path] = []


def keep_indexes_in(folder: Path | None) -> None:
    """Keeps the responder's indexes in ``folder`` (the model cache). Call before the first
    ``Responder`` is built."""
    _folder[:] = [folder] if folder is not None else []


def cached(
    kind: str,
    inputs: object,
    build: Callable[[], T],
    shared: Sequence[object] = (),
) -> T:
    """``build()``, or what an earlier ``build()`` of the same ``inputs`` by the same code
    left in the cache folder.

    ``inputs`` must hold everything ``build`` reads besides the code (plain data, dataclasses
    and pydantic models; they are hashed as JSON). ``shared`` lists objects of the knowledge
    the built object may point to: they are kept out of the file and the ones given now are
    put back when it is read."""
    folder = _folder[0] if _folder else None
    if folder is None:
        return build()
    key = _key(kind, inputs)
    path = folder / f"indexes-{kind}-{key[:24]}.pickle"
    try:
        value: T = _read(path, key, shared)
        mark_in_use(path)
        return value
    except FileNotFoundError:
        pass
    except Exception as exc:
        logger.warning("cached %s index %s unreadable (%s): rebuilt", kind, path.name, exc)
    value = build()
    try:
        _write(path, key, value, shared)
    except (OSError, pickle.PicklingError) as exc:  # a read-only cache still serves
        logger.warning("%s index not cached in %s: %s", kind, folder, exc)
    else:
        prune_kind(path, re.compile(rf"indexes-{re.escape(kind)}-[0-9a-f]{{24}}\.pickle"))
    return value


def _key(kind: str, inputs: object) -> str:
    digest = hashlib.sha256()
    digest.update(f"{FORMAT}:{kind}:{code_fingerprint()}:".encode())
    digest.update(json.dumps(inputs, ensure_ascii=False, default=_plain).encode("utf-8"))
    return digest.hexdigest()


def _plain(value: object) -> Any:
    """JSON for the kinds of input the indexes are built from; anything else is a mistake."""
    if isinstance(value, BaseModel):
        # Its fields one level at a time, as a dataclass's: ``model_dump`` would build the
        # schema's serializer, which a process serving the kept knowledge never needs.
        return {name: getattr(value, name) for name in type(value).model_fields}
    if is_dataclass(value) and not isinstance(value, type):
        # One level at a time (json recurses through ``default``): ``asdict`` deep-copies.
        return {item.name: getattr(value, item.name) for item in fields(value)}
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"cannot fingerprint {type(value).__name__} as an index input")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """SHA-256 of what decides how an index is built from its inputs: the package version,
    Python's, the libraries' and every file under ``bot/core`` (a code or data edit during
    development changes it even when the version does not)."""
    digest = hashlib.sha256()
    digest.update(f"{bot.__version__}:{sys.version_info[:2]}:".encode())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}:".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none:".encode())
    root = Path(__file__).resolve().parent
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(f"{path.relative_to(root).as_posix()}:".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class _Pickler(pickle._Pickler):  # the pure-Python pickler: its ``save`` can be extended
    """Pickles an index with each value that occurs many times written once.

    The builders make equal strings, numbers, tuples and frozensets over and over (a stem
    set for every phrasing that uses it, a weight for every posting); the C pickler's memo
    shares objects by identity only, so each copy came back from the cache as an object of
    its own: 12,455 frozensets of stems in the triage index, 2,827 of them different. Here
    every such value is replaced by the first equal one met, of the same type all the way
    down, so the file and the process that reads it hold one copy. They are immutable, so
    nothing that reads the index can tell, but its memory (issue 17). Only building pays
    (the pure-Python pickler is slower); reading is the C unpickler as before."""

    def __init__(self, file: io.BytesIO, shared: Sequence[object]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._positions = {id(item): number for number, item in enumerate(shared)}
        self._shared = shared  # keeps the ids above meaning these objects
        self._first: dict[object, object] = {}

    def persistent_id(self, obj: Any) -> int | None:
        return self._positions.get(id(obj))

    def save(self, obj: Any, save_persistent_id: bool = True) -> None:
        key = _value_key(obj)
        if key is not None:
            obj = self._first.setdefault(key, obj)
        super().save(obj, save_persistent_id)  # type: ignore[misc]


def _value_key(obj: object) -> object | None:
    """A key equal only for values of the same types all the way down (``1``, ``1.0`` and
    ``True`` are equal in Python but must not be merged), or None for anything that is not
    an immutable value made of strings and numbers."""
    kind = type(obj)
    if kind is str or kind is int:
        return (kind, obj)
    if kind is float:
        return (kind, obj.hex())  # type: ignore[attr-defined]  # tells -0.0 from 0.0
    if kind is tuple or kind is frozenset:
        keys = [_value_key(item) for item in obj]  # type: ignore[attr-defined]
        if any(item is None for item in keys):
            return None
        return (kind, tuple(keys) if kind is tuple else frozenset(keys))
    return None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, shared: Sequence[object]) -> None:
        super().__init__(file)
        self._shared = shared

    def persistent_load(self, pid: Any) -> object:
        if not isinstance(pid, int) or not 0 <= pid < len(self._shared):
            raise pickle.UnpicklingError(f"no shared object {pid!r}")
        return self._shared[pid]


def _read(path: Path, key: str, shared: Sequence[object]) -> Any:
    data = path.read_bytes()
    header_end = len(_MAGIC) + 64 + 1 + 64 + 1 + 20 + 1
    header, payload = data[:header_end], data[header_end:]
    if not header.startswith(_MAGIC):
        raise ValueError("not an index file")
    fields = header[len(_MAGIC) :].split(b"\n")
    stored_key, checksum, size = fields[0].decode(), fields[1].decode(), int(fields[2])
    if stored_key != key:
        raise ValueError("built from other inputs")
    if size != len(payload) or hashlib.sha256(payload).hexdigest() != checksum:
        raise ValueError("damaged (checksum)")
    return _Unpickler(io.BytesIO(payload), shared).load()


def _write(path: Path, key: str, value: object, shared: Sequence[object]) -> None:
    """Written to a temporary file and renamed, so a reader never sees half a file."""
    buffer = io.BytesIO()
    _Pickler(buffer, shared).dump(value)
    payload = buffer.getvalue()
    checksum = hashlib.sha256(payload).hexdigest()
    header = _MAGIC + f"{key}\n{checksum}\n{len(payload):020d}\n".encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(header + payload)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
