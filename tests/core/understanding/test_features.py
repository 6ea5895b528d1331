"""The numpy featuriser the bot serves with gives exactly what scikit-learn gives.

scikit-learn fits the vocabularies at training time; serving reproduces its analysers and
TF-IDF weighting without importing it. These tests hold the two to each other on awkward
text: accents, Cyrillic, emoji, digits, repeated spaces, one-letter words, empty strings.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from bot.core.understanding.features import (
    Featurizer,
    SparseRow,
    Vectorizer,
    char_wb_ngrams,
    linear,
    vocabulary_from_lines,
    vocabulary_to_lines,
    word_ngrams,
)
from bot.core.understanding.training import CHAR_SETTINGS, WORD_SETTINGS, Fitted

TEXTS = [
    "can i go to the gym tonight",
    "Can I go to the GYM tonight??  ",
    "my lips keep getting bigger",
    "i cant   swallow properly since yesterday",
    "je peux boire du vin ce soir ?",
    "kann ich heute abend sport machen",
    "не могу дышать после ботокса",
    "a b c d e f",
    "x",
    "",
    "   ",
    "3.5ml x2 on 12/03 — é à naïve co-op",
    "😰😰 help my throat feels tight 😰",
    "swelling swelling swelling around the eye eye eye",
    "tab\tseparated\nnew line text",
]


@pytest.mark.parametrize("text", TEXTS)
def test_char_wb_ngrams_are_scikit_learns(text: str) -> None:
    analyse = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)).build_analyzer()
    assert char_wb_ngrams(text, 2, 5) == analyse(text)


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("ngram_range", [(1, 1), (1, 2), (2, 3)])
def test_word_ngrams_are_scikit_learns(text: str, ngram_range: tuple[int, int]) -> None:
    analyse = TfidfVectorizer(analyzer="word", ngram_range=ngram_range).build_analyzer()
    assert word_ngrams(text, *ngram_range) == analyse(text)


def _dense(row: SparseRow, width: int) -> np.ndarray:
    out = np.zeros(width, dtype=np.float32)
    out[row.indices] = row.values
    return out


@pytest.mark.parametrize("settings", [CHAR_SETTINGS, WORD_SETTINGS], ids=["char_wb", "word"])
def test_tfidf_rows_equal_scikit_learns_transform(settings: dict[str, object]) -> None:
    fitted = TfidfVectorizer(**{**settings, "min_df": 1}).fit(TEXTS * 2 + ["gym gym tonight"])
    ours = Vectorizer(
        analyzer=fitted.analyzer,
        ngram_range=fitted.ngram_range,
        vocabulary={str(k): int(v) for k, v in fitted.vocabulary_.items()},
        idf=fitted.idf_.astype(np.float32),
    )
    expected = fitted.transform(TEXTS).toarray()
    width = len(fitted.vocabulary_)
    for text, row in zip(TEXTS, expected, strict=True):
        got = ours.row(text)
        assert list(got.indices) == sorted(got.indices)
        np.testing.assert_allclose(_dense(got, width), row, rtol=1e-6, atol=1e-7)


def test_the_combined_features_and_a_linear_head_equal_scikit_learns() -> None:
    fitted = Fitted([*TEXTS, "my lips are swelling up", "can i drink wine tonight"])
    featurizer = fitted.featurizer()
    matrix = fitted.features(TEXTS)
    rng = np.random.default_rng(0)
    coef_t = rng.normal(size=(featurizer.width, 4)).astype(np.float32)
    intercept = rng.normal(size=4).astype(np.float32)
    expected = matrix @ coef_t + intercept
    got = linear([featurizer.row(t) for t in TEXTS], coef_t, intercept)
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)


def test_a_vocabulary_survives_its_line_format() -> None:
    vocabulary = {" ab": 2, "ab ": 0, "не ": 1, "x y": 3}
    assert vocabulary_from_lines(vocabulary_to_lines(vocabulary)) == vocabulary
    assert vocabulary_from_lines(b"") == {}
    with pytest.raises(ValueError):
        vocabulary_to_lines({"a\nb": 0})


def test_unknown_text_has_no_features() -> None:
    featurizer = Featurizer(
        Vectorizer("char_wb", (2, 5), {" a": 0}, np.ones(1, dtype=np.float32)),
        Vectorizer("word", (1, 2), {"gym": 0}, np.ones(1, dtype=np.float32)),
    )
    row = featurizer.row("zzz")
    assert row.indices.size == 0
    assert featurizer.row("gym a").indices.tolist() == [0, 1]
