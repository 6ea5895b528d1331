"""The conversation words of ``dialogue.yaml``, compiled for quick checks on normalised text.

Cue words of every language are pooled: a patient may mix languages, and the checks here
only ever ask "is this message nothing but follow-up words?" or "which reply kind does it
ask for?", where a word of another language does no harm.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from bot.core.dialogue.worsening import says_worse as _says_worse
from bot.core.knowledge.dialogue import (
    DIALOGUE_LANGUAGES,
    FOLLOWUP_KINDS,
    DialogueFile,
    DialogueLanguage,
    FollowupKind,
)
from bot.core.text import MATCH_STOPWORDS, STOPWORDS, normalise
from bot.core.triage.context import rules_for

ClarifyChoice = int | Literal["decline"]
_DIGIT_CHOICE = re.compile(r"^(?:\D+ )?([1-9])(?: \D+)?$")
#: A number or a time ("5", "3pm", "430", "2nd"): "and at 5?", "and in 3 hours?" add nothing new.
#: Words around an ordinal that do not change the choice ("the second one please").
_CHOICE_FILLER = frozenset({"one", "please", "pls", "plz", "thanks", "option", "number", "no"})
_NUMBER = re.compile(r"^\d+(?:st|nd|rd|th|am|pm|h|hr|hrs|min|mins|d|w)?$")


#: A condition's negation comes within this many words of its "if" ("if it's still not").
IF_NOT_REACH = 5
#: A change of subject is announced at the start: within this many words ("ok cool.
#: unrelated but ...", "thanks! totally diff q, ...").
NEW_SUBJECT_REACH = 4
#: "it wasn't a typo": a negation this many words before a mis-sending cue denies it.
MISTAKE_REACH = 3
#: Negations of every shipped language, as the triage grammar knows them.
_NEGATIONS = frozenset(
    word for language in DIALOGUE_LANGUAGES for word in rules_for(language).negations
)


def _negates(word: str) -> bool:
    """A negation ("not", "hasnt", "nada"), also with a clitic s ("nothing's")."""
    return word in _NEGATIONS or (word.endswith("s") and word[:-1] in _NEGATIONS)


def _phrases(items: Iterable[str]) -> frozenset[str]:
    return frozenset(p for p in (normalise(item) for item in items) if p)


def _spelled(items: Iterable[str], spellings: Mapping[str, Sequence[str]]) -> Iterator[str]:
    """Each of ``items`` and, for a word of it that ``spellings`` lists, the item with each
    other spelling in its place ("and what about": also "n what about", "nd what about")."""
    for item in items:
        yield item
        words = normalise(item).split()
        for at, word in enumerate(words):
            for other in spellings.get(word, ()):
                yield " ".join([*words[:at], normalise(other), *words[at + 1 :]])


def contains(text: str, phrase: str) -> bool:
    """``phrase`` appears in normalised ``text`` as whole words."""
    return f" {phrase} " in f" {text} "


def _strip(text: str, phrases: Iterable[str]) -> str:
    """``text`` with every one of ``phrases`` (whole words, longest first) removed."""
    padded = f" {text} "
    for phrase in sorted(phrases, key=len, reverse=True):
        while f" {phrase} " in padded:
            padded = padded.replace(f" {phrase} ", " ")
    return " ".join(padded.split())


#: Filler in a message about how something goes, in every shipped language: "ca part en
#: combien de temps", "quanto ci mette ad andare via" say nothing new beyond the progress.
_PROGRESS_FILLER: frozenset[str] = STOPWORDS.union(*MATCH_STOPWORDS.values())


def _filler(language: str | None) -> frozenset[str]:
    """English filler, and the function words of ``language`` when it is another."""
    code = (language or "en")[:2].lower()
    return STOPWORDS | MATCH_STOPWORDS.get(code, frozenset())


@dataclass(frozen=True, slots=True)
class _Pooled:
    context: frozenset[str]
    pronouns: frozenset[str]
    plural: frozenset[str]
    progress: frozenset[str]
    if_not: frozenset[str]
    conditions: frozenset[str]
    persisting: frozenset[str]
    applies_too: frozenset[str]
    about_it: frozenset[str]
    tell: frozenset[str]
    whom: frozenset[str]
    what_to_tell: frozenset[str]
    duration: frozenset[str]
    wear_off: frozenset[str]
    every: frozenset[str]
    remedy: frozenset[str]
    same: frozenset[str]
    chance: frozenset[str]
    abstain: frozenset[str]
    when: frozenset[str]
    worse: frozenset[str]
    openers: frozenset[str]
    split: tuple[str, ...]
    alternatives: frozenset[str]
    questions: frozenset[str]
    even_if: frozenset[str]
    new_subject: frozenset[str]
    again: frozenset[str]
    taking_effect: frozenset[str]
    still_moving: frozenset[str]
    price: frozenset[str]
    signs: frozenset[str]
    again_in_context: frozenset[str]
    #: Joining words a piece may open with: the openers and the single-word split phrases.
    split_openers: frozenset[str]
    agree: frozenset[str]
    decline: frozenset[str]
    ordinals: tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]
    kinds: tuple[tuple[FollowupKind, frozenset[str]], ...]
    mistaken: frozenset[str]
    areas: frozenset[str]
    rebook: frozenset[str]


class Lexicon:
    """Checks on normalised text, built once from ``dialogue.yaml`` (or empty without it)."""

    def __init__(self, dialogue: DialogueFile | None) -> None:
        self.file = dialogue
        languages = list(dialogue.languages.values()) if dialogue is not None else []
        self.if_not_topics: dict[str, str] = dict(dialogue.if_not_topics) if dialogue else {}
        self.course_topics = frozenset(dialogue.course_topics) if dialogue else frozenset()
        self.lasting_topic = dialogue.lasting_topic if dialogue else None
        self.effect_topics = frozenset(dialogue.effect_topics) if dialogue else frozenset()
        self.remedy_topic = dialogue.remedy_topic if dialogue else None
        self.remedy_after = frozenset(dialogue.remedy_after) if dialogue else frozenset()
        self.again_topic = dialogue.again_topic if dialogue else None
        self.effect_topic = dialogue.effect_topic if dialogue else None
        self.price_topic = dialogue.price_topic if dialogue else None
        self.signs_topics = frozenset(dialogue.signs_topics) if dialogue else frozenset()
        self.priced_topics = frozenset(dialogue.priced_topics) if dialogue else frozenset()
        self.rebook_topic = dialogue.rebook_topic if dialogue else None
        self.rebook_after = frozenset(dialogue.rebook_after) if dialogue else frozenset()
        self.again_after = frozenset(dialogue.again_after) if dialogue else frozenset()
        self.again_with = frozenset(dialogue.again_with) if dialogue else frozenset()
        self.top_up_after = frozenset(dialogue.top_up_after) if dialogue else frozenset()
        self.flag_topics: dict[str, str] = dict(dialogue.flag_topics) if dialogue else {}
        #: Each chat spelling and the word it stands for ("wld": "would"): a spelling of a
        #: filler word is filler too ("how long wld it last?" says nothing new).
        self._respelled: dict[str, str] = {
            normalise(spelling): normalise(word)
            for lang in languages
            for word, spellings in lang.spellings.items()
            for spelling in spellings
        }
        #: The split phrases each language only has by its chat spellings ("n also").
        self._spelled_split_by: dict[str, frozenset[str]] = {
            code: _phrases(_spelled(lang.split, lang.spellings)) - _phrases(lang.split)
            for code, lang in (dialogue.languages.items() if dialogue else ())
        }
        self._spelled_split = frozenset().union(*self._spelled_split_by.values())
        self._pooled = _Pooled(
            context=_phrases(
                w for lang in languages for w in _spelled(lang.followup.context, lang.spellings)
            ),
            pronouns=_phrases(w for lang in languages for w in lang.followup.pronouns),
            plural=_phrases(w for lang in languages for w in lang.followup.plural),
            progress=_phrases(w for lang in languages for w in lang.followup.progress),
            if_not=_phrases(
                w for lang in languages for w in _spelled(lang.followup.if_not, lang.spellings)
            ),
            conditions=_phrases(w for lang in languages for w in lang.followup.conditions),
            persisting=_phrases(w for lang in languages for w in lang.followup.persisting),
            applies_too=_phrases(w for lang in languages for w in lang.followup.applies_too),
            about_it=_phrases(w for lang in languages for w in lang.followup.about_it),
            tell=_phrases(w for lang in languages for w in lang.followup.tell),
            whom=_phrases(w for lang in languages for w in lang.followup.whom),
            what_to_tell=_phrases(w for lang in languages for w in lang.followup.what_to_tell),
            duration=_phrases(w for lang in languages for w in lang.followup.duration),
            wear_off=_phrases(w for lang in languages for w in lang.followup.wear_off),
            every=_phrases(w for lang in languages for w in lang.followup.every),
            remedy=_phrases(w for lang in languages for w in lang.followup.remedy),
            same=_phrases(w for lang in languages for w in lang.followup.same),
            chance=_phrases(w for lang in languages for w in lang.followup.chance),
            abstain=_phrases(w for lang in languages for w in lang.followup.abstain),
            when=_phrases(w for lang in languages for w in lang.followup.when),
            worse=_phrases(w for lang in languages for w in lang.followup.worse),
            openers=_phrases(
                w for lang in languages for w in _spelled(lang.followup.openers, lang.spellings)
            ),
            split=tuple(
                sorted(
                    _phrases(w for lang in languages for w in _spelled(lang.split, lang.spellings)),
                    key=len,
                    reverse=True,
                )
            ),
            alternatives=_phrases(w for lang in languages for w in lang.alternatives),
            questions=_phrases(w for lang in languages for w in lang.followup.questions),
            even_if=_phrases(w for lang in languages for w in lang.followup.even_if),
            new_subject=_phrases(w for lang in languages for w in lang.followup.new_subject),
            again=_phrases(w for lang in languages for w in lang.followup.again),
            taking_effect=_phrases(w for lang in languages for w in lang.followup.taking_effect),
            still_moving=_phrases(w for lang in languages for w in lang.followup.still_moving),
            price=_phrases(w for lang in languages for w in lang.followup.price),
            signs=_phrases(w for lang in languages for w in lang.followup.signs),
            again_in_context=_phrases(
                w for lang in languages for w in lang.followup.again_in_context
            ),
            split_openers=_phrases(
                w
                for lang in languages
                for w in _spelled(
                    [*lang.followup.openers, *(s for s in lang.split if " " not in s)],
                    lang.spellings,
                )
            ),
            agree=_phrases(w for lang in languages for w in lang.clarify.agree),
            decline=_phrases(w for lang in languages for w in lang.clarify.decline),
            ordinals=(
                _phrases(w for lang in languages for w in lang.clarify.first),
                _phrases(w for lang in languages for w in lang.clarify.second),
                _phrases(w for lang in languages for w in lang.clarify.third),
                _phrases(w for lang in languages for w in lang.clarify.last),
            ),
            kinds=tuple(
                (
                    kind,
                    _phrases(
                        w for lang in languages for w in lang.after_escalation.cues.get(kind, [])
                    ),
                )
                for kind in FOLLOWUP_KINDS
            ),
            mistaken=_phrases(w for lang in languages for w in lang.after_escalation.mistaken),
            areas=_phrases(w for lang in languages for w in lang.followup.areas),
            rebook=_phrases(w for lang in languages for w in lang.followup.rebook),
        )

    @property
    def enabled(self) -> bool:
        return self.file is not None

    def words(self, language: str | None) -> DialogueLanguage | None:
        """The dialogue texts in ``language``, else English; None without ``dialogue.yaml``."""
        if self.file is None:
            return None
        code = (language or "en")[:2].lower()  # Telegram sends "pt-br", "en-GB"
        return self.file.languages.get(code) or self.file.languages.get("en")

    # ---- follow-ups ---------------------------------------------------------------------

    def leftover(self, text: str, language: str | None = None) -> list[str]:
        """The words of ``text`` that are neither follow-up cues nor filler: what is new.

        ``language``: the message's language, whose function words are filler too ("per
        quanto tempo?", "durante cuanto tiempo?", "wie lange nicht?" say nothing new). Only
        that language's: another's may be an English word ("hat", "war")."""
        pooled = self._pooled
        rest = _strip(normalise(text), pooled.context | pooled.pronouns | pooled.if_not)
        filler = _filler(language)
        return [
            word
            for word in rest.split()
            if word not in filler
            and self._respelled.get(word) not in filler
            and not _NUMBER.match(word)
        ]

    def names_only_area(self, text: str, language: str | None = None) -> bool:
        """Besides follow-up words and filler, ``text`` names only treated areas or kinds of
        the treatment ("and crows feet?", "et pour les pattes d'oie ?", "e o baby botox?"):
        the last question, asked about them."""
        norm = normalise(text)
        areas = self._pooled.areas
        if not any(contains(norm, phrase) for phrase in areas):
            return False
        return not self.leftover(_strip(norm, areas), language)

    def without_progress(self, words: list[str]) -> list[str]:
        """``words`` (from :meth:`leftover`) without the words saying how something goes."""
        pooled = self._pooled
        rest = _strip(" ".join(words), pooled.progress | pooled.duration)
        return rest.split()

    def mentions_progress(self, text: str) -> bool:
        """Any word saying how something goes ("last", "go away", "fade")."""
        norm = normalise(text)
        return any(
            contains(norm, phrase) for phrase in self._pooled.progress | self._pooled.duration
        )

    def asks_duration(self, text: str) -> bool:
        """ "how long does it last?", "when will it wear off?": how long something lasts."""
        norm = normalise(text)
        return any(contains(norm, phrase) for phrase in self._pooled.duration)

    def asks_wear_off(self, text: str) -> bool:
        """ "when will it wear off?": the toxin's effect fading."""
        norm = normalise(text)
        return any(contains(norm, phrase) for phrase in self._pooled.wear_off)

    def asks_every(self, text: str) -> list[str] | None:
        """ "and saturday for both?": the new words besides the word for every topic, or
        None when no such word is said."""
        norm = normalise(text)
        if not any(contains(norm, phrase) for phrase in self._pooled.every):
            return None
        return self.leftover(_strip(norm, self._pooled.every))

    def asks_remedy(self, text: str) -> bool:
        """ "can I take something for it?": a remedy asked for, and nothing new named."""
        norm = normalise(text)
        if not any(contains(norm, phrase) for phrase in self._pooled.remedy):
            return False
        return not self.leftover(_strip(norm, self._pooled.remedy))

    def treatment_again(self, text: str, *, in_context: bool = False) -> list[str] | None:
        """The new words besides a phrase saying the treatment is had again ("when can I
        get more?", "how soon can I have it redone?"), or None when no such phrase is said.
        ``in_context``: "again" alone counts too ("how soon can I go again?"), for a message
        that follows a question about the results."""
        pooled = self._pooled
        phrases = pooled.again | pooled.again_in_context if in_context else pooled.again
        norm = normalise(text)
        if not any(contains(norm, phrase) for phrase in phrases):
            return None
        return self.leftover(_strip(norm, phrases))

    def without_again(self, text: str) -> list[str]:
        """The words of ``text`` that are neither follow-up cues nor the phrases saying the
        treatment again, stopwords kept so that a two-word keyword stays whole ("come back
        in for a check up": "check up")."""
        pooled = self._pooled
        rest = _strip(normalise(text), pooled.again | pooled.again_in_context)
        # normalised again: words brought together may make one ("top it up": "topup")
        return normalise(_strip(rest, pooled.context | pooled.pronouns | pooled.if_not)).split()

    def taking_effect(self, text: str) -> tuple[list[str], list[str]] | None:
        """The words besides a phrase saying the treatment takes effect ("when will they stop
        moving?"): all of them ("one side" stays whole) and those that are no follow-up cue
        ("top it up": "topup"); None when no such phrase is said."""
        pooled = self._pooled
        return self._besides(text, pooled.taking_effect | pooled.still_moving)

    def asks_price(self, text: str) -> tuple[list[str], list[str]] | None:
        """The words besides a phrase asking the price ("is the review free?"): all of them
        and those that are no follow-up cue; None when the price is not asked."""
        return self._besides(text, self._pooled.price)

    def _besides(self, text: str, phrases: frozenset[str]) -> tuple[list[str], list[str]] | None:
        """The words of ``text`` besides ``phrases`` (None when none is said): all of them
        ("one side" stays whole) and those that are no follow-up cue ("top it up": "topup")."""
        pooled = self._pooled
        norm = normalise(text)
        if not any(contains(norm, phrase) for phrase in phrases):
            return None
        rest = _strip(norm, phrases)
        # normalised again: words brought together may make one ("top it up": "topup")
        cues = pooled.context | pooled.pronouns | pooled.if_not
        return rest.split(), normalise(_strip(rest, cues)).split()

    def asks_rebook(self, text: str) -> tuple[list[str], list[str]] | None:
        """The words besides a phrase moving, cancelling or changing an appointment ("can I
        move it to the week after?"): all of them and those that are no follow-up cue; None
        when no such phrase is said."""
        return self._besides(text, self._pooled.rebook)

    def asks_signs(self, text: str, language: str | None = None) -> list[str] | None:
        """The new words besides a phrase asking what to look out for ("how would I even
        know?"), or None when it is not asked. ``language``: the message's, whose function
        words are filler too ("woran würde ich merken, dass es passiert ist?")."""
        found = self._besides(text, self._pooled.signs)
        if found is None:
            return None
        filler = STOPWORDS | _filler(language)
        return [w for w in found[1] if w not in filler and not _NUMBER.match(w)]

    def says_still(self, text: str) -> bool:
        """The treatment not taking effect yet, told ("I can still move it")."""
        norm = normalise(text)
        return any(contains(norm, phrase) for phrase in self._pooled.still_moving)

    def opens_condition(self, text: str, language: str | None = None) -> bool:
        """A condition word ("if") anywhere: "and if it happens again?" supposes, it does
        not ask to have something again. With ``language``, only that language's words:
        one language's "if" is another's reflexive ("si", "se")."""
        words = self.words(language) if language else None
        conditions = _phrases(words.followup.conditions) if words else self._pooled.conditions
        return any(word in conditions for word in normalise(text).split())

    def mentions_when(self, text: str) -> bool:
        """A moment ("tomorrow morning", "at 5", "in 3 hours"): a question about timing."""
        norm = normalise(text)
        return any(_NUMBER.match(word) for word in norm.split()) or any(
            contains(norm, phrase) for phrase in self._pooled.when
        )

    def repeats(self, text: str) -> bool:
        """ "what if I do it in my sleep?": the same thing again, in other circumstances."""
        norm = normalise(text)
        return any(contains(norm, phrase) for phrase in self._pooled.same)

    def asks_chance(self, text: str, language: str | None = None) -> list[str] | None:
        """ "how often does that happen?", "how likely is that?": the new words besides
        how often or how likely, or None when the message does not ask it."""
        pooled = self._pooled
        norm = normalise(text)
        if not any(contains(norm, phrase) for phrase in pooled.chance):
            return None
        return self.leftover(_strip(norm, pooled.chance), language)

    def only_context(self, text: str) -> bool:
        """True for "and tomorrow?", "is that normal?", "why?": nothing but follow-up words."""
        return bool(normalise(text)) and not self.leftover(text)

    def asks_if_not(self, text: str) -> bool:
        """ "and if it doesn't?", "and if it's still like that in 2 weeks?": a question about
        what comes when the last answer fails."""
        norm = normalise(text)
        if any(contains(norm, phrase) for phrase in self._pooled.if_not):
            return True
        words = norm.split()
        pooled = self._pooled
        return any(
            word in pooled.conditions
            and any(
                _negates(later) or later in pooled.persisting
                for later in words[at + 1 : at + 1 + IF_NOT_REACH]
            )
            for at, word in enumerate(words)
        )

    def asks_if_it_applies(self, text: str) -> list[str] | None:
        """ "what about my lips, same rules?": the new words of the subject the last answer
        is asked to hold for (maybe none: "same rules then?"), or None when the message does
        not ask whether the last answer applies too."""
        pooled = self._pooled
        norm = normalise(text)
        if not any(contains(norm, phrase) for phrase in pooled.applies_too):
            return None
        return self.leftover(_strip(norm, pooled.applies_too))

    def asks_about_it(self, text: str) -> bool:
        """The question's object is what was just said: "should I mention it to them?", or
        unsaid: "should I let the clinic know?", "who do I talk to?"."""
        norm = normalise(text)
        pooled = self._pooled
        return any(
            contains(norm, phrase) for phrase in pooled.about_it | pooled.tell | pooled.what_to_tell
        )

    def asks_what_to_tell(self, text: str, language: str | None = None) -> bool:
        """The message only asks what to tell someone, in any order ("what do I say to my
        dentist?", "to my GP what do I say", "the surgeon, what should I tell him?"): besides
        the telling, the people told (``whom``) and follow-up words, nothing is new. What is to
        be told is what was just said; the person names no topic."""
        pooled = self._pooled
        norm = normalise(text)
        asks_what = any(contains(norm, phrase) for phrase in pooled.what_to_tell)
        tells_whom = any(contains(norm, phrase) for phrase in pooled.tell) and any(
            contains(norm, phrase) for phrase in pooled.whom
        )
        if not (asks_what or tells_whom):
            return False  # "should I let the clinic know?": whether to report, a question
        rest = _strip(norm, pooled.what_to_tell | pooled.tell)
        return not self.leftover(_strip(rest, pooled.whom), language)

    def without_negations(self, words: list[str]) -> list[str]:
        """``words`` (from :meth:`leftover`) without the negations a failing condition has
        ("if it still hasn't worked": "worked" is what is new)."""
        return [word for word in words if not _negates(word)]

    def has_cue(self, text: str) -> bool:
        """Any follow-up word at all (a pronoun, "and", "what about")."""
        norm = normalise(text)
        return any(contains(norm, phrase) for phrase in self._pooled.context)

    def opens_as_follow_up(self, text: str) -> bool:
        """The message starts with a joining word ("and", "what about", "y", "und", "e"):
        it continues what was said rather than starting anew."""
        words = normalise(text).split()
        return any(" ".join(words[:size]) in self._pooled.openers for size in (1, 2, 3))

    def without_opener(self, text: str) -> str:
        """Normalised ``text`` without the joining words it opens with ("and also who do I
        call" -> "who do I call"), so its own grammar can be read."""
        words = normalise(text).split()
        while words:
            size = next(
                (n for n in (3, 2, 1) if " ".join(words[:n]) in self._pooled.split_openers), 0
            )
            if not size:
                break
            words = words[size:]
        return " ".join(words)

    def opens_question(self, text: str) -> bool:
        """After its joining words, ``text`` opens with a question word of ``dialogue.yaml``
        ("and who do I call", "y donde")."""
        words = self.without_opener(text).split()
        return any(" ".join(words[:size]) in self._pooled.questions for size in (1, 2, 3))

    def opens_with_even_if(self, text: str) -> bool:
        """After its joining words, ``text`` opens with a condition that leaves the question
        as it was ("even if it wears off early?", "und auch wenn ich Sport mache?")."""
        starts = (normalise(text).split(), self.without_opener(text).split())  # "anche se"
        return any(
            " ".join(words[:size]) in self._pooled.even_if for words in starts for size in (1, 2, 3)
        )

    def changes_subject(self, text: str) -> bool:
        """The message opens by announcing a new subject ("ok thanks. unrelated but ...",
        "otra pregunta, ..."): an announcing phrase starts within its first
        ``NEW_SUBJECT_REACH`` words and a question follows it (at least two words: "can I
        use something else?" names no new subject, it ends on its object)."""
        words = normalise(text).split()
        return any(
            " ".join(words[start : start + size]) in self._pooled.new_subject
            and len(words) - (start + size) >= 2
            for start in range(min(NEW_SUBJECT_REACH, len(words)))
            for size in (1, 2, 3, 4)
        )

    def without_new_subject(self, text: str) -> str:
        """``text`` normalised, without the phrase announcing a new subject ("autre question,
        combien coûte une retouche ?": "combien coute une retouche"): the announcement names
        no thing asked about."""
        if not self.changes_subject(text):
            return normalise(text)
        return _strip(normalise(text), self._pooled.new_subject)

    def opens_pointing_back(self, text: str) -> bool:
        """The message starts with a word that refers back ("it's on my cheekbone", "that
        one is ..."): it tells more about what was said before."""
        words = normalise(text).split()
        return bool(words) and words[0] in self._pooled.pronouns

    def points_back(self, text: str) -> bool:
        """A word that refers to something said before ("it", "they", "that")."""
        norm = normalise(text)
        return any(contains(norm, phrase) for phrase in self._pooled.pronouns)

    def opens_pointing_back_in(self, text: str, language: str | None, reach: int = 3) -> bool:
        """Among its first ``reach`` words, ``text`` has a word of ``language`` (else English)
        that refers back: "or will it make me bruise?", "or is that too cold?", not "or a
        sauna this week". The pooled words of every language would take Portuguese "a"
        ("her") in "or go for a run" for one."""
        words = self.words(language)
        if words is None:
            return False
        opening = " ".join(normalise(text).split()[:reach])
        return any(contains(opening, normalise(word)) for word in words.followup.pronouns)

    def points_back_in(self, text: str, language: str | None) -> bool:
        """``text`` has a word of ``language`` (else English) that refers back ("that",
        "eso", "das"): the pooled words of every language would take Portuguese "a" ("her")
        in "what about a facial" for one."""
        words = self.words(language)
        if words is None:
            return False
        norm = normalise(text)
        return any(contains(norm, normalise(word)) for word in words.followup.pronouns)

    def asks_abstaining(self, text: str, language: str | None = None) -> list[str] | None:
        """ "how long do I avoid those for?": the new words besides keeping away from
        something, or None when the message does not say it."""
        pooled = self._pooled
        norm = normalise(text)
        if not any(contains(norm, phrase) for phrase in pooled.abstain):
            return None
        return self.leftover(_strip(norm, pooled.abstain), language)

    def points_back_to_several(self, text: str) -> bool:
        """A plural word that refers to things said before ("they", "those", "ellos")."""
        norm = normalise(text)
        return any(contains(norm, phrase) for phrase in self._pooled.plural)

    def says_worse(self, text: str, language: str | None = None) -> bool:
        """ "it's got way worse", "now it's spreading", "jetzt ist es richtig heftig,
        tabletten helfen null": something is getting worse (``language``: the message's, whose
        words are read in any inflection; see ``worsening``)."""
        words = self.words(language)
        if words is None:
            return False
        return _says_worse(
            text,
            phrases=self._pooled.worse,
            worse=words.followup.worse,
            relief=words.followup.relief,
            language=(language or "en")[:2].lower(),
        )

    def besides_progress(self, text: str) -> list[str] | None:
        """The new words of ``text`` besides those saying how something goes ("is it meant
        to feel like that?": "meant"), or None when it says nothing of how something goes."""
        pooled = self._pooled
        norm = normalise(text)
        without = _strip(norm, pooled.progress | pooled.duration)
        if without == norm:
            return None
        return self.leftover(without)

    def about_progress(self, text: str) -> bool:
        """Besides follow-up words and filler, ``text`` only says how something goes ("how
        long does that usually last?", "when will it go away?", "will it get bigger?")."""
        pooled = self._pooled
        norm = normalise(text)
        # How it goes first: "stick around" is one phrase, though "around" alone is filler.
        without = _strip(norm, pooled.progress | pooled.duration)
        rest = _strip(without, pooled.context | pooled.pronouns | pooled.if_not)
        new = [
            w
            for w in rest.split()
            if w not in _PROGRESS_FILLER
            and self._respelled.get(w) not in _PROGRESS_FILLER
            and not _NUMBER.match(w)
        ]
        return without != norm and not new

    # ---- clarify answers ----------------------------------------------------------------

    def clarify_choice(self, text: str, options: Sequence[str]) -> ClarifyChoice | None:
        """Which offered option a typed answer picks: an index, "decline", or None."""
        norm = normalise(text)
        if not norm or not options:
            return None
        pooled = self._pooled
        if norm in pooled.decline:
            return "decline"
        place = self.ordinal_choice(text, len(options))
        if place is not None:
            return place if place < len(options) else None
        if norm in pooled.agree:
            return 0
        return None

    def ordinal_choice(self, text: str, count: int) -> int | None:
        """The place a message picks among ``count`` things ("the 2nd one", "yes the first",
        "second please", "l'ultima", "2"), counted from 0 and maybe past the end; None when
        it names no place (a "yes" alone picks nothing here)."""
        norm = normalise(text)
        for index, phrases in enumerate(self._pooled.ordinals):
            if norm in phrases or any(
                contains(norm, phrase) and self._only_filler(_strip(norm, [phrase]))
                for phrase in phrases
            ):
                return count - 1 if index == 3 else index
        digit = _DIGIT_CHOICE.match(norm)
        if digit is not None and len(norm.split()) <= 3:
            return int(digit.group(1)) - 1
        return None

    def _only_filler(self, rest: str) -> bool:
        """Nothing left but politeness, articles and "yes" ("yes the ... one please")."""
        filler = self._pooled.agree | _CHOICE_FILLER
        return all(word in STOPWORDS or word in filler or len(word) == 1 for word in rest.split())

    # ---- several questions ----------------------------------------------------------------

    @property
    def split_phrases(self) -> tuple[str, ...]:
        return self._pooled.split

    def split_phrases_in(self, language: str | None) -> tuple[str, ...]:
        """The split phrases, without those opening with a negation of ``language``: English
        chats type "and" as "n", Portuguese ones "não" ("n consigo"), which joins nothing."""
        code = (language or "en")[:2].lower()
        negations = rules_for(code).negations
        # another language's chat spelling is no joining word here (German "n" is "ein")
        foreign = self._spelled_split - self._spelled_split_by.get(code, frozenset())
        return tuple(
            p for p in self._pooled.split if p.split()[0] not in negations and p not in foreign
        )

    @property
    def alternatives(self) -> frozenset[str]:
        """The split words that offer another option ("or", "oder", "ou")."""
        return self._pooled.alternatives

    # ---- after an escalation ----------------------------------------------------------------

    def sent_by_mistake(self, text: str) -> bool:
        """The message says the one before was never meant: autocorrect, a child typing, a
        wrong chat, text pasted from a leaflet."""
        norm = normalise(text)
        for phrase in self._pooled.mistaken:
            padded = f" {norm} "
            at = padded.find(f" {phrase} ")
            # "it wasn't a typo", "no fue el autocorrector": the alarm stands
            if at >= 0 and not any(_negates(w) for w in padded[:at].split()[-MISTAKE_REACH:]):
                return True
        return False

    def without_kind_cues(self, text: str, kinds: Iterable[FollowupKind]) -> str:
        """Normalised ``text`` without the cue words of ``kinds`` ("y mañana puedo manejar?"
        without its waiting word is "y puedo manejar"): what else it asks."""
        wanted = set(kinds)
        cues = [
            phrase for kind, phrases in self._pooled.kinds if kind in wanted for phrase in phrases
        ]
        return _strip(normalise(text), cues)

    def waits_only_by_time(self, text: str) -> bool:
        """Every waiting word of ``text`` is a moment ("can I drive tomorrow?", "y mañana?"),
        none a wait of its own ("can it wait till tomorrow?", "I'll sleep on it")."""
        rest = _strip(normalise(text), self._pooled.when)
        delay = dict(self._pooled.kinds).get("delay", frozenset())
        return not any(contains(rest, phrase) for phrase in delay)

    def followup_kinds(self, text: str, limit: int = 2) -> tuple[FollowupKind, ...]:
        """What a follow-up after a red flag is about, most telling first ("other" if none)."""
        norm = normalise(text)
        found = [
            kind
            for kind, phrases in self._pooled.kinds
            if any(contains(norm, phrase) for phrase in phrases)
        ]
        if "thanks" in found and len(found) > 1:
            found.remove("thanks")  # "ok but can I wait?" is about waiting
        if "transport" in found:
            # "can my sister drive me to the hospital?" asks how to get there, not about
            # driving as a plan nor about being on the way already.
            found = [kind for kind in found if kind not in {"activity", "done"}]
        return tuple(found[:limit]) or ("other",)
