"""Short messages in close languages (issue 14): four or five words of Spanish, Italian or
Portuguese share most character n-grams, so the identifier weighs how common each word is in
each language (``bot.core.word_model``). Wordings written for this test, Brazilian and
European Portuguese, Spanish from Spain and Latin America; none from an evaluation set."""

from __future__ import annotations

import pytest

from bot.core.language import SHIPPED, LanguageChooser, identify
from bot.core.text import normalise
from bot.core.word_model import UNKNOWN_ZIPF, word_log_likelihoods

SHORT = {
    "pt": [
        "tô com a cara torta",
        "dá pra ir pra academia hj?",
        "vc acha que é normal isso?",
        "tá ardendo muito",
        "to com a testa dura",
        "respiro bem, posso correr?",
        "posso conduzir logo?",
        "sinto-me meio tonta",
        "custa-me a mastigar",
        "posso tomar dipirona?",
        "está a latejar aqui",
    ],
    "es": [
        "me escuece un montón",
        "puedo salir a correr?",
        "me sale un granito",
        "ando medio mareada",
        "me noto la frente tirante",
        "me tira la frente",
        "se me durmió el labio",
    ],
    "it": [
        "mi pizzica tanto",
        "ho la voce rauca",
        "mi sento fiacca",
        "posso correre domani?",
        "mi brucia un po",
    ],
}


@pytest.mark.parametrize(
    ("language", "text"), [(lang, text) for lang, texts in SHORT.items() for text in texts]
)
def test_a_short_message_is_placed_in_its_language(language: str, text: str) -> None:
    guess = identify(text)
    assert guess is not None and guess.clear and guess.language == language, guess


def test_words_every_language_writes_do_not_make_a_guess_clear() -> None:
    """A loan word ("sauna ok?") is a little commoner in German than elsewhere: not enough to
    answer an English clinic's patient in German. Three words whose frequencies differ as
    little ("mi pulsa qui") are ranked Italian first, but stay unsure too: the patient's
    language or the clinic's decides."""
    sauna = identify("sauna ok?")
    assert sauna is None or not sauna.clear, sauna
    pulsa = identify("mi pulsa qui")
    assert pulsa is not None and pulsa.language == "it" and not pulsa.clear, pulsa


def test_longer_and_other_language_messages_keep_their_language() -> None:
    assert identify("Darf ich heute Abend ins Fitnessstudio gehen?").language == "de"  # type: ignore[union-attr]
    assert identify("est-ce que je peux me maquiller ce soir").language == "fr"  # type: ignore[union-attr]
    assert identify("can i go for a run tonight").language == "en"  # type: ignore[union-attr]


def test_a_word_only_one_language_writes_weighs_for_it() -> None:
    scores = word_log_likelihoods(["pra", "academia"], SHIPPED)
    assert max(scores, key=lambda lang: scores[lang]) == "pt"
    unknown = word_log_likelihoods(["zzqxv"], SHIPPED)
    assert set(unknown.values()) == {UNKNOWN_ZIPF}  # unknown everywhere: no evidence


def test_only_the_clinics_languages_are_weighed() -> None:
    chooser = LanguageChooser(["en", "es"])
    assert chooser.of_message("posso ir pra academia?") in {None, "es", "en"}
    assert chooser.choose("posso ir pra academia?", None, None) in {"es", "en"}


wordfreq = pytest.importorskip("wordfreq")  # a dev dependency: scripts/build-word-frequencies


def test_the_packaged_table_reads_words_as_wordfreq_does() -> None:
    for language in ("es", "it", "pt"):
        for word in list(wordfreq.get_frequency_dict(language, wordlist="large"))[:2000:7]:
            folded = normalise(word).split()
            if len(folded) != 1 or folded[0] != word:
                continue  # folded forms keep the most frequent spelling's figure
            expected = wordfreq.zipf_frequency(word, language, wordlist="large")
            got = word_log_likelihoods(folded, [language])[language]
            assert got == pytest.approx(max(expected, UNKNOWN_ZIPF), abs=0.051), word
