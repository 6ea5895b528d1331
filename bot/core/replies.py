"""Turn decisions into the words a patient reads, signed with the clinic's details.

A ``Reply`` carries the plain ``text`` (exactly what the patient sees) and ``html``, the same
words escaped for Telegram's HTML parse mode with the action line in bold. Every interpolated
value is escaped, so a clinic called "Smith & <Jones>" cannot break formatting.
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from bot.core.clock import is_open
from bot.core.knowledge import (
    WEEKDAYS,
    Clinic,
    FaqEntry,
    Knowledge,
    Level,
    Messages,
    OpeningHours,
    RedFlag,
    WeekdayNames,
)
from bot.core.triage.detector import TriageResult

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
    #: The language the reply is written in (an emergency may add English after it).
    language: str = "en"

    def as_dict(self) -> dict[str, object]:
        """The ``ask --json`` shape."""
        return {
            "kind": self.kind,
            "level": self.level,
            "topic": self.topic,
            "topics": list(self.topics or ((self.topic,) if self.topic else ())),
            "score": self.score,
            "suggestions": list(self.suggestions),
            "language": self.language,
            "text": self.text,
        }


class _SafeDict(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


#: Details a clinic may leave out: a template line that uses one the clinic has not given is
#: dropped, so nobody reads "Address: ." (write each such detail on its own line).
OPTIONAL_DETAILS: frozenset[str] = frozenset(
    {"email", "booking_url", "address", "opening_hours", "practitioners"}
)


def format_hours(hours: OpeningHours | None, names: WeekdayNames | None = None) -> str:
    """``Mon-Wed 09:00-18:00, Thu 09:00-20:00, Sun closed``: runs of days with the same
    hours joined, day names (and "closed") in the reply's language."""
    if hours is None:
        return ""
    label = {day: getattr(names, day) if names else day.capitalize() for day in WEEKDAYS}
    closed = names.closed if names else "closed"
    runs: list[tuple[str, str, str]] = []
    for day in WEEKDAYS:
        value = getattr(hours, day)
        value = closed if value.strip().lower() == "closed" else value.replace(" ", "")
        if runs and runs[-1][2] == value:
            runs[-1] = (runs[-1][0], day, value)
        else:
            runs.append((day, day, value))
    return ", ".join(
        f"{label[first]}{'' if first == last else '-' + label[last]} {value}"
        for first, last, value in runs
    )


def clinic_fields(
    clinic: Clinic, language: str = "en", weekdays: WeekdayNames | None = None
) -> dict[str, str]:
    """The values templates may use, in ``language`` where the clinic's routes have it (else
    English), with gaps filled so no sentence is left dangling."""
    return {
        "clinic_name": clinic.name,
        "bot_name": clinic.bot_name,
        "phone": clinic.phone,
        "out_of_hours_phone": clinic.out_of_hours_phone or clinic.phone,
        "email": clinic.email or "",
        "booking_url": clinic.booking_url or "",
        "address": clinic.address or "",
        "emergency_number": clinic.emergency_number,
        "urgent_care": clinic.route("urgent_care", language),
        "crisis_line": clinic.route("crisis_line", language),
        "side_effect_reporting": clinic.route("side_effect_reporting", language),
        "practitioners": ", ".join(clinic.practitioners),
        "opening_hours": format_hours(clinic.opening_hours, weekdays),
    }


def _names_missing_detail(line: str, values: Mapping[str, str]) -> bool:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(line) if name}
    except ValueError:
        return False
    return any(name in OPTIONAL_DETAILS and not values.get(name) for name in names)


def fill(template: str, values: Mapping[str, str]) -> str:
    """Fill a template (unknown placeholders were rejected at load time), leaving out each
    line that needs a detail the clinic has not given."""
    lines = [line for line in template.split("\n") if not _names_missing_detail(line, values)]
    filled = "\n".join(lines).format_map(_SafeDict(values))
    return " ".join(filled.split(" ")).strip()


def to_html(text: str, bold_lines: int = 0) -> str:
    """Escape ``text`` for Telegram HTML and embolden its first ``bold_lines`` lines."""
    lines = text.split("\n")
    out = []
    for index, line in enumerate(lines):
        escaped = html.escape(line, quote=False)
        out.append(f"<b>{escaped}</b>" if index < bold_lines and escaped else escaped)
    return "\n".join(out)


class Renderer:
    """Knows the clinic and the fixed messages; builds every kind of reply in one language.

    ``Renderer(knowledge)`` speaks the clinic's first language (staff texts use it);
    ``speaking(language)`` gives the same renderer in a patient's language (cached).
    """

    def __init__(self, knowledge: Knowledge, language: str | None = None) -> None:
        self._knowledge = knowledge
        self.language = language or knowledge.staff_language
        self._messages = knowledge.messages_for(self.language)
        self._flags: dict[str, RedFlag] = {flag.id: flag for flag in knowledge.red_flags}
        self._entries: dict[str, FaqEntry] = {entry.id: entry for entry in knowledge.faq}
        self.values = clinic_fields(knowledge.clinic, self.language, self._messages.weekdays)
        self._values_in: dict[str, dict[str, str]] = {self.language: self.values}
        self._speaking: dict[str, Renderer] = {self.language: self}

    @property
    def messages(self) -> Messages:
        """The fixed messages in this renderer's language (English where a pack has none)."""
        return self._messages

    def speaking(self, language: str | None) -> Renderer:
        """This renderer in ``language`` (None: this one)."""
        if language is None:
            return self
        found = self._speaking.get(language)
        if found is None:
            found = self._speaking[language] = Renderer(self._knowledge, language)
            found._speaking = self._speaking
        return found

    def values_in(self, language: str, weekdays: WeekdayNames | None = None) -> dict[str, str]:
        """The clinic's values for a reply in ``language``: its country's routes in that
        language where the profile (or clinic.yaml) has them, else in English."""
        if language not in self._values_in:
            names = weekdays or self._knowledge.messages_for(language).weekdays
            self._values_in[language] = clinic_fields(self._knowledge.clinic, language, names)
        return self._values_in[language]

    def say(self, template: str, *, language: str | None = None, **extra: str) -> str:
        return fill(template, {**self.values_in(language or self.language), **extra})

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
        body = self.say(self._knowledge.entry_text(entry_id, self.language).answer)
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
            language=self.language,
        )

    def clarify(self, entry_ids: Sequence[str], score: float) -> Reply:
        # Numbered, so a patient can answer "2" or "the first one" by typing.
        options = "\n".join(
            f"{number}. {self.title(eid)}" for number, eid in enumerate(entry_ids, 1)
        )
        text = self._signed(f"{self.say(self._messages.clarify)}\n{options}")
        return Reply(
            kind="clarify",
            text=text,
            html=to_html(text),
            score=score,
            suggestions=tuple(entry_ids),
            language=self.language,
        )

    def fallback(self, score: float | None = None, *, template: str | None = None) -> Reply:
        text = self._signed(self.say(template or self._messages.fallback))
        return Reply(
            kind="fallback", text=text, html=to_html(text), score=score, language=self.language
        )

    def smalltalk(self, intent: str) -> Reply:
        reply = self._messages.smalltalk[intent].reply
        text = self._signed(self.say(reply))
        return Reply(
            kind="smalltalk", text=text, html=to_html(text), topic=None, language=self.language
        )

    def notice(self, text: str) -> Reply:
        """A fixed sentence, already filled, sent as it is."""
        return Reply(kind="notice", text=text, html=to_html(text), language=self.language)

    def title(self, entry_id: str) -> str:
        """An entry's title in this language (buttons, clarifying choices)."""
        return self._knowledge.entry_text(entry_id, self.language).title

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
            if triage.level == "emergency":
                actions = self._messages.emergency_action
                own = actions.get(self.language, actions["en"])
                action = "\n".join(dict.fromkeys(self.say(text) for text in (own, actions["en"])))
            else:
                action = self.say(self._messages.urgent_action)
            text = self._signed(f"{action}\n{self.say(self._messages.group_mention)}")
            return self._escalation(text, triage.level, top_flags)
        if triage.level == "emergency":
            for language in _reply_languages(self.language, triage.languages):
                blocks.append(self._emergency_block(language, top_flags))
            pointer = self._messages.emergency_pointer
        else:
            lang = self.language
            names = ", ".join(flag.name.get(lang, flag.name["en"]) for flag in top_flags)
            moment = now or datetime.now(UTC)
            pointer = (
                self._messages.pointer_urgent
                if is_open(self._knowledge.clinic.opening_hours, moment)
                else self._messages.pointer_urgent_closed
            )
            lines = [
                self.say(self._messages.urgent_action),
                self.say(
                    self._messages.recognised.get(lang, self._messages.recognised["en"]),
                    names=names,
                ),
            ]
            used = _words(*lines, self.say(pointer))
            advice = self.say(top_flags[0].message.get(lang, top_flags[0].message["en"]))
            number = self._knowledge.clinic.emergency_number
            lines.append(within(advice, ESCALATION_WORDS - used, keep=number))
            blocks.append("\n".join(lines))
        text = self._signed("\n\n".join(blocks), pointer)
        return self._escalation(text, triage.level, top_flags)

    def _escalation(self, text: str, level: Level, flags: Sequence[RedFlag]) -> Reply:
        """The one place an escalation ``Reply`` is built: the action line in bold."""
        return Reply(
            kind="escalation",
            text=text,
            html=to_html(text, bold_lines=1),
            level=level,
            flags=tuple(flag.id for flag in flags),
            language=self.language,
        )

    def _emergency_block(self, language: str, flags: Sequence[RedFlag]) -> str:
        messages = self._knowledge.messages_for(language)
        action = messages.emergency_action.get(language, messages.emergency_action["en"])
        recognised = messages.recognised.get(language, messages.recognised["en"])
        names = ", ".join(flag.name.get(language, flag.name["en"]) for flag in flags)
        lines = [self.say(action, language=language)]
        lines.append(self.say(recognised, language=language, names=names))
        # One level per reply: the advice of the most serious flag only (the others are
        # named above), cut at a sentence so the block stays short.
        pointer = self.say(messages.emergency_pointer, language=language)
        message = self.say(
            flags[0].message.get(language, flags[0].message["en"]), language=language
        )
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


def _reply_languages(own: str, found: Sequence[str]) -> list[str]:
    """The reply's language first, then any other language the patient reported in, then
    English (always present, for staff and bystanders too)."""
    ordered = [lang for lang in (own, *found) if lang != "en"]
    return [*dict.fromkeys(ordered), "en"]


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
