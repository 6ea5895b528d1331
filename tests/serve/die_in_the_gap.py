"""``python -m tests.serve.die_in_the_gap <aftercare-bot arguments>``: the real bot, which
SIGKILLs itself the instant a reply's note is committed, before the request's
body is written (the journal's one gap, ``bot.tg.journal``).

It dies once: the first time, it creates the file named by ``DIE_IN_THE_GAP_MARKER``; a run
that finds the file behaves normally (the restart after the crash).
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa

from bot.storage.inbox import KEEP, InboxStore, Keep

_record_sent = InboxStore.record_sent


async def _record_then_die(
    self: InboxStore,
    bot_id: int,
    update_id: int,
    sent: int,
    *,
    unconfirmed: int | Keep | None = KEEP,
    also: Sequence[sa.Executable] = (),
) -> None:
    await _record_sent(self, bot_id, update_id, sent, unconfirmed=unconfirmed, also=also)
    if isinstance(unconfirmed, int):  # a reply leaving: its note is committed
        _die_once(update_id)


def _die_once(update_id: int) -> None:
    marker = Path(os.environ["DIE_IN_THE_GAP_MARKER"])
    if not marker.exists():
        marker.write_text(f"{update_id}\n")
        os.kill(os.getpid(), signal.SIGKILL)


def main() -> int:
    InboxStore.record_sent = _record_then_die  # type: ignore[method-assign]
    from bot.cli import main as bot_main

    sys.argv[0] = "aftercare-bot"
    return bot_main()


if __name__ == "__main__":
    raise SystemExit(main())
