"""Each language's grammar, as triage reads it (``bot/core/triage/context.py``)."""

from __future__ import annotations

from bot.core.knowledge import RedFlag
from bot.core.responder import Responder
from bot.core.text import normalise, split_clauses, stem
from bot.core.triage.context import rules_for
from bot.core.triage.detector import TriageDetector, is_someone_elses_past


def flag(language: str, *phrasings: str) -> RedFlag:
    return RedFlag(
        id="U9_test",
        level="urgent",
        name={"en": "a test sign", language: "ein Testzeichen"},
        phrasings={"en": ["test sign"], language: list(phrasings)},
        message={"en": "Test.", language: "Test."},
    )


def test_german_words_english_would_drop_are_part_of_german_phrasings() -> None:
    detector = TriageDetector([flag("de", "so schlimm am Auge", "Druck im Hals")])
    assert detector.assess("es ist so schlimm am Auge seit heute").escalates
    assert detector.assess("ich habe Druck im Hals").escalates
    assert not detector.assess("ich habe keinen Druck im Hals").escalates


def test_portuguese_no_is_in_the_and_mais_is_more() -> None:
    assert "no" not in rules_for("pt").negations
    assert "no" in rules_for("es").negations
    assert split_clauses("cada vez mais inchado e dor", "pt") == ["cada vez mais inchado e dor"]
    assert split_clauses("ça gonfle mais pas de fièvre", "fr") == ["ça gonfle", "pas de fièvre"]


def test_italian_and_portuguese_negations_and_cues() -> None:
    italian, portuguese = rules_for("it"), rules_for("pt")
    assert {"non", "senza", "nessun", "mai"} <= italian.negations
    assert {"nao", "sem", "nem", "nenhum"} <= portuguese.negations
    assert italian.hypothetical.search("e se mi cade la palpebra")
    assert portuguese.hypothetical.search("tenho medo que a palpebra caia")
    assert rules_for("es").hypothetical.search("me da miedo que se me caiga")
    assert rules_for("fr").hypothetical.search("c est quoi les signes d une paupiere")
    assert rules_for("de").hypothetical.search("was passiert wenn mein lid hangt")
    assert italian.asks_if_normal.search("e normale avere la palpebra calata")


def test_german_kann_without_a_subject_is_a_report() -> None:
    german = rules_for("de")
    assert not german.question_start.match("kann kaum schlucken")
    assert german.question_start.match("kann man davon schlucken")


def test_italian_elision_separates_words_and_stemmers_exist() -> None:
    assert normalise("esce pus dall'occhio") == "esce pus dall occhio"
    assert normalise("I can't swallow") == "i cant swallow"  # English contractions join
    assert stem("gonfiando", "it") != "gonfiando"
    assert stem("inchando", "pt") != "inchando"


def test_english_suppose_say_and_hypothetically_ask_rather_than_report() -> None:
    detector = TriageDetector([flag("en", "bad headache")])
    assert not detector.assess("suppose i get a bad headache, who do i ring").escalates
    assert not detector.assess("say i get a bad headache tonight, then what").escalates
    assert not detector.assess("hypothetically a bad headache on day 3 means what").escalates
    assert detector.assess("say what, i have a bad headache since this morning").escalates


def test_having_the_treatment_is_not_a_third_partys_past_symptom() -> None:
    """ "my dad had his botox on friday and he's wheezing": the past verb dates the
    treatment, the symptom is now; a symptom told in the past is still a story."""
    now = {
        "en": "my dad had his botox on friday and hes wheezing",
        "de": "meine schwester hatte am montag botox und sie kriegt schlecht luft",
        "fr": "ma soeur a fait des injections lundi et elle respire mal",
    }
    for language, text in now.items():
        assert not is_someone_elses_past(text, rules_for(language)), text
    stories = {
        "en": "my aunt had her forehead done and her brow drooped",
        "de": "meine tante hatte botox und das lid hing",
        "fr": "ma tante a eu du botox et elle avait la paupiere tombante",
    }
    for language, text in stories.items():
        assert is_someone_elses_past(text, rules_for(language)), text


def test_a_relatives_symptom_now_escalates_after_their_treatment(responder: Responder) -> None:
    for message in (
        "my dad had his botox on friday and hes wheezing, can barely breathe",
        "my partner got her lips done on monday and shes struggling to swallow",
        "meine schwester hatte am montag botox und sie bekommt kaum luft",
        "ma soeur a eu du botox lundi et elle a du mal a avaler",
    ):
        assert responder.assess(message).level == "emergency", message
