"""TF-IDF n-gram features in plain numpy: scikit-learn's analysers and weighting, reproduced.

Serving must not import scikit-learn (it costs ~85 MB and ~1.7 s at start-up), yet the
vocabularies and IDF weights are learned with it at training time. This module turns text
into exactly the vector ``TfidfVectorizer.transform`` gives for the settings the model uses
(``lowercase=True``, no accent stripping, ``sublinear_tf=True``, ``norm="l2"``), for the two
analysers the model uses:

* ``char_wb``: character n-grams inside word boundaries, each word padded with one space;
* ``word``: tokens of ``(?u)\\b\\w\\w+\\b`` and their n-grams joined by one space.

``tests/core/understanding/test_features.py`` holds both to scikit-learn's output.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

Analyzer = Literal["char_wb", "word"]

_WHITE_SPACES = re.compile(r"\s\s+")
_TOKEN = re.compile(r"(?u)\b\w\w+\b")

FloatArray = NDArray[np.float32]
IndexArray = NDArray[np.int64]


def char_wb_ngrams(text: str, low: int, high: int) -> list[str]:
    """scikit-learn's ``_char_wb_ngrams`` on lower-cased text (same n-grams, same order)."""
    text = _WHITE_SPACES.sub(" ", text.lower())
    ngrams: list[str] = []
    append = ngrams.append
    for word in text.split():
        padded = f" {word} "
        length = len(padded)
        for n in range(low, high + 1):
            offset = 0
            append(padded[offset : offset + n])
            while offset + n < length:
                offset += 1
                append(padded[offset : offset + n])
            if offset == 0:  # a short word is counted once, as scikit-learn does
                break
    return ngrams


def word_ngrams(text: str, low: int, high: int) -> list[str]:
    """scikit-learn's default word analyser (token pattern, then n-grams) on lower-cased text."""
    tokens = _TOKEN.findall(text.lower())
    if high == 1:
        return tokens
    grams: list[str] = list(tokens) if low == 1 else []
    for n in range(max(low, 2), min(high + 1, len(tokens) + 1)):
        grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return grams


@dataclass(frozen=True, slots=True)
class SparseRow:
    """One message's features: column indices and their weights (an L2-normalised block each)."""

    indices: IndexArray
    values: FloatArray


@dataclass(frozen=True, slots=True)
class Vectorizer:
    """A fitted ``TfidfVectorizer`` reduced to its vocabulary and IDF weights."""

    analyzer: Analyzer
    ngram_range: tuple[int, int]
    vocabulary: Mapping[str, int]
    idf: FloatArray

    def analyse(self, text: str) -> list[str]:
        low, high = self.ngram_range
        if self.analyzer == "char_wb":
            return char_wb_ngrams(text, low, high)
        return word_ngrams(text, low, high)

    def row(self, text: str) -> SparseRow:
        """``transform([text])`` as (indices, values), indices ascending like scikit-learn's."""
        vocabulary = self.vocabulary
        counts = Counter(i for g in self.analyse(text) if (i := vocabulary.get(g)) is not None)
        if not counts:
            return SparseRow(np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32))
        indices = np.fromiter(sorted(counts), dtype=np.int64, count=len(counts))
        tf = np.fromiter((counts[int(i)] for i in indices), dtype=np.float32, count=len(counts))
        values = (np.log(tf) + np.float32(1.0)) * self.idf[indices]
        norm = math.sqrt(float(np.dot(values, values)))
        if norm > 0.0:
            values = values / np.float32(norm)
        return SparseRow(indices, values.astype(np.float32, copy=False))


@dataclass(frozen=True, slots=True)
class Featurizer:
    """Character and word blocks side by side (word columns follow the character ones)."""

    char: Vectorizer
    word: Vectorizer

    @property
    def width(self) -> int:
        return len(self.char.vocabulary) + len(self.word.vocabulary)

    def row(self, text: str) -> SparseRow:
        char, word = self.char.row(text), self.word.row(text)
        return SparseRow(
            np.concatenate([char.indices, word.indices + len(self.char.vocabulary)]),
            np.concatenate([char.values, word.values]),
        )


def linear(rows: Sequence[SparseRow], coef_t: FloatArray, intercept: FloatArray) -> FloatArray:
    """``features @ coef_t + intercept`` for sparse rows: one gather and one dot per row."""
    out = np.empty((len(rows), coef_t.shape[1]), dtype=np.float32)
    for n, row in enumerate(rows):
        out[n] = row.values @ coef_t[row.indices] if row.indices.size else 0.0
    result: FloatArray = out + intercept
    return result


def vocabulary_from_lines(blob: bytes) -> dict[str, int]:
    """A vocabulary saved as its terms in column order, one per line (no term holds a newline:
    both analysers split on whitespace first)."""
    if not blob:
        return {}
    return {term: index for index, term in enumerate(blob.decode("utf-8").split("\n"))}


def vocabulary_to_lines(vocabulary: Mapping[str, int]) -> bytes:
    terms = sorted(vocabulary, key=vocabulary.__getitem__)
    if any("\n" in term for term in terms):
        raise ValueError("a vocabulary term holds a newline")
    return "\n".join(terms).encode("utf-8")
