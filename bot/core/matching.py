"""Rank FAQ entries against a patient's message and decide: answer, clarify, or admit defeat.

Two signals are combined, each 0-100, chosen by measurement on ``tests/data/faq_eval.jsonl``:

* **coverage** — how much of the message's meaning (its content-word stems, weighted by how
  specific each word is across the FAQ) an entry's vocabulary explains. Unknown words count
  against it, so "best gym in town" is not confidently about exercise after treatment;
* **phrasing similarity** — rapidfuzz's ``token_sort_ratio`` between the message's content
  stems and the closest phrasing's, which rewards messages worded like a known question.

Only phrasings sharing a word with the message are scored (an inverted index), in one
vectorised ``process.cdist`` call, so cost grows with overlap, not with the FAQ's size.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process

from bot.core.chat_words import normalise_in
from bot.core.knowledge import EntryText, FaqEntry
from bot.core.text import MATCH_STOPWORDS, STOPWORDS, stem
from bot.core.vocabulary import Vocabulary


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Where confidence turns into an answer, a clarifying question, or a fallback."""

    answer: float = 56.0
    clarify: float = 40.0
    min_gap: float = 2.0


@dataclass(frozen=True, slots=True)
class Weights:
    """How the two signals are mixed; keyword vocabulary counts extra towards coverage."""

    coverage: float = 0.6
    recall: float = 0.3
    similarity: float = 0.1
    keyword_boost: float = 1.0
    unknown_word_idf: float = 2.0
    single_mention: float = 0.7


@dataclass(frozen=True, slots=True)
class Candidate:
    """One entry and how well it fits the message (0-100)."""

    entry_id: str
    score: float


@dataclass(frozen=True, slots=True)
class Answer:
    entry_id: str
    score: float
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True, slots=True)
class Clarify:
    candidates: tuple[Candidate, ...]

    @property
    def score(self) -> float:
        return self.candidates[0].score


@dataclass(frozen=True, slots=True)
class NoMatch:
    candidates: tuple[Candidate, ...] = field(default=())

    @property
    def score(self) -> float:
        return self.candidates[0].score if self.candidates else 0.0


MatchResult = Answer | Clarify | NoMatch


def content_words(text: str, language: str = "en") -> list[tuple[str, str]]:
    """(word, stem) for the words that carry meaning: the unit every signal works on."""
    stop = MATCH_STOPWORDS.get(language, STOPWORDS)
    words = normalise_in(text, language).split()
    return [(word, stem(word, language)) for word in words if word not in stop]


def content_stems(text: str, language: str = "en") -> list[str]:
    return [word_stem for _, word_stem in content_words(text, language)]


class Matcher:
    """Built once from the FAQ; ``rank`` and ``match`` are pure and cheap per message."""

    def __init__(
        self,
        entries: Sequence[FaqEntry],
        thresholds: Thresholds | None = None,
        weights: Weights | None = None,
        *,
        language: str = "en",
        texts: Mapping[str, EntryText] | None = None,
    ) -> None:
        """``texts`` (entry id -> words in ``language``) replaces the entries' English words;
        an entry without texts in that language is left out of this matcher."""
        self.thresholds = thresholds or Thresholds()
        self.weights = weights or Weights()
        self.language = language
        if texts is not None:
            entries = [entry for entry in entries if entry.id in texts]
        words: list[EntryText] = [
            texts[entry.id]
            if texts is not None
            else EntryText(entry.title, entry.answer, tuple(entry.questions), tuple(entry.keywords))
            for entry in entries
        ]
        self._entry_ids = [entry.id for entry in entries]
        self._phrasings: list[str] = []
        # Each phrasing's stems as a sorted tuple, only ever looked through: a set of five to
        # eighteen strings costs 728 bytes, the tuple 80-184 (issue 17: memory).
        self._phrasing_stems: list[tuple[str, ...]] = []
        self._phrasing_entry: list[int] = []
        postings: dict[str, set[int]] = defaultdict(set)
        entry_terms: list[dict[str, float]] = []
        for index, entry in enumerate(words):
            mentions: dict[str, int] = defaultdict(int)
            for question in [entry.title, *entry.questions]:
                stems = content_stems(question, language)
                if not stems:
                    continue
                for word_stem in set(stems):
                    mentions[word_stem] += 1
                    postings[word_stem].add(len(self._phrasings))
                self._phrasings.append(" ".join(sorted(stems)))
                self._phrasing_stems.append(tuple(sorted(set(stems))))
                self._phrasing_entry.append(index)
            # A word used once among many phrasings ("dog" in "downward dog") is weaker
            # evidence for the topic than one that recurs or that the editor made a keyword.
            single = self.weights.single_mention
            terms: dict[str, float] = {
                word: 1.0 if count > 1 else single for word, count in mentions.items()
            }
            for keyword in entry.keywords:
                for word_stem in content_stems(keyword, language):
                    terms[word_stem] = max(terms.get(word_stem, 0.0), self.weights.keyword_boost)
            entry_terms.append(terms)
        self._postings = {word: sorted(ids) for word, ids in postings.items()}
        document_frequency: dict[str, int] = defaultdict(int)
        for terms in entry_terms:
            for word_stem in terms:
                document_frequency[word_stem] += 1
        total = max(1, len(entries))
        self._idf = {
            word: math.log(1 + total / count) for word, count in document_frequency.items()
        }
        self._max_idf = math.log(1 + total)
        self._term_entries: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for index, terms in enumerate(entry_terms):
            for word_stem, weight in terms.items():
                self._term_entries[word_stem].append((index, weight))
        self._vocabulary = Vocabulary(self._idf)
        self._phrasing_mass = [sum(self._idf[w] for w in stems) for stems in self._phrasing_stems]

    @property
    def size(self) -> int:
        """Number of phrasings indexed (titles included)."""
        return len(self._phrasings)

    def rank(self, text: str, limit: int = 5) -> tuple[Candidate, ...]:
        """Entries best fitting ``text``, best first, with scores from 0 to 100."""
        words: dict[str, str] = {}  # stem -> the first word that gave it
        for word, word_stem in content_words(text, self.language):
            words.setdefault(word_stem, word)
        if not words:
            return ()
        known: list[str] = []
        query_words: list[str] = []
        denominator = 0.0
        coverage: dict[int, float] = defaultdict(float)
        for word_stem, word in words.items():
            matches = self._vocabulary.lookup(word_stem, word, self.language)
            if not matches:
                denominator += self._max_idf * self.weights.unknown_word_idf
                query_words.append(word_stem)
                continue
            best = max(matches, key=lambda m: self._idf[m])
            query_words.append(best)
            idf = self._idf[best]
            denominator += idf
            known.append(best)
            gained: dict[int, float] = {}
            for vocab_stem in matches:
                for entry_index, weight in self._term_entries[vocab_stem]:
                    gained[entry_index] = max(gained.get(entry_index, 0.0), weight)
            for entry_index, weight in gained.items():
                coverage[entry_index] += idf * min(weight, self.weights.keyword_boost)
        if not coverage:
            return ()
        scores: dict[int, float] = {
            index: self.weights.coverage * min(100.0, 100.0 * value / denominator)
            for index, value in coverage.items()
        }
        similarity = self._similarity(known, query_words)
        for entry_index, value in similarity.items():
            scores[entry_index] = scores.get(entry_index, 0.0) + value
        ranked = sorted(scores.items(), key=lambda item: -item[1])[:limit]
        return tuple(Candidate(self._entry_ids[index], round(score, 2)) for index, score in ranked)

    def _similarity(self, known: list[str], query_words: list[str]) -> dict[int, float]:
        """Best phrasing similarity per entry, over phrasings sharing a word with the message.

        The query keeps the words the FAQ does not know, so "tattoo removal cost" is not
        mistaken for a perfect match of a phrasing that is only "cost".
        """
        if not known:
            return {}
        candidate_ids = sorted({pid for word in known for pid in self._postings.get(word, ())})
        if not candidate_ids:
            return {}
        query = " ".join(sorted(query_words))
        choices = [self._phrasings[pid] for pid in candidate_ids]
        row = process.cdist([query], choices, scorer=fuzz.token_sort_ratio, processor=None)[0]
        present = set(known)
        best: dict[int, float] = {}
        w_sim, w_rec = self.weights.similarity, self.weights.recall
        for pid, value in zip(candidate_ids, np.asarray(row).tolist(), strict=True):
            entry_index = self._phrasing_entry[pid]
            recall = 0.0
            if w_rec:
                matched = sum(self._idf[w] for w in self._phrasing_stems[pid] if w in present)
                recall = 100.0 * matched / self._phrasing_mass[pid]
            combined = w_sim * float(value) + w_rec * recall
            if combined > best.get(entry_index, -1.0):
                best[entry_index] = combined
        return best

    def match(self, text: str) -> MatchResult:
        """Decide between a confident answer, a clarifying choice and an honest fallback."""
        candidates = self.rank(text)
        return decide(candidates, self.thresholds)


class MultilingualMatcher:
    """One ``Matcher`` per language the clinic enabled, ranked together.

    A message is ranked by the matchers of the languages it may be in (its own when that
    is clear, else all); each entry keeps its best score. The same interface as ``Matcher``,
    so the conversation and the understanding layer use either.
    """

    def __init__(self, matchers: Mapping[str, Matcher], thresholds: Thresholds | None = None):
        if not matchers:
            raise ValueError("at least one language is needed")
        self.matchers = dict(matchers)
        self.thresholds = thresholds or next(iter(self.matchers.values())).thresholds

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.matchers)

    @property
    def size(self) -> int:
        return sum(matcher.size for matcher in self.matchers.values())

    def rank(
        self, text: str, limit: int = 5, languages: Sequence[str] | None = None
    ) -> tuple[Candidate, ...]:
        """Entries best fitting ``text`` in any of ``languages`` (default: every language)."""
        chosen = [lang for lang in (languages or self.matchers) if lang in self.matchers]
        best: dict[str, float] = {}
        for language in chosen or self.matchers:
            for candidate in self.matchers[language].rank(text, limit=max(limit, 10)):
                if candidate.score > best.get(candidate.entry_id, -1.0):
                    best[candidate.entry_id] = candidate.score
        ranked = sorted(best.items(), key=lambda item: -item[1])[:limit]
        return tuple(Candidate(entry_id, score) for entry_id, score in ranked)

    def match(self, text: str, languages: Sequence[str] | None = None) -> MatchResult:
        return decide(self.rank(text, languages=languages), self.thresholds)


def decide(candidates: tuple[Candidate, ...], thresholds: Thresholds) -> MatchResult:
    """Apply the thresholds to ranked candidates (separate so evaluation can sweep them)."""
    if not candidates or candidates[0].score < thresholds.clarify:
        return NoMatch(candidates)
    top = candidates[0]
    runner_up = candidates[1].score if len(candidates) > 1 else 0.0
    if top.score >= thresholds.answer and top.score - runner_up >= thresholds.min_gap:
        return Answer(top.entry_id, top.score, candidates)
    close = tuple(c for c in candidates[:3] if c.score >= thresholds.clarify)
    return Clarify(close)
