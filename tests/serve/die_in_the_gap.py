"""``python -m tests.serve.die_in_the_gap <aftercare-bot arguments>``: the real bot, which
SIGKILLs itself the instant a request's journal note is committed, before the request's
body is written (the journal's one gap, ``bot.tg.journal``): the first journaled request
that is noted as it leaves, whatever it is (a message's answer, a command's reply, a
button's answer), so a test sees what a kill there costs each of them.

It dies once: the first time, it creates the file named by ``DIE_IN_THE_GAP_MARKER``; a run
that finds the file behaves normally (the restart after the crash).
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from bot.tg import journal

_leaving = journal._Departure.leaving


async def _leaving_then_die(self: journal._Departure) -> None:
    await _leaving(self)
    if self.in_gap:  # noted as leaving, the note committed, the body not written
        _die_once(self.journal.update_id)


def _die_once(update_id: int) -> None:
    marker = Path(os.environ["DIE_IN_THE_GAP_MARKER"])
    if not marker.exists():
        marker.write_text(f"{update_id}\n")
        os.kill(os.getpid(), signal.SIGKILL)


def main() -> int:
    journal._Departure.leaving = _leaving_then_die  # type: ignore[method-assign]
    from bot.cli import main as bot_main

    sys.argv[0] = "aftercare-bot"
    return bot_main()


if __name__ == "__main__":
    raise SystemExit(main())
