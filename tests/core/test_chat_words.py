"""Chat spellings and regional words are spelled out per language, in one step that the triage
rules and the FAQ matcher both read through (issue 14); English is never rewritten there.

Wordings are our own, none from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.core.chat_words import normalise_in, spell_out
from bot.core.matching import content_words


@pytest.mark.parametrize(
    ("language", "typed", "spelled"),
    [
        ("it", "Nn riesco, xké cmq mi fa male", "non riesco perche comunque mi fa male"),
        ("pt", "vc acha q tb é normal? n sei", "voce acha que tambem e normal nao sei"),
        ("es", "q hago xq tmb me duele", "que hago porque tambien me duele"),
        ("fr", "jsp pk jai mal stp", "je sais pas pourquoi j ai mal s il te plait"),
        ("de", "isses normal dass es grad weh tut", "ist es normal dass es gerade weh tut"),
    ],
)
def test_a_languages_chat_spellings_are_its_full_words(
    language: str, typed: str, spelled: str
) -> None:
    assert normalise_in(typed, language) == spelled


@pytest.mark.parametrize(
    ("language", "typed", "spelled"),
    [
        ("pt", "tenho um roxo na testa", "tenho um hematoma na testa"),
        ("es", "me salio un moraton", "me salio un moreton"),
        ("de", "mini mueter cha nut meh schlucke", "meine mutter kann nichts mehr schlucke"),
    ],
)
def test_regional_words_for_a_sign_are_the_word_the_phrasings_use(
    language: str, typed: str, spelled: str
) -> None:
    assert normalise_in(typed, language) == spelled


def test_the_same_letters_are_each_languages_own_word() -> None:
    assert spell_out("pq", "es") == "porque"
    assert spell_out("pq", "fr") == "pourquoi"
    assert spell_out("n", "pt") == "nao"


def test_english_and_unknown_languages_are_left_alone() -> None:
    assert normalise_in("rock n roll q and a", "en") == "rock n roll q and a"
    assert spell_out("nn tb", "ru") == "nn tb"


def test_a_unit_after_a_number_stays_a_unit() -> None:
    assert spell_out("39 grad fieber", "de") == "39 grad fieber"
    assert spell_out("bin grad aufgewacht", "de") == "bin gerade aufgewacht"
    assert spell_out("une bosse de 5 mm", "fr") == "une bosse de 5 mm"


def test_the_faq_matcher_reads_the_spelled_out_words() -> None:
    words = [word for word, _ in content_words("posso bere alcol xke ho una festa", "it")]
    assert "xke" not in words


@pytest.mark.parametrize(
    ("language", "typed", "spelled"),
    [
        ("pt", "tenho uma nódoa negra na testa", "tenho uma hematoma na testa"),
        ("de", "ein blauer Fleck an der Stirn", "ein bluterguss an der stirn"),
        ("de", "zwei blaue Flecken", "zwei blutergusse"),
        ("es", "me salio un ojo morado", "me salio un moreton en el ojo"),
        ("it", "ho un occhio nero", "ho un livido all occhio"),
    ],
)
def test_a_regional_name_of_two_words_is_read_as_one_unit(
    language: str, typed: str, spelled: str
) -> None:
    assert normalise_in(typed, language) == spelled


def test_the_longest_unit_wins_over_its_single_word() -> None:
    """A bruise is "roxo" alone; "lábios roxos" are lips short of air."""
    assert spell_out("um roxo no braco", "pt") == "um hematoma no braco"
    assert spell_out("labios roxos", "pt") == "labios azulados"
    assert spell_out("labios morados", "es") == "labios azulados"
