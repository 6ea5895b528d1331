"""Cut one message into the questions it asks: "can i work out tomorrow and also drink wine
tonight? and when can i wear makeup" is three questions.

Cuts fall at question marks, full stops, line breaks, semicolons, commas, "&" and a "+"
between words, and before the joining phrases of ``dialogue.yaml`` ("and also", "and when",
"oh and", "btw", "y también"). Whether a
piece really is a question of its own is decided by the matcher, not here.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from bot.core.text import normalise

_HARD_BREAK = re.compile(r"[?!;&\n\r\u00bf\u00a1]+|(?<!\d)\.+(?!\d)|,(?!\d)|\s[-\u2013\u2014+]\s")
#: Pieces this short ("and", "ok") are joined to the next piece rather than matched alone.
_MIN_WORDS = 2


def split_questions(text: str, joins: Sequence[str]) -> list[str]:
    """The message's pieces, normalised, in the order written."""
    pieces: list[str] = []
    for part in _HARD_BREAK.split(text):
        norm = normalise(part)
        if not norm:
            continue
        pieces.extend(_split_on_joins(norm, joins))
    merged: list[str] = []
    carry = ""
    joining = {" ".join(phrase.split()) for phrase in joins}
    for piece in pieces:
        piece = f"{carry} {piece}".strip() if carry else piece
        if len(piece.split()) < _MIN_WORDS:
            carry = piece
            continue
        if _only_joins(piece, joining):
            carry = ""  # "oh and,", "one more thing,", "au fait,": only says more is coming
            continue
        carry = ""
        merged.append(piece)
    if carry:
        if merged:
            merged[-1] = f"{merged[-1]} {carry}"
        else:
            merged.append(carry)
    return merged


def _only_joins(piece: str, joining: set[str]) -> bool:
    """The piece is nothing but joining phrases ("oh and one more thing")."""
    words = piece.split()
    while words:
        size = next((n for n in (4, 3, 2, 1) if " ".join(words[:n]) in joining), 0)
        if not size:
            return False
        words = words[size:]
    return True


def _split_on_joins(norm: str, joins: Sequence[str]) -> list[str]:
    """Cut before every joining phrase (longest first), keeping the words after it."""
    words = norm.split()
    cuts: list[int] = []
    index = 1
    while index < len(words):
        for phrase in joins:
            size = len(phrase.split())
            if words[index : index + size] == phrase.split():
                cuts.append(index)
                index += size - 1
                break
        index += 1
    if not cuts:
        return [norm]
    bounds = [0, *cuts, len(words)]
    return [" ".join(words[a:b]) for a, b in itertools.pairwise(bounds) if a < b]
