"""Red-flag triage: find affirmed symptoms in a message before any FAQ matching happens.

A phrasing from ``red_flags.yaml`` matches a clause when every one of its content words is
there (stemmed, typo-tolerant, close together: in any order within a clause; across two
neighbouring clauses, each clause's words in the phrasing's order). Context rules then decide
whether the patient is *reporting* the symptom:

* negation ("no trouble breathing") suppresses only the symptom it governs;
* uncertainty ("not sure if my throat is swelling") counts as affirmation;
* a hypothetical or information question ("what if my eyelid droops?") becomes a *mention*:
  the FAQ answers it, and emergency mentions carry a one-line safety note;
* someone else's past event ("my friend's eyelid drooped last year") is a mention, while a
  third party's present emergency ("my mum can't breathe") escalates;
* time since treatment never lowers the level.

Pure: no I/O, no Telegram; ``TriageDetector`` is built once from the knowledge.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

from bot.core.chat_words import normalise_in, spell_out
from bot.core.knowledge import RedFlag
from bot.core.language_words import words_of
from bot.core.text import bounded, normalise, split_clauses, stem
from bot.core.triage.aside import without_aside
from bot.core.triage.attributed import put_down_elsewhere
from bot.core.triage.bystander import said_over, told_in_past, without_own_feeling
from bot.core.triage.context import (
    SOMEONE_COLLAPSED,
    ContextRules,
    rules_for,
    says_fine,
    stopwords,
)
from bot.core.triage.crisis_aimed import aimed_at_a_thing
from bot.core.triage.elsewhere_illness import someone_elses_illness
from bot.core.triage.expected import expected_of_treatment
from bot.core.triage.explained import EXPLAINABLE, explained_by_everyday_cause, usual_asthma
from bot.core.triage.figurative import figurative, room_for_a_figure
from bot.core.triage.hindsight import (
    Retractions,
    asks_own_risk,
    healed,
    taken_back,
    with_referent,
)
from bot.core.triage.history import tells_history
from bot.core.triage.idiom_order import IdiomsAnyOrder
from bot.core.triage.mild import mild_expected_effect
from bot.core.triage.named_else import without_other_names
from bot.core.triage.needle_faint import fainted_at_the_needle
from bot.core.triage.over import (
    GOES_ON,
    OVER_AT_THE_TIME,
    PASSED_QUICKLY,
    SOMEONE_RECOVERED,
)
from bot.core.triage.restated import restate
from bot.core.triage.romance import reword
from bot.core.triage.stroke import FACE_DROOP_FLAGS, garbled_speech
from bot.core.triage.theirs import someone_elses_sign
from bot.core.vocabulary import Vocabulary, is_common_word, looks_english

Level = Literal["emergency", "urgent"]
LEVEL_RANK: dict[str | None, int] = {None: 0, "urgent": 1, "emergency": 2}

_NEGATION_REACH = 5
# Other words allowed between a phrasing's words: within a clause, and across two clauses.
_CLAUSE_SLACK = 5
_PAIR_SLACK = 7

# "I can't say my throat isn't swelling": two negations that affirm the symptom.
_DOUBLE_NEGATIVE = re.compile(
    r"\b(?:cant|wouldnt|couldnt|wont) (?:say|deny|pretend|tell you)\b((?: \w+){0,8}?) (?:not|no)\b"
)

# "I can't say I've had any trouble swallowing" denies the symptom.
_CANT_SAY_I_HAD = re.compile(
    r"\b(?:cant|couldnt|wouldnt) say (?:that )?(?:i|i have|i am|i has|i would) "
    r"(?:had|got|noticed|seen|felt|have|any)\b"
)

# A number that counts time, doses or drinks ("2 wks ago", "two days", "20 units", "3 pints")
# is no count of images: "when will i see the slimmer look, had it 2 wks ago" is not "seeing 2".
# The recovery day a sign is on ("mild headache day 1", "day two and a bit sore") is when it
# is, not that it has lasted "for days".
_EARLY_DAY = re.compile(r"\b(?:on )?(?:day|dy) (?:1|one|2|two)\b")

_QUANTITY = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|couple of|few)"
    r"(?= (?:more |extra |whole |full )?(?:wks?|weeks?|days?|dys?|hrs?|hours?|mins?|minutes?"
    r"|months?|mths?|yrs?|years?|units?|mls?|pm|am|oclock|times|nights?|sessions?|pints?"
    r"|glasses|drinks|tablets|pills)\b)"
)

# Breath and speech in plain words the phrasings do not hold: a bare "gasping" (what is left
# once the idioms "gasping for a cuppa" are cut; not "gasping at the price") is gasping for
# breath, and a sentence the patient cannot finish or get out is their words.
_BARE_GASP = re.compile(r"\bgasping\b(?! (?:for|at|when|in)\b)")
_SENTENCE = re.compile(
    r"\b(finish|finishing|get out|getting out|say|saying|string|stringing|complete|completing"
    r"|form|forming|speak in|talk in|manage|managing)((?: (?:a|my|the|full|whole|one|single))*)"
    r" sentences?\b|\b(get|getting)((?: (?:a|my|the|one|single|full|whole))*) sentences? out\b"
)


# A trend in other words: pain "ramping up" or "building" is getting worse, a bruise that has
# "gone from a dot to half my forehead" is spreading.
_RAMPING = re.compile(
    r"\b(?:ramping up|ramped up|keeps? building|building and building|cranking up|creeping up"
    r"|intensifying|escalating)\b"
)
#: "Heading" somewhere is going there: its stem is the head of "$headache", so "heading to
#: spain for a week" read as "$headache for a week" (U7). "Headed" only after a subject or a
#: link word: "light headed for days" is dizziness, "muzzy headed" a head.
_HEADING_OFF = re.compile(
    r"\b(?:heading|((?:i|we|just|then|and|so|already|were|was) )headed)"
    r" (?=(?:out|off|to|towards|home|back|over|into|away|abroad|down|up|for|somewhere|there"
    r"|on)\b)"
)
_FROM_SMALL_TO_LARGE = re.compile(
    r"\b(?:gone|went|grown|grew|spread|spreading|going|gotten|got) from (?:\w+ ){1,3}?to"
    r" (?:half|all|the whole|my whole|the size|covering|most|nearly|almost|right)\b"
)


# An eye closed by swelling, reading that swims, a headache that keeps the patient awake, in
# the words of a phrasing that holds each (U6, U2, U7): "my lid puffed up shut", "so puffy i
# can barely see out of it", "the letters swim when i read", "the headache kept me awake".
_SHUT_BY_SWELLING = re.compile(
    r"\b(?:swelled|puffed|puffed up|swollen up|blown up|puffy)"
    r" (?:right |all the way |completely |totally |nearly |almost )?(?:shut|closed)\b"
)
_TOO_SWOLLEN_TO_SEE = re.compile(
    r"\b(?:so|too|that) (?:puffy|swollen|puffed up|swelled up) (?:that )?i"
    r" (?:can (?:barely|hardly|only just)|cant|cannot|can not) see\b"
)
_READING_SWIMS = re.compile(
    r"\b(?:letters|words|text|writing|print)\b(?: \w+){0,3}? (?:swimming|swim|swims|jumping"
    r"|jump|jumps|dancing|blurring|blur|blurs|going blurry|go blurry|goes blurry)\b"
)
_HEADACHE_KEEPS_AWAKE = re.compile(
    r"\b(?:headache|migraine|head pain|pounding|throbbing)\b(?: \w+){0,3}? (?:kept|keeping|keeps"
    r"|woke|waking|wakes) me (?:up|awake)\b"
    r"|\b(?:cant|couldnt|cannot) (?:get (?:back )?to )?sleep (?:because of|cos of|cause of|with"
    r"|for) (?:the |my |this )?(?:headache|migraine|pounding|throbbing)\b"
)


# Fit as in healthy, or a slot found in the diary, is no fit as in a seizure ("had a fit"):
# "feeling fit and healthy again", "fit as a fiddle", "jetzt bin ich wieder fit", "can you
# fit me in on friday". Read as "well", not cut: the learned net reads the clause with the
# idioms cut, and "always been really fit" must stay for its habit reading.
_FIT_WELL = re.compile(
    r"\b(?:(?:feel|feels|feeling|felt|keep|keeping|get|getting|stay|staying|im|i am|am|are|be"
    r"|being|wieder|bin|so|very|super|pretty|quite|fully|really|nice and) fit"
    r"|fit (?:and (?:healthy|well|strong)|again|as a fiddle|enough)"
    r"|fit (?:me|us|her|him|you|it|them) in)\b"
)


#: Asking whom to call or where to go ("what number do i ring", "who should i contact",
#: "a quién llamo", "wen rufe ich an"): a first person that reports nothing.
_WHOM_TO_CALL = re.compile(
    r"\b(?:(?:what|which) (?:number|phone number|line)|who|where|whom)"
    r" (?:do|should|can|shall|would) i (?:ring|call|phone|contact|text|go|see|get hold of)\b"
    r"|\b(?:a quien|a que numero) (?:llamo|debo llamar|tengo que llamar)\b"
    r"|\b(?:wen|welche nummer) (?:rufe ich|soll ich) (?:an|anrufen)\b"
    r"|\b(?:qui|quel numero) (?:j appelle|dois je appeler|je dois appeler)\b"
    r"|\b(?:chi|che numero) (?:chiamo|devo chiamare)\b"
    r"|\b(?:quem|para que numero|que numero) (?:ligo|devo ligar|eu ligo)\b"
)

#: Words that only say how much, in every shipped language (``_gives_only_a_quantity``).
_QUANTITIES = frozenset(
    "all every whole more most much some any lot lots todo toda todos todas mas mucho"
    " alle alles ganz ganze ganzen mehr viel tout toute tous toutes plus beaucoup tutto tutta"
    " tutti tutte piu molto mais muito".split()
)

#: Words that set what follows against a denial ("not better but worse", "nicht besser,
#: sondern schlimmer"); not "and", which accents folded make of Italian "è" (is).
_CONTRASTS = frozenset(
    {"but", "rather", "instead", "sondern", "aber", "sino", "pero", "mais", "ma", "invece"}
    | {"mas", "porem"}
)

#: The flag a stroke's signs raise (``_stroke_signs``).
_STROKE = "E7_general_emergency"


def _as_words(found: re.Match[str]) -> str:
    """A sentence the patient cannot finish, said as their words ("cant finish a words"), the
    word the speech phrasings hold."""
    if found.group(1):
        return f"{found.group(1)}{found.group(2)} words"
    return f"{found.group(3)}{found.group(4)} words out"


# Going on, keeping going, carrying on (the patient's own, not "the pain keeps going"): living
# on, when nothing or "like this", "anymore", "living" or "with this" follows. One word
# ("goon"), in phrasings and messages alike: "keep" and "on" are filler, so "cant keep going"
# was "cant go" ("cant go to the gym this week" read as a crisis), and "cant carry on" nothing.
_CARRY_ON = re.compile(
    r"\b(?:(?:go|going|carry|carrying|keep|keeping) on|keep going)"
    r"(?=(?: (?:like|anymore|any more|any longer|much longer|living|with (?:this|it|life|my life)"
    r"|for much longer))|$)"
)

# The patient claims the symptom they just asked about: "is there anything you can do for a
# droopy eyelid, mine started this morning", "can botox make your eyes blurry? ive got that
# now", "..., it came on today". The question's red flag is then their report, not a mention.
_OWN_ONSET = re.compile(
    r"\b(?:mine|my one|my own) (?:(?:has |have |just |only )?(?:started|began|begun|come on"
    r"|came on|appeared|showed up|kicked in)|is (?:doing|getting|starting)|did)\b"
    r"|\b(?:i have|ive got|i got|i now have|now i have|i think i have|i think ive got|im getting"
    r"|i am getting) (?:one|that|it|this|the same) (?:now|too|as well|already|since|today"
    r"|this morning|right now)\b"
    r"|\b(?:its|it is|thats|that is) happening to me\b"
    r"|\b(?:it|this|that|mine) (?:started|began|came on|appeared|showed up)"
    r" (?:this (?:morning|afternoon|evening)|today|tonight|yesterday|last night|overnight"
    r"|suddenly|an hour ago|\d+ (?:hours?|hrs?|days?) ago)\b"
)

# A brief itch or a moment of light-headedness that the patient says has already passed
# ("itchy for ten minutes then fine", "lightheaded at the clinic, fine after a drink") is
# routine, not a same-day call (aftercare-facts: the routine tier). Only these urgent flags
# are read as over; an emergency is never lowered by it, and anything still going on stays.
TRANSIENT_FLAGS = frozenset({"U8_allergic_skin", "U9_dizziness_local_weakness"})


@dataclass(frozen=True, slots=True)
class FlagHit:
    """One red flag found in one clause, with the phrasing that found it."""

    flag_id: str
    level: Level
    language: str
    phrasing: str
    clause: str


@dataclass(frozen=True, slots=True)
class TriageResult:
    """What triage found: affirmed hits decide the level; mentions only inform."""

    level: Level | None
    hits: tuple[FlagHit, ...]
    mentions: tuple[FlagHit, ...]

    @property
    def escalates(self) -> bool:
        return self.level is not None

    @property
    def flag_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(hit.flag_id for hit in self.hits))

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages the patient reported in, English first when present."""
        found = dict.fromkeys(hit.language for hit in self.hits)
        return tuple(sorted(found, key=lambda lang: (lang != "en", lang)))

    @property
    def mentions_emergency(self) -> bool:
        return any(hit.level == "emergency" for hit in self.mentions)


NO_FLAGS = TriageResult(level=None, hits=(), mentions=())


@dataclass(frozen=True, slots=True)
class _Clause:
    """One clause, ready to scan: its meaningful words and what kind of statement it is."""

    raw: str
    words: tuple[str, ...]
    original_index: tuple[int, ...]
    hypothetical_start: int | None
    story: bool  # someone else's or a past event
    general: bool  # a general question ("can botox cause ...")
    # The words of an idiom said in another order ("da bleibt mir die Luft weg"), cut from
    # ``words`` and read apart as a figure: what they look like is a mention, so the learned
    # net, which reads the idioms in their written order only, does not raise it.
    idiom: tuple[str, ...] = ()


#: What one message's scans in one language found, by clauses scanned and level: a clause
#: (or pair) the message repeats would find hits equal to the first's, which ``_unique``
#: drops anyway ("i cant breathe, " x256 was 768 scans, 0.5 s of CPU; issue 16).
_Scanned = dict[tuple[tuple["_Clause", ...], Level | None], bool]

#: What a prepared clause reads as under the rules its languages share (``_read_tail``).
_Tail = tuple[str, tuple[str, ...], tuple[int, ...], bool, bool]


@dataclass(slots=True)
class _Read:
    """One message's clause readings by text, shared by its languages: the tails
    (``_read_tail``) and where a hypothetical cue starts (None: no cue)."""

    tails: dict[tuple[tuple[int, ...], bool, bool, str], _Tail] = field(default_factory=dict)
    cues: dict[tuple[int, str], int | None] = field(default_factory=dict)
    #: ``_shared_rules`` of each language's rules, worked out once per message.
    rules: dict[str, tuple[int, ...]] = field(default_factory=dict)


#: What a language's rules hold that ``_read_tail`` does not read.
_NOT_READ_BY_TAIL = frozenset({"language", "stopwords", "english_rewrites"})


def _shared_rules(rules: ContextRules) -> tuple[int, ...]:
    """Which rules ``_read_tail`` reads with: languages whose rules are the same objects
    (Russian keeps English's, ``triage.context``) read the same text the same way. Every
    rule but those the tail never reads is in it, so a rule added later cannot be missed."""
    return tuple(
        id(getattr(rules, name)) for name in ContextRules.__slots__ if name not in _NOT_READ_BY_TAIL
    )


def _read_tail(text: str, rules: ContextRules, recovered: bool, over: bool = False) -> _Tail:
    """The last of ``_prepare``: improving and idiom words, spellings and words that are
    not negations cut; then the words kept (not filler) with their places, whether it
    tells someone else's or a past event, and whether it is a general question.

    It reads ``rules`` only, never the language by name (``_shared_rules`` is its key).
    Split out so one message reads a clause once when two languages' passes bring it to
    the same text: on 4,096 characters of random Unicode (English and Russian) this was
    ~6 ms of regular expressions over text already read (issue 16)."""
    if rules.improving is not None:
        text = rules.improving.sub(" ", text)
    if rules.idioms is not None:
        text = rules.idioms.sub(" ", text)
    if rules.spellings:
        text = " ".join(rules.spellings.get(word, word) for word in text.split())
    text = " ".join(rules.not_negations.sub(" ", text).split())
    all_words = text.split()
    kept = [i for i, word in enumerate(all_words) if word not in rules.filler]
    return (
        text,
        tuple(all_words[i] for i in kept),
        tuple(kept),
        is_someone_elses_past(text, rules, recovered=recovered, over=over),
        is_general_question(text, rules),
    )


#: A word's stem and the vocabulary stems it stands for (``Triage._look_up``).
_Looked = tuple[str, frozenset[str]]


@dataclass(frozen=True, slots=True)
class _Pattern:
    """A compiled phrasing: each slot is satisfied by any one of its stems."""

    flag: RedFlag
    language: str
    phrasing: str
    # Each slot's stems as a sorted tuple: a set of one to four strings costs 216 bytes, the
    # tuple 48-72, and a slot is only ever looked through (issue 17: memory).
    slots: tuple[tuple[str, ...], ...]
    # True for phrasings like "no puedo respirar", whose "no" must sit in one clause.
    negation_word: bool = False
    # True for a phrasing of $concepts only ("$fever $redness"): signs named in any order,
    # even across two clauses; other phrasings keep their order in each clause of a pair.
    any_order: bool = False


Concepts = Mapping[str, Mapping[str, Sequence[str]]]


@lru_cache(maxsize=16)
def _negation_stems(language: str) -> frozenset[str]:
    """Stems of the negation words of ``language`` (a phrasing holding one, such as
    "no puedo respirar", keeps its negation inside)."""
    rules = rules_for(language)
    cues = rules.negations | rules.post_negations | rules.weak_negations
    return frozenset(stem(cue, language) for cue in cues)


def _content_stems(text: str, language: str) -> tuple[str, ...]:
    """Stems of a phrasing's or concept's content words (regional words spelled out)."""
    stop = stopwords(language)
    written = normalise_in(text, language, chat=False)
    words = [word for word in written.split() if word not in stop]
    return tuple(stem(word, language) for word in words)


_CONCEPT = re.compile(r"\$([A-Za-z0-9_]+)")


def _as_written_and_read(text: str, language: str) -> set[str]:
    """A phrasing's words as written ("magoar": they mark a message as in its language) and
    as read, regional words spelled out ("machucar": a clause's words after ``normalise_in``)."""
    return {*normalise(text).split(), *normalise_in(text, language, chat=False).split()}


def _compile_slots(phrasing: str, language: str, concepts: Concepts) -> tuple[tuple[str, ...], ...]:
    """Words become one-stem slots; ``$name`` becomes a slot of the concept's alternatives."""
    names: list[str] = []

    def hold(match: re.Match[str]) -> str:
        names.append(match.group(1))
        return f" qqconcept{len(names) - 1}qq "

    # Normalise the phrasing as a whole, as messages are ("eye lid" -> "eyelid"), with each
    # $concept held in place by a word normalisation leaves alone.
    held = spell_out(normalise(_CONCEPT.sub(hold, phrasing)), language, chat=False)
    spellings = rules_for(language).spellings  # as messages are read: "nix" is "nichts"
    held = " ".join(spellings.get(word, word) for word in held.split())
    if rules_for(language).english_rewrites:
        held = _CARRY_ON.sub("goon", held)
    slots: list[tuple[str, ...]] = []
    for token in held.split():
        marker = re.fullmatch(r"qqconcept(\d+)qq", token)
        if marker is not None:
            name = names[int(marker.group(1))]
            words = concepts.get(name, {}).get(language) or concepts.get(name, {}).get("en", ())
            alternatives = tuple(sorted({s for w in words for s in _content_stems(w, language)}))
            if not alternatives:
                raise ValueError(f"unknown concept ${name} in phrasing {phrasing!r}")
            slots.append(alternatives)
        else:
            slots.extend((s,) for s in _content_stems(token, language))
    tokens = held.split()
    negations = _negation_stems(language)
    content = [slot for slot in slots if negations.isdisjoint(slot)]
    if tokens and not _content_stems(tokens[-1], language) and len(content) < len(slots) == 2:
        # Its sign was the particle that ends it, a word no message keeps ("auge nicht zu":
        # the eye will not shut): left with "auge" and "nicht", it would read every denial
        # about the eye as the sign ("Auge nicht geschwollen"). Its longer siblings ("auge
        # geht nicht zu") say it in words a message keeps.
        return ()
    return tuple(slots)


class TriageDetector:
    """Compiled red-flag rules; ``assess(text)`` is pure and safe to call concurrently."""

    def __init__(
        self,
        flags: Sequence[RedFlag],
        ignore_phrases: Mapping[str, Sequence[str]] | None = None,
        concepts: Concepts | None = None,
    ) -> None:
        self._flags = tuple(flags)
        self._patterns: list[_Pattern] = []
        stems_by_language: dict[str, list[str]] = {}
        own_words: dict[str, set[str]] = {}
        for flag in self._flags:
            for language, phrasings in flag.phrasings.items():
                for phrasing in phrasings:
                    slots = _compile_slots(phrasing, language, concepts or {})
                    own_words.setdefault(language, set()).update(
                        _as_written_and_read(phrasing, language)
                    )
                    if slots:
                        negations = _negation_stems(language)
                        negation = any(not negations.isdisjoint(slot) for slot in slots)
                        self._patterns.append(
                            _Pattern(
                                flag,
                                language,
                                phrasing,
                                slots,
                                negation,
                                any_order=not _CONCEPT.sub(" ", phrasing).split(),
                            )
                        )
                        stems_by_language.setdefault(language, []).extend(
                            stem_ for slot in slots for stem_ in slot
                        )
        self._vocab = {lang: Vocabulary(words) for lang, words in stems_by_language.items()}
        # Typos are judged on whole words too: "wekness" is one letter from "weakness" even
        # though its stem "wek" is too short to forgive anything.
        self._spelling: dict[str, tuple[Vocabulary, dict[str, str]]] = {}
        for language in stems_by_language:
            words = {
                word
                for flag in self._flags
                for phrasing in flag.phrasings.get(language, ())
                for word in normalise_in(_CONCEPT.sub(" ", phrasing), language, chat=False).split()
            }
            for concept in (concepts or {}).values():
                named = " ".join(concept.get(language, ()))
                words.update(normalise_in(named, language, chat=False).split())
            whole = {word: stem(word, language) for word in words if len(word) >= 5}
            self._spelling[language] = (Vocabulary(whole), whole)
        for language, by_concept in (
            (lang, words) for c in (concepts or {}).values() for lang, words in c.items()
        ):
            own_words.setdefault(language, set()).update(
                _as_written_and_read(" ".join(by_concept), language)
            )
        self._own_words = {lang: frozenset(words) for lang, words in own_words.items()}
        # Stems of the words that only name a part of the body, per language (see _scan).
        self._places: dict[str, frozenset[str]] = {}
        for name in _PLACE_CONCEPTS:
            for lang, parts in (concepts or {}).get(name, {}).items():
                self._places[lang] = self._places.get(lang, frozenset()) | frozenset(
                    _content_stems(" ".join(parts), lang)
                )
        # Words that show a clause is in a language: its own, and not also common English.
        self._markers = {
            lang: frozenset(
                word
                for word in self._own_words.get(lang, frozenset()) | stopwords(lang)
                if not is_common_word(word)
            )
            | words_of(lang).not_english
            for lang in stems_by_language
        }
        # Which languages a whole message may be in is judged more strictly: words shared
        # with English ("infection", "botox", "sepsis") prove nothing, and a word only one
        # language uses ("tengo") beats words two share ("problemas", "respirar": Spanish and
        # Portuguese, whose "no" is not a negation).
        english_words = self._own_words.get("en", frozenset())
        strict = {
            lang: frozenset(
                word for word in markers if not looks_english(word) and word not in english_words
            )
            for lang, markers in self._markers.items()
        }
        self._strict_markers = strict
        self._exclusive = {
            lang: markers.difference(*(other for name, other in strict.items() if name != lang))
            for lang, markers in strict.items()
        }
        self._by_language: dict[str, list[_Pattern]] = {}
        for pattern in self._patterns:
            self._by_language.setdefault(pattern.language, []).append(pattern)
        # stem -> positions in its language's pattern list of the phrasings that use it
        self._index: dict[str, dict[str, list[int]]] = {}
        for language, patterns in self._by_language.items():
            by_stem: dict[str, list[int]] = {}
            for number, pattern in enumerate(patterns):
                for slot_stem in {s for slot in pattern.slots for s in slot}:
                    by_stem.setdefault(slot_stem, []).append(number)
            self._index[language] = by_stem
        # Idioms are cut per language: "me muero de sueño" is harmless only in Spanish.
        self._idioms: dict[str, re.Pattern[str]] = {}
        self._idioms_any_order: dict[str, IdiomsAnyOrder] = {}
        for language, items in (ignore_phrases or {}).items():
            idioms = sorted(
                {normalise_in(p, language) for p in items} - {""}, key=len, reverse=True
            )
            if idioms:
                self._idioms[language] = re.compile(
                    r"(?<!\w)(?:" + "|".join(re.escape(i) for i in idioms) + r")(?!\w)"
                )
                self._idioms_any_order[language] = IdiomsAnyOrder(idioms)

    def assess(self, text: str) -> TriageResult:
        """Find the red flags a message affirms, and those it only asks about.

        Each language's phrasings are looked for with that language's rules: its own
        clause breaks, filler words, negations and question cues (``triage_context``).
        """
        text = bounded(text)
        normalised = normalise(text)
        # "my mate fainted at hers, she's fine now": the recovery may be in another clause.
        recovered = SOMEONE_RECOVERED.search(normalised) is not None
        # "... yesterday, it's passed": what someone else went through is over.
        told_over = said_over(normalised)
        figures = room_for_a_figure(text)  # idioms in another word order may be read
        hits: list[FlagHit] = []
        mentions: list[FlagHit] = []
        verdicts: Retractions = {}  # each clause's retraction, once per message
        read = _Read()  # each clause's reading by the rules languages share, once per message
        languages = self._languages_of(normalised.split())
        for language in languages:
            rules = rules_for(language)
            # English phrasings match other languages' words too ("reaccion alergica"): in
            # the English pass, a clause in another of the message's languages is asked
            # about when that language's cues say so ("cuales son los sintomas de ...").
            also = (
                [(lang, rules_for(lang)) for lang in languages if lang != "en"]
                if language == "en"
                else []
            )
            raws = with_referent(split_clauses(text, language), language)
            retracted = taken_back(raws, verdicts)
            prepared = [
                self._prepare(
                    raw,
                    rules,
                    recovered,
                    over=told_over,
                    retracted=number in retracted,
                    figures=figures,
                    read=read,
                    also=also,
                )
                for number, raw in enumerate(raws)
            ]
            clauses = _told_of_others([clause for clause in prepared if clause.words], rules)
            seen: dict[str, _Looked] = {}  # each word is looked up once, not once per scan
            # A clause (or pair) the message repeats is scanned once (``_Scanned``).
            scanned: _Scanned = {}
            known = [
                self._scan(language, [clause], hits, mentions, seen, scanned=scanned)
                for clause in clauses
            ]
            for clause in prepared:
                if clause.idiom:
                    figure = _Clause(
                        clause.raw, clause.idiom, tuple(range(len(clause.idiom))), None, True, False
                    )
                    self._scan(language, [figure], mentions, mentions, seen)
            for number, (first, second) in enumerate(itertools.pairwise(clauses)):
                # Signs that only mean an emergency together ("a fever, my heart is racing")
                # may sit in neighbouring clauses; look for those combinations across the pair
                # (a pair's phrasing needs words of both, so a clause with none is skipped).
                if known[number] and known[number + 1]:
                    self._scan(language, [first, second], hits, mentions, seen, scanned=scanned)
            for number, (first, _, third) in enumerate(_triples(clauses)):
                # A list of symptoms puts one between the two signs that make an emergency
                # together ("shivering, red hot where they injected, thrown up twice"). English
                # only, emergency combinations only: across a longer span, other languages'
                # typo-tolerant stems paired words of a story ("dolor ... fuera").
                if language == "en" and known[number] and known[number + 2]:
                    self._scan(language, [first, third], hits, mentions, seen, "emergency", scanned)
        if not hits and not mentions:
            return NO_FLAGS
        if mentions and _OWN_ONSET.search(normalised):
            hits, mentions = [*hits, *mentions], []
        if hits and tells_history(text):
            hits, mentions = [], [*mentions, *hits]
        # Before one hit per flag is kept: a figure of speech in one clause ("the price was
        # hard to swallow") must not stand for the real sign in the next ("now food sticks").
        told = [hit for hit in hits if _not_a_report(hit, text)]
        if told:
            mentions.extend(told)
            hits = [hit for hit in hits if hit not in told]
        hits = _unique(hits)
        over = [
            hit
            for hit in hits
            if (hit.flag_id in TRANSIENT_FLAGS and _is_over(hit, text))
            or (hit.level == "urgent" and _healed_long_ago(hit, text))
            or (
                hit.flag_id in EXPLAINABLE
                and hit.language == "en"
                and explained_by_everyday_cause(hit.clause)
            )
            or (hit.language == "en" and expected_of_treatment(hit.flag_id, hit.phrasing, text))
            or usual_asthma(hit.flag_id, hit.phrasing, text, hit.language)
            or (
                hit.level == "urgent"
                and mild_expected_effect(hit.flag_id, hit.phrasing, hit.language, hit.clause, text)
            )
            or fainted_at_the_needle(hit.flag_id, hit.phrasing, hit.language, text)
        ]
        if over:
            mentions.extend(over)
            hits = [hit for hit in hits if hit not in over]
        stroke = _stroke_signs(hits, text)
        if stroke is not None:
            hits.append(stroke)
        mentions = [m for m in _unique(mentions) if m.flag_id not in {h.flag_id for h in hits}]
        level: Level | None = None
        for hit in hits:
            if LEVEL_RANK[hit.level] > LEVEL_RANK[level]:
                level = hit.level
        hits.sort(key=lambda hit: -LEVEL_RANK[hit.level])
        return TriageResult(level=level, hits=tuple(hits), mentions=tuple(mentions))

    def _languages_of(self, words: Sequence[str]) -> list[str]:
        """English, and the languages the message could be in: those with a word only they
        use when there is one, else every language with a word of its own."""
        others = [lang for lang in self._by_language if lang != "en"]
        exclusive = [lang for lang in others if _speaks(lang, words, self._exclusive[lang])]
        likely = exclusive or [
            lang for lang in others if _speaks(lang, words, self._strict_markers[lang])
        ]
        return ["en", *likely] if "en" in self._by_language else likely

    def _prepare(
        self,
        raw: str,
        rules: ContextRules,
        recovered: bool = False,
        *,
        over: bool = False,
        retracted: bool = False,
        figures: bool = False,
        read: _Read | None = None,
        also: Sequence[tuple[str, ContextRules]] = (),
    ) -> _Clause:
        """Normalise a clause, drop idioms and filler words, and read its context once
        (``retracted``: the next clause takes the clause back, so it tells, not reports;
        ``read``: what this message's clauses read as so far, shared by its languages;
        ``also``: other languages of the message, whose question cues count in a clause
        written in them)."""
        # Chat and regional words spelled out first (``chat_words``), as phrasings are.
        text = without_other_names(normalise_in(raw, rules.language))
        idiom: tuple[str, ...] = ()
        idioms = self._idioms.get(rules.language)
        if idioms is not None:
            text = idioms.sub(" ", text)
            if figures:
                text, idiom = self._idioms_any_order[rules.language].cut(text)
        # After the idioms: a denial they cut ("nn ho febbre né pus") leaves its "né ... né".
        text = reword(text, rules.language, rules.negations)
        if rules.english_rewrites:
            text = _EARLY_DAY.sub("early", text)
            text = _QUANTITY.sub("num", text)
            text = _CARRY_ON.sub("goon", text)
            text = _FIT_WELL.sub(lambda found: found.group(0).replace("fit", "well"), text)
            text = _BARE_GASP.sub("gasping for breath", text)
            text = _SENTENCE.sub(_as_words, text)
            text = _RAMPING.sub("getting worse", text)
            text = _FROM_SMALL_TO_LARGE.sub("spreading to", text)
            text = _HEADING_OFF.sub(r"\1going ", text)
        # Every language's limbs that will not move, crisis said indirectly and growth day by
        # day, said as the phrasings say them (``restated``: their one home).
        text = restate(text, rules.language)
        if rules.english_rewrites:
            text = _SHUT_BY_SWELLING.sub("swollen shut", text)
            text = _TOO_SWOLLEN_TO_SEE.sub("so swollen i can barely see", text)
            text = _READING_SWIMS.sub("things look blurry", text)
            text = _HEADACHE_KEEPS_AWAKE.sub("headache wont go away", text)
            text = _CANT_SAY_I_HAD.sub(" no ", text)
            text = _DOUBLE_NEGATIVE.sub(r"\1", text)
        # The rest reads the text with rules Russian shares with English (``rules_for``): a
        # clause both passes bring to the same text is read once per message (``read``).
        read = read if read is not None else _Read()
        shared = read.rules.get(rules.language)
        if shared is None:
            shared = read.rules[rules.language] = _shared_rules(rules)
        key = (shared, recovered, over, text)
        tail = read.tails.get(key)
        if tail is None:
            tail = read.tails[key] = _read_tail(text, rules, recovered, over)
        text, words, kept, past, general = tail
        aside_cut = without_aside(text, rules.language)
        cue_key = (id(rules.hypothetical), aside_cut)
        if cue_key in read.cues:
            hypothetical_start = read.cues[cue_key]
        else:
            hypothetical_start = read.cues[cue_key] = _cue_start(rules.hypothetical, aside_cut)
        for other, other_rules in also:
            if not _speaks(other, words, self._markers[other]):
                continue
            other_start = _cue_start(other_rules.hypothetical, aside_cut)
            if other_start is not None and (
                hypothetical_start is None or other_start < hypothetical_start
            ):
                hypothetical_start = other_start
        return _Clause(
            raw=raw,
            words=words,
            original_index=kept,
            hypothetical_start=hypothetical_start,
            story=retracted or past,
            general=general,
            idiom=tuple(word for word in idiom if word not in rules.filler),
        )

    def _look_up(self, word: str, language: str, vocab: Vocabulary, own: frozenset[str]) -> _Looked:
        """The word's stem and the vocabulary stems it stands for (none for a false friend
        from another language)."""
        if _foreign_false_friend(word, language, own):
            return word, frozenset()
        word_stem = stem(word, language)
        found = vocab.lookup(word_stem, word, language)
        if not found and len(word) >= 5:
            spelling, stem_of = self._spelling[language]
            found = frozenset(stem_of[w] for w in spelling.lookup(word, word, language))
        return word_stem, found

    def _scan(
        self,
        language: str,
        clauses: Sequence[_Clause],
        hits: list[FlagHit],
        mentions: list[FlagHit],
        seen: dict[str, _Looked],
        only_level: Level | None = None,
        scanned: _Scanned | None = None,
    ) -> bool:
        """Match one language's phrasings against one clause, or two neighbouring ones;
        ``seen`` keeps this message's word look-ups in this language (every clause is
        scanned alone and in two pairs, and a long message repeats its words). False when
        no word of the clauses stands for a phrasing's word (True when not looked at).
        ``only_level`` keeps the phrasings of that level only. ``scanned``: what this
        message's scans found so far; a clause (or pair) scanned before is not scanned again."""
        if scanned is not None:
            key = (tuple(clauses), only_level)
            before = scanned.get(key)
            if before is None:
                before = scanned[key] = self._scan(
                    language, clauses, hits, mentions, seen, only_level
                )
            return before
        words = [word for clause in clauses for word in clause.words]
        owner = [n for n, clause in enumerate(clauses) for _ in clause.words]
        pair = len(clauses) > 1
        patterns = self._by_language[language]
        rules = rules_for(language)
        vocab = self._vocab[language]
        own = self._own_words.get(language, frozenset())
        if language != "en" and not _speaks(language, words, self._markers[language]):
            return True  # the clause is not in this language: skip its false friends
        positions: dict[str, list[int]] = {}
        exact: dict[str, list[int]] = {}
        for index, word in enumerate(words):
            looked = seen.get(word)
            if looked is None:
                looked = seen[word] = self._look_up(word, language, vocab, own)
            word_stem, found = looked
            for vocab_stem in found:
                positions.setdefault(vocab_stem, []).append(index)
                if vocab_stem == word_stem:
                    exact.setdefault(vocab_stem, []).append(index)
        if not positions:
            return False
        # Only phrasings whose every slot has a word here can match: start from the
        # phrasings that use one of the words found, then check the rest.
        uses = self._index[language]
        candidates = sorted({i for s in positions for i in uses.get(s, ())})
        for pattern in (patterns[i] for i in candidates):
            if not all(any(s in positions for s in slot) for slot in pattern.slots):
                continue
            if pair and (len(pattern.slots) < 2 or pattern.negation_word):
                continue
            if only_level is not None and pattern.flag.level != only_level:
                continue
            # A one-word phrasing must be spelt right ("botched" is not "blotches");
            # typos are forgiven where other words of the phrasing corroborate them.
            where = exact if len(pattern.slots) == 1 else positions
            slot_positions = [
                sorted({p for s in slot for p in where.get(s, ())}) for slot in pattern.slots
            ]
            if not all(slot_positions):
                continue
            placed = _placement(slot_positions, _PAIR_SLACK if pair else _CLAUSE_SLACK)
            if placed is None:
                continue
            # Across two clauses, the words each clause gives a phrasing keep the phrasing's
            # order ("léger mal de tête / ça passe avec un café" is no "café passe mal"); a
            # phrasing of $concepts only names signs that may come in any order.
            if pair and not pattern.any_order and not _in_order_per_clause(placed, owner):
                continue
            start, used = min(placed), frozenset(placed)
            if pair and len({owner[p] for p in used}) < 2:
                continue  # found within one clause already
            if pair and any(says_fine(clauses[owner[p]].raw) for p in used):
                continue  # "cant raise my brows, eyes open totally fine": no "cant open my eye"
            if pair and _gives_only_a_quantity(words, used, owner):
                continue  # "the cold ive had all week / can i take my cold tablets"
            own_clause_end = _offset(clauses, owner[max(used)] + 1)
            if _is_negated(
                words, start, used, rules, inside=not pattern.negation_word, owner=owner
            ) or (
                not pattern.negation_word
                and _is_negated_after(words[:own_clause_end], max(used), rules)
            ):
                continue
            clause = clauses[owner[start]]
            hit = FlagHit(
                flag_id=pattern.flag.id,
                level=pattern.flag.level,
                language=language,
                phrasing=pattern.phrasing,
                clause=" / ".join(c.raw for c in clauses),
            )
            first_word = clause.original_index[start - _offset(clauses, owner[start])]
            # Across two clauses, the words that tell the sign decide whether it is asked
            # about: a part of the body named in a question before ("everyone asks if i had
            # my lips done / they are puffing up more and more") is only where the sign
            # reported after it is. A phrasing of places alone keeps all its words.
            places = self._places.get(language, frozenset())
            told = (
                [p for p in used if seen[words[p]][0] not in places] or sorted(used)
                if pair
                else sorted(used)
            )
            hypothetical = (
                not pair
                and clause.hypothetical_start is not None
                and clause.hypothetical_start <= first_word
            ) or (pair and any(_asked_at(clauses, owner[p], p) for p in told))
            # Across two clauses, a general question in either asks rather than reports: "im
            # allergic to loads of things, how common are reactions to tox" is no reaction.
            asked = hypothetical or any(clauses[owner[p]].general for p in told)
            # A flag voiced in any mood (``RedFlag.voiced_in_any_mood``: suicidal thoughts,
            # "whats the point of living") stays a report when asked; only a story lowers it.
            if clause.story or (asked and not pattern.flag.voiced_in_any_mood):
                mentions.append(hit)
            else:
                hits.append(hit)
        return True


def _gives_only_a_quantity(
    words: Sequence[str], used: frozenset[int], owner: Sequence[int]
) -> bool:
    """Whether one of two clauses gives a phrasing nothing but a quantity word ("all",
    "todo", "alles"): "take all my tablets" is no crisis made of "the cold ive had all week"
    and "can i still take my cold tablets"; the sign's own words must come from each clause."""
    by_clause: dict[int, list[str]] = {}
    for position in used:
        by_clause.setdefault(owner[position], []).append(words[position])
    return any(all(word in _QUANTITIES for word in given) for given in by_clause.values())


def _stroke_signs(hits: Sequence[FlagHit], text: str) -> FlagHit | None:
    """A stroke's signs (E7): a face droop the rules found as a report, with speech gone wrong
    in the same message ("meine mutter redet wirres zeug und der mundwinkel hängt"); None when
    there is no such droop, no such speech, or an emergency is found already (``stroke``)."""
    if any(hit.level == "emergency" for hit in hits):
        return None
    droop = next((hit for hit in hits if hit.flag_id in FACE_DROOP_FLAGS), None)
    if droop is None:
        return None
    speech = garbled_speech(text)
    if speech is None:
        return None
    return FlagHit(
        flag_id=_STROKE,
        level="emergency",
        language=droop.language,
        phrasing=f"({droop.phrasing} + {speech})",
        clause=droop.clause,
    )


def _not_a_report(hit: FlagHit, text: str) -> bool:
    """Whether ``hit`` uses a sign's words for something else: a figure of speech (money, a
    joke, an effort), a sign put down to everyday life (a head spinning with rules, a voice
    lost at the football), someone else's sign or everyday illness, or crisis words aimed
    at a thing."""
    return (
        figurative(hit.flag_id, hit.clause, text)
        or put_down_elsewhere(hit.flag_id, hit.phrasing, hit.clause, text)
        or someone_elses_sign(hit.level, hit.clause, text)
        or (hit.language == "en" and someone_elses_illness(hit.level, hit.clause, text))
        or (hit.language == "en" and aimed_at_a_thing(hit.flag_id, hit.phrasing, hit.clause, text))
    )


#: Concepts whose words name a part of the body: where a sign is, not the sign.
_PLACE_CONCEPTS = ("mouthparts", "swell_part", "eyelid", "eye_view", "throat", "brow")


def _triples(clauses: Sequence[_Clause]) -> Iterable[tuple[_Clause, _Clause, _Clause]]:
    """Each run of three neighbouring clauses, in order."""
    return zip(clauses, clauses[1:], clauses[2:], strict=False)


def _asked_at(clauses: Sequence[_Clause], number: int, position: int) -> bool:
    """Whether the word at ``position`` of a scanned pair sits in a question or hypothetical
    of its own clause ("little bruise on my cheek, how do i stop it getting worse": the worse
    is asked about, so the pair's phrasing is a mention)."""
    clause = clauses[number]
    word = clause.original_index[position - _offset(clauses, number)]
    return clause.hypothetical_start is not None and clause.hypothetical_start <= word


def _is_over(hit: FlagHit, text: str) -> bool:
    """Whether the clause of ``hit`` says the symptom has passed, or the next clause opens by
    saying so ("lightheaded at the clinic, fine after a drink"), or one of the next few says
    it passed at the time, with nothing after the sign saying it goes on ("felt lightheaded in
    the chair but I was fine after a biscuit")."""
    clauses = [normalise(c) for c in split_clauses(text, hit.language)]
    first = normalise(hit.clause.split(" / ")[0])
    for index, clause in enumerate(clauses):
        if clause == first:
            after = clauses[index + 1 : index + 1 + _OVER_REACH]
            if GOES_ON.search(" ".join(clauses[index:])):
                return False  # "fine after, still really woozy tonight"
            return bool(
                PASSED_QUICKLY.search(clause)
                or any(PASSED_QUICKLY.match(c) for c in after[:1])
                or any(OVER_AT_THE_TIME.search(c) for c in [clause, *after])
            )
    return False


#: How many clauses after a brief sign may say it passed at the time.
_OVER_REACH = 3


def _told_of_others(clauses: list[_Clause], rules: ContextRules) -> list[_Clause]:
    """Clauses about someone else, followed by the patient asking whether it could happen to
    them, are stories ("my friend lost vision in one eye from filler, can botox do that?")."""
    told = list(clauses)
    for index, (clause, after) in enumerate(itertools.pairwise(clauses)):
        # "... and now im paranoid": the patient's feeling about the story is not theirs.
        text = without_own_feeling(normalise(clause.raw), rules.language)
        if (
            asks_own_risk(after.raw)
            and rules.third_party.search(text)
            and not rules.first_person_subject.search(text)
        ):
            told[index] = replace(clause, story=True)
    return told


def _healed_long_ago(hit: FlagHit, text: str) -> bool:
    """Whether the clause of ``hit``, with the next, says its sign healed some time ago
    ("fever from my cold last week has gone, ok for my review?")."""
    clauses = split_clauses(text, hit.language)
    first = normalise(hit.clause.split(" / ")[0])
    for index, clause in enumerate(clauses):
        if normalise(clause) == first:
            following = clauses[index + 1] if index + 1 < len(clauses) else ""
            return healed(clause, following)
    return False


def _speaks(language: str, words: Sequence[str], markers: frozenset[str]) -> bool:
    """Whether a clause could be in ``language``: Cyrillic for Russian, a marker word else."""
    if language == "ru":
        return any(_CYRILLIC.search(word) for word in words)
    return any(word in markers for word in words)


_CYRILLIC = re.compile("[\u0400-\u04ff]")


def _foreign_false_friend(word: str, language: str, own: frozenset[str]) -> bool:
    """An English word read as another language's ("fine" stems like French "finir")."""
    return language != "en" and len(word) >= 4 and word not in own and is_common_word(word, "en")


def _offset(clauses: Sequence[_Clause], index: int) -> int:
    return sum(len(clause.words) for clause in clauses[:index])


def _unique(hits: Iterable[FlagHit]) -> list[FlagHit]:
    """One hit per flag and language, keeping the first phrasing that found it."""
    seen: dict[tuple[str, str], FlagHit] = {}
    for hit in hits:
        seen.setdefault((hit.flag_id, hit.language), hit)
    return list(seen.values())


def _tightest_span(
    slot_positions: Sequence[Sequence[int]], slack: int
) -> tuple[int, frozenset[int]] | None:
    """Place every slot at a distinct position, as close together as possible.

    Returns the first position used and the set used, or None when the words are too
    scattered to belong to one statement (more than ``slack`` other words between them).
    """
    placed = _placement(slot_positions, slack)
    return None if placed is None else (min(placed), frozenset(placed))


def _placement(slot_positions: Sequence[Sequence[int]], slack: int) -> tuple[int, ...] | None:
    """Each slot's position in the tightest placement (``_tightest_span``), in slot order.

    Each slot's positions are sorted, so the nearest free one is found by bisection:
    a message repeating the same words thousands of times costs n log n, not n squared.
    """
    best: tuple[int, tuple[int, ...]] | None = None
    limit = len(slot_positions) + slack
    for anchor in slot_positions[0]:
        used = {anchor}
        order = [anchor]
        for positions in slot_positions[1:]:
            nearest = _nearest_free(positions, anchor, used)
            if nearest is None:
                break
            used.add(nearest)
            order.append(nearest)
        else:
            width = max(used) - min(used) + 1
            if width <= limit and (best is None or width < best[0]):
                best = (width, tuple(order))
                if width == len(slot_positions):
                    break  # nothing can be tighter than adjacent words
    return None if best is None else best[1]


def _in_order_per_clause(placed: Sequence[int], owner: Sequence[int]) -> bool:
    """Whether the words of each clause, taken in the phrasing's order, stand in that order
    in the clause too (``placed``: each slot's position; ``owner``: each position's clause)."""
    for clause in {owner[p] for p in placed}:
        mine = [p for p in placed if owner[p] == clause]
        if any(later <= earlier for earlier, later in itertools.pairwise(mine)):
            return False
    return True


def _nearest_free(positions: Sequence[int], anchor: int, used: set[int]) -> int | None:
    """The position closest to ``anchor`` not taken yet (the earlier one on a tie)."""
    right = bisect.bisect_left(positions, anchor)
    left = right - 1
    while right < len(positions) and positions[right] in used:
        right += 1
    while left >= 0 and positions[left] in used:
        left -= 1
    if left < 0:
        return positions[right] if right < len(positions) else None
    if right >= len(positions) or anchor - positions[left] <= positions[right] - anchor:
        return positions[left]
    return positions[right]


def _is_negated(
    words: Sequence[str],
    start: int,
    used: frozenset[int],
    rules: ContextRules,
    *,
    inside: bool = True,
    owner: Sequence[int] = (),
) -> bool:
    """True when a negation word outside the phrasing governs it (``owner``: each word's
    clause, when two neighbouring clauses are read together; their break parts them too).

    A cue before the first word counts unless a scope breaker ("and", "but") stands between;
    a cue between the phrasing's own words counts ("jaw is not weak") unless a scope breaker
    stands between it and the phrasing's next word ("not better but worse").
    """
    end = max(used)
    for index in range(max(0, start - _NEGATION_REACH), end):
        if index in used:
            continue
        # Half a negation ("ne") counts only for a phrasing without a negation of its own.
        weak = inside and words[index] in rules.weak_negations
        if words[index] not in rules.negations and not weak:
            continue
        if index > start:
            # "no puede ni levantar": a second negation only insists; but one a scope breaker
            # parts from the phrasing's next word denies something else ("Kopfschmerzen
            # werden nicht besser, sondern schlimmer": the worse is affirmed).
            later = min((p for p in used if p > index), default=None)
            parted = later is not None and (
                any(w in _CONTRASTS for w in words[index + 1 : later])
                or (bool(owner) and owner[index] != owner[later])
            )
            if inside and not parted:
                return True
            continue
        between = words[index + 1 : start]
        if not any(word in rules.scope_breakers for word in between):
            return True
    return False


_POST_REACH = 3


def _is_negated_after(words: Sequence[str], end: int, rules: ContextRules) -> bool:
    """True when a negation said after the symptom governs it, as German and French put
    it after the verb ("das Lid hängt nicht mehr", "Fieber hab ich keins", "ça gonfle pas").

    A scope breaker, or a verb of ability or persistence before the negation ("Schlucken
    geht nicht", "ça passe pas", "j'arrive plus"), keeps the symptom; so does a word right
    after it that says it persists or is abnormal ("geht nicht weg", "pas normal").
    """
    if not rules.post_negations:
        return False
    for index in range(end + 1, min(len(words), end + 1 + _POST_REACH)):
        word = words[index]
        if word in rules.scope_breakers or word in rules.post_blockers:
            return False
        if word in rules.post_negations:
            after = words[index + 1 : index + 3]
            return not any(next_word in rules.post_exceptions for next_word in after)
    return False


def _cue_start(pattern: re.Pattern[str], text: str) -> int | None:
    """Word index where the first cue in ``text`` begins, or None when there is none."""
    match = pattern.search(text)
    if match is None:
        return None
    return len(text[: match.start()].split())


def is_general_question(text: str, rules: ContextRules | None = None) -> bool:
    """A question about a symptom in general, not a patient describing their own
    (``rules``: a language's context rules, English by default)."""
    rules = rules or rules_for("en")
    # "what does an infection look like and what number do i ring": the "i" asks whom to
    # call, it reports no sign of the patient's own.
    if not rules.question_start.match(text) or rules.first_person.search(
        _WHOM_TO_CALL.sub(" ", text)
    ):
        return False
    return not rules.asks_if_normal.search(text)


def is_someone_elses_past(
    text: str, rules: ContextRules | None = None, *, recovered: bool = False, over: bool = False
) -> bool:
    """A past event, or someone else's past event, with nothing saying it is happening now.

    "Last year I had a droopy eye" and "my friend's eyelid drooped" are stories; "my mum
    just had a seizure", "my husband collapsed after his botox" and "I've got a rash where
    they injected" are happening now. Told of someone else, the patient's feeling about it
    and the patient as its listener are not theirs, and a regular past form tells it as
    well as the listed past verbs ("meu marido engasgou ontem"; ``bystander``).
    """
    rules = rules or rules_for("en")
    told_of_another = rules.third_party.search(text) is not None
    if told_of_another:
        text = without_own_feeling(text, rules.language)
    if rules.past_period.search(text):
        return not rules.still_happening.search(text)
    if rules.first_person_subject.search(text) or rules.still_happening.search(text):
        return False
    if SOMEONE_COLLAPSED.search(text) and not (recovered or SOMEONE_RECOVERED.search(text)):
        return False
    return bool(
        rules.third_party.search(text)
        and (rules.past_verb.search(text) or (over and told_in_past(text, rules.language)))
    )


# ``is_general_question`` and ``is_someone_elses_past`` are public: the understanding layer's
# safety net (``bot/core/understanding/context.py``) reads the clause the model fired on
# with exactly these rules. Below, the names the English rules had before they moved to
# ``triage_context``, for code written against them (new code reads ``rules_for``).
_is_general_question = is_general_question
_is_someone_elses_past = is_someone_elses_past
_ENGLISH = rules_for("en")
_HYPOTHETICAL = _ENGLISH.hypothetical
_NEGATION_CUES = _ENGLISH.negations
_NOT_NEGATIONS = _ENGLISH.not_negations
