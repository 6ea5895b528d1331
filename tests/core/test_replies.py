"""Replies carry the clinic's details, escape them, and fit Telegram's limits."""

from __future__ import annotations

import dataclasses

from bot.core.knowledge import Knowledge
from bot.core.replies import TELEGRAM_LIMIT, Renderer, split_for_telegram, to_html


def test_clinic_values_with_html_characters_are_escaped(knowledge: Knowledge) -> None:
    clinic = knowledge.clinic.model_copy(update={"name": "Smith & <Jones>", "phone": "01 <2>"})
    renderer = Renderer(dataclasses.replace(knowledge, clinic=clinic))
    reply = renderer.answer("exercise_gym", 90.0)
    assert "Smith & <Jones>" in reply.text
    assert "Smith &amp; &lt;Jones&gt;" in reply.html
    assert "<Jones>" not in reply.html


def test_escalation_html_bolds_only_the_action_line() -> None:
    html = to_html("Call 999 now.\nYou mentioned: <x>.", bold_lines=1)
    assert html == "<b>Call 999 now.</b>\nYou mentioned: &lt;x&gt;."


def test_long_text_splits_at_paragraphs_and_sentences_under_the_limit() -> None:
    sentence = "Rest and avoid rubbing the treated area for the first day. "
    paragraph = sentence * 30
    text = "\n\n".join([paragraph.strip()] * 6)
    chunks = split_for_telegram(text)
    assert len(chunks) > 1
    assert all(len(chunk) <= TELEGRAM_LIMIT for chunk in chunks)
    assert all(chunk.endswith(".") for chunk in chunks)
    assert " ".join(" ".join(chunks).split()) == " ".join(text.split())


def test_a_single_endless_word_is_still_split() -> None:
    chunks = split_for_telegram("a" * 10_000)
    assert [len(c) for c in chunks] == [4096, 4096, 1808]


def test_short_text_is_untouched() -> None:
    assert split_for_telegram("hello") == ["hello"]
