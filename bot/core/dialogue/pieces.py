"""Which topic each question of a message asks: the pieces of "can I fly on Sunday, is that
ok after botox? and can I have wine on the plane", read each alone and, where a piece only
continues the one before it, in that piece's context. Pure, like all of core.

A mixin of ``Dialogue``: it reads pieces with the dialogue's own follow-up rules
(``_follow_up``), keyword names (``_named``) and symptom courses (``_course``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from bot.core.dialogue.naming import NamesKeywords
from bot.core.dialogue.state import DialogueState
from bot.core.dialogue.when import TreatmentTime
from bot.core.matching import Answer, Clarify
from bot.core.replies import Reply
from bot.core.responder import Responder
from bot.core.triage.context import rules_for

#: Of several questions, a piece read less surely than this names the topic its keywords
#: name, when the matcher weighs that topic at least ``PIECE_SHARE`` of its first reading
#: ("can I do yoga at 7": 51 for lying down, 30 for the gym, and "yoga" names the gym).
PIECE_SURE = 60.0
PIECE_SHARE = 0.5
#: A piece asking about "both" or "all three" of the things said before it names no topic of
#: its own when it has at most this many new words besides ("geht beides klar?": go, clear).
EVERY_MAX_NEW_WORDS = 2
#: Of several questions, a piece the matcher is unsure of is answered by its first reading
#: when that reading scores at least this many times the second ("who do I even call").
CLARIFY_LEAN = 1.25


def _leans(result: Clarify) -> bool:
    """The matcher, unsure, still clearly prefers its first reading (or has only one)."""
    first = result.candidates[0].score
    second = result.candidates[1].score if len(result.candidates) > 1 else 0.0
    return first >= second * CLARIFY_LEAN


class PieceReader(NamesKeywords):
    """Reads the pieces of a message; ``Dialogue`` supplies what it reads them with."""

    responder: Responder
    times: TreatmentTime

    def _follow_up(self, text: str, reply: Reply, live: DialogueState) -> str | None:
        raise NotImplementedError

    def _course(self, text: str, new_words: list[str], language: str | None = None) -> str | None:
        raise NotImplementedError

    def _again(self, text: str, last_topic: str | None = None) -> str | None:
        raise NotImplementedError

    def _taking_effect(self, text: str, language: str | None = None) -> str | None:
        raise NotImplementedError

    def _priced(self, text: str, last_topic: str | None = None) -> str | None:
        raise NotImplementedError

    def _price_asked(self, text: str) -> str | None:
        raise NotImplementedError

    def _mentions(
        self, words: list[str], text: str, language: str | None = None
    ) -> list[frozenset[str]]:
        raise NotImplementedError

    def _asked(
        self,
        pieces: Sequence[str],
        now: datetime,
        language: str | None,
        symptom: str | None = None,
        marked: Sequence[bool] = (),
    ) -> tuple[list[str], dict[str, float]]:
        """The topics the pieces ask, in order and each once, with the scores they had alone:
        every piece gets its own best topic; a piece that only continues the one before ("is
        that ok after botox?", "what would I look out for") takes that piece's topic.

        ``symptom``: the symptom the conversation just answered; a first piece that points
        back and only asks how it goes ("how long will it stick around, and can I cover
        it?") is about it, as the same words alone would be (``_follow_up``). ``marked``:
        which pieces a question mark closed (a question whatever its first words)."""
        topics: list[str] = []
        scores: dict[str, float] = {}
        before: str | None = None
        #: The topics a piece put as a question asked ("can I fly?", not "got a flight").
        questioned: set[str] = set()
        for index, piece in enumerate(pieces):
            if self._only_tells(piece, now, language):
                continue  # "had it done 2 hours ago" tells, it does not ask
            going = (
                self._how_it_goes(piece, symptom)
                if index == 0 and symptom is not None and self._of_the_symptom(piece, language)
                else None
            )
            found = (
                (going, None)
                if going is not None
                else self._piece_in_context(piece, before, now, language)
            )
            if found is None:
                continue
            topic, score = found
            if topic in questioned and score is not None:
                # "can I fly? and is a wine on the plane ok": the plane sets the scene again,
                # the wine is what this question adds
                beside = self._beside_asked(piece, topics, language)
                if beside is not None:
                    topic, score = beside, None
            if (index < len(marked) and marked[index]) or self._asks(piece, language):
                questioned.add(topic)
            before = topic
            if topic not in topics:
                topics.append(topic)
                if score is not None:
                    scores[topic] = score
        return topics, scores

    def _of_the_symptom(self, piece: str, language: str | None) -> bool:
        """A first piece after a symptom is about it when it points back ("how long will it
        stick around") or, as languages that drop the pronoun say it ("cuánto tarda en
        irse?"), names nothing: neither the treatment nor a topic's keyword nor its taking
        effect."""
        lexicon = self.lexicon
        if lexicon.points_back(piece):
            return True
        if self.times.mentions_treatment(piece) or lexicon.taking_effect(piece) is not None:
            return False
        return self._named(lexicon.leftover(piece), (), piece, language) is None

    def _beside_asked(self, piece: str, asked: Sequence[str], language: str | None) -> str | None:
        """The one new thing a piece names besides a topic an earlier question of the same
        message asked ("a cocktail on the plane" after "can I fly thursday": the drink), or
        None. A message rarely asks one thing twice: when a piece's own reading repeats an
        earlier piece's topic and its words also name exactly one topic not yet asked (or,
        naming none, the matcher reads it first), the repeated word is the setting and the
        other is the question. Only after a piece that asked the topic as a question ("can I
        fly?"): after a scene ("got a small bruise"), "how long does the bruise last" asks it
        anew."""
        if self.lexicon.mentions_progress(piece):
            return None  # "how long does the bruise last": how the thing asked goes
        mentions = self._mentions(self.lexicon.leftover(piece), piece, language)
        if not any(ids <= set(asked) for ids in mentions):
            return None  # no word names only what was asked: no setting said again
        if any(not ids <= set(asked) and not ids.isdisjoint(asked) for ids in mentions):
            return None  # "hielo" names the swelling asked and the bruise alike
        read = self.responder.match(piece)
        if not isinstance(read, Answer | Clarify):
            return None
        weighed = [c.entry_id for c in read.candidates]
        counts = Counter(e for ids in mentions if ids.isdisjoint(asked) for e in ids)
        most = counts.most_common(2)
        if most and (len(most) == 1 or most[0][1] > most[1][1]):
            # the topic most of the new words name ("un verre de rosé": a glass and a wine
            # name the drink, "rosé" a skin's redness too), when the matcher weighs it too
            # (a keyword alone may be a quirk)
            other = most[0][0]
            return other if other in weighed else None
        if most or not isinstance(read, Answer):
            return None
        # no keyword for the new thing ("a cocktail"): the matcher's own confident first
        # reading of the piece, which the setting's keyword outvoted, when not asked yet
        return weighed[0] if weighed[0] not in asked else None

    def _only_tells(self, piece: str, now: datetime, language: str | None) -> bool:
        """ "had it done 2 hours ago", "had my crow's feet done this morning": the piece tells
        about the treatment and asks nothing ("had my flu jab yesterday" still names a topic)."""
        if not self.times.mentions_treatment(piece) or self._asks(piece, language):
            return False
        if self.times.find(piece, now) is None and not self.lexicon.mentions_when(piece):
            return False  # "a dull ache after the botox" tells a symptom, not a time
        rest = self.times.without_time_words(self.lexicon.leftover(piece))
        return self._named(rest, language=language) is None

    def _piece_in_context(
        self, piece: str, before: str | None, now: datetime, language: str | None
    ) -> tuple[str, float | None] | None:
        """The topic one piece asks about, with its own score, or None (nothing asked). A piece
        with nothing new of its own continues the piece before it; one the matcher is unsure
        of does when, read as a follow-up of the topic before, it stays with that topic."""
        framed = (
            self._priced(piece, before)
            or self._again(piece, before)
            or self._taking_effect(piece, language)
        )
        if framed is not None:
            return framed, None  # "and when do I rebook": the next appointment
        if before is not None and self._of_each(piece, language):
            return None  # "..., geht beides klar?": the pieces before it are the questions
        going = self._how_it_goes(piece, before)
        if going is not None:
            return going, None  # "got a bruise, how long will it last": the bruise
        fragment = self.lexicon.only_context(piece)
        if before is not None and fragment:
            # "is that ok after botox?": the question before, again; "what can I take for
            # it?" after a headache: what a follow-up of it asks
            return self._followed(piece, None, before, now, language) or before, None
        own = self._piece(piece, language, before)
        if isinstance(own, Answer):
            return own.entry_id, own.score
        priced = self._price_asked(piece) if before is not None else None
        if priced is not None:
            return priced, None  # "and is it cheaper if I do 3 areas": the prices
        asks = not fragment and self._asks(piece, language)
        if before is not None:
            options = {c.entry_id for c in own.candidates} if isinstance(own, Clarify) else set()
            if (
                isinstance(own, Clarify)
                and asks
                and _leans(own)
                and before not in options
                and not self.lexicon.points_back(piece)
            ):
                # "and who do I even call": a question of its own, whatever came before
                return own.candidates[0].entry_id, own.score
            followed = self._followed(piece, own, before, now, language)
            if followed is not None:
                return followed, None  # "and what would I look out for": still that one
            if self.lexicon.points_back(piece):
                return before, None  # "does that matter with botox?": the one before
        if isinstance(own, Clarify) and asks and _leans(own):
            # One of several questions: its likeliest reading, under its own title, rather
            # than nothing ("what shouldn't I do the first day?": the aftercare rules).
            return own.candidates[0].entry_id, own.score
        return None

    def _of_each(self, piece: str, language: str | None) -> bool:
        """The piece asks about every thing said before it and names nothing of its own
        ("are both ok?", "valen los dos?", "c'est ok pour les deux ?", "posso os dois?")."""
        rest = self.lexicon.asks_every(piece)
        if rest is None or len(rest) > EVERY_MAX_NEW_WORDS:
            return False
        return self._named(rest, language=language) is None

    def _how_it_goes(self, piece: str, before: str | None) -> str | None:
        """A piece that only asks how the symptom before it goes ("got a bruise, how long will
        it last"): that symptom, not how long the treatment lasts; after the toxin's own
        effect ("i look frozen, how long till it wears off") the effect lasts as the
        treatment does, so it is how long results last."""
        lexicon = self.lexicon
        if before not in lexicon.course_topics or not lexicon.about_progress(piece):
            return None
        if before in lexicon.effect_topics and lexicon.lasting_topic:
            return lexicon.lasting_topic
        return before

    def _followed(
        self,
        piece: str,
        own: Clarify | None,
        before: str,
        now: datetime,
        language: str | None,
    ) -> str | None:
        """What the piece asks read as a follow-up of the topic before it: that topic, or
        the one a follow-up of it leads to by rule (a remedy after a symptom, how long the
        treatment lasts, what if it fails); not what its own words read as alone ("that's
        fine right" is no question about sides)."""
        alone = self._piece_reply(own, language)
        followed = self._follow_up(piece, alone, DialogueState(topics=(before,), topics_at=now))
        lexicon = self.lexicon
        led_to = {lexicon.remedy_topic, lexicon.lasting_topic, lexicon.if_not_topics.get(before)}
        return followed if followed == before or followed in led_to else None

    @staticmethod
    def _piece_reply(result: Clarify | None, language: str | None) -> Reply:
        """A piece's own doubt in the shape a follow-up is judged against."""
        if isinstance(result, Clarify):
            options = tuple(c.entry_id for c in result.candidates)
            return Reply("clarify", "", "", suggestions=options, language=language or "en")
        return Reply("fallback", "", "", language=language or "en")

    def _asks(self, piece: str, language: str | None) -> bool:
        """The piece is put as a question ("what shouldn't I do", "and who do I call")."""
        rules = rules_for((language or "en")[:2])
        norm = self.lexicon.without_opener(piece)
        return bool(rules.question_start.match(norm)) or self.lexicon.opens_question(norm)

    def _piece(
        self, piece: str, language: str | None = None, before: str | None = None
    ) -> Answer | Clarify | None:
        """The decision on one question of several: how a named symptom goes is about that
        symptom ("and how long will the headache last"); a question the matcher is unsure of
        is about the topic its new words name, when the matcher weighs that topic too, or
        when it has only one or two new words ("is tingly normal"). A keyword of two topics
        ("ice": the bruise and the swelling) names the one asked about just ``before``."""
        new_words = self.lexicon.leftover(piece)
        course = self._course(piece, new_words, language)
        if course is not None:
            return Answer(course, 100.0, ())
        result = self.responder.match(piece)
        topics = (before,) if before else ()
        named = self._named(new_words, topics, piece, language) if new_words else None
        weighed = next((c.score for c in result.candidates if c.entry_id == named), 0.0)
        if (
            named is not None
            and result.score < PIECE_SURE
            and weighed >= result.score * PIECE_SHARE
            and self._asks(piece, None)
        ):
            # "and can I still go into work": an unsure reading (when results appear, 43),
            # but "work" names a topic the matcher weighs nearly as much (25): the word says
            # what is asked
            return Answer(named, 100.0, ())
        read = result.candidates[0].entry_id if isinstance(result, Answer | Clarify) else None
        if (
            named is not None
            and named == before
            and read is not None
            and result.score < PIECE_SURE
            and weighed > 0.0
            and self._named(new_words, (), piece, language) is None
            and self._named(new_words, (read,), piece, language) == read
        ):
            # "my forehead is puffy, can I put ice on it": "ice" names the bruise and the
            # swelling alike, the matcher is unsure between them, and the piece before says
            return Answer(named, 100.0, ())
        if isinstance(result, Answer):
            return result
        if named is not None and len(new_words) <= 2:
            return Answer(named, 100.0, ())
        return result if isinstance(result, Clarify) else None
