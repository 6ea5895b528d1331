"""Patients in their own language, end to end: the real Application against the fake Bot
API on 127.0.0.1, with a real SQLite file (issue 14)."""

from __future__ import annotations

from bot.core.responder import Responder
from bot.tg.app import COMMANDS
from tests.fakes import FakeBotApi
from tests.telegram_harness import running_bot


def labels(call: object) -> list[str]:
    markup = call.params.get("reply_markup") or {}  # type: ignore[attr-defined]
    return [button["text"] for row in markup.get("inline_keyboard", []) for button in row]


async def test_a_spanish_phone_gets_spanish_menus_and_answers(
    fake: FakeBotApi, responder: Responder
) -> None:
    async with running_bot(fake, responder):
        await fake.wait_for("setMyCommands", count=7)  # the default menu, then six languages
        fake.push_update(fake.command("start", chat_id=31, language_code="es"))
        fake.push_update(fake.command("topics", chat_id=31, language_code="es"))
        fake.push_update(
            fake.text_message("¿cuándo puedo ir al gimnasio?", chat_id=31, language_code="es")
        )
        welcome, topics, answer = await fake.wait_for("sendMessage", count=3)
    spanish = fake.commands(language_code="es")
    assert [c["command"] for c in spanish] == list(COMMANDS)
    assert spanish[0]["description"] == "Bienvenida y qué puedo hacer"
    assert {c["command"]: c["description"] for c in spanish}["language"] == (
        "Elegir el idioma de las respuestas"
    )
    assert fake.commands()[0]["description"] == "Welcome and what I can do"  # the default
    assert welcome.params["text"].startswith("Hola, soy Aftercare Assistant")
    assert "Sobre el tratamiento" in labels(topics)
    assert "24 horas" in answer.params["text"]
    assert labels(answer)[:2] == ["👍 Me ha servido", "👎 No me ha servido"]


async def test_a_german_message_to_an_english_first_clinic_is_answered_in_german(
    fake: FakeBotApi, responder: Responder
) -> None:
    assert responder.knowledge.languages[0] == "en"
    async with running_bot(fake, responder):
        fake.push_update(fake.text_message("Darf ich heute Abend Alkohol trinken?", chat_id=32))
        fake.push_update(fake.text_message("Mein Augenlid hängt seit gestern", chat_id=32))
        answer, escalation = await fake.wait_for("sendMessage", count=2)
    assert "Alkohol" in answer.params["text"] and "24 Stunden" in answer.params["text"]
    assert labels(answer)[:2] == ["👍 Hilfreich", "👎 Nicht hilfreich"]
    assert "Bitte melden Sie sich noch heute" in escalation.params["text"]


async def test_language_lets_the_patient_choose_and_it_sticks(
    fake: FakeBotApi, responder: Responder
) -> None:
    async with running_bot(fake, responder):
        fake.push_update(fake.command("language", chat_id=33, user_id=33, language_code="en"))
        (offer,) = await fake.wait_for("sendMessage")
        assert labels(offer) == [
            "English",
            "Español",
            "Deutsch",
            "Français",
            "Italiano",
            "Português",
        ]
        fake.push_update(fake.callback_query("lg:it", chat_id=33, user_id=33))
        fake.push_update(fake.text_message("ok", chat_id=33, user_id=33, language_code="en"))
        fake.push_update(fake.command("help", chat_id=33, user_id=33, language_code="en"))
        _, confirmed, short, help_text = await fake.wait_for("sendMessage", count=4)
    assert offer.params["text"].startswith("Which language should I answer in?")
    assert confirmed.params["text"].startswith("D'ora in poi Le risponderò in italiano")
    assert short.params["text"] == responder.respond("ok", language="it").html
    assert help_text.params["text"].startswith("Scriva la Sua domanda")


async def test_the_treatment_questions_are_asked_in_the_patients_language(
    fake: FakeBotApi, responder: Responder
) -> None:
    async with running_bot(fake, responder):
        fake.push_update(fake.command("treated", chat_id=34, user_id=34, language_code="de"))
        (ask,) = await fake.wait_for("sendMessage")
    german = responder.knowledge.messages_for("de").journey
    assert ask.params["text"] == german.treated_ask
    assert labels(ask)[:2] == [german.labels.today, german.labels.yesterday]
