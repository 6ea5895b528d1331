"""The core's one function per event: each returns the Outcome the edge must carry out."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.core.clock import ClinicClock
from bot.core.conversation import (
    AlertDraft,
    Caption,
    CheckinAnswered,
    Conversation,
    EventRecord,
    PatientState,
    Privacy,
    StateChange,
    TopicChosen,
    TypedDate,
    TypedQuestion,
)
from bot.core.journey import Treatment
from bot.core.responder import Responder

NOW = datetime(2026, 11, 23, 11, tzinfo=UTC)  # a Monday morning in London
TREATED_TODAY = PatientState(treatment=Treatment(date(2026, 11, 23)))


def test_a_typed_question_is_answered_and_recorded(conversation: Conversation) -> None:
    outcome = conversation.handle(
        TypedQuestion("can I go to the gym tonight?"), PatientState(), NOW
    )
    assert outcome.reply is not None and outcome.reply.kind == "answer"
    assert outcome.record is not None and outcome.record.kind == "answer"
    assert outcome.record.text is None  # no message text unless the clinic keeps it
    assert outcome.alert is None and outcome.change is not None
    assert outcome.change.treated_on is None  # nothing about the treatment was said
    assert outcome.change.dialogue is not None  # the topic is remembered, not the text
    assert outcome.change.dialogue.topics == ("exercise_gym",)


def test_a_red_flag_with_an_faq_question_gets_the_escalation_and_an_alert(
    conversation: Conversation,
) -> None:
    text = "can I go to the gym? also my throat is closing up and I can't swallow"
    outcome = conversation.handle(TypedQuestion(text), TREATED_TODAY, NOW)
    assert outcome.reply is not None and outcome.reply.kind == "escalation"
    assert isinstance(outcome.alert, AlertDraft)
    assert outcome.alert.level == "emergency"
    assert outcome.alert.days_since_treatment == 0
    assert outcome.alert.message_text is None
    assert outcome.record == EventRecord(
        kind="escalation",
        level="emergency",
        topic=outcome.reply.topic,
        score=outcome.reply.score,
    )


def test_the_clinic_can_keep_texts_in_statistics_and_alerts(responder: Responder) -> None:
    keep = Conversation(
        responder,
        ClinicClock.for_clinic(responder.knowledge.clinic),
        Privacy(store_message_text=True, alert_include_message_text=True),
    )
    outcome = keep.handle(TypedQuestion("I can't swallow"), PatientState(), NOW)
    assert outcome.alert is not None and outcome.alert.message_text == "I can't swallow"
    assert outcome.record is not None and outcome.record.text == "I can't swallow"


def test_a_fallback_is_recorded_as_unanswered(conversation: Conversation) -> None:
    outcome = conversation.handle(TypedQuestion("what's the capital of peru"), PatientState(), NOW)
    assert outcome.record is not None and outcome.record.unanswered


def test_a_flood_warns_once_but_still_escalates(conversation: Conversation) -> None:
    warn = conversation.handle(TypedQuestion("hello", flood="warn"), PatientState(), NOW)
    assert [r.kind for r in warn.replies] == ["notice"] and warn.record is None
    quiet = conversation.handle(TypedQuestion("hello", flood="quiet"), PatientState(), NOW)
    assert quiet.replies == () and quiet.record is None
    red = conversation.handle(TypedQuestion("I can't breathe", flood="quiet"), PatientState(), NOW)
    assert red.reply is not None and red.reply.kind == "escalation" and red.alert is not None


def test_a_topic_chosen_by_button_gets_the_timeline_note_like_a_typed_question(
    conversation: Conversation, responder: Responder
) -> None:
    typed = conversation.handle(TypedQuestion("can I go to the gym tonight?"), TREATED_TODAY, NOW)
    assert typed.reply is not None and typed.reply.topic is not None
    tapped = conversation.handle(TopicChosen(typed.reply.topic), TREATED_TODAY, NOW)
    assert tapped.reply is not None
    assert tapped.reply.text == typed.reply.text
    general = responder.renderer.answer(typed.reply.topic, None)
    assert tapped.reply.text != general.text  # the patient's own timeline is in it
    assert tapped.alert is None and tapped.record is None


def test_an_unknown_topic_button_gets_nothing(conversation: Conversation) -> None:
    assert conversation.handle(TopicChosen("no_such_entry"), PatientState(), NOW).replies == ()


def test_a_photo_without_caption_gets_the_cannot_assess_reply(conversation: Conversation) -> None:
    outcome = conversation.handle(Caption("photo"), PatientState(), NOW)
    assert [r.kind for r in outcome.replies] == ["fallback"]
    assert outcome.record is None and outcome.alert is None


def test_a_red_flag_caption_escalates_first_then_says_photos_cannot_be_assessed(
    conversation: Conversation,
) -> None:
    outcome = conversation.handle(Caption("photo", "my throat is closing up"), PatientState(), NOW)
    assert [r.kind for r in outcome.replies] == ["escalation", "fallback"]
    assert outcome.alert is not None and outcome.record is not None


def test_a_question_caption_is_answered_after_the_photo_reply(conversation: Conversation) -> None:
    event = Caption("photo", "can I go to the gym tonight?")
    outcome = conversation.handle(event, PatientState(), NOW)
    assert [r.kind for r in outcome.replies] == ["fallback", "answer"]
    assert outcome.record is None


def test_a_typed_date_changes_the_treatment(conversation: Conversation) -> None:
    outcome = conversation.handle(TypedDate("20/11/2026"), PatientState(), NOW)
    assert outcome.change == StateChange(treated_on=date(2026, 11, 20), awaiting_date=False)
    american = conversation.handle(TypedDate("11/20/2026", month_first=True), PatientState(), NOW)
    assert american.change is not None and american.change.treated_on == date(2026, 11, 20)


def test_an_unreadable_short_date_asks_again(conversation: Conversation) -> None:
    outcome = conversation.handle(TypedDate("last thurs"), PatientState(), NOW)
    assert outcome.handled and [r.kind for r in outcome.replies] == ["notice"]
    assert "20/11/2026" in outcome.replies[0].text


@pytest.mark.parametrize("text", ["I can't breathe", "is it normal to have a headache after it"])
def test_a_red_flag_or_a_question_is_never_taken_for_a_date(
    conversation: Conversation, text: str
) -> None:
    assert not conversation.handle(TypedDate(text), PatientState(), NOW).handled


@pytest.mark.parametrize("answer", ["ok", "q", "wrong"])
def test_a_checkin_answer_is_thanked_and_counted(conversation: Conversation, answer: str) -> None:
    outcome = conversation.handle(CheckinAnswered(answer), PatientState(), NOW)
    assert [r.kind for r in outcome.replies] == ["notice"]
    assert outcome.record == EventRecord(kind="checkin_response", topic=answer)
