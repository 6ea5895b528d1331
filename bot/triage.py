"""Red-flag triage: find affirmed symptoms in a message before any FAQ matching happens.

A phrasing from ``red_flags.yaml`` matches a clause when every one of its content words is
there (stemmed, typo-tolerant, in any order, close together). Context rules then decide
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

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from bot.knowledge import RedFlag
from bot.text import Vocabulary, normalise, split_clauses, stem

Level = Literal["emergency", "urgent"]
LEVEL_RANK: dict[str | None, int] = {None: 0, "urgent": 1, "emergency": 2}

# Words dropped from phrasings before matching: they carry no symptom. Negation words are
# deliberately absent, because "cant", "no puedo" and "не могу" are part of a symptom.
_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "a an the my me i im am is are was were be been to of in on at it its and or my your "
        "this that is feel feels feeling like so very really bit little just after since from "
        "with have has had having getting get got keep keeps kept some any".split()
    ),
    "es": frozenset(
        "el la los las un una mi me yo es esta estoy de del en y o que se lo muy".split()
    ),
    "de": frozenset(
        "der die das ein eine einen mein meine mir mich ich ist bin habe hat und oder zu im in "
        "es sehr".split()
    ),
    "fr": frozenset(
        "le la les un une mon ma mes me je j est suis de du des en et ou a au tres".split()
    ),
    "ru": frozenset("я у меня мне мой моя это и в на с очень".split()),
}

_NEGATION_CUES: frozenset[str] = frozenset(
    "no not never without dont doesnt didnt isnt arent wasnt werent havent hasnt hadnt nor "
    "neither none nothing zero "
    "sin nunca ni tampoco ningun ninguna nada "
    "kein keine keinen keiner keinerlei nicht ohne nie niemals "
    "pas sans jamais aucun aucune "
    "не нет без ни никогда".split()
)
# A negation's reach ends at these words ("no fever and pus coming out").
_SCOPE_BREAKERS: frozenset[str] = frozenset("and also plus then y und et и а".split())
_NEGATION_REACH = 6

# Removed before anything else: they look like negations or hypotheticals but are not.
_NOT_NEGATIONS = re.compile(
    r"\b(?:no (?:joke|idea|clue|kidding|lie|way)|not (?:kidding|joking|even joking)"
    r"|not sure (?:if|whether|but)|not sure|unsure (?:if|whether)|dont know (?:if|whether|why)"
    r"|cant tell (?:if|whether)|no se si|nicht sicher ob|weiss nicht ob|pas sur que|pas sur si"
    r"|pas sure|je ne sais pas si|je sais pas si)\b"
    r"|(?<!\w)(?:не уверена?|не знаю)(?!\w)"
)

# Cues that turn what follows into a question about the symptom rather than a report.
_HYPOTHETICAL = re.compile(
    r"\b(?:what if|what should i do if|what do i do if|what to do if|what happens if"
    r"|if i (?:get|got|have|had|start|develop|notice|see|feel|ever)"
    r"|if (?:it|my|the|there|you|someone)"
    r"|in case|can botox cause|could botox cause|does botox cause|will botox cause|can botox make"
    r"|can it cause|could it cause|does it cause|can you get|could i get|is it possible"
    r"|possible to get|signs of|symptoms of|signs to look|what are the (?:signs|symptoms|risks)"
    r"|how (?:do|would|can|will) i (?:know|tell)|how to (?:know|tell)|look out for|watch out for"
    r"|risk of|risks of|chance of|chances of|read (?:that|about)|heard (?:that|about)"
    r"|how common|is it common|side effects? like"
    r"|que pasa si|y si|was wenn|was ist wenn|et si|que faire si|что если|что делать если)\b"
)

_THIRD_PARTY = re.compile(
    r"\b(?:my (?:friend|friends|mum|mom|mother|sister|brother|wife|husband|partner|daughter|son"
    r"|aunt|cousin|colleague|gf|bf|girlfriend|boyfriend|neighbour|neighbor)|friends|someone"
    r"|somebody|people|she|he|her|his|they|their)\b"
)
_PAST_PERIOD = re.compile(
    r"\b(?:last year|years ago|a year ago|year ago|last time|in the past|used to|previously"
    r"|once before|previous (?:treatment|time|session)|before that|back then|the first time)\b"
)
_PAST_VERB = re.compile(r"\b(?:had|was|were|got|drooped|happened|went|did|once)\b")
_PRESENT = re.compile(
    r"\b(?:now|rightnow|still|currently|today|tonight|this morning|this evening|since|keeps"
    r"|getting|started|starting|suddenly|is|are|cant|am)\b"
)


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
class _Pattern:
    flag: RedFlag
    language: str
    phrasing: str
    stems: tuple[str, ...]


def _content_stems(text: str, language: str) -> tuple[str, ...]:
    stop = _STOPWORDS.get(language, frozenset())
    words = [word for word in normalise(text).split() if word not in stop]
    return tuple(stem(word, language) for word in words)


class TriageDetector:
    """Compiled red-flag rules; ``assess(text)`` is pure and safe to call concurrently."""

    def __init__(
        self, flags: Sequence[RedFlag], ignore_phrases: dict[str, Sequence[str]] | None = None
    ) -> None:
        self._flags = tuple(flags)
        self._patterns: list[_Pattern] = []
        stems_by_language: dict[str, list[str]] = {}
        for flag in self._flags:
            for language, phrasings in flag.phrasings.items():
                for phrasing in phrasings:
                    stems = _content_stems(phrasing, language)
                    if stems:
                        self._patterns.append(_Pattern(flag, language, phrasing, stems))
                        stems_by_language.setdefault(language, []).extend(stems)
        self._vocab = {lang: Vocabulary(words) for lang, words in stems_by_language.items()}
        self._by_language: dict[str, list[_Pattern]] = {}
        for pattern in self._patterns:
            self._by_language.setdefault(pattern.language, []).append(pattern)
        idioms = sorted(
            {normalise(p) for items in (ignore_phrases or {}).values() for p in items} - {""},
            key=len,
            reverse=True,
        )
        self._idioms = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(i) for i in idioms) + r")(?!\w)")
            if idioms
            else None
        )

    @property
    def flags(self) -> tuple[RedFlag, ...]:
        return self._flags

    def assess(self, text: str) -> TriageResult:
        """Find the red flags a message affirms, and those it only asks about."""
        hits: list[FlagHit] = []
        mentions: list[FlagHit] = []
        for clause in split_clauses(text):
            self._assess_clause(clause, hits, mentions)
        if not hits and not mentions:
            return NO_FLAGS
        hits = _unique(hits)
        mentions = [m for m in _unique(mentions) if m.flag_id not in {h.flag_id for h in hits}]
        level: Level | None = None
        for hit in hits:
            if LEVEL_RANK[hit.level] > LEVEL_RANK[level]:
                level = hit.level
        hits.sort(key=lambda hit: -LEVEL_RANK[hit.level])
        return TriageResult(level=level, hits=tuple(hits), mentions=tuple(mentions))

    def _assess_clause(self, clause: str, hits: list[FlagHit], mentions: list[FlagHit]) -> None:
        text = normalise(clause)
        if self._idioms is not None:
            text = self._idioms.sub(" ", text)
        text = _NOT_NEGATIONS.sub(" ", text)
        words = text.split()
        if not words:
            return
        hypothetical_end = _cue_end(_HYPOTHETICAL, text)
        someone_elses_past = _is_someone_elses_past(text)
        for language, patterns in self._by_language.items():
            vocab = self._vocab[language]
            positions: dict[str, list[int]] = {}
            for index, word in enumerate(words):
                for vocab_stem in vocab.lookup(stem(word, language)):
                    positions.setdefault(vocab_stem, []).append(index)
            if not positions:
                continue
            for pattern in patterns:
                if not all(s in positions for s in pattern.stems):
                    continue
                span = _tightest_span(pattern.stems, positions)
                if span is None:
                    continue
                start, used = span
                if _is_negated(words, start, used):
                    continue
                hit = FlagHit(
                    flag_id=pattern.flag.id,
                    level=pattern.flag.level,
                    language=language,
                    phrasing=pattern.phrasing,
                    clause=clause,
                )
                if someone_elses_past or (
                    hypothetical_end is not None and hypothetical_end <= start
                ):
                    mentions.append(hit)
                else:
                    hits.append(hit)


def _unique(hits: Iterable[FlagHit]) -> list[FlagHit]:
    """One hit per flag and language, keeping the first phrasing that found it."""
    seen: dict[tuple[str, str], FlagHit] = {}
    for hit in hits:
        seen.setdefault((hit.flag_id, hit.language), hit)
    return list(seen.values())


def _tightest_span(
    stems: Sequence[str], positions: dict[str, list[int]]
) -> tuple[int, frozenset[int]] | None:
    """Place every stem at a distinct position, as close together as possible.

    Returns the first position used and the set used, or None when the words are too
    scattered to belong to one statement (more than four extra words between them).
    """
    best: tuple[int, int, frozenset[int]] | None = None
    for anchor in positions[stems[0]]:
        used = {anchor}
        for word_stem in stems[1:]:
            candidates = [p for p in positions[word_stem] if p not in used]
            if not candidates:
                break
            used.add(min(candidates, key=lambda p: abs(p - anchor)))
        else:
            width = max(used) - min(used) + 1
            if width <= len(stems) + 4 and (best is None or width < best[0]):
                best = (width, min(used), frozenset(used))
    if best is None:
        return None
    return best[1], best[2]


def _is_negated(words: Sequence[str], start: int, used: frozenset[int]) -> bool:
    """True when a negation word outside the phrasing governs its first word."""
    for index in range(max(0, start - _NEGATION_REACH), start):
        if index in used or words[index] not in _NEGATION_CUES:
            continue
        between = words[index + 1 : start]
        if not any(word in _SCOPE_BREAKERS for word in between):
            return True
    return False


def _cue_end(pattern: re.Pattern[str], text: str) -> int | None:
    """Word index just after the first cue in ``text``, or None when there is none."""
    match = pattern.search(text)
    if match is None:
        return None
    return len(text[: match.end()].split())


def _is_someone_elses_past(text: str) -> bool:
    """A past event, or a third party's past event, with nothing saying it is happening now."""
    if _PRESENT.search(text) and not _PAST_PERIOD.search(text):
        return False
    if _PAST_PERIOD.search(text):
        return not re.search(r"\b(?:now|rightnow|still|currently|again|since)\b", text)
    return bool(_THIRD_PARTY.search(text) and _PAST_VERB.search(text))
