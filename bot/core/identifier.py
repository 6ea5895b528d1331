"""py3langid narrowed to the shipped languages, kept uncompressed and memory-mapped.

py3langid ships one LZMA-compressed model for 97 languages. Loading it decompresses about
70 MB (a second of CPU at every start) and holds its byte-level automaton (39 MB) and the
97-language weights in memory, although the bot only ever asks about six languages (issue 17).
So the model narrowed to those languages is written once, uncompressed, to the model cache
folder, and every later start maps it instead: no decompression, and only the automaton's
pages a message walks through (the Latin-script ones) are ever read into memory, shared by
every bot process on the host. The arrays are exactly those py3langid builds when it is
narrowed with ``set_languages``, so every message is identified exactly as before.

Those pages count in the bot's RSS, so the cached automaton is laid out to need few of them:
bytes that move every state alike share one column (197 columns, not 256), and the rows the
shipped knowledge's wording walks through most come first, packed together (issue 17).
"""

from __future__ import annotations

import logging
import mmap
import os
import shutil
import tempfile
from collections.abc import Sequence
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any, Literal

import numpy as np

logger = logging.getLogger(__name__)

#: Bumped when the cached layout changes, so an older cache is never read.
FORMAT = 3
#: The bytes the automaton's rows are met by, widening: most of a message (lower-case ASCII
#: letters, spaces, the commonest punctuation), then the rest of ASCII and UTF-8's bytes of
#: Latin-1 Supplement and Latin Extended-A (U+0080-U+017F), then every byte.
_WALKS = (
    np.frombuffer(b"abcdefghijklmnopqrstuvwxyz .,'?!\xc3", dtype=np.uint8),
    np.array([*range(0xC0), 0xC2, 0xC3, 0xC4, 0xC5]),
    np.arange(256),
)
#: Text like the patients' messages, in every shipped language, to learn which of the
#: automaton's rows are walked most: the shipped knowledge's files.
_SAMPLE_FILES = "*.yaml"


def load_identifier(languages: Sequence[str], cache_dir: Path | None) -> Any:
    """py3langid's identifier over ``languages`` (probabilities normalised), from
    ``cache_dir`` when it holds the narrowed model, else built from the packaged one and
    written there for the next start. Without ``cache_dir`` it is built every time."""
    folder = cache_dir / _cache_name(languages) if cache_dir is not None else None
    if folder is not None and folder.is_dir():
        try:
            return _mapped(folder)
        except (OSError, ValueError) as exc:  # a damaged cache: build it again
            logger.warning("language identifier cache %s unreadable (%s): rebuilt", folder, exc)
            shutil.rmtree(folder, ignore_errors=True)
    identifier = _narrowed(languages)
    if folder is not None:
        try:
            _save(identifier, folder)
        except OSError as exc:  # a read-only cache still serves, just starts slower
            logger.warning("language identifier not cached in %s: %s", folder, exc)
    return identifier


def _narrowed(languages: Sequence[str]) -> Any:
    """The packaged 97-language model, narrowed: the slow path (LZMA, about a second)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(languages))
    # py3langid keeps the 97-language weights to allow set_languages(None) later; we never
    # do, and dropping them frees about 27 MB.
    identifier._full_model = (identifier.nb_ptc, identifier.nb_pc, identifier.nb_classes)
    return identifier


def _cache_name(languages: Sequence[str]) -> str:
    """Names the packaged model it was narrowed from (version, size, time) and the languages."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    packaged = (MODEL_DIR / MODEL_FILE).stat()
    return (
        f"langid-{FORMAT}-{version('py3langid')}-{packaged.st_size}-{packaged.st_mtime_ns}"
        f"-{'-'.join(languages)}"
    )


def _save(identifier: Any, folder: Path) -> None:
    """Writes the narrowed arrays into a new folder, then renames it into place, so a start
    never sees half a cache (two starting processes: the second rename loses, harmlessly)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    nextmove = np.frombuffer(identifier.tk_nextmove, dtype=np.uint32)
    rowbase = np.asarray(identifier._rowbase, dtype=np.uint32)
    sample = _sample_texts()
    visits = _row_visits(nextmove, rowbase, sample)
    order = _latin_rows_first(nextmove, rowbase)
    order = order[np.argsort(-visits[order], kind="stable")]  # most walked first
    rows = nextmove.reshape(-1, 256)
    bytemap = _byte_classes(rows, sample)
    columns = np.unique(bytemap, return_index=True)[1]  # a byte of each class, in its order
    narrow = np.empty((len(order), len(columns)), dtype=np.uint32)
    for start in range(0, len(order), 4096):  # no second copy of the whole automaton
        narrow[start : start + 4096] = rows[order[start : start + 4096]][:, columns]
    position = np.empty(len(order), dtype=np.uint32)
    position[order] = np.arange(len(order), dtype=np.uint32)
    arrays = {
        "ptc": np.ascontiguousarray(identifier.nb_ptc),
        "pc": np.ascontiguousarray(identifier.nb_pc),
        "classes": np.array(identifier.nb_classes),
        "nextmove": narrow.reshape(-1),
        "rowbase": position[rowbase >> 8] * np.uint32(len(columns)),
        "output": np.asarray(identifier.tk_output, dtype=np.int32),
        "bytemap": bytemap,
    }
    staging = Path(tempfile.mkdtemp(prefix=".langid-", dir=folder.parent))
    try:
        for name, array in arrays.items():
            _write_uncached(staging / f"{name}.npy", array)
        os.replace(staging, folder)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        if not folder.is_dir():
            raise


def _sample_texts() -> list[bytes]:
    """The shipped knowledge's lines, encoded as the identifier encodes a message."""
    from py3langid.langid import LanguageIdentifier

    from bot.config import DEFAULT_KNOWLEDGE_DIR

    lines = []
    for path in sorted(DEFAULT_KNOWLEDGE_DIR.rglob(_SAMPLE_FILES)):
        text = path.read_text(encoding="utf-8", errors="replace")
        lines += [LanguageIdentifier._encode(line.strip()) for line in text.splitlines()]
    return [line for line in lines if line]


def _row_visits(
    nextmove: np.ndarray[Any, Any], rowbase: np.ndarray[Any, Any], texts: Sequence[bytes]
) -> np.ndarray[Any, Any]:
    """How often walking ``texts`` reads each row of the automaton (py3langid's walk)."""
    moves, bases = nextmove.data, rowbase.data
    visits = [0] * (len(nextmove) >> 8)
    for text in texts:
        state = 0
        for byte in text:
            base = bases[state]
            visits[base >> 8] += 1
            state = moves[base + byte]
    return np.array(visits, dtype=np.int64)


def _byte_classes(rows: np.ndarray[Any, Any], texts: Sequence[bytes]) -> np.ndarray[Any, Any]:
    """Each byte's column in a narrower automaton: bytes whose columns are equal in every row
    move every state alike, so one column serves them all. The columns are numbered by how
    often ``texts`` use their bytes, so the ones a message reads lie together at the start of
    each row. (Columns are grouped by a hash, checked exactly: no copy of the automaton.)"""
    weights = np.random.default_rng(17).integers(1, 2**63, size=len(rows), dtype=np.uint64)
    keys = np.zeros(256, dtype=np.uint64)
    for start in range(0, len(rows), 4096):
        keys += weights[start : start + 4096] @ rows[start : start + 4096].astype(np.uint64)
    first: dict[int, int] = {}
    byte_class = np.empty(256, dtype=np.intp)
    for byte in range(256):
        seen = first.setdefault(int(keys[byte]), byte)
        if seen != byte and not np.array_equal(rows[:, seen], rows[:, byte]):
            seen = first[-1 - byte] = byte  # a hash shared by unequal columns: its own
        byte_class[byte] = seen
    used = np.bincount(np.frombuffer(b"".join(texts), dtype=np.uint8), minlength=256)
    per_class = np.bincount(byte_class, weights=used, minlength=256)
    leaders = np.unique(byte_class)
    number = np.empty(256, dtype=np.intp)
    number[leaders[np.argsort(-per_class[leaders], kind="stable")]] = np.arange(len(leaders))
    return number[byte_class].astype(np.uint8)


def _latin_rows_first(
    nextmove: np.ndarray[Any, Any], rowbase: np.ndarray[Any, Any]
) -> np.ndarray[Any, Any]:
    """The automaton's rows in a new order (row numbers): first those plain lower-case text
    reaches, then those the rest of Latin-script text reaches, then the others (Cyrillic,
    CJK, ...), each in the order a breadth-first walk from the start meets them.

    Each state's transitions are a row of next states, and the mapping reads the file a 4 KB
    page at a time. In py3langid's order the rows Latin text walks through are spread over
    the whole 39 MB file, so a few hundred messages brought ~14 MB of it into the RSS
    (issue 17). Packed together, they share pages. Only where each row is stored changes
    (the states, the transitions and the outputs are the same), so every message is
    identified exactly as before."""
    rows = nextmove.reshape(-1, 256)
    row_of = rowbase >> 8
    met = np.zeros(len(rowbase), dtype=bool)
    met[0] = True
    order = [row_of[:1]]
    frontier = np.array([0])
    for walked in _WALKS:
        while frontier.size:
            reached = np.unique(
                np.concatenate(  # a few thousand rows at a time: tens of MB at once otherwise
                    [
                        rows[row_of[frontier[start : start + 4096]]][:, walked].ravel()
                        for start in range(0, frontier.size, 4096)
                    ]
                )
            )
            frontier = reached[~met[reached]]
            met[frontier] = True
            order.append(row_of[frontier])
        frontier = np.flatnonzero(met)  # then the wider walk, from every state met so far
    order.append(row_of)  # rows of states no walk reaches, kept all the same
    ordered = np.concatenate(order)
    _, first = np.unique(ordered, return_index=True)
    return ordered[np.sort(first)]  # each row once, where it was first met


def _write_uncached(path: Path, array: np.ndarray[Any, Any]) -> None:
    """``np.save``, then the file's pages dropped from the page cache: pages kept from the
    write are large folios, which a later mapping would count whole at the first touch."""
    with path.open("wb") as out:
        np.save(out, array, allow_pickle=False)
        out.flush()
        os.fsync(out.fileno())
        if hasattr(os, "posix_fadvise"):
            os.posix_fadvise(out.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)


def _mapped_ints(path: Path, typecode: Literal["I", "i"]) -> memoryview:
    """A ``.npy`` file of 4-byte integers as a read-only memoryview over its mapping, read page
    by page as the automaton is walked (no read-ahead: its rows are visited at random)."""
    with path.open("rb") as source:
        major, _ = np.lib.format.read_magic(source)
        if major != 1:
            raise ValueError(f"{path.name}: unexpected .npy version {major}")
        shape, fortran, dtype = np.lib.format.read_array_header_1_0(source)
        offset = source.tell()
        if fortran or len(shape) != 1 or dtype.itemsize != 4 or dtype.byteorder == ">":
            raise ValueError(f"{path.name}: not a flat array of 4-byte integers")
        if hasattr(os, "posix_fadvise"):  # cached pages a plain read left are large folios
            os.posix_fadvise(source.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        mapping = mmap.mmap(source.fileno(), 0, access=mmap.ACCESS_READ)
    if len(mapping) < offset + 4 * shape[0]:  # a file cut short: rebuilt, never read past
        mapping.close()
        raise ValueError(f"{path.name}: shorter than its header says")
    if hasattr(mapping, "madvise"):
        mapping.madvise(mmap.MADV_RANDOM)
    view = memoryview(mapping)[offset : offset + 4 * shape[0]]
    return view.cast(typecode)


@cache
def _by_column() -> Any:
    """py3langid's identifier that reads each byte of a message as its column in the cached
    automaton (``_byte_classes``): the same walk, over narrower rows."""
    from py3langid.langid import LanguageIdentifier

    class ByColumn(LanguageIdentifier):  # type: ignore[misc]
        __slots__ = ("bytemap",)

        def _encode(self, text: str | bytes) -> bytes:
            encoded: bytes = LanguageIdentifier._encode(text)
            return encoded.translate(self.bytemap)

    return ByColumn


def _mapped(folder: Path) -> Any:
    """The identifier over the cached arrays, its automaton memory-mapped (read-only).

    Mapped pages are read on first touch, shared by every process mapping the file and
    dropped by the kernel under memory pressure. Measured in-process on the 866 evaluation
    messages, the automaton's pages in the RSS are 4.2 MB after the first 100 and 8.3 MB after
    all of them (39 MB held whole in py3langid's layout; more with the kernel's read-ahead or
    over pages a plain read cached, both of which ``_mapped_ints`` avoids). Reading the pages
    from disk again costs little: the first 200 messages after a start took 3 ms longer to
    identify, in all."""

    def load(name: str) -> Any:
        return np.load(folder / f"{name}.npy", allow_pickle=False)

    # The weights (1.2 MB for six languages) are read whole; the automaton is mapped.
    ptc, pc = load("ptc"), load("pc")
    classes = [str(label) for label in load("classes")]
    if ptc.ndim != 2 or ptc.shape[1] != len(classes) or pc.shape != (len(classes),):
        raise ValueError("weights of mismatched shapes")
    bytemap = load("bytemap")
    if bytemap.shape != (256,) or bytemap.dtype != np.uint8:
        raise ValueError("not a column for each byte")
    # py3langid walks its automaton with plain integer indexing; a memoryview over the
    # mapped file gives that at list speed without reading the whole file.
    nextmove = _mapped_ints(folder / "nextmove.npy", "I")
    rowbase = _mapped_ints(folder / "rowbase.npy", "I")
    width = int(bytemap.max()) + 1
    if len(nextmove) % width:  # (rowbase is not read through here: its pages stay unread)
        raise ValueError("rows of mismatched width")
    identifier = _by_column()(
        ptc,
        pc,
        classes,
        nextmove,
        _mapped_ints(folder / "output.npy", "i"),
        norm_probs=True,
        tk_row=(),
    )
    identifier._rowbase = rowbase
    identifier.bytemap = bytemap.tobytes()
    return identifier
