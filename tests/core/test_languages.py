"""Patients are answered in their own language: every shipped language answers, escalates
and reads negation, hypotheticals and idioms with its own grammar (issue 14).

The per-language figures come from tests/data/lang_dev_<code>.jsonl (written for this work,
worded unlike the phrasings); reproduce with ``aftercare-bot eval tests/data/lang_dev_es.jsonl``.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from bot.core.clock import ClinicClock
from bot.core.conversation import Conversation, PatientState, Privacy, TopicChosen, TypedQuestion
from bot.core.evaluation import Example, evaluate_languages, load_examples, miss_table
from bot.core.knowledge import Knowledge
from bot.core.language import LanguageChooser, telegram_language
from bot.core.responder import Responder
from tests.conftest import DATA

NOW = datetime(2026, 11, 23, 11, tzinfo=UTC)  # a Monday morning: the clinic is open

# An ordinary question per language, the entry it asks for, and a word of the answer.
QUESTIONS = [
    ("es", "¿Puedo tomar alcohol esta noche?", "alcohol", "alcohol"),
    ("de", "Darf ich heute Abend Alkohol trinken?", "alcohol", "Alkohol"),
    ("fr", "Je peux m'allonger ce soir ?", "stay_upright_lying_down", "heures"),
    ("it", "quando posso tornare in palestra", "exercise_gym", "palestra"),
    ("pt", "Posso beber álcool hoje à noite?", "alcohol", "álcool"),
    ("en", "can i go to the gym tonight?", "exercise_gym", "24 hours"),
]

# A red flag per language, its level, and the first line of the reply in that language.
RED_FLAGS = [
    ("es", "no puedo tragar bien desde ayer", "emergency", "Llame al 999 ahora."),
    ("de", "kann kaum schlucken", "emergency", "Rufen Sie jetzt die 999 an."),
    ("fr", "j'ai du mal à respirer", "emergency", "Appelez le 999 maintenant."),
    ("it", "ho un forte dolore al petto", "emergency", None),
    ("pt", "estou com uma dor forte no peito", "emergency", None),
    ("de", "Mein Augenlid hängt seit gestern", "urgent", None),
    ("it", "mi è calata la palpebra sinistra", "urgent", None),
    ("pt", "está saindo pus de um dos pontos", "urgent", None),
]

# Context the rules must read in each language's own grammar.
NOT_ESCALATED = [
    "me muero de sueño",  # Spanish idiom: "I'm dying of sleepiness"
    "no me cuesta respirar, puedo ir al gym?",  # negation
    "non ho la lingua gonfia",  # Italian negation
    "niente febbre e niente pus, solo un po' rosso",
    "sem febre nem pus, só um pouco vermelho",  # Portuguese negation
    "c'est quoi les signes d'une paupière qui tombe ?",  # a question about a sign
    "e se mi si gonfia la lingua?",  # Italian hypothetical
    "me da miedo que se me caiga el párpado",  # a worry, not a report
    "tenho medo que a pálpebra caia",
    "was passiert wenn mein Lid hängt?",
    "a dor no ponto está cada vez mais fraca",  # the pain is getting weaker
    "je meurs d'envie de voir le résultat",
]
ESCALATED = [
    ("dor no peito", "emergency"),  # Portuguese "no" is "in the", not a negation
    ("kann kaum schlucken", "emergency"),  # German without "ich" is a report, not a question
    ("cada vez mais inchado, mas sem febre", "urgent"),  # "mais" is "more", not French "but"
    ("esce del pus dall'occhio", "urgent"),  # elision: "dall'occhio" is two words
    ("è normale avere la palpebra calata?", "urgent"),  # asking if normal reports it
    ("tengo los brazos y las piernas sin fuerza", "emergency"),  # "sin" is part of it here
]


@pytest.mark.parametrize(("language", "text", "topic", "word"), QUESTIONS)
def test_an_ordinary_question_is_answered_in_its_language(
    responder: Responder, language: str, text: str, topic: str, word: str
) -> None:
    reply = responder.respond(text, now=NOW)
    assert (reply.kind, reply.topic, reply.language) == ("answer", topic, language)
    assert word in reply.text
    assert "020 7946 0000" in reply.text  # signed with the clinic, in every language


@pytest.mark.parametrize(("language", "text", "level", "first_line"), RED_FLAGS)
def test_a_red_flag_is_escalated_in_its_language(
    responder: Responder, language: str, text: str, level: str, first_line: str | None
) -> None:
    reply = responder.respond(text, now=NOW)
    assert (reply.kind, reply.level, reply.language) == ("escalation", level, language)
    action = responder.knowledge.messages_for(language)
    expected = (
        action.emergency_action[language] if level == "emergency" else action.urgent_action
    ).replace("{emergency_number}", "999")
    assert reply.text.splitlines()[0] == (first_line or expected.strip())
    if level == "emergency":
        # English may follow the patient's language, never replace it.
        assert "Call 999 now." in reply.text
        assert reply.text.index("Call 999 now.") > 0


@pytest.mark.parametrize("text", NOT_ESCALATED)
def test_context_is_read_in_each_language(responder: Responder, text: str) -> None:
    assert responder.respond(text, now=NOW).kind != "escalation"


@pytest.mark.parametrize(("text", "level"), ESCALATED)
def test_words_other_languages_treat_as_context_do_not_hide_a_report(
    responder: Responder, text: str, level: str
) -> None:
    reply = responder.respond(text, now=NOW)
    assert reply.kind == "escalation"
    assert reply.level == level or reply.level == "emergency"


def test_a_negated_symptom_still_gets_its_question_answered(responder: Responder) -> None:
    reply = responder.respond("no me cuesta respirar, puedo ir al gym?", now=NOW)
    assert (reply.kind, reply.topic, reply.language) == ("answer", "exercise_gym", "es")


@pytest.mark.parametrize("language", ["es", "de", "fr", "it", "pt"])
def test_dev_set_meets_the_targets(responder: Responder, language: str) -> None:
    (report,) = evaluate_languages(responder, load_examples(DATA / f"lang_dev_{language}.jsonl"))
    print(f"\nLanguage {language} (tests/data/lang_dev_{language}.jsonl)")
    print("\n".join(report.lines()))
    print("\n".join(miss_table(report.misses)))
    assert report.triage.emergency_recall >= 0.98
    assert report.triage.urgent_recall >= 0.95
    assert report.triage.false_escalation_rate <= 0.03
    assert report.answered_rate >= 0.80


def test_the_report_counts_out_of_scope_answers_and_clarify_prompts(
    responder: Responder,
) -> None:
    examples = [
        Example("can i go to the gym tonight?", "exercise_gym", lang="en"),
        Example("whats the capital of peru", "fallback", lang="en"),
        Example("hello", "smalltalk", lang="en"),
    ]
    (report,) = evaluate_languages(responder, examples)
    assert (report.out_of_scope, report.out_of_scope_answered) == (1, 0)
    assert (report.topic_items, report.clarified) == (1, 0)
    assert any(line.startswith("out of scope wrongly answered") for line in report.lines())
    # A question the bot answers, labelled out of scope, is counted as wrongly answered.
    (wrong,) = evaluate_languages(
        responder, [Example("can i go to the gym tonight?", "fallback", lang="en")]
    )
    assert wrong.out_of_scope_answered == 1


# ---- which language -----------------------------------------------------------------------


def test_the_message_language_wins_when_clear_then_choice_then_telegram_then_clinic() -> None:
    chooser = LanguageChooser(["en", "es", "de", "fr", "it", "pt"])
    assert chooser.choose("Darf ich heute Abend Alkohol trinken?", "es", "fr") == "de"
    assert chooser.choose("ok", "es", "fr") == "es"  # not clear: the patient's choice
    assert chooser.choose("ok", None, "fr-CA") == "fr"  # then Telegram's language code
    assert chooser.choose("ok", None, None) == "en"  # then the clinic's first language
    assert chooser.choose("ok", None, "nl") == "en"  # a language the clinic does not offer


def test_only_enabled_languages_are_chosen() -> None:
    chooser = LanguageChooser(["de", "en"])
    assert chooser.choose("¿Puedo tomar alcohol esta noche?") in {"de", "en"}
    assert chooser.choose("ok") == "de"  # the clinic's own language first
    assert chooser.preferred(chosen="es", telegram="es") == "de"


def test_telegram_language_codes_are_read_as_two_letters() -> None:
    assert telegram_language("pt-br") == "pt"
    assert telegram_language("EN_gb") == "en"
    assert telegram_language("") is None and telegram_language("x") is None


def test_an_english_only_clinic_still_escalates_in_the_patients_language(
    knowledge: Knowledge,
) -> None:
    clinic = knowledge.clinic.model_copy(update={"languages": ["en"]})
    english_only = Responder(dataclasses.replace(knowledge, clinic=clinic))
    reply = english_only.respond("no puedo respirar", now=NOW)
    assert reply.level == "emergency"
    assert reply.text.startswith("Llame al 999 ahora.")  # what the patient can read first
    assert "Call 999 now." in reply.text
    answer = english_only.respond("¿Puedo tomar alcohol esta noche?", now=NOW)
    assert answer.language == "en"  # answers only in languages the clinic enabled


# ---- the conversation carries the language --------------------------------------------------


@pytest.fixture(scope="module")
def conversation(responder: Responder) -> Conversation:
    clinic = responder.knowledge.clinic
    return Conversation(responder, ClinicClock.for_clinic(clinic, None), Privacy())


def test_a_short_message_is_answered_in_the_patients_chosen_language(
    conversation: Conversation,
) -> None:
    outcome = conversation.handle(TypedQuestion("ok"), PatientState(language="de"), NOW)
    assert outcome.language == "de"
    assert all(reply.language == "de" for reply in outcome.replies)


def test_a_button_topic_is_answered_in_telegrams_language(conversation: Conversation) -> None:
    state = PatientState(telegram_language="pt-BR")
    outcome = conversation.handle(TopicChosen("alcohol"), state, NOW)
    (reply,) = outcome.replies
    assert (reply.language, reply.topic) == ("pt", "alcohol")
    assert reply.text.startswith(
        conversation.responder.knowledge.entry_text("alcohol", "pt").answer[:30]
    )


def test_a_clear_message_beats_the_stored_choice(conversation: Conversation) -> None:
    state = PatientState(language="de")
    outcome = conversation.handle(TypedQuestion("¿cuándo puedo ir al gimnasio?"), state, NOW)
    assert outcome.language == "es"
    assert outcome.replies[0].topic == "exercise_gym"


def test_timing_notes_speak_the_patients_language(responder: Responder) -> None:
    from bot.core.journey import Treatment

    treatment = Treatment(NOW.date())
    reply = responder.respond(
        "¿Puedo tomar alcohol esta noche?", now=NOW, treatment=treatment, language="es"
    )
    assert "24 horas" in reply.text and "hours" not in reply.text


def test_a_photo_is_answered_in_the_patients_language(conversation: Conversation) -> None:
    from bot.core.conversation import Caption

    outcome = conversation.handle(Caption("photo"), PatientState(telegram_language="fr"), NOW)
    (reply,) = outcome.replies
    assert reply.language == "fr"
    assert reply.text.startswith(
        conversation.responder.knowledge.messages_for("fr").non_text["photo"][:20]
    )
