"""Turn decisions into the words a patient reads, signed with the clinic's details.

A ``Reply`` carries the plain ``text`` (exactly what the patient sees) and ``html``, the same
words escaped for Telegram's HTML parse mode with the action line in bold. Every interpolated
value is escaped, so a clinic called "Smith & <Jones>" cannot break formatting.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from bot.core.clock import is_open
from bot.core.knowledge import Clinic, FaqEntry, Knowledge, Level, RedFlag
from bot.core.triage import TriageResult

#: ``notice`` is a fixed sentence (slow down, a check-in thank-you): no buttons, not logged.
ReplyKind = Literal["answer", "clarify", "fallback", "smalltalk", "escalation", "notice"]
TELEGRAM_LIMIT = 4096


@dataclass(frozen=True, slots=True)
class Reply:
    """One reply, independent of Telegram: the CLI, the handlers and the tests all use it."""

    kind: ReplyKind
    text: str
    html: str
    level: Literal["emergency", "urgent"] | None = None
    topic: str | None = None
    score: float | None = None
    suggestions: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    related: tuple[str, ...] = field(default=())
    #: Every topic answered, in the order asked (several questions in one message).
    topics: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        """The ``ask --json`` shape."""
        return {
            "kind": self.kind,
            "level": self.level,
            "topic": self.topic,
            "topics": list(self.topics or ((self.topic,) if self.topic else ())),
            "score": self.score,
            "suggestions": list(self.suggestions),
            "text": self.text,
        }


class _SafeDict(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def clinic_fields(clinic: Clinic) -> dict[str, str]:
    """The values templates may use, with gaps filled so no sentence is left dangling."""
    hours = ""
    if clinic.opening_hours is not None:
        days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        hours = ", ".join(
            f"{day.capitalize()} {getattr(clinic.opening_hours, day)}" for day in days
        )
    return {
        "clinic_name": clinic.name,
        "bot_name": clinic.bot_name,
        "phone": clinic.phone,
        "out_of_hours_phone": clinic.out_of_hours_phone or clinic.phone,
        "email": clinic.email or "",
        "booking_url": clinic.booking_url or "",
        "address": clinic.address or "",
        "emergency_number": clinic.emergency_number,
        "urgent_care": clinic.urgent_care,
        "crisis_line": clinic.crisis_line,
        "practitioners": ", ".join(clinic.practitioners),
        "opening_hours": hours,
    }


def fill(template: str, values: Mapping[str, str]) -> str:
    """Fill a template; unknown placeholders were rejected at load time."""
    return " ".join(template.format_map(_SafeDict(values)).split(" ")).strip()


def to_html(text: str, bold_lines: int = 0) -> str:
    """Escape ``text`` for Telegram HTML and embolden its first ``bold_lines`` lines."""
    lines = text.split("\n")
    out = []
    for index, line in enumerate(lines):
        escaped = html.escape(line, quote=False)
        out.append(f"<b>{escaped}</b>" if index < bold_lines and escaped else escaped)
    return "\n".join(out)


class Renderer:
    """Knows the clinic and the fixed messages; builds every kind of reply."""

    def __init__(self, knowledge: Knowledge) -> None:
        self._knowledge = knowledge
        self._messages = knowledge.messages
        self._flags: dict[str, RedFlag] = {flag.id: flag for flag in knowledge.red_flags}
        self._entries: dict[str, FaqEntry] = {entry.id: entry for entry in knowledge.faq}
        self.values = clinic_fields(knowledge.clinic)

    def say(self, template: str, **extra: str) -> str:
        return fill(template, {**self.values, **extra})

    def _signed(self, body: str, pointer: str | None = None) -> str:
        parts = [body.strip(), self.say(pointer or self._messages.pointer)]
        if self._knowledge.clinic.sign_off:
            parts.append(self.say(self._knowledge.clinic.sign_off))
        return "\n\n".join(part for part in parts if part)

    def answer(
        self,
        entry_id: str,
        score: float | None,
        *,
        safety_note: bool = False,
        personal_note: str | None = None,
    ) -> Reply:
        entry = self._entries[entry_id]
        body = entry.answer
        if personal_note:
            body = f"{body}\n\n{personal_note}"
        if safety_note:
            body = f"{body}\n\n{self.say(self._messages.info_safety_note)}"
        text = self._signed(body)
        return Reply(
            kind="answer",
            text=text,
            html=to_html(text),
            topic=entry_id,
            score=score,
            related=tuple(entry.related),
        )

    def clarify(self, entry_ids: Sequence[str], score: float) -> Reply:
        # Numbered, so a patient can answer "2" or "the first one" by typing.
        options = "\n".join(
            f"{number}. {self._entries[eid].title}" for number, eid in enumerate(entry_ids, 1)
        )
        text = self._signed(f"{self.say(self._messages.clarify)}\n{options}")
        return Reply(
            kind="clarify",
            text=text,
            html=to_html(text),
            score=score,
            suggestions=tuple(entry_ids),
        )

    def fallback(self, score: float | None = None, *, template: str | None = None) -> Reply:
        text = self._signed(self.say(template or self._messages.fallback))
        return Reply(kind="fallback", text=text, html=to_html(text), score=score)

    def smalltalk(self, intent: str) -> Reply:
        reply = self._messages.smalltalk[intent].reply
        text = self._signed(self.say(reply))
        return Reply(kind="smalltalk", text=text, html=to_html(text), topic=None)

    def notice(self, text: str) -> Reply:
        """A fixed sentence, already filled, sent as it is."""
        return Reply(kind="notice", text=text, html=to_html(text))

    def non_text(self, kind: str) -> Reply:
        template = self._messages.non_text.get(kind) or self._messages.non_text.get("other")
        return self.fallback(template=template or self._messages.empty)

    def contact(self) -> str:
        """The clinic's details, one per line, leaving out the ones the clinic has not given."""
        lines = self.say(self._messages.contact).split("\n")
        return "\n".join(line for line in lines if line.strip() and not line.rstrip().endswith(":"))

    def emergency_info(self) -> str:
        return self._signed(self.say(self._messages.emergency_info))

    def privacy(self) -> str:
        return self._signed(self.say(self._messages.privacy))

    def error(self) -> str:
        """Plain text of the safe reply sent when handling a message failed."""
        return self.say(self._messages.error)

    def escalation(
        self, triage: TriageResult, *, private: bool = True, now: datetime | None = None
    ) -> Reply:
        """Action first, then what was recognised and what to do, then the clinic.

        Outside a private chat the "You mentioned ..." line is left out, so a patient's
        symptoms are never repeated to a group.
        """
        assert triage.level is not None
        flags = [self._flags[fid] for fid in triage.flag_ids]
        top_flags = [flag for flag in flags if flag.level == triage.level] + [
            flag for flag in flags if flag.level != triage.level
        ]
        blocks: list[str] = []
        if not private:
            action = (
                self.say(self._messages.emergency_action["en"])
                if triage.level == "emergency"
                else self.say(self._messages.urgent_action)
            )
            text = self._signed(f"{action}\n{self.say(self._messages.group_mention)}")
            return self._escalation(text, triage.level, top_flags)
        if triage.level == "emergency":
            for language in _reply_languages(triage.languages):
                blocks.append(self._emergency_block(language, top_flags))
            pointer = self._messages.emergency_pointer
        else:
            names = ", ".join(flag.name["en"] for flag in top_flags)
            moment = now or datetime.now(UTC)
            pointer = (
                self._messages.pointer_urgent
                if is_open(self._knowledge.clinic.opening_hours, moment)
                else self._messages.pointer_urgent_closed
            )
            lines = [
                self.say(self._messages.urgent_action),
                self.say(self._messages.recognised["en"], names=names),
            ]
            used = _words(*lines, self.say(pointer))
            advice = self.say(top_flags[0].message["en"])
            number = self._knowledge.clinic.emergency_number
            lines.append(within(advice, ESCALATION_WORDS - used, keep=number))
            blocks.append("\n".join(lines))
        text = self._signed("\n\n".join(blocks), pointer)
        return self._escalation(text, triage.level, top_flags)

    @staticmethod
    def _escalation(text: str, level: Level, flags: Sequence[RedFlag]) -> Reply:
        """The one place an escalation ``Reply`` is built: the action line in bold."""
        return Reply(
            kind="escalation",
            text=text,
            html=to_html(text, bold_lines=1),
            level=level,
            flags=tuple(flag.id for flag in flags),
        )

    def _emergency_block(self, language: str, flags: Sequence[RedFlag]) -> str:
        action = self._messages.emergency_action.get(
            language, self._messages.emergency_action["en"]
        )
        recognised = self._messages.recognised.get(language, self._messages.recognised["en"])
        names = ", ".join(flag.name.get(language, flag.name["en"]) for flag in flags)
        lines = [self.say(action), self.say(recognised, names=names)]
        # One level per reply: the advice of the most serious flag only (the others are
        # named above), cut at a sentence so the block stays short.
        pointer = self.say(self._messages.emergency_pointer)
        message = self.say(flags[0].message.get(language, flags[0].message["en"]))
        lines.append(within(message, ESCALATION_WORDS - _words(*lines, pointer)))
        return "\n".join(lines)


#: An escalation block (action, what was recognised, advice, route) stays under about this.
ESCALATION_WORDS = 80
#: The advice keeps at least this many words, whatever the rest of the block takes.
_MIN_ADVICE_WORDS = 25


def _words(*texts: str) -> int:
    return sum(len(text.split()) for text in texts)


def within(advice: str, budget: int, keep: str = "") -> str:
    """The sentences of ``advice`` that fit ``budget`` words, in order: always the first,
    and always one naming ``keep`` (the emergency number: what would make it an emergency)."""
    budget = max(budget, _MIN_ADVICE_WORDS)
    kept: list[str] = []
    for sentence in _SENTENCE_END.split(advice.strip()):
        essential = not kept or (bool(keep) and keep in sentence)
        if essential or _words(*kept, sentence) <= budget:
            kept.append(sentence)
    return " ".join(kept)


def _reply_languages(found: Sequence[str]) -> list[str]:
    """The patient's own language first, then English (always present, for staff too)."""
    others = [lang for lang in found if lang != "en"]
    return [*others, "en"]


_PARAGRAPH = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def split_for_telegram(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split plain text into chunks under ``limit``, at paragraphs, then sentences, then words."""
    if len(text) <= limit:
        return [text]
    chunks: list[str] = []
    current = ""
    for piece in _pieces(text, limit):
        candidate = f"{current}{piece}" if current else piece.lstrip()
        if len(candidate) <= limit:
            current = candidate
        else:
            if current.strip():
                chunks.append(current.rstrip())
            current = piece.lstrip()
    if current.strip():
        chunks.append(current.rstrip())
    return chunks


def _pieces(text: str, limit: int) -> list[str]:
    """Paragraphs (with their separator), broken further only where one is too long."""
    pieces: list[str] = []
    paragraphs = _PARAGRAPH.split(text)
    for index, paragraph in enumerate(paragraphs):
        sep = "\n\n" if index < len(paragraphs) - 1 else ""
        if len(paragraph) + len(sep) <= limit:
            pieces.append(paragraph + sep)
            continue
        for sentence in _SENTENCE_END.split(paragraph):
            if len(sentence) + 1 <= limit:
                pieces.append(sentence + " ")
                continue
            words = sentence.split(" ")
            line = ""
            for word in words:
                while len(word) > limit:
                    pieces.append(word[:limit])
                    word = word[limit:]
                if len(line) + len(word) + 1 > limit:
                    pieces.append(line)
                    line = ""
                line += word + " "
            if line:
                pieces.append(line)
        if sep:
            pieces[-1] = pieces[-1].rstrip() + sep
    return pieces
