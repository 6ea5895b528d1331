"""The checked knowledge, kept in the model cache folder beside the responder's indexes.

Reading the YAML (PyYAML builds every object in Python for the duplicate-key check), merging
the language packs and validating it all took 0.3-0.7 s of every start on a loaded host, the
largest piece of a restart after the imports once the indexes were cached (issue 17). The
result depends only on the files and the code, so it is pickled with
``bot.core.index_cache.cached``: keyed by a SHA-256 of each file the loader may read (its
name and bytes: the shipped ``*.yaml`` and ``lang/*.yaml``, and the clinic's) and of the code,
so an edited, added or removed file is read afresh, never served stale. Knowledge with errors
raises as before and is never cached; the warnings are kept with the knowledge they belong to.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from bot.core.index_cache import cached
from bot.core.knowledge.contradictions import Finding, load_checked_knowledge
from bot.core.knowledge.schemas import Knowledge


def _files(folder: Path | None) -> dict[str, str] | None:
    """SHA-256 of every file the loader may read in ``folder``, by relative path."""
    if folder is None:
        return None
    found = sorted([*folder.glob("*.yaml"), *folder.glob("lang/*.yaml")])
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in found
        if path.is_file()
    }


def load_kept_knowledge(
    knowledge_dir: Path, clinic_dir: Path | None = None
) -> tuple[Knowledge, list[Finding]]:
    """``load_checked_knowledge``, read back from the cache when the files are unchanged."""
    inputs = {
        "knowledge_dir": str(knowledge_dir),
        "clinic_dir": str(clinic_dir) if clinic_dir is not None else None,
        "knowledge": _files(knowledge_dir),
        "clinic": _files(clinic_dir),
    }
    return cached("knowledge", inputs, lambda: load_checked_knowledge(knowledge_dir, clinic_dir))
