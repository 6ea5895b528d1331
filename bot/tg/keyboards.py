"""Every inline keyboard, with labels from messages.yaml and data from ``bot.tg.callbacks``."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.knowledge import Knowledge
from bot.tg.callbacks import (
    AckAlert,
    Browse,
    Callback,
    CheckinReply,
    ChooseLanguage,
    Feedback,
    Forget,
    NoneOfThese,
    ShowAnswer,
    TreatedAgo,
    TreatedArea,
    encode,
)


def _button(text: str, callback: Callback) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=encode(callback))


class Keyboards:
    """Builds every keyboard from the knowledge, so labels come from messages.yaml, in one
    language: ``Keyboards(knowledge)`` speaks the clinic's first language (the staff's
    "I'm on it"), ``speaking(language)`` a patient's."""

    def __init__(self, knowledge: Knowledge, language: str | None = None) -> None:
        self._knowledge = knowledge
        self.language = language or knowledge.staff_language
        self._messages = knowledge.messages_for(self.language)
        self._labels = self._messages.buttons
        self._titles = {
            entry.id: knowledge.entry_text(entry.id, self.language).title for entry in knowledge.faq
        }
        self._speaking: dict[str, Keyboards] = {self.language: self}

    def speaking(self, language: str | None) -> Keyboards:
        """These keyboards in ``language`` (None: these)."""
        if language is None:
            return self
        found = self._speaking.get(language)
        if found is None:
            found = self._speaking[language] = Keyboards(self._knowledge, language)
            found._speaking = self._speaking
        return found

    def languages(self) -> InlineKeyboardMarkup:
        """/language: every language the clinic enabled, each named in itself."""
        knowledge = self._knowledge
        return InlineKeyboardMarkup(
            [
                [_button(knowledge.messages_for(code).language_name, ChooseLanguage(code))]
                for code in knowledge.languages
            ]
        )

    def categories(self) -> InlineKeyboardMarkup:
        present = dict.fromkeys(entry.category for entry in self._knowledge.faq)
        names = self._messages.categories
        return InlineKeyboardMarkup(
            [[_button(names.get(category, category), Browse(category))] for category in present]
        )

    def category(self, category: str) -> InlineKeyboardMarkup:
        rows = [
            [_button(self._titles[entry.id], ShowAnswer(entry.id))]
            for entry in self._knowledge.faq
            if entry.category == category
        ]
        rows.append([_button(self._labels.back, Browse())])
        return InlineKeyboardMarkup(rows)

    def answer(
        self, entry_id: str, related: Sequence[str], *, back: str | None = None
    ) -> InlineKeyboardMarkup:
        rows = [
            [
                _button(self._labels.helpful, Feedback(entry_id, helpful=True)),
                _button(self._labels.not_helpful, Feedback(entry_id, helpful=False)),
            ]
        ]
        rows.extend(
            [_button(self._titles[rid], ShowAnswer(rid))] for rid in related if rid in self._titles
        )
        if back is not None:
            rows.append([_button(self._labels.back, Browse(back))])
        return InlineKeyboardMarkup(rows)

    def clarify(self, suggestions: Sequence[str]) -> InlineKeyboardMarkup:
        rows = [[_button(self._titles[sid], ShowAnswer(sid))] for sid in suggestions]
        rows.append([_button(self._labels.none_of_these, NoneOfThese())])
        return InlineKeyboardMarkup(rows)

    def treated(self) -> InlineKeyboardMarkup:
        """When was the treatment: today, yesterday, 2 or 3 days ago, or type a date."""
        labels = self._messages.journey.labels
        return InlineKeyboardMarkup(
            [
                [_button(labels.today, TreatedAgo(0)), _button(labels.yesterday, TreatedAgo(1))],
                [
                    _button(labels.two_days, TreatedAgo(2)),
                    _button(labels.three_days, TreatedAgo(3)),
                ],
                [_button(labels.pick, TreatedAgo(None))],
            ]
        )

    def areas(self) -> InlineKeyboardMarkup:
        areas = self._messages.journey.areas
        return InlineKeyboardMarkup(
            [[_button(label, TreatedArea(key))] for key, label in areas.items()]
        )

    def forget(self) -> InlineKeyboardMarkup:
        labels = self._messages.journey.labels
        return InlineKeyboardMarkup(
            [[_button(labels.forget_yes, Forget(True))], [_button(labels.forget_no, Forget(False))]]
        )

    def checkin(self, checkin_id: int) -> InlineKeyboardMarkup:
        labels = self._messages.journey.labels
        return InlineKeyboardMarkup(
            [
                [_button(labels.all_good, CheckinReply(checkin_id, "ok"))],
                [_button(labels.question, CheckinReply(checkin_id, "q"))],
                [_button(labels.wrong, CheckinReply(checkin_id, "wrong"))],
            ]
        )

    def ack(self, alert_id: str) -> InlineKeyboardMarkup:
        """The staff's "I'm on it" button."""
        label = self._messages.journey.labels.im_on_it
        return InlineKeyboardMarkup([[_button(label, AckAlert(alert_id))]])
