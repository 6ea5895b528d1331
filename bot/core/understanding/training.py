"""Fit the model's vocabularies and linear heads with scikit-learn: only when (re)training.

Nothing at serve time imports this module: ``model.py`` loads the arrays it produces from
the cache and scores them with ``features.py`` (numpy alone). scikit-learn is a runtime
dependency because a clinic's knowledge edit retrains automatically at the next start.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier

from bot.core.understanding.corpus import Corpus, Example, stable_number
from bot.core.understanding.features import Featurizer, Vectorizer

logger = logging.getLogger(__name__)

# The most frequent n-grams only: memory and start-up stay small, accuracy does not move.
CHAR_SETTINGS: dict[str, Any] = {
    "analyzer": "char_wb",
    "ngram_range": (2, 5),
    "sublinear_tf": True,
    "min_df": 2,
    "max_features": 60_000,
    "dtype": np.float32,
}
WORD_SETTINGS: dict[str, Any] = {
    "analyzer": "word",
    "ngram_range": (1, 2),
    "sublinear_tf": True,
    "min_df": 2,
    "max_features": 20_000,
    "dtype": np.float32,
}
FAQ_ALPHA = 2e-5
FLAG_ALPHA = 2e-5
EPOCHS = 8


@dataclass(frozen=True, slots=True)
class HeadArrays:
    """A linear head: class names, coefficients (features x classes) and intercepts."""

    classes: tuple[str, ...]
    coef_t: np.ndarray[Any, np.dtype[np.float32]]
    intercept: np.ndarray[Any, np.dtype[np.float32]]


@dataclass(frozen=True, slots=True)
class Trained:
    """Everything the model serves from, as plain arrays."""

    featurizer: Featurizer
    faq: HeadArrays
    flags: HeadArrays


class Fitted:
    """The scikit-learn vectorisers fitted on a corpus, to featurise any texts for a head."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.char = TfidfVectorizer(**CHAR_SETTINGS)
        self.word = TfidfVectorizer(**WORD_SETTINGS)
        self.char.fit(texts)
        self.word.fit(texts)

    def features(self, texts: Sequence[str]) -> Any:
        return hstack([self.char.transform(texts), self.word.transform(texts)], format="csr")

    def featurizer(self) -> Featurizer:
        return Featurizer(_reduce(self.char), _reduce(self.word))


def _reduce(vectorizer: TfidfVectorizer) -> Vectorizer:
    return Vectorizer(
        analyzer=vectorizer.analyzer,
        ngram_range=tuple(vectorizer.ngram_range),
        vocabulary={str(k): int(v) for k, v in vectorizer.vocabulary_.items()},
        idf=np.asarray(vectorizer.idf_, dtype=np.float32),
    )


def train_head(
    features: Any,
    labels: Sequence[str],
    alpha: float,
    weights: Sequence[float] | None = None,
    texts: Sequence[str] | None = None,
) -> HeadArrays:
    """One-vs-rest logistic regression by averaged SGD: seconds where a full multinomial
    L-BFGS fit takes minutes on tens of thousands of sentences; the thresholds that turn its
    probabilities into decisions are calibrated on labelled messages anyway.

    With ``texts``, SGD reads the examples in ``content_order`` (each row's place set by its
    own text) instead of shuffled: a shuffle of n + 1 rows shares nothing with the shuffle of
    n, so one added red-flag phrasing used to move every message's reading (up to 0.3 in
    probability). Without them, the seeded shuffle as before."""
    order = content_order(texts, labels) if texts is not None else list(range(len(labels)))
    model = SGDClassifier(
        loss="log_loss",
        alpha=alpha,
        max_iter=EPOCHS,
        tol=None,
        class_weight="balanced",
        average=True,
        shuffle=texts is None,
        random_state=0,
        n_jobs=2,
    )
    model.fit(
        features[order],
        [labels[i] for i in order],
        sample_weight=None if weights is None else np.asarray(weights)[order],
    )
    return HeadArrays(
        tuple(str(x) for x in model.classes_),
        np.ascontiguousarray(np.asarray(model.coef_).T, dtype=np.float32),
        np.asarray(model.intercept_, dtype=np.float32),
    )


def content_order(texts: Sequence[str], labels: Sequence[str]) -> list[int]:
    """The rows in an order set by each row's own text and label (``stable_number``): a
    fixed pseudo-random order in which an added row takes one place and moves no other."""
    return sorted(
        range(len(labels)), key=lambda i: (stable_number(f"{texts[i]}\x00{labels[i]}"), i)
    )


def train(corpus: Corpus, prepare_faq: Any, prepare_flags: Any) -> Trained:
    """Fit vocabularies on every training sentence, then the FAQ and red-flag heads.

    ``prepare_faq`` and ``prepare_flags`` are the text preparations each head gets at scoring
    time (normalise; the red-flag head also without idioms), so training sees exactly what
    serving will.
    """
    started = time.perf_counter()
    faq_texts = [prepare_faq(e.text) for e in corpus.faq]
    flag_texts = [prepare_flags(e.text) for e in corpus.red_flags]
    fitted = Fitted([*faq_texts, *flag_texts])

    def head(
        examples: Sequence[Example], texts: Sequence[str], alpha: float, in_content_order: bool
    ) -> HeadArrays:
        labels = [e.label for e in examples]
        weights = [e.weight for e in examples]
        order_by = texts if in_content_order else None
        return train_head(fitted.features(texts), labels, alpha, weights, order_by)

    # The FAQ head keeps its seeded shuffle: its thresholds were calibrated on it, and reading
    # it in content order moved FAQ answers both ways (faq_eval 94.2 -> 92.6%) for no safety
    # gain. The red-flag head reads in content order, so an edit moves only its own readings.
    faq = head(corpus.faq, faq_texts, FAQ_ALPHA, in_content_order=False)
    flags = head(corpus.red_flags, flag_texts, FLAG_ALPHA, in_content_order=True)
    logger.info(
        "understanding model trained in %.1fs: %d faq, %d red-flag examples",
        time.perf_counter() - started,
        len(corpus.faq),
        len(corpus.red_flags),
    )
    return Trained(fitted.featurizer(), faq, flags)
