"""A knowledge edit changes only its own training sentences (issue 12): the red-flag head's
carrier sentences and buried FAQ questions are chosen from each phrasing's own text, and SGD
reads the rows in an order set by their own text, so one phrasing added elsewhere moves no
other phrasing's rows and no other row's place."""

from __future__ import annotations

from collections import Counter

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from bot.core.understanding.corpus import (
    NO_FLAG,
    Corpus,
    Example,
    _red_flag_examples,
    stable_number,
)
from bot.core.understanding.training import CHAR_SETTINGS, WORD_SETTINGS, content_order, train

PHRASINGS = [
    (f"{part} {sign}", "E1_swallowing" if n % 2 else "U4_severe_pain", lang)
    for n, (part, sign, lang) in enumerate(
        [
            ("my throat", "is closing up", "en"),
            ("food", "keeps sticking", "en"),
            ("mi garganta", "se cierra", "es"),
            ("mein hals", "ist zu", "de"),
            ("sharp pain", "over my eye", "en"),
            ("la gorge", "se ferme", "fr"),
            ("dolore forte", "alla fronte", "it"),
            ("dor forte", "na testa", "pt"),
        ]
    )
]
FAQ = [Example(f"can i {verb} after my treatment", "x", "en") for verb in ("run", "fly", "nap")]


def _rows(phrasings: list[tuple[str, str, str]], faq: list[Example]) -> Counter[tuple[str, str]]:
    return Counter((e.text, e.label) for e in _red_flag_examples(phrasings, {}, faq))


def test_a_phrasing_added_first_changes_only_its_own_rows() -> None:
    before = _rows(PHRASINGS, FAQ)
    added = ("my tongue is huge", "E2_allergic_reaction", "en")
    after = _rows([added, *PHRASINGS], FAQ)
    assert not before - after
    assert all("my tongue is huge" in text for text, _ in after - before)


def test_an_faq_question_added_moves_at_most_the_phrasings_next_to_it() -> None:
    before = _rows(PHRASINGS, FAQ)
    after = _rows(PHRASINGS, [Example("is it ok to swim tonight", "x", "en"), *FAQ])
    changed = before - after
    assert all(text.startswith(tuple(q.text for q in FAQ)) for text, _ in changed)
    assert sum(changed.values()) <= len(PHRASINGS) // 2 + 1


def test_the_stable_number_is_the_same_in_every_run() -> None:
    # blake2b, not the salted built-in hash: a retrain on another machine makes the same rows.
    assert stable_number("my throat is closing up") == stable_number("my throat is closing up")
    assert stable_number("a") != stable_number("b")
    assert stable_number("my throat is closing up") == 0x0D90532252860AE7


def test_a_row_added_to_training_takes_one_place_and_moves_no_other() -> None:
    texts = [f"message number {n}" for n in range(50)]
    labels = ["none" if n % 3 else "E1_swallowing" for n in range(50)]
    before = [texts[i] for i in content_order(texts, labels)]
    after_order = content_order(["a new one", *texts], ["none", *labels])
    after = [(["a new one", *texts])[i] for i in after_order]
    assert [t for t in after if t != "a new one"] == before


def _small_corpus(faq: list[Example]) -> Corpus:
    flags = [Example(p, flag, lang) for p, flag, lang in PHRASINGS]
    flags += [Example(e.text, NO_FLAG, e.language) for e in faq]
    return Corpus(tuple(faq), tuple(flags), {}, (), "test")


def test_the_faq_head_does_not_depend_on_where_a_pack_lists_its_rows() -> None:
    # Issue 14: the FAQ head read its rows in SGD's seeded shuffle of the corpus order, so a
    # pack edit (n + 1 rows, or the same rows listed elsewhere) re-drew the whole order and
    # moved unrelated answers. Read in content order, the same rows give the same head.
    topics = ("run", "fly", "nap", "drink", "swim", "wash")
    faq = [
        Example(f"{ask} {verb} {when}", verb, "en")
        for verb in topics
        for ask in ("can i", "is it ok to", "when may i")
        for when in ("tonight", "after my botox", "tomorrow")
    ]
    first = train(_small_corpus(faq), str, str).faq
    again = train(_small_corpus(faq[::-1]), str, str).faq
    assert first.classes == again.classes
    np.testing.assert_array_equal(first.coef_t, again.coef_t)
    np.testing.assert_array_equal(first.intercept, again.intercept)


def test_added_sentences_never_push_other_ngrams_out_of_the_vocabulary() -> None:
    # A top-k cut (max_features) let a few added sentences push n-grams they do not contain
    # out at the cut (ties go alphabetically), re-weighting every message of both heads. Cut
    # by document frequency, an edit only adds n-grams of its own sentences.
    documents = 10_000
    texts = [
        " ".join(f"w{j + m * documents}" for m in range(3) for j in (d - 2, d - 1, d) if j >= 0)
        for d in range(documents)
    ]
    added = ["aardvark abacus", "aardvark abacus again", "aardvark abacus once more"]
    for settings in (WORD_SETTINGS, CHAR_SETTINGS):
        before = TfidfVectorizer(**settings).fit(texts).vocabulary_
        after = TfidfVectorizer(**settings).fit([*texts, *added]).vocabulary_
        assert set(before) <= set(after)
