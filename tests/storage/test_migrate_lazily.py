"""Alembic is imported only when a migration is pending (issue 17: ~10 MB and 0.1 s per start).

An up-to-date database is recognised by comparing its stored revision with the newest one
named in ``migrations/versions/`` (read as text); these tests check that reading against
Alembic's own, and that a process opening an up-to-date database never imports Alembic
while one opening a fresh database does (so the check is not vacuous).
"""

from __future__ import annotations

from alembic.script import ScriptDirectory

from bot.storage.migrate import alembic_config, head_revision, migrate
from tests.storage.child import last_json_line

_OPEN = """
import asyncio, json, sys
from bot.storage import Storage
from bot.storage.migrate import migrate_apart

if sys.argv[2:] == ["apart"]:
    migrate_apart()

async def main():
    storage = await Storage.open(sys.argv[1])
    await storage.close()

asyncio.run(main())
print(json.dumps(sorted(m for m in ("alembic", "mako") if m in sys.modules)))
"""


def test_the_head_read_as_text_is_alembics_head() -> None:
    assert head_revision() == ScriptDirectory.from_config(alembic_config()).get_current_head()


async def _imported_when_opening(url: str, *options: str) -> list[str]:
    imported: list[str] = await last_json_line(_OPEN, url, *options)
    return imported


async def test_alembic_is_imported_only_when_a_migration_is_pending(fresh_url: str) -> None:
    assert await _imported_when_opening(fresh_url) == ["alembic", "mako"]  # migrated now
    assert await _imported_when_opening(fresh_url) == []  # up to date: nothing to import


async def test_a_serving_process_leaves_the_migration_to_a_child(fresh_url: str) -> None:
    """``run`` calls ``migrate_apart``: a fresh database is migrated to the newest revision,
    and the process that serves never imports Alembic (~7 MB it would hold while it runs)."""
    assert await _imported_when_opening(fresh_url, "apart") == []
    done = await migrate(fresh_url)  # in-process now: the child left nothing to do
    assert done.before == done.after == head_revision()
