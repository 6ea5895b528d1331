"""Measure the responder on labelled messages: FAQ accuracy and triage safety.

Used by ``aftercare-bot eval`` (so a clinic can check its own edits), by the tests that hold
the figures to their targets, and by the benchmarks.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from bot.core.replies import Reply


class Replier(Protocol):
    """What answers one message: the bare ``Responder``, or the ``Conversation`` a new patient
    meets (what ``aftercare-bot eval`` measures, because that is what ships)."""

    def respond(self, text: str) -> Reply: ...


TRIAGE_LABELS = frozenset({"emergency", "urgent", "none"})


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    expected: str
    split: str | None = None
    flag: str | None = None
    tags: tuple[str, ...] = ()
    lang: str | None = None


def load_examples(path: Path, split: str | None = None) -> list[Example]:
    """Read a JSONL file of ``{"text", "expected", ...}``; ``split`` keeps one part only."""
    examples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            example = Example(
                text=str(raw["text"]),
                expected=str(raw["expected"]),
                split=raw.get("split"),
                flag=raw.get("flag"),
                tags=tuple(raw.get("tags") or ()),
                lang=raw.get("lang"),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path.name}: line {number}: not a labelled example ({exc})") from exc
        if split is None or example.split == split:
            examples.append(example)
    return examples


def is_triage_set(examples: Sequence[Example]) -> bool:
    return bool(examples) and all(e.expected in TRIAGE_LABELS for e in examples)


@dataclass(frozen=True, slots=True)
class Miss:
    text: str
    expected: str
    got: str


@dataclass(frozen=True, slots=True)
class FaqReport:
    topic_items: int
    top1_correct: int
    answered_correct: int
    confident_wrong: int
    clarified: int
    fell_back: int
    fallback_items: int
    fallback_confident_wrong: int
    smalltalk_items: int
    smalltalk_correct: int
    misses: tuple[Miss, ...] = field(default=())

    @property
    def top1_accuracy(self) -> float:
        return self.top1_correct / self.topic_items if self.topic_items else 0.0

    @property
    def answered_accuracy(self) -> float:
        return self.answered_correct / self.topic_items if self.topic_items else 0.0

    @property
    def fallback_precision(self) -> float:
        """Share of out-of-scope messages that did NOT get a confident answer."""
        if not self.fallback_items:
            return 1.0
        return 1 - self.fallback_confident_wrong / self.fallback_items

    def lines(self) -> list[str]:
        def pct(value: float) -> str:
            return f"{100 * value:5.1f}%"

        return [
            f"topic messages            {self.topic_items}",
            f"top-1 accuracy            {pct(self.top1_accuracy)}  ({self.top1_correct})"
            "  answer or first suggestion is the right topic",
            f"answered correctly        {pct(self.answered_accuracy)}  ({self.answered_correct})",
            f"confident wrong answers   {self.confident_wrong}",
            f"clarified                 {self.clarified}",
            f"fell back                 {self.fell_back}",
            f"out-of-scope messages     {self.fallback_items}",
            f"fallback precision        {pct(self.fallback_precision)}"
            f"  ({self.fallback_confident_wrong} confidently answered)",
            f"small talk recognised     {self.smalltalk_correct}/{self.smalltalk_items}",
        ]


def evaluate_faq(responder: Replier, examples: Iterable[Example]) -> FaqReport:
    counts = dict.fromkeys(
        (
            "topic_items top1_correct answered_correct confident_wrong clarified fell_back "
            "fallback_items fallback_confident_wrong smalltalk_items smalltalk_correct"
        ).split(),
        0,
    )
    misses: list[Miss] = []
    for example in examples:
        reply = responder.respond(example.text)
        got = reply.topic or (reply.suggestions[0] if reply.suggestions else reply.kind)
        if example.expected == "fallback":
            counts["fallback_items"] += 1
            if reply.kind == "answer":
                counts["fallback_confident_wrong"] += 1
                misses.append(Miss(example.text, "fallback", f"answer:{reply.topic}"))
            continue
        if example.expected == "smalltalk":
            counts["smalltalk_items"] += 1
            if reply.kind == "smalltalk":
                counts["smalltalk_correct"] += 1
            else:
                misses.append(Miss(example.text, "smalltalk", f"{reply.kind}:{got}"))
            continue
        counts["topic_items"] += 1
        first = reply.topic if reply.kind == "answer" else None
        if reply.kind == "clarify" and reply.suggestions:
            first = reply.suggestions[0]
            counts["clarified"] += 1
        if reply.kind == "answer":
            if reply.topic == example.expected:
                counts["answered_correct"] += 1
            else:
                counts["confident_wrong"] += 1
        if reply.kind in {"fallback", "smalltalk", "escalation"}:
            counts["fell_back"] += 1
        if first == example.expected:
            counts["top1_correct"] += 1
        else:
            misses.append(Miss(example.text, example.expected, f"{reply.kind}:{got}"))
    return FaqReport(**counts, misses=tuple(misses))


@dataclass(frozen=True, slots=True)
class TriageReport:
    emergency_items: int
    emergency_caught: int
    urgent_items: int
    urgent_caught: int
    benign_items: int
    benign_escalated: int
    misses: tuple[Miss, ...] = field(default=())

    @property
    def emergency_recall(self) -> float:
        return self.emergency_caught / self.emergency_items if self.emergency_items else 1.0

    @property
    def urgent_recall(self) -> float:
        return self.urgent_caught / self.urgent_items if self.urgent_items else 1.0

    @property
    def false_escalation_rate(self) -> float:
        return self.benign_escalated / self.benign_items if self.benign_items else 0.0

    def lines(self) -> list[str]:
        return [
            f"emergency recall     {100 * self.emergency_recall:5.1f}%  "
            f"({self.emergency_caught}/{self.emergency_items} got the emergency instruction)",
            f"urgent recall        {100 * self.urgent_recall:5.1f}%  "
            f"({self.urgent_caught}/{self.urgent_items} escalated at urgent or emergency)",
            f"false escalation     {100 * self.false_escalation_rate:5.1f}%  "
            f"({self.benign_escalated}/{self.benign_items} benign messages escalated)",
        ]


def evaluate_triage(responder: Replier, examples: Iterable[Example]) -> TriageReport:
    counts = dict.fromkeys(
        "emergency_items emergency_caught urgent_items urgent_caught benign_items "
        "benign_escalated".split(),
        0,
    )
    misses: list[Miss] = []
    for example in examples:
        reply = responder.respond(example.text)
        got = reply.level or "none"
        if example.expected == "emergency":
            counts["emergency_items"] += 1
            ok = reply.level == "emergency"
            counts["emergency_caught"] += ok
        elif example.expected == "urgent":
            counts["urgent_items"] += 1
            ok = reply.level in {"urgent", "emergency"}
            counts["urgent_caught"] += ok
        else:
            counts["benign_items"] += 1
            ok = reply.level is None
            counts["benign_escalated"] += not ok
        if not ok:
            detail = got if not reply.flags else f"{got} ({', '.join(reply.flags)})"
            misses.append(Miss(example.text, example.expected, detail))
    return TriageReport(**counts, misses=tuple(misses))


@dataclass(frozen=True, slots=True)
class LanguageReport:
    """One language's figures on a mixed set: safety, and answers in the patient's language."""

    language: str
    triage: TriageReport
    topic_items: int
    answered_in_language: int
    replies: int
    replies_in_language: int
    misses: tuple[Miss, ...] = field(default=())
    #: Messages labelled ``fallback`` (out of scope), and how many got an FAQ answer anyway.
    out_of_scope: int = 0
    out_of_scope_answered: int = 0
    #: Answerable questions sent to a "did you mean" prompt instead of an answer.
    clarified: int = 0

    @property
    def answered_rate(self) -> float:
        """Answered with the right entry AND written in the message's language."""
        return self.answered_in_language / self.topic_items if self.topic_items else 1.0

    @property
    def language_rate(self) -> float:
        return self.replies_in_language / self.replies if self.replies else 1.0

    def lines(self) -> list[str]:
        pct = f"{100 * self.answered_rate:5.1f}%"
        return [
            *self.triage.lines(),
            f"answered correctly AND in the patient's language {pct}  "
            f"({self.answered_in_language}/{self.topic_items} questions)",
            f"replied in the patient's language   {100 * self.language_rate:5.1f}%  "
            f"({self.replies_in_language}/{self.replies} messages)",
            *(
                [
                    f"out of scope wrongly answered      "
                    f"{100 * self.out_of_scope_answered / self.out_of_scope:5.1f}%  "
                    f"({self.out_of_scope_answered}/{self.out_of_scope} messages)"
                ]
                if self.out_of_scope
                else []
            ),
            *(
                [
                    f"clarify on answerable questions    "
                    f"{100 * self.clarified / self.topic_items:5.1f}%  "
                    f"({self.clarified}/{self.topic_items} questions)"
                ]
                if self.topic_items
                else []
            ),
        ]


def is_language_set(examples: Sequence[Example]) -> bool:
    """A set labelled per language (``lang`` on every line) that mixes questions and flags."""
    return bool(examples) and all(e.lang for e in examples) and not is_triage_set(examples)


def evaluate_languages(responder: Replier, examples: Iterable[Example]) -> list[LanguageReport]:
    """Per language: emergency and urgent recall, false escalations (every message not
    labelled emergency or urgent counts as benign), and questions answered with the right
    entry in the message's own language."""
    by_language: dict[str, list[Example]] = {}
    for example in examples:
        by_language.setdefault(example.lang or "en", []).append(example)
    reports = []
    for language, items in by_language.items():
        triage = evaluate_triage(responder, items)
        topics = answered = replies = in_language = out_of_scope = wrongly = clarified = 0
        misses: list[Miss] = list(triage.misses)
        for example in items:
            reply = responder.respond(example.text)
            replies += 1
            in_language += reply.language == language
            if example.expected == "fallback":
                out_of_scope += 1
                if reply.kind == "answer":
                    wrongly += 1
                    misses.append(Miss(example.text, "fallback", f"answer:{reply.topic}"))
            if example.expected in TRIAGE_LABELS | {"fallback", "smalltalk"}:
                continue
            topics += 1
            clarified += reply.kind == "clarify"
            if reply.kind == "answer" and reply.topic == example.expected:
                if reply.language == language:
                    answered += 1
                else:
                    misses.append(Miss(example.text, example.expected, f"in {reply.language}"))
            else:
                got = reply.topic or (reply.suggestions[0] if reply.suggestions else reply.kind)
                misses.append(Miss(example.text, example.expected, f"{reply.kind}:{got}"))
        reports.append(
            LanguageReport(
                language,
                triage,
                topics,
                answered,
                replies,
                in_language,
                tuple(misses),
                out_of_scope=out_of_scope,
                out_of_scope_answered=wrongly,
                clarified=clarified,
            )
        )
    return reports


def miss_table(misses: Sequence[Miss], width: int = 70) -> list[str]:
    """A plain-text table of every miss, so a reader sees exactly what went wrong."""
    if not misses:
        return ["(no misses)"]
    lines = [f"{'expected':<28} {'got':<36} message", "-" * (28 + 36 + width)]
    for miss in misses:
        text = miss.text.replace("\n", " ")
        if len(text) > width:
            text = text[: width - 1] + "…"
        lines.append(f"{miss.expected:<28} {miss.got:<36} {text}")
    return lines
