"""Old entries of the model cache folder, removed when a new one of their kind is written.

The responder's indexes, the checked knowledge and the understanding model are kept in
``MODEL_CACHE_DIR`` under a fingerprint of what they were built from, so every edit of a
clinic's FAQ leaves a new file and the old ones are never read again: a clinic that edits
often grew the folder without end. So after a new entry is written, the entries of the same
kind beyond the newest ``KEEP_NEWEST`` are removed, but only those no process is using.

Two bot processes may share the folder (a restart overlapping the old process, several
clinics' processes), so "newest" means "most recently used by anyone": an entry's time is
set when it is written and again each time a process reads it, and an entry used within
``MIN_IDLE_SECONDS`` is never removed, nor one this process serves from. An entry removed
all the same (a process that has run for days without a restart and shares the folder with
another clinic's) costs that process one rebuild at its next start, never a wrong answer:
the readers take a missing or vanished file as "not cached" and build afresh.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import time
from pathlib import Path

logger = logging.getLogger(__name__)

#: Entries of one kind kept however old: a clinic switching back to yesterday's FAQ, or two
#: clinics whose processes share the folder, still start from the cache.
KEEP_NEWEST = 3
#: An entry used (written or read) within this many seconds is never removed: another process
#: may have just written it and be about to read it.
MIN_IDLE_SECONDS = 3600.0

#: Entries this process has read or written: it may read them again (a clinic's responder is
#: rebuilt on reload), however long ago that was.
_in_use: set[Path] = set()


def mark_in_use(path: Path) -> None:
    """Records that this process serves from ``path`` and sets the entry's time to now, so
    that no process sharing the folder removes it as idle. A read-only folder only loses the
    time stamp."""
    _in_use.add(path.absolute())
    with contextlib.suppress(OSError):
        os.utime(path)


def prune_kind(written: Path, same_kind: re.Pattern[str], now: float | None = None) -> list[Path]:
    """After ``written`` was written: removes the entries beside it whose names fully match
    ``same_kind``, beyond the ``KEEP_NEWEST`` most recently used, that nobody has used for
    ``MIN_IDLE_SECONDS`` and this process does not serve from. Returns what was removed; a
    file that cannot be read or removed (gone already, read-only folder) is left alone."""
    mark_in_use(written)
    clock = time.time() if now is None else now
    entries: list[tuple[float, Path]] = []
    try:
        names = os.listdir(written.parent)
    except OSError:
        return []
    for name in names:
        if not same_kind.fullmatch(name):
            continue
        path = written.parent / name
        try:
            entries.append((path.stat().st_mtime, path))
        except OSError:
            continue
    entries.sort(key=lambda entry: entry[0], reverse=True)
    removed: list[Path] = []
    for used, path in entries[KEEP_NEWEST:]:
        if path.absolute() in _in_use or clock - used < MIN_IDLE_SECONDS:
            continue
        try:
            path.unlink()
        except OSError:
            continue
        removed.append(path)
    if removed:
        logger.info("model cache: removed %d old %s", len(removed), same_kind.pattern)
    return removed
