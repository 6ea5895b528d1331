"""The replies only a conversation needs: the advice again after a red flag, and one reply
answering several questions. Words come from ``dialogue.yaml`` in the patient's language."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from bot.core.clock import is_open
from bot.core.dialogue.state import EscalationMemory
from bot.core.knowledge import Knowledge
from bot.core.knowledge.dialogue import DialogueLanguage, FollowupKind
from bot.core.replies import Renderer, Reply, to_html

#: A short answer inside a reply to several questions keeps about this many words.
SHORT_ANSWER_WORDS = 45
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def shorten(paragraph: str, limit: int = SHORT_ANSWER_WORDS) -> str:
    """The leading sentences of ``paragraph`` within ``limit`` words (at least one)."""
    kept: list[str] = []
    count = 0
    for sentence in _SENTENCE_END.split(paragraph.strip()):
        words = len(sentence.split())
        if kept and count + words > limit:
            break
        kept.append(sentence)
        count += words
    return " ".join(kept)


class DialogueRenderer:
    """Builds conversation replies from the clinic's renderer and the dialogue words."""

    def __init__(self, knowledge: Knowledge, renderer: Renderer) -> None:
        self._knowledge = knowledge
        self._renderer = renderer

    def _say(self, template: str, language: str, **extra: str) -> str:
        return self._renderer.say(template, language=language, **extra)

    def _sign_off(self, language: str) -> str:
        sign_off = self._knowledge.clinic.sign_off
        return self._say(sign_off, language) if sign_off else ""

    def reminder(
        self,
        memory: EscalationMemory,
        kinds: Sequence[FollowupKind],
        words: DialogueLanguage,
        *,
        language: str,
        now: datetime,
        treated_on: date | None = None,
        asked: str | None = None,
    ) -> Reply:
        """The escalation advice again, briefly: the action, a word on what was asked, the
        route. Never "that's normal", never an FAQ answer: a question of its own (``asked``,
        an FAQ topic) is named and left to whoever checks the patient, in place of the
        catch-all line, so the reply stays short."""
        after = words.after_escalation
        level = memory.level
        lines = [self._say(after.action[level], language)]
        asked_line = after.asked[level] if asked is not None and after.asked else None
        if asked_line is not None:
            kinds = [kind for kind in kinds if kind != "other"][:1]
        for kind in kinds:
            # A clinic's own dialogue file may predate a kind: its "other" line then.
            line = after.lines.get(kind) or after.lines.get("other")
            if line is not None:
                lines.append(self._say(line[level], language))
        if asked_line is not None and asked is not None:
            title = self._renderer.speaking(language).title(asked)
            lines.append(self._say(asked_line, language, name=title))
        if "what_to_say" in kinds and treated_on is not None:
            lines.append(self._say(after.treated_on, language, date=treated_on.isoformat()))
        if level == "emergency":
            route = after.route_emergency
        elif is_open(self._knowledge.clinic.opening_hours, now):
            route = after.route_urgent_open
        else:
            route = after.route_urgent_closed
        body = "\n".join(lines)
        text = "\n\n".join(
            part for part in (body, self._say(route, language), self._sign_off(language)) if part
        )
        return Reply(
            kind="escalation",
            text=text,
            html=to_html(text, bold_lines=1),
            level=level,
            flags=memory.flags,
            topics=(asked,) if asked_line is not None and asked is not None else (),
            language=language,
        )

    def several(
        self,
        answers: Sequence[Reply],
        titles: Sequence[str],
        words: DialogueLanguage,
        *,
        language: str,
    ) -> Reply:
        """One reply answering each question in the order asked, each under its title with
        its own short answer (and its timeline note), signed once."""
        pointer = self._say(self._knowledge.messages_for(language).pointer, language)
        sign_off = self._sign_off(language)
        blocks = [self._say(words.multi.intro, language)]
        bold: list[str] = []
        for answer, title in zip(answers, titles, strict=True):
            paragraphs = [p for p in answer.text.split("\n\n") if p not in {pointer, sign_off}]
            body = [shorten(paragraphs[0]), *paragraphs[1:]] if paragraphs else []
            blocks.append("\n".join([title, *body]))
            bold.append(title)
        blocks.append(self._say(words.multi.more, language))
        text = "\n\n".join(part for part in (*blocks, pointer, sign_off) if part)
        topics = tuple(answer.topic for answer in answers if answer.topic)
        return Reply(
            kind="answer",
            text=text,
            html=_bold_titles(text, bold),
            topic=topics[0] if topics else None,
            score=min((a.score for a in answers if a.score is not None), default=None),
            related=topics,
            topics=topics,
            language=language,
        )


def _bold_titles(text: str, titles: Sequence[str]) -> str:
    """Telegram HTML with each answer's title line in bold."""
    wanted = set(titles)
    return "\n".join(
        f"<b>{to_html(line)}</b>" if line in wanted else to_html(line) for line in text.split("\n")
    )
