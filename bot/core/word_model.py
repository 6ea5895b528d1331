"""How common each word of a message is in each shipped language: the identifier's word
evidence for short messages.

py3langid reads character n-grams, which four words of Spanish, Italian or Portuguese often
share ("posso ir pra academia?", "respiro normal, posso correr?", "me sale pus"). Words tell
them apart: "pra" and "tô" are written only in Portuguese, "posso" in Italian and
Portuguese, "correr" in Spanish and Portuguese. A unigram model over wordfreq's frequencies
(``scripts/build-word-frequencies``, packaged as ``data/word_zipf.npz``) scores each
language by how likely its speakers are to write every word of the message.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib.resources import files
from typing import Any

import numpy as np

#: Zipf value of a word a language's list lacks (its lists end about Zipf 2): rare there,
#: not impossible (names, typos, slang).
UNKNOWN_ZIPF = 2.0
#: How much likelier (Zipf, log10) the words must be in one language than in any other to
#: make the identifier surer than it was: a loan word every language writes ("sauna ok?")
#: differs a little in frequency and says little about the writer's language, while words
#: only one language writes ("pra", "duele") differ by several points.
DECISIVE_ZIPF = 1.0


def word_hash(word: str) -> int:
    """A stable 64-bit hash of a folded word (Python's ``hash`` changes between runs)."""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "big")


@lru_cache(maxsize=1)
def _table() -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], dict[str, int]]:
    """The sorted hashes, their Zipf bytes (x 10, one column per language) and the columns."""
    with files("bot.core").joinpath("data/word_zipf.npz").open("rb") as source:
        data = np.load(source, allow_pickle=False)
        hashes, zipf, languages = data["hashes"], data["zipf"], data["languages"]
    return hashes, zipf, {str(language): n for n, language in enumerate(languages)}


def word_log_likelihoods(words: Sequence[str], languages: Sequence[str]) -> Mapping[str, float]:
    """For each of ``languages``, the log10 likelihood (Zipf scale, up to a constant shared by
    every language) that its writers produce ``words`` (folded, as ``normalise`` gives them)."""
    hashes, zipf, columns = _table()
    scores = dict.fromkeys(languages, 0.0)
    for word in words:
        key = np.uint64(word_hash(word))
        found = int(np.searchsorted(hashes, key))
        row = zipf[found] if found < len(hashes) and hashes[found] == key else None
        for language in languages:
            column = columns.get(language)
            value = row[column] / 10.0 if row is not None and column is not None else 0.0
            scores[language] += max(value, UNKNOWN_ZIPF)
    return scores


def posterior(prior: Mapping[str, float], words: Sequence[str]) -> dict[str, float]:
    """The identifier's probabilities (``prior``) times the words' likelihood, normalised."""
    likelihood = word_log_likelihoods(words, list(prior))
    top, runner_up = sorted(likelihood.values(), reverse=True)[:2] if len(prior) > 1 else (0, 0)
    if top - runner_up < DECISIVE_ZIPF:
        # Not decisive: the words may reorder the languages, never raise the first one's share.
        weighed = _weigh(prior, likelihood)
        ceiling = max(prior.values())
        best = max(weighed, key=lambda language: weighed[language])
        return {**weighed, best: min(weighed[best], ceiling)}
    return _weigh(prior, likelihood)


def _weigh(prior: Mapping[str, float], likelihood: Mapping[str, float]) -> dict[str, float]:
    logs = {
        language: math.log(max(p, 1e-12)) + math.log(10) * likelihood[language]
        for language, p in prior.items()
    }
    top = max(logs.values())
    weights = {language: math.exp(value - top) for language, value in logs.items()}
    total = sum(weights.values())
    return {language: weight / total for language, weight in weights.items()}
