"""Cut one message into the questions it asks: "can i work out tomorrow and also drink wine
tonight? and when can i wear makeup" is three questions.

Cuts fall at question marks, full stops, line breaks, semicolons, commas, "&" and a "+"
between words, a numbered list's marks ("1) ... 2) ..."), and before the joining phrases of
``dialogue.yaml`` ("and also", "and when", "or", "oh and", "btw", "y también"). Whether a
piece really is a question of its own is decided by the matcher, not here; what is kept here
is how each piece was joined to the one before (a new sentence, a comma, a list mark, an
"or"), which says whether a piece without a question word of its own ("fly on sunday" in
"can i drink tonight, fly on sunday and go to the gym") goes on with the question before it,
and whether it is another option of the same question ("red wine or white?").

The work is linear in the message: each word is looked up once among the joining phrases
that start with it, so a long message costs no more per word than a short one.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from bot.core.text import normalise

#: How a piece is joined to the one before it: it opens a new sentence ("?", ".", a line
#: break), follows a comma, a list mark ("&", "+"), a joining phrase ("and", "btw") or a
#: word that offers another option ("or", "oder", "ou": an ``alternative``).
Joint = Literal["start", "sentence", "comma", "list", "phrase", "alternative"]

#: "&" between two single letters ("g&t", "a&e", "b&b") is part of a word, not a list mark.
_HARD_BREAK = re.compile(
    r"([?!;\n\r\u00bf\u00a1]+|(?<!\b[^\W\d_])&+|&+(?![^\W\d_]\b)"
    r"|(?<!\d)\.+(?!\d)|,(?!\d)|\s[-\u2013\u2014+]\s)"
)
#: The marks of a numbered list ("1) ... 2) ...", "(3)"): patients number their questions
#: in every language.
_NUMBERED = re.compile(r"(?:(?<=\s)|^)\(?\d{1,2}\)")
#: Pieces this short ("and", "ok") are joined to the next piece rather than matched alone.
_MIN_WORDS = 2


@dataclass(frozen=True, slots=True)
class Piece:
    """One question (or scene) of a message, normalised, with how it was joined."""

    text: str
    joint: Joint = "start"
    #: A question mark closes the piece (or one of the parts it was made of).
    marked: bool = False


def split_questions(text: str, joins: Sequence[str]) -> list[str]:
    """The message's pieces, normalised, in the order written."""
    return [piece.text for piece in split_pieces(text, joins)]


def split_pieces(
    text: str, joins: Sequence[str], alternatives: Collection[str] = ()
) -> list[Piece]:
    """The message's pieces in the order written, each with how it was joined; a piece cut
    before one of ``alternatives`` ("or") is joined as an ``alternative``."""
    starts = _by_first_word(tuple(joins))
    offers = frozenset(" ".join(phrase.split()) for phrase in alternatives)
    if len(_NUMBERED.findall(text)) >= 2:
        # a list numbered "1) ... 2) ...": each mark opens a new sentence; one mark alone
        # may be a time or a smiley ("at 2)")
        text = _NUMBERED.sub("\n", text)
    raw = _HARD_BREAK.split(text)
    parts: list[Piece] = []
    joint: Joint = "start"
    for index in range(0, len(raw), 2):
        after = raw[index + 1] if index + 1 < len(raw) else ""
        norm = normalise(raw[index])
        if norm:
            marked = "?" in after
            cut = _split_on_joins(norm, starts)
            for n, (words, phrase) in enumerate(cut):
                last = n == len(cut) - 1
                joined: Joint = "alternative" if phrase in offers else "phrase"
                parts.append(Piece(words, joint if n == 0 else joined, marked and last))
            joint = "start" if not parts else _joint(after)
        elif parts:
            # an empty part ("?!", ", ,"): the stronger break counts
            joint = _stronger(joint, _joint(after))
            if "?" in after:
                parts[-1] = Piece(parts[-1].text, parts[-1].joint, True)
    return _merged(parts, {" ".join(phrase.split()) for phrase in joins})


def _joint(mark: str) -> Joint:
    """What a hard break between two parts says about the second."""
    if "&" in mark or "+" in mark:
        return "list"
    if "," in mark or mark.strip() in {"-", "\u2013", "\u2014"}:
        return "comma"
    return "sentence"


_STRENGTH = {"phrase": 0, "alternative": 0, "list": 1, "comma": 2, "sentence": 3, "start": 4}


def _stronger(a: Joint, b: Joint) -> Joint:
    return a if _STRENGTH[a] >= _STRENGTH[b] else b


def _merged(parts: list[Piece], joining: set[str]) -> list[Piece]:
    """Too-short parts joined to the next (or, at the end, the last) piece; parts that only
    say more is coming ("oh and,", "one more thing,") dropped."""
    merged: list[Piece] = []
    carry: Piece | None = None
    dropped: Joint | None = None
    for at, part in enumerate(parts):
        piece = part
        if carry is not None:
            piece = Piece(f"{carry.text} {part.text}", carry.joint, part.marked)
        after = parts[at + 1].joint if at + 1 < len(parts) else None
        listed = part.joint == "list" or after == "list" or _between(part.joint, after)
        item = listed and carry is None and len(part.text) > 2 and part.text not in joining
        if len(piece.text.split()) < _MIN_WORDS and not item:
            # "and", "ok" alone go with the next piece; one word of a list ("exercise +
            # drink + fly", "exercise, drink and wear makeup") is an item of its own
            carry = piece
            continue
        carry = None
        if _only_joins(piece.text, joining):
            # "oh and,", "one more thing,", "au fait,": only says more is coming
            dropped = piece.joint if dropped is None else _stronger(dropped, piece.joint)
            continue
        if dropped is not None:
            piece = Piece(piece.text, _stronger(dropped, piece.joint), piece.marked)
            dropped = None
        merged.append(piece)
    if carry is not None:
        if merged:
            last = merged[-1]
            merged[-1] = Piece(f"{last.text} {carry.text}", last.joint, last.marked or carry.marked)
        else:
            merged.append(carry)
    return merged


def _between(joint: Joint, after: Joint | None) -> bool:
    """A part after a comma and before "and" ("drink" in "when can I exercise, drink and
    wear makeup") is the middle of a list."""
    return joint == "comma" and after in {"phrase", "alternative"}


def _only_joins(piece: str, joining: set[str]) -> bool:
    """The piece is nothing but joining phrases ("oh and one more thing")."""
    words = piece.split()
    while words:
        size = next((n for n in (4, 3, 2, 1) if " ".join(words[:n]) in joining), 0)
        if not size:
            return False
        words = words[size:]
    return True


@lru_cache(maxsize=16)
def _by_first_word(joins: tuple[str, ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The joining phrases by their first word, longest first: a word is looked up once
    (built once per lexicon)."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for phrase in joins:
        words = tuple(phrase.split())
        if words:
            table.setdefault(words[0], []).append(words)
    return {first: tuple(sorted(found, key=len, reverse=True)) for first, found in table.items()}


def _split_on_joins(
    norm: str, starts: dict[str, tuple[tuple[str, ...], ...]]
) -> list[tuple[str, str]]:
    """Cut before every joining phrase (longest first), keeping the words after it; each
    part with the phrase it was cut at ("" for the first)."""
    words = norm.split()
    cuts: list[tuple[int, str]] = []
    index = 1
    while index < len(words):
        for phrase in starts.get(words[index], ()):
            size = len(phrase)
            if tuple(words[index : index + size]) == phrase:
                cuts.append((index, " ".join(phrase)))
                index += size - 1
                break
        index += 1
    if not cuts:
        return [(norm, "")]
    bounds = [(0, ""), *cuts, (len(words), "")]
    return [
        (" ".join(words[a:b]), phrase)
        for (a, phrase), (b, _) in itertools.pairwise(bounds)
        if a < b
    ]
