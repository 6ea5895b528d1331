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

from bot.core.dialogue.naming import NamesKeywords
from bot.core.dialogue.split import Piece, split_pieces
from bot.core.triage.context import rules_for

#: A message of more pieces than this is a story, not a list of questions: only its pieces a
#: question mark closes are read (else its first ones), so a 4,000-character message costs
#: no more model passes than a short one.
MAX_PIECES = 12


#: "no headache", "no pus or anything": an absence is said in this many words at most.
DENIAL_MAX_WORDS = 4


class DetailPieces(NamesKeywords):
    """Splits a message into its questions; ``Dialogue`` supplies the lexicon and names."""

    def _piece_asks(self, piece: Piece, language: str | None) -> bool:
        raise NotImplementedError

    def _questions(self, text: str, language: str | None) -> list[Piece]:
        """The message's pieces that ask (or set the scene): options of one question put
        back together, pieces that only say a symptom is absent left out."""
        lexicon = self.lexicon
        pieces = split_pieces(text, lexicon.split_phrases, lexicon.alternatives)
        joined: list[Piece] = []
        #: Each joined piece's first part: "no pus" of "no pus or anything" says the absence.
        firsts: list[Piece] = []
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
            firsts.append(piece)
        if len(joined) > MAX_PIECES:
            joined = [piece for piece in joined if piece.marked][:MAX_PIECES] or joined[:MAX_PIECES]
            return joined
        if len(joined) < 2:
            return joined
        return [
            piece
            for at, piece in enumerate(joined)
            if not (
                at + 1 < len(joined)
                and len(piece.text.split()) <= DENIAL_MAX_WORDS
                and self._denies(Piece(firsts[at].text, piece.joint, piece.marked), language)
            )
        ]

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
