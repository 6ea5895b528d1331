"""Whether a message holds a word at all: stray letters, markup and placeholders ask nothing.

A lone "b" or "p", or a template that leaked into a chat (``<b>x</b> {0} %s``), has no word of
two letters or more. The matcher and the model still find a nearest entry for it (the lip-flip
entry, through "struggling to say p and b sounds"), so such a message must fall back instead.
One-letter words are not dropped from messages that also hold real words: Austrian
"derf i a Bier" needs its "i" and "a" (dropping them was tried and reverted).
"""

from __future__ import annotations

import re

#: Two or more letters in a row, in any script (digits and "_" are not letters).
_WORD = re.compile(r"[^\W\d_]{2,}")


def holds_a_word(text: str) -> bool:
    """True when ``text`` has a run of two or more letters: something the FAQ could answer."""
    return _WORD.search(text) is not None
