"""The learned understanding model: TF-IDF n-grams with two calibrated linear heads.

Features are character n-grams (2-5, within word boundaries: robust to typos, word endings
and every Latin-script language alike) and word 1-2-grams, over ``normalise``d text with the
knowledge's idioms removed. Two one-vs-rest logistic heads read them:

* **FAQ**: one class per entry plus an out-of-scope class;
* **red flags**: one class per flag plus "none", scored on the whole message and on each
  clause (the highest probability wins, so a symptom buried in a long message still shows).

``UnderstandingModel.for_knowledge`` loads the arrays cached under the corpus fingerprint (a
content hash of everything it learns from) or, when the knowledge changed, trains in a few
seconds (``training.py``, the only module that imports scikit-learn) and caches the result.
Serving is numpy alone (``features.py``). The cache holds plain arrays (no pickle); a file
whose fingerprint or format does not match is never used.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from bot.core.cache_pruning import mark_in_use, prune_kind
from bot.core.knowledge import Knowledge
from bot.core.text import normalise, split_clauses
from bot.core.understanding.corpus import (
    NO_FLAG,
    OUT_OF_SCOPE,
    Corpus,
    Labelled,
    build_corpus,
    fingerprint,
)
from bot.core.understanding.features import (
    Featurizer,
    FloatArray,
    SparseRow,
    Vectorizer,
    linear,
    vocabulary_from_lines,
    vocabulary_to_lines,
)
from bot.core.understanding.language import detect_language

if TYPE_CHECKING:
    from bot.core.understanding.training import Trained

logger = logging.getLogger(__name__)

#: Bump when the saved format or the way it is trained changes.
MODEL_VERSION = "tfidf-sgd-4"
#: Clauses scored per message at most (beyond that, the whole message still is).
MAX_CLAUSES = 12
#: The model reads at most this much of a message (issue 16: bounded work per message). A
#: patient's message is far shorter; the rules still read all of it (up to ``MAX_TEXT_CHARS``).
MODEL_MAX_CHARS = 1500


@dataclass(frozen=True, slots=True)
class FaqScores:
    """FAQ entries by probability, best first, and the probability of "not an FAQ question"."""

    ranked: tuple[tuple[str, float], ...]
    out_of_scope: float

    @property
    def top(self) -> tuple[str, float] | None:
        return self.ranked[0] if self.ranked else None


@dataclass(frozen=True, slots=True)
class FlagScore:
    """One red flag's probability, its level, and the clause that scored it highest."""

    flag_id: str
    level: str
    probability: float
    clause: str
    #: The other texts read (the whole message and each clause) with this flag's probability,
    #: best first: when the best one reads as negated, another may still report the flag
    #: ("felt ok at first, but now my lips keep swelling up").
    others: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class RedFlagScores:
    """Red flags by probability, best first; ``language`` is the message's guessed language."""

    ranked: tuple[FlagScore, ...]
    language: str

    @property
    def top(self) -> FlagScore | None:
        return self.ranked[0] if self.ranked else None


@dataclass(frozen=True, slots=True)
class Reading:
    """Both heads' view of one message (features computed once)."""

    faq: FaqScores
    flags: RedFlagScores


class Head:
    """A one-vs-rest logistic regression reduced to its arrays."""

    def __init__(self, classes: Sequence[str], coef_t: FloatArray, intercept: FloatArray) -> None:
        self.classes = tuple(classes)
        self.coef_t = np.ascontiguousarray(coef_t, dtype=np.float32)
        self.intercept = np.asarray(intercept, dtype=np.float32)

    def probabilities(self, rows: Sequence[SparseRow]) -> FloatArray:
        """Each class's one-vs-rest probability, normalised to sum to one per row."""
        logits = linear(rows, self.coef_t, self.intercept).astype(np.float64)
        odds = 1.0 / (1.0 + np.exp(-np.clip(logits, -50.0, 50.0)))
        result: FloatArray = odds / np.maximum(odds.sum(axis=1, keepdims=True), 1e-12)
        return result


#: How many recent feature rows a model keeps, by the text it featurised. One message makes it
#: featurise the same text several times: the whole message for the red-flag head and again
#: for the FAQ head (the same text when no idiom was cut), then each clause again when the
#: conversation reads a question or a follow-up on its own (on the 866 evaluation messages,
#: 1,499 of 3,421 rows were a text already featurised for that message; issue 17). A row is a
#: pure function of its text, so a kept one is exactly what featurising again would give.
#: Bounded: a burst of distinct messages costs ~64 small arrays at most.
RECENT_ROWS = 64


class UnderstandingModel:
    """FAQ and red-flag probabilities for a message; built by ``for_knowledge``."""

    def __init__(
        self,
        featurizer: Featurizer,
        faq: Head,
        flags: Head,
        *,
        levels: Mapping[str, str],
        idioms: Iterable[str],
        fingerprint: str,
        flag_languages: Iterable[str],
    ) -> None:
        self._featurizer = featurizer
        self._row = lru_cache(maxsize=RECENT_ROWS)(featurizer.row)
        self._faq = faq
        self._flags = flags
        self.levels = dict(levels)
        self.fingerprint = fingerprint
        #: Languages the red-flag head learned phrasings in (the safety net speaks only these).
        self.flag_languages = frozenset(flag_languages)
        self._oos = faq.classes.index(OUT_OF_SCOPE)
        self._none = flags.classes.index(NO_FLAG)
        self._idioms = Idioms(idioms)

    # ------------------------------------------------------------------ building

    @classmethod
    def for_knowledge(
        cls,
        knowledge: Knowledge,
        cache_dir: Path | None = None,
        language_packs: Path | None = None,
        labelled: Sequence[Labelled] | None = None,
    ) -> UnderstandingModel:
        """The model for this knowledge (and the ``knowledge/lang`` packs in ``language_packs``):
        loaded from ``cache_dir`` when a model trained on exactly these inputs is there (the
        fingerprint is a hash of the inputs, checked in milliseconds), else trained now (seconds)
        and saved there. Without ``cache_dir`` it always trains. ``labelled`` replaces the
        packaged labelled messages (calibration trains with one set left out)."""
        print_ = fingerprint(knowledge, language_packs, labelled)
        path = cache_path(cache_dir, print_) if cache_dir else None
        if path is not None and path.exists():
            try:
                model = cls.load(path, print_)
            except (OSError, ValueError, KeyError) as exc:
                logger.warning("understanding cache %s unusable (%s); retraining", path.name, exc)
            else:
                logger.info("understanding model loaded fingerprint=%s", print_[:12])
                mark_in_use(path)
                return model
        logger.info(
            "understanding model: no cached model for this knowledge, training fingerprint=%s",
            print_[:12],
        )
        model = cls.train(build_corpus(knowledge, language_packs, labelled))
        if path is not None:
            try:
                model.save(path)
            except OSError as exc:  # a read-only cache costs a retrain next time, nothing more
                logger.warning("understanding cache %s not written (%s)", path, exc)
            else:
                prune_kind(path, _CACHED_MODEL)
        return model

    @classmethod
    def train(cls, corpus: Corpus) -> UnderstandingModel:
        """Train on ``corpus`` now (imports scikit-learn; seconds)."""
        from bot.core.understanding.training import train

        idioms = Idioms(normalise(p) for p in corpus.ignore_phrases)
        trained: Trained = train(corpus, normalise, lambda text: prepare(text, idioms))
        return cls(
            trained.featurizer,
            Head(trained.faq.classes, trained.faq.coef_t, trained.faq.intercept),
            Head(trained.flags.classes, trained.flags.coef_t, trained.flags.intercept),
            levels=corpus.levels,
            idioms=idioms.phrases,
            fingerprint=corpus.fingerprint,
            flag_languages=corpus.flag_languages,
        )

    def save(self, path: Path) -> None:
        """Write the arrays and vocabularies atomically (a crash never leaves half a file)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        char, word = self._featurizer.char, self._featurizer.word
        meta = {
            "fingerprint": self.fingerprint,
            "model_version": MODEL_VERSION,
            "char": [char.analyzer, list(char.ngram_range)],
            "word": [word.analyzer, list(word.ngram_range)],
            "faq_classes": list(self._faq.classes),
            "flag_classes": list(self._flags.classes),
            "levels": self.levels,
            "idioms": list(self._idioms.phrases),
            "flag_languages": sorted(self.flag_languages),
        }
        handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                np.savez(
                    stream,
                    meta=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
                    char_terms=np.frombuffer(vocabulary_to_lines(char.vocabulary), np.uint8),
                    word_terms=np.frombuffer(vocabulary_to_lines(word.vocabulary), np.uint8),
                    char_idf=char.idf,
                    word_idf=word.idf,
                    faq_coef_t=self._faq.coef_t,
                    faq_intercept=self._faq.intercept,
                    flag_coef_t=self._flags.coef_t,
                    flag_intercept=self._flags.intercept,
                )
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)

    @classmethod
    def load(cls, path: Path, expected_fingerprint: str) -> UnderstandingModel:
        """Load a cached model; raises ``ValueError`` unless its fingerprint is the one expected
        (the knowledge's) and it was saved by this version of the model."""
        started = time.perf_counter()
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(bytes(data["meta"]).decode("utf-8"))
            if meta.get("fingerprint") != expected_fingerprint:
                raise ValueError("fingerprint does not match the knowledge")
            if meta.get("model_version") != MODEL_VERSION:
                raise ValueError("trained by another model version")
            (char_analyzer, char_range), (word_analyzer, word_range) = meta["char"], meta["word"]
            featurizer = Featurizer(
                Vectorizer(
                    char_analyzer,
                    (int(char_range[0]), int(char_range[1])),
                    vocabulary_from_lines(bytes(data["char_terms"])),
                    data["char_idf"].astype(np.float32),
                ),
                Vectorizer(
                    word_analyzer,
                    (int(word_range[0]), int(word_range[1])),
                    vocabulary_from_lines(bytes(data["word_terms"])),
                    data["word_idf"].astype(np.float32),
                ),
            )
            faq = Head(meta["faq_classes"], data["faq_coef_t"], data["faq_intercept"])
            flags = Head(meta["flag_classes"], data["flag_coef_t"], data["flag_intercept"])
        if faq.coef_t.shape[0] != featurizer.width or flags.coef_t.shape[0] != featurizer.width:
            raise ValueError("heads and vocabularies disagree in size")
        logger.debug("understanding cache read in %.3fs", time.perf_counter() - started)
        return cls(
            featurizer,
            faq,
            flags,
            levels=meta["levels"],
            idioms=meta["idioms"],
            fingerprint=expected_fingerprint,
            flag_languages=meta["flag_languages"],
        )

    # ------------------------------------------------------------------ scoring

    def _rows(self, texts: Sequence[str]) -> list[SparseRow]:
        """Red-flag features: the knowledge's idioms ("dying to see") cut out first."""
        return [self._row(prepare(t, self._idioms)) for t in texts]

    def _faq_row(self, text: str) -> SparseRow:
        """FAQ features: the whole normalised text. The idiom list also holds triage-only
        typo guards ("injection", "month") that an FAQ question needs."""
        return self._row(normalise(text))

    def read(self, text: str) -> Reading:
        """Both heads' view of one message."""
        text = text[:MODEL_MAX_CHARS]
        language = detect_language(text)
        rows, clauses = self._message_rows(text, language)
        return Reading(
            self._faq_from(self._faq_row(text)), self._flags_from(rows, clauses, language)
        )

    def faq_scores(self, text: str, limit: int = 5) -> FaqScores:
        """Entries ranked by probability (out-of-scope excluded), and P(out of scope)."""
        text = text[:MODEL_MAX_CHARS]
        return self._faq_from(self._faq_row(text), limit)

    def red_flag_scores(self, text: str, limit: int = 3) -> RedFlagScores:
        """Flags ranked by their highest probability over the message and each of its clauses."""
        text = text[:MODEL_MAX_CHARS]
        language = detect_language(text)
        rows, clauses = self._message_rows(text, language)
        return self._flags_from(rows, clauses, language, limit)

    def _message_rows(self, text: str, language: str) -> tuple[list[SparseRow], list[str]]:
        """The rows of the message and of each of its clauses (``language``: the message's,
        found once per reading by the caller)."""
        # Each language's own "but" words: Portuguese "mais" is "more", not French "but".
        clauses = split_clauses(text, language)[:MAX_CLAUSES]
        texts = [text, *clauses] if len(clauses) > 1 else [text]
        return self._rows(texts), texts

    def _faq_from(self, row: SparseRow, limit: int = 5) -> FaqScores:
        probabilities = self._faq.probabilities([row])[0]
        order = np.argsort(-probabilities)
        ranked = tuple(
            (self._faq.classes[i], float(probabilities[i])) for i in order if i != self._oos
        )[:limit]
        return FaqScores(ranked=ranked, out_of_scope=float(probabilities[self._oos]))

    def _flags_from(
        self, rows: Sequence[SparseRow], texts: Sequence[str], language: str, limit: int = 3
    ) -> RedFlagScores:
        probabilities = self._flags.probabilities(rows)
        probabilities[:, self._none] = -1.0
        best_row = probabilities.argmax(axis=0)
        best = probabilities.max(axis=0)
        order = [int(i) for i in np.argsort(-best) if int(i) != self._none][:limit]
        ranked = tuple(
            FlagScore(
                flag_id=self._flags.classes[i],
                level=self.levels[self._flags.classes[i]],
                probability=float(best[i]),
                clause=texts[int(best_row[i])],
                others=tuple(
                    (texts[int(row)], float(probabilities[row, i]))
                    for row in np.argsort(-probabilities[:, i])
                    if int(row) != int(best_row[i])
                ),
            )
            for i in order
        )
        return RedFlagScores(ranked=ranked, language=language)


class Idioms:
    """Cut the knowledge's idioms ("dying to see") out of normalised text, longest first.

    Normalised text is words and single spaces, so an idiom is a run of whole words: a
    lookup by first word is as exact as one big regular expression and costs nothing to
    build at start-up (the expression took ~80 ms to compile).
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases = tuple(sorted({p for p in phrases if p}))
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.phrases:
            words = tuple(phrase.split())
            by_first.setdefault(words[0], []).append(words)
        self._by_first = {
            first: sorted(runs, key=len, reverse=True) for first, runs in by_first.items()
        }

    def cut(self, text: str) -> str:
        if not self._by_first:
            return text
        words = text.split()
        kept: list[str] = []
        i = 0
        while i < len(words):
            for run in self._by_first.get(words[i], ()):
                if tuple(words[i : i + len(run)]) == run:
                    i += len(run)
                    break
            else:
                kept.append(words[i])
                i += 1
        return " ".join(kept)


def prepare(text: str, idioms: Idioms) -> str:
    """What both heads read: the normalised text without the knowledge's idioms."""
    return idioms.cut(normalise(text))


#: A cached model of any version (an older version's is never read again).
_CACHED_MODEL = re.compile(r"understanding-[\w.-]+-[0-9a-f]{20}\.npz")


def cache_path(cache_dir: Path, fingerprint: str) -> Path:
    return cache_dir / f"understanding-{MODEL_VERSION}-{fingerprint[:20]}.npz"
