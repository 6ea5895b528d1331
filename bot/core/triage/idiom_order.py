"""Idioms found in any word order: German puts the verb second, so an idiom moves.

The knowledge lists "mir bleibt die Luft weg" (amazement); a patient writes "Da bleibt mir die
Luft weg" or "die Luft bleibt mir weg", and a fixed-order match misses both, so the words read
as the breathing emergency "Luft bleibt weg". An idiom is found here as its words in any order
but side by side: a run of exactly its length (or one word longer, for an adverb slipped in:
"mir bleibt echt die Luft weg") holding each of its words. A word from outside the idiom in the
run ("mir bleibt seit heute die Luft weg") keeps it a report, as the fixed order did.

Idioms of three words or more only: two words swapped ("weg luft") say too little.
"""

from __future__ import annotations

from collections.abc import Iterable

#: Idioms shorter than this are matched in their written order only.
_FEWEST_WORDS = 3
#: Words the run may hold besides the idiom's own (an adverb: "echt", "glatt", "ja").
_SLACK = 1


class IdiomsAnyOrder:
    """A language's idioms, each found as its words side by side in any order."""

    def __init__(self, idioms: Iterable[str]) -> None:
        self._by_length: dict[int, set[tuple[str, ...]]] = {}
        self._words: set[str] = set()
        for idiom in idioms:
            words = idiom.split()
            if len(words) >= _FEWEST_WORDS:
                self._by_length.setdefault(len(words), set()).add(tuple(sorted(words)))
                self._words.update(words)

    def cut(self, text: str) -> tuple[str, tuple[str, ...]]:
        """``text`` without the runs that hold an idiom's words in another order, and the
        words cut (read apart as a figure of speech: see ``TriageDetector._prepare``)."""
        words = text.split()
        if not self._by_length or len(self._words.intersection(words)) < _FEWEST_WORDS:
            return text, ()
        drop: set[int] = set()
        for length, idioms in self._by_length.items():
            for start in range(len(words) - length + 1):
                for extra in range(_SLACK + 1):
                    run = words[start : start + length + extra]
                    if len(run) < length + extra:
                        break
                    found = self._inside(run, length, idioms)
                    if found is not None:
                        drop.update(start + i for i in found)
                        break
        if not drop:
            return text, ()
        kept = " ".join(word for i, word in enumerate(words) if i not in drop)
        return kept, tuple(word for i, word in enumerate(words) if i in drop)

    @staticmethod
    def _inside(run: list[str], length: int, idioms: set[tuple[str, ...]]) -> list[int] | None:
        """Positions in ``run`` of an idiom's words when the run holds one (all but at most
        ``_SLACK`` of its words are the idiom's), else None."""
        if len(run) == length:
            return list(range(length)) if tuple(sorted(run)) in idioms else None
        for skipped in range(1, len(run) - 1):  # the slipped-in word stands inside the run
            rest = run[:skipped] + run[skipped + 1 :]
            if tuple(sorted(rest)) in idioms:
                return [i for i in range(len(run)) if i != skipped]
        return None
