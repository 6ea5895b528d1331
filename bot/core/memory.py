"""Keep what lives as long as the process out of the garbage collector's way.

A started bot holds about 100,000 container objects that never die: the understanding
model, the knowledge, the matcher's and triage's indexes. Every full ("generation 2")
collection walks all of them, and it runs inside whichever message happens to trigger it:
30 to 300 ms of CPU on a loaded machine, against 2 ms for a typical message. ``settle``,
called once everything is loaded, moves them to the permanent generation
(``gc.freeze``), so a full collection walks only what messages leave behind (the caches,
a few thousand objects). Only the long-running ``run`` command calls it: anything frozen
is never collected, so a process that builds many responders (the tests) must not.
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Collect once, then keep everything alive now out of later collections."""
    gc.collect()
    gc.freeze()
