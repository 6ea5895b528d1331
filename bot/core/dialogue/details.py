"""Which pieces of a message are questions of their own, and which only add a detail to one:
another option of the same question ("can I have red wine or white?", "can I train tonight
or should I wait?", "is ibuprofen ok or will it make me bruise?") and a symptom said to be
absent ("no headache, no swelling, just wanna know if I can lift heavy"). Pure.

An option joined by "or" (``dialogue.yaml``'s ``alternatives``) is a question of its own
only when it is another item of the same question (no subject of its own, nothing pointing
back to the first) and both sides name a topic by their keywords, two different ones ("can I
drink or fly tomorrow?": the drink and the flight); otherwise it goes back into the question
it offers an alternative in, which is then read whole.

A mixin of ``Dialogue``: it reads pieces with the dialogue's keyword names (``_named``).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.dialogue.naming import NamesKeywords
from bot.core.dialogue.split import Piece, split_pieces
from bot.core.triage.context import rules_for

#: A message of more pieces than this is a story, not a list of questions: only its pieces a
#: question mark closes are read (else its first ones), so a 4,000-character message costs
#: no more model passes than a short one.
MAX_PIECES = 12


#: "no headache", "no pus or anything": an absence is said in this many words at most.
DENIAL_MAX_WORDS = 4


@dataclass(frozen=True, slots=True)
class _Read:
    """A message read for its questions."""

    #: Each question, with the options of it folded back in ("is aspirin ok or will it make
    #: me bruise"), without the pieces that only say a symptom is absent.
    questions: list[Piece]
    #: The same questions without those options ("is aspirin ok").
    heads: list[Piece]
    #: How many pieces the message was cut into before anything was put back or left out.
    parts: int


class DetailPieces(NamesKeywords):
    """Splits a message into its questions; ``Dialogue`` supplies the lexicon and names."""

    def _piece_asks(self, piece: Piece, language: str | None) -> bool:
        raise NotImplementedError

    def _questions(self, text: str, language: str | None) -> list[Piece]:
        """The message's pieces that ask (or set the scene): options of one question put
        back together, pieces that only say a symptom is absent left out."""
        return self._read_pieces(text, language).questions

    def _without_details(self, text: str, language: str | None) -> str | None:
        """The one question a message asks without its details, when it had any: "is
        aspirin ok" of "is aspirin ok or will it make me bruise?", "can I swim" of "no
        bruising, can I swim?". None when nothing was set aside, or when the message asks
        more than one question (each is then read on its own)."""
        read = self._read_pieces(text, language)
        return read.heads[0].text if len(read.heads) == 1 and read.parts > 1 else None

    def _read_pieces(self, text: str, language: str | None) -> _Read:
        """The message's questions, their heads and what was set aside (see ``_Read``)."""
        lexicon = self.lexicon
        pieces = split_pieces(text, lexicon.split_phrases_in(language), lexicon.alternatives)
        joined: list[Piece] = []
        #: Each joined piece's first part: "no pus" of "no pus or anything" says the absence.
        heads: list[Piece] = []
        for piece in pieces:
            if (
                piece.joint == "alternative"
                and joined
                and not self._own_option(joined[-1], piece, language)
            ):
                before = joined[-1]
                joined[-1] = Piece(
                    f"{before.text} {piece.text}", before.joint, before.marked or piece.marked
                )
                continue
            joined.append(piece)
            heads.append(piece)
        kept = list(range(len(joined)))
        if len(joined) > MAX_PIECES:
            kept = [at for at in kept if joined[at].marked][:MAX_PIECES] or kept[:MAX_PIECES]
        elif len(joined) >= 2:
            kept = [
                at
                for at, piece in enumerate(joined)
                if not (
                    at + 1 < len(joined)
                    and len(piece.text.split()) <= DENIAL_MAX_WORDS
                    and self._denies(Piece(heads[at].text, piece.joint, piece.marked), language)
                )
            ]
        return _Read([joined[at] for at in kept], [heads[at] for at in kept], len(pieces))

    def _own_option(self, before: Piece, option: Piece, language: str | None) -> bool:
        """ "fly tomorrow" after "can I drink": an item of the same question (no subject of
        its own, nothing pointing back), and each side names a topic, not the same one."""
        if self.lexicon.opens_pointing_back_in(option.text, language):
            return False  # "or will it make me bruise?": about the first option
        if rules_for((language or "en")[:2]).first_person_subject.search(option.text):
            return False  # "or do I book separately?", "ou je dois attendre?": the same one
        theirs = self._named(self.lexicon.leftover(option.text), (), option.text, language)
        if theirs is None:
            return False  # "or not?", "oder lieber nicht?"
        mine = self._named(self.lexicon.leftover(before.text), (), before.text, language)
        return mine is not None and mine != theirs

    def _denies(self, piece: Piece, language: str | None) -> bool:
        """ "no headache", "keine Schwellung", "niente gonfiore": a short piece that opens with
        a negation and asks nothing, before another piece, tells that a symptom is absent; it
        is no question. ("dont want to leave the house", "zero change after 14 days" and "sin
        querer me froté la frente" say more than an absence.)"""
        if piece.marked:
            return False
        words = self.lexicon.without_opener(piece.text).split()
        if len(words) > DENIAL_MAX_WORDS:
            return False
        negations = rules_for((language or "en")[:2]).negations
        return bool(words) and words[0] in negations and not self._piece_asks(piece, language)
