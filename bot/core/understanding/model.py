"""The learned understanding model: TF-IDF n-grams with two calibrated linear heads.

Features are character n-grams (2-5, within word boundaries: robust to typos, word endings
and every Latin-script language alike) and word 1-2-grams, over ``normalise``d text with the
knowledge's idioms removed. Two multinomial logistic-regression heads read them:

* **FAQ**: one class per entry plus an out-of-scope class;
* **red flags**: one class per flag plus "none", scored on the whole message and on each
  clause (the highest probability wins, so a symptom buried in a long message still shows).

``UnderstandingModel.for_knowledge`` trains in a few seconds, or loads the arrays cached
under the corpus fingerprint (a content hash of everything it learns from). The cache holds
plain arrays and JSON (no pickle); a file whose fingerprint does not match is never used.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from numpy.typing import NDArray
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier

from bot.core.knowledge import Knowledge
from bot.core.text import normalise, split_clauses
from bot.core.understanding.corpus import NO_FLAG, OUT_OF_SCOPE, Corpus, Example, build_corpus
from bot.core.understanding.language import detect_language

logger = logging.getLogger(__name__)

MODEL_VERSION = "tfidf-sgd-1"
# The most frequent n-grams only: memory and start-up stay small, accuracy does not move.
_CHAR: dict[str, Any] = {
    "analyzer": "char_wb",
    "ngram_range": (2, 5),
    "sublinear_tf": True,
    "min_df": 2,
    "max_features": 60_000,
    "dtype": np.float32,
}
_WORD: dict[str, Any] = {
    "analyzer": "word",
    "ngram_range": (1, 2),
    "sublinear_tf": True,
    "min_df": 2,
    "max_features": 20_000,
    "dtype": np.float32,
}
_FAQ_ALPHA = 2e-5
_FLAG_ALPHA = 2e-5
_EPOCHS = 8

Matrix = NDArray[np.float64]


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


@dataclass(frozen=True, slots=True)
class RedFlagScores:
    """Red flags by probability, best first; ``language`` is the message's guessed language."""

    ranked: tuple[FlagScore, ...]
    language: str

    @property
    def top(self) -> FlagScore | None:
        return self.ranked[0] if self.ranked else None


class _Head:
    """A multinomial logistic regression reduced to its arrays (softmax at prediction)."""

    def __init__(self, classes: Sequence[str], coef: Matrix, intercept: Matrix) -> None:
        self.classes = tuple(classes)
        self.coef_t = np.ascontiguousarray(coef.T, dtype=np.float32)
        self.intercept = np.asarray(intercept, dtype=np.float32)

    @classmethod
    def train(cls, features: Any, labels: Sequence[str], alpha: float) -> _Head:
        # One-vs-rest logistic regression by averaged SGD: seconds where a full multinomial
        # L-BFGS fit takes minutes on tens of thousands of sentences; the thresholds that
        # turn its probabilities into decisions are calibrated on labelled messages anyway.
        model = SGDClassifier(
            loss="log_loss",
            alpha=alpha,
            max_iter=_EPOCHS,
            tol=None,
            class_weight="balanced",
            average=True,
            random_state=0,
            n_jobs=2,
        )
        model.fit(features, labels)
        return cls([str(x) for x in model.classes_], model.coef_, model.intercept_)

    def probabilities(self, features: Any) -> Matrix:
        """Each class's one-vs-rest probability, normalised to sum to one per row."""
        logits = np.asarray(features @ self.coef_t) + self.intercept
        odds = 1.0 / (1.0 + np.exp(-logits))
        result: Matrix = odds / np.maximum(odds.sum(axis=1, keepdims=True), 1e-12)
        return result


class UnderstandingModel:
    """FAQ and red-flag probabilities for a message; built by ``for_knowledge``."""

    def __init__(
        self,
        char: TfidfVectorizer,
        word: TfidfVectorizer,
        faq: _Head,
        flags: _Head,
        levels: dict[str, str],
        ignore_phrases: Sequence[str],
        fingerprint: str,
        flag_languages: frozenset[str],
    ) -> None:
        self._char = char
        self._word = word
        self._faq = faq
        self._flags = flags
        self.levels = levels
        self.fingerprint = fingerprint
        #: Languages the red-flag head learned phrasings in (the safety net speaks only these).
        self.flag_languages = flag_languages
        self._oos = faq.classes.index(OUT_OF_SCOPE)
        self._none = flags.classes.index(NO_FLAG)
        idioms = sorted({normalise(p) for p in ignore_phrases} - {""}, key=len, reverse=True)
        self._idioms = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(i) for i in idioms) + r")(?!\w)")
            if idioms
            else None
        )

    # ------------------------------------------------------------------ building

    @classmethod
    def for_knowledge(
        cls,
        knowledge: Knowledge,
        cache_dir: Path | None = None,
        language_packs: Path | None = None,
    ) -> UnderstandingModel:
        """The model for this knowledge (and the ``knowledge/lang`` packs in ``language_packs``):
        loaded from ``cache_dir`` when its fingerprint matches, else trained now and saved."""
        corpus = build_corpus(knowledge, language_packs)
        path = _cache_path(cache_dir, corpus.fingerprint) if cache_dir else None
        if path is not None and path.exists():
            try:
                model = cls.load(path, corpus)
            except (OSError, ValueError, KeyError) as exc:
                logger.warning("understanding cache %s unusable (%s); retraining", path.name, exc)
            else:
                logger.info("understanding model loaded fingerprint=%s", corpus.fingerprint[:12])
                return model
        model = cls.train(corpus)
        if path is not None:
            model.save(path)
        return model

    @classmethod
    def train(cls, corpus: Corpus) -> UnderstandingModel:
        started = time.perf_counter()
        char = TfidfVectorizer(**_CHAR)
        word = TfidfVectorizer(**_WORD)
        texts = [_prepare(e.text) for e in (*corpus.faq, *corpus.red_flags)]
        char.fit(texts)
        word.fit(texts)

        def features(examples: Sequence[Example]) -> Any:
            prepared = [_prepare(e.text) for e in examples]
            return _stack(char.transform(prepared), word.transform(prepared))

        faq = _Head.train(features(corpus.faq), [e.label for e in corpus.faq], _FAQ_ALPHA)
        flags = _Head.train(
            features(corpus.red_flags), [e.label for e in corpus.red_flags], _FLAG_ALPHA
        )
        logger.info(
            "understanding model trained in %.1fs: %d faq, %d red-flag examples",
            time.perf_counter() - started,
            len(corpus.faq),
            len(corpus.red_flags),
        )
        return cls(
            char,
            word,
            faq,
            flags,
            dict(corpus.levels),
            corpus.ignore_phrases,
            corpus.fingerprint,
            corpus.flag_languages,
        )

    def save(self, path: Path) -> None:
        """Write the arrays and vocabularies atomically (a crash never leaves half a file)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = {
            "fingerprint": self.fingerprint,
            "model_version": MODEL_VERSION,
            "sklearn": sklearn.__version__,
            "char_vocabulary": {k: int(v) for k, v in self._char.vocabulary_.items()},
            "word_vocabulary": {k: int(v) for k, v in self._word.vocabulary_.items()},
            "faq_classes": list(self._faq.classes),
            "flag_classes": list(self._flags.classes),
        }
        handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                np.savez_compressed(
                    stream,
                    meta=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
                    char_idf=self._char.idf_,
                    word_idf=self._word.idf_,
                    faq_coef=self._faq.coef_t.T,
                    faq_intercept=self._faq.intercept,
                    flag_coef=self._flags.coef_t.T,
                    flag_intercept=self._flags.intercept,
                )
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)

    @classmethod
    def load(cls, path: Path, corpus: Corpus) -> UnderstandingModel:
        """Load a cached model; raises ``ValueError`` unless it was trained on ``corpus``."""
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(bytes(data["meta"]).decode("utf-8"))
            if meta.get("fingerprint") != corpus.fingerprint:
                raise ValueError("fingerprint does not match the knowledge")
            if meta.get("model_version") != MODEL_VERSION:
                raise ValueError("trained by another model version")
            char = TfidfVectorizer(**_CHAR, vocabulary=meta["char_vocabulary"])
            char.idf_ = data["char_idf"]
            word = TfidfVectorizer(**_WORD, vocabulary=meta["word_vocabulary"])
            word.idf_ = data["word_idf"]
            faq = _Head(meta["faq_classes"], data["faq_coef"], data["faq_intercept"])
            flags = _Head(meta["flag_classes"], data["flag_coef"], data["flag_intercept"])
        return cls(
            char,
            word,
            faq,
            flags,
            dict(corpus.levels),
            corpus.ignore_phrases,
            corpus.fingerprint,
            corpus.flag_languages,
        )

    # ------------------------------------------------------------------ scoring

    def _features(self, texts: Sequence[str]) -> Any:
        prepared = [self._strip_idioms(_prepare(t)) for t in texts]
        return _stack(self._char.transform(prepared), self._word.transform(prepared))

    def _strip_idioms(self, text: str) -> str:
        if self._idioms is None:
            return text
        return " ".join(self._idioms.sub(" ", text).split())

    def faq_scores(self, text: str, limit: int = 5) -> FaqScores:
        """Entries ranked by probability (out-of-scope excluded), and P(out of scope)."""
        row = self._faq.probabilities(self._features([text]))[0]
        order = np.argsort(-row)
        ranked = tuple((self._faq.classes[i], float(row[i])) for i in order if i != self._oos)[
            :limit
        ]
        return FaqScores(ranked=ranked, out_of_scope=float(row[self._oos]))

    def red_flag_scores(self, text: str, limit: int = 3) -> RedFlagScores:
        """Flags ranked by their highest probability over the message and each of its clauses."""
        clauses = split_clauses(text)
        rows = [text, *clauses] if len(clauses) > 1 else [text]
        probabilities = self._flags.probabilities(self._features(rows))
        probabilities[:, self._none] = -1.0
        best_row = probabilities.argmax(axis=0)
        best = probabilities.max(axis=0)
        order = [int(i) for i in np.argsort(-best) if int(i) != self._none][:limit]
        ranked = tuple(
            FlagScore(
                flag_id=self._flags.classes[i],
                level=self.levels[self._flags.classes[i]],
                probability=float(best[i]),
                clause=rows[int(best_row[i])],
            )
            for i in order
        )
        return RedFlagScores(ranked=ranked, language=detect_language(text))


def _prepare(text: str) -> str:
    return normalise(text)


def _stack(char: Any, word: Any) -> Any:
    from scipy.sparse import hstack

    return hstack([char, word], format="csr")


def _cache_path(cache_dir: Path, fingerprint: str) -> Path:
    return cache_dir / f"understanding-{MODEL_VERSION}-{fingerprint[:20]}.npz"
