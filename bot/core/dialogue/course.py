"""How a symptom just answered goes ("se quita sola?", "wie lange dauert das ungefähr? am
Samstag ist eine Hochzeit", "ça va s'arranger ou je dois revenir ?"): about that symptom,
whatever the words read as alone. Pure, like all of core.

Read on their own, such questions look like the treatment's duration ("how long does it
last?") or the review ("should I come back?"), and a clause told after them ("I have a wedding
on Saturday") adds words that look like a question of its own. Spanish, Italian and Portuguese
drop the pronoun that says "it" in English, so the only sign that the question points back is
that it names nothing. The rule reads the clause that asks how something goes: a word of
progress (a word class in every language, ``progress`` and ``duration`` in dialogue.yaml),
at most a couple of other words, none of them naming another topic; the other sentences only
tell (no question mark), and an alternative after it ("... or should I come back?") is part
of the same question, which the symptom's answer covers.

A mixin of ``Dialogue``: it reads the words left over with the dialogue's keyword names
(``_named``) and one pass of the matcher on them (``_match_alone``).
"""

from __future__ import annotations

import re
from functools import cache

from bot.core.dialogue.lexicon import Lexicon
from bot.core.dialogue.naming import NamesKeywords
from bot.core.dialogue.state import DialogueState
from bot.core.matching import Answer, MatchResult
from bot.core.replies import Reply
from bot.core.text import normalise, stem

#: Besides its words of progress, the asking clause may say this many words of its own
#: ("cuantos dias suele tardar en bajar": none; "gibt sich das wieder": one; "how long does
#: botox last overall" says what it asks about).
COURSE_MAX_OTHER_WORDS = 1
#: A word the matcher reads this surely on its own says what the question is about ("how long
#: does botox last?"); below it, a leftover word ("ungefähr", "sensazione") is no topic.
COURSE_WORD_SURE = 60.0
#: Stems shorter than this are left out of the inflection check ("va", "se"), and so are
#: words shorter than ``MIN_INFLECTED`` ("paso", a step, shares "pasa"'s stem).
MIN_STEM = 3
MIN_INFLECTED = 5
#: A sentence ends at one of these followed by more text ("...? am Samstag ist Hochzeit").
_SENTENCE_END = re.compile(r"(?<=[?!.;])\s+(?=\S)")


def sentences(text: str) -> list[str]:
    """``text`` cut where a sentence ends and another begins; each keeps its own mark."""
    return [part for part in _SENTENCE_END.split(text.strip()) if part.strip()]


@cache
def _progress_stems(lexicon: Lexicon, language: str) -> frozenset[str]:
    """The stems of ``language``'s one-word progress words: "pasará", "pasaría" and "pasa"
    agree, so a tense the list does not spell out still says how something goes."""
    words = lexicon.words(language)
    if words is None:
        return frozenset()
    single = (w for w in (*words.followup.progress, *words.followup.duration) if " " not in w)
    return frozenset(s for s in (stem(w, language) for w in single) if len(s) >= MIN_STEM)


class SymptomCourse(NamesKeywords):
    """Which questions ask how the symptom just answered goes; ``Dialogue`` supplies the rest."""

    def _asks(self, piece: str, language: str | None) -> bool:
        raise NotImplementedError

    def _other_question(self, part: str, language: str | None) -> bool:
        """A sentence besides the one asking how the symptom goes asks a question of its own:
        its question mark, or its opening words ("and can I cover it with makeup")."""
        return "?" in part or self._asks(normalise(part), language)

    def _match_alone(self, text: str) -> MatchResult:
        raise NotImplementedError

    def _best_fit(self, topics: tuple[str, ...], text: str) -> str:
        raise NotImplementedError

    def _symptom_course(self, text: str, reply: Reply, live: DialogueState) -> str | None:
        """The symptom among the topics just answered that ``text`` asks the course of, or
        None when it asks something else (or names another topic, or asks another question
        in a sentence of its own). ``reply``: the message read on its own."""
        language = reply.language
        lexicon = self.lexicon
        course = tuple(topic for topic in live.topics if topic in lexicon.course_topics)
        if not course or live.clarify or live.topics[0] not in course:
            # the symptom must be what the last message was mainly about: after "when will I
            # see results?" answered with the headache beside it, "how long does it last?"
            # asks the treatment's duration
            return None
        parts = sentences(text)
        asking = next((part for part in parts if self._says_progress(part, language)), None)
        if asking is None:
            return None
        if any(part is not asking and self._other_question(part, language) for part in parts):
            # "how long will it last? and can I drink tonight?", "how long till it fades?
            # and can i cover it with makeup": two questions, each answered
            return None
        clause = self._before_alternative(asking)
        if not self._says_progress(clause, language):
            return None
        if lexicon.taking_effect(text) is not None or lexicon.says_still(text):
            return None  # "and at 2 weeks if still moving?": the treatment taking effect
        if lexicon.asks_wear_off(clause):
            return None  # "when does the effect wear off?": the treatment's rules decide
        rest = self._besides_progress(clause, language)
        if len(rest) > COURSE_MAX_OTHER_WORDS:
            return None
        named = self._named(rest, course, clause, language) if rest else None
        if named is not None:
            # "how long will the swelling last?" after the swelling and the bruise: the one
            # named; another topic named ("how long does botox last?") is asked of its own
            return named if named in course else None
        if (
            reply.kind == "answer"
            and reply.topic not in live.topics
            and (reply.score or 0.0) >= COURSE_WORD_SURE
            and not lexicon.points_back(clause)
        ):
            # "how long does botox last overall": a sure question of its own, and nothing in
            # it points back ("ça part au bout de combien de temps ?" does)
            return None
        if rest:
            alone = self._match_alone(" ".join(rest))
            if (
                isinstance(alone, Answer)
                and alone.entry_id not in live.topics
                and alone.score >= COURSE_WORD_SURE
            ):
                return None  # the words say what they are about, and it is not the symptom
        if lexicon.points_back_to_several(clause):
            # "will they go back up?" after watery eyes and low brows: the one it reads with
            return self._best_fit(course, clause)
        # "it", said or dropped: the first symptom answered is what the patient told; the
        # others came with it.
        return course[0]

    def _says_progress(self, text: str, language: str | None) -> bool:
        """A word of how something goes, as listed or in another tense of a listed word."""
        if self.lexicon.mentions_progress(text):
            return True
        stems = _progress_stems(self.lexicon, language) if language else frozenset()
        return any(self._inflected(word, stems, language) for word in normalise(text).split())

    @staticmethod
    def _inflected(word: str, stems: frozenset[str], language: str | None) -> bool:
        """``word`` is a tense of a progress word ("pasara" of "pasa")."""
        return len(word) >= MIN_INFLECTED and stem(word, language or "en") in stems

    def _besides_progress(self, clause: str, language: str | None) -> list[str]:
        """The new words of ``clause`` besides its progress phrases (stripped first, so "con
        el tiempo" goes whole before its "con" and "el" count as filler)."""
        lexicon = self.lexicon
        stems = _progress_stems(lexicon, language) if language else frozenset()
        words = lexicon.without_progress(normalise(clause).split())
        kept = [w for w in words if not self._inflected(w, stems, language)]
        return lexicon.leftover(" ".join(kept), language)

    def _before_alternative(self, clause: str) -> str:
        """``clause`` up to an alternative offered after it ("se va sola o tengo que volver":
        "se va sola"), normalised."""
        words = normalise(clause).split()
        alternatives = self.lexicon.alternatives
        cut = next((i for i, w in enumerate(words) if i and w in alternatives), len(words))
        return " ".join(words[:cut])
