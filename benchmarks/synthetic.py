"""Synthetic FAQs of any size, grown from the shipped phrasings' vocabulary with a seed.

A big FAQ is not the shipped one copied many times: a clinic with 50,000 phrasings would
use many more distinct words, and the matcher's costs (vocabulary look-ups, typo search,
posting lists) grow with the vocabulary. So the generator follows the two laws real text
follows, fitted on the shipped phrasings:

* **Heaps' law** — the vocabulary of ``n`` content tokens is about ``K * n**beta``. While
  generating, a new word is coined with probability ``dV/dn = K * beta * n**(beta - 1)``;
* **Zipf's law** — otherwise a word is copied from a random earlier token (Simon's model),
  so frequent words stay frequent.

New words are recombined from two shipped words ("swel" + "ding"), so they look like the
vocabulary they extend. Each synthetic entry takes a shipped entry as its template, keeps
the function words and about half its content words, and carries two topic words of its
own (also its keywords), so entries stay distinguishable. Same seed, same FAQ.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.core.knowledge import FaqEntry

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")

#: A word in at least this share of the shipped entries is a function word and is kept.
FUNCTION_WORD_SHARE = 0.2
#: Chance that a template content word is replaced by a drawn one.
REPLACE_SHARE = 0.5
#: Chance that a phrasing carries one of its entry's topic words.
TOPIC_SHARE = 0.7
DEFAULT_SEED = 20_241_124


@dataclass(frozen=True, slots=True)
class HeapsLaw:
    """``V(n) = k * n**beta``: distinct content words after ``n`` content tokens."""

    k: float
    beta: float

    def vocabulary(self, tokens: float) -> float:
        return float(self.k * tokens**self.beta)

    def new_word_chance(self, tokens: float) -> float:
        return float(min(1.0, self.k * self.beta * max(tokens, 1.0) ** (self.beta - 1)))


@dataclass(frozen=True, slots=True)
class SyntheticFaq:
    entries: tuple[FaqEntry, ...]
    phrasings: int
    distinct_words: int
    heaps: HeapsLaw

    def raw_phrasings(self) -> list[str]:
        return [q for entry in self.entries for q in (entry.title, *entry.questions)]


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def function_words(entries: Sequence[FaqEntry]) -> frozenset[str]:
    """Words so common across entries that they carry no topic ("can", "after", "botox")."""
    frequency: Counter[str] = Counter()
    for entry in entries:
        frequency.update({w for q in entry.questions for w in words(q)})
    cutoff = FUNCTION_WORD_SHARE * len(entries)
    return frozenset(w for w, n in frequency.items() if n >= cutoff)


def fit_heaps(token_stream: Sequence[str]) -> HeapsLaw:
    """Least-squares fit of ``log V = log k + beta log n`` along the token stream."""
    seen: set[str] = set()
    points: list[tuple[float, float]] = []
    for n, token in enumerate(token_stream, start=1):
        seen.add(token)
        if n % 25 == 0 or n == len(token_stream):
            points.append((float(n), float(len(seen))))
    xs, ys = np.log([p[0] for p in points]), np.log([p[1] for p in points])
    beta, log_k = np.polyfit(xs, ys, 1)
    return HeapsLaw(k=float(np.exp(log_k)), beta=float(beta))


class _WordSource:
    """Draws content words following Heaps' and Zipf's laws, coining new ones as needed."""

    def __init__(self, history: list[str], heaps: HeapsLaw, rng: random.Random) -> None:
        self.history = list(history)
        self.vocabulary = set(history)
        self.seeds = sorted(w for w in self.vocabulary if len(w) >= 4 and w.isalpha())
        self.heaps = heaps
        self.rng = rng

    def draw(self) -> str:
        if self.rng.random() < self.heaps.new_word_chance(len(self.history)):
            word = self._coin()
            self.vocabulary.add(word)
        else:
            word = self.rng.choice(self.history)
        self.history.append(word)
        return word

    def _coin(self) -> str:
        while True:
            head, tail = self.rng.choice(self.seeds), self.rng.choice(self.seeds)
            word = (
                head[: self.rng.randint(2, len(head) - 1)]
                + tail[self.rng.randint(1, len(tail) - 2) :]
            )
            if len(word) >= 4 and word not in self.vocabulary:
                return word


def synthetic_faq(
    shipped: Sequence[FaqEntry], phrasings: int, seed: int = DEFAULT_SEED
) -> SyntheticFaq:
    """About ``phrasings`` questions (never fewer) in entries shaped like the shipped ones."""
    rng = random.Random(seed)
    common = function_words(shipped)
    stream = [w for entry in shipped for q in entry.questions for w in words(q) if w not in common]
    shuffled = list(stream)
    rng.shuffle(shuffled)
    heaps = fit_heaps(shuffled)
    source = _WordSource(stream, heaps, rng)

    entries: list[FaqEntry] = []
    total = 0
    index = 0
    while total < phrasings:
        template = shipped[index % len(shipped)]
        count = max(6, min(len(template.questions), phrasings - total))
        topic = [source.draw(), source.draw()]
        questions = []
        for n in range(count):
            question = template.questions[n % len(template.questions)]
            tokens = [
                w if w in common or rng.random() >= REPLACE_SHARE else source.draw()
                for w in words(question)
            ]
            content = [i for i, w in enumerate(tokens) if w not in common]
            if content and rng.random() < TOPIC_SHARE:
                tokens[rng.choice(content)] = rng.choice(topic)
            ending = "?" if question.rstrip().endswith("?") else ""
            questions.append(" ".join(tokens) + ending)
        entries.append(
            FaqEntry.model_validate(
                {
                    "id": f"syn_{index:05d}",
                    "category": template.category,
                    "title": " ".join(topic)[:32],
                    "questions": questions,
                    "keywords": topic,
                    "answer": template.answer,
                }
            )
        )
        total += count
        index += 1
    distinct = {w for entry in entries for q in entry.questions for w in words(q)}
    return SyntheticFaq(tuple(entries), total, len(distinct), heaps)
