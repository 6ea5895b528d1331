"""Measure conversations: labelled dialogues of a few turns, run through the core exactly as
a chat would be (each turn's state change applied before the next turn).

A dialogue file is JSON lines::

    {"id": "gym-then-tomorrow", "lang": "en", "turns": [
        {"text": "can i go to the gym today?",
         "expect": {"level": "none", "topics": ["exercise_gym"]}},
        {"text": "and tomorrow?", "expect": {"level": "none", "topics": ["exercise_gym"],
                                            "tags": ["followup_elliptical"]}}]}

``level`` is emergency, urgent or none; ``topics`` the FAQ entries the reply must answer (all
of them, for several questions); ``tags`` say what the turn tests: followup_elliptical,
followup_pronoun, followup_clarify, multi_question, single_question (one question that must
not be cut in two: "can i lie down and sleep?", answered with exactly its topics),
after_escalation, worsening, new_topic, treatment_time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.core.conversation import Conversation, Outcome, PatientState, TypedQuestion
from bot.core.journey import Treatment
from bot.core.replies import Reply

#: Dialogues start here (a Wednesday afternoon, the example clinic open); turns are a minute apart.
START = datetime(2026, 12, 2, 14, 0, tzinfo=UTC)
TURN_GAP = timedelta(minutes=1)
LEVELS = frozenset({"emergency", "urgent", "none"})
#: The expected "topic" of a pleasantry, answered by a small-talk reply.
SMALLTALK = "smalltalk"
#: The expected "topic" of an out-of-scope question ("who won the match?"), answered by the
#: honest fallback, which names no FAQ topic.
FALLBACK = "fallback"


@dataclass(frozen=True, slots=True)
class Expect:
    level: str = "none"
    topics: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DialogueTurn:
    text: str
    expect: Expect
    #: Minutes after the previous turn (default 1): lets a dialogue test expiry.
    after_minutes: float = 1.0


@dataclass(frozen=True, slots=True)
class Dialogue:
    id: str
    turns: tuple[DialogueTurn, ...]
    lang: str | None = None


def is_dialogue_file(path: Path) -> bool:
    """True when the file's first record has ``turns`` (a dialogue set)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            try:
                return "turns" in json.loads(line)
            except ValueError:
                return False
    return False


def load_dialogues(path: Path) -> list[Dialogue]:
    """Read a dialogue file; a malformed line names its number."""
    dialogues = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            turns = []
            for turn in raw["turns"]:
                expect = turn.get("expect") or {}
                level = str(expect.get("level", "none"))
                if level not in LEVELS:
                    raise ValueError(f"level {level!r} is not one of {sorted(LEVELS)}")
                turns.append(
                    DialogueTurn(
                        text=str(turn["text"]),
                        expect=Expect(
                            level=level,
                            topics=tuple(expect.get("topics") or ()),
                            tags=tuple(expect.get("tags") or ()),
                        ),
                        after_minutes=float(turn.get("after_minutes", 1.0)),
                    )
                )
            dialogues.append(Dialogue(str(raw.get("id", number)), tuple(turns), raw.get("lang")))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(
                f"{path.name}: line {number}: not a labelled dialogue ({exc})"
            ) from exc
    return dialogues


@dataclass(frozen=True, slots=True)
class TurnResult:
    dialogue: str
    text: str
    expect: Expect
    level: str
    topics: tuple[str, ...]
    kind: str
    #: The level the same message gets on its own, in a new chat (no-flag turns only).
    alone_level: str = "none"
    #: An earlier turn of the dialogue got an escalation (whose advice lingers).
    after_red_flag: bool = False

    @property
    def level_ok(self) -> bool:
        if self.expect.level == "none":
            return self.level == "none"
        if self.expect.level == "urgent":
            return self.level in {"urgent", "emergency"}
        return self.level == "emergency"

    @property
    def topics_ok(self) -> bool:
        """Every expected topic answered; "smalltalk" (as writers label "thanks") is a
        small-talk reply and "fallback" (an out-of-scope question) the fallback reply, which
        have no FAQ topic."""
        return all(
            topic in self.topics
            or (topic == SMALLTALK and self.kind == SMALLTALK)
            or (topic == FALLBACK and self.kind == FALLBACK)
            for topic in self.expect.topics
        )

    @property
    def ok(self) -> bool:
        exact = "single_question" not in self.expect.tags or len(self.topics) <= len(
            self.expect.topics
        )
        return self.level_ok and self.topics_ok and exact


def _tagged(results: Iterable[TurnResult], *prefixes: str) -> list[TurnResult]:
    return [r for r in results if any(t.startswith(prefixes) for t in r.expect.tags)]


@dataclass(frozen=True, slots=True)
class DialogueReport:
    dialogues: int
    results: tuple[TurnResult, ...] = field(default=())

    def figure(self, rows: Sequence[TurnResult]) -> tuple[int, int]:
        return sum(r.ok for r in rows), len(rows)

    @property
    def escalation_kept(self) -> tuple[int, int]:
        """Turns after a red flag that must still escalate. A turn labelled no-flag there is
        the patient taking the alarm back ("autocorrect", "wrong chat"), which no escalation
        can pass: it is counted apart, in :attr:`taken_back`."""
        rows = [
            r
            for r in _tagged(self.results, "after_escalation", "worsening")
            if r.expect.level != "none"
        ]
        return sum(r.level_ok and r.kind == "escalation" for r in rows), len(rows)

    @property
    def taken_back(self) -> tuple[int, int]:
        """Turns after a red flag where the patient takes the alarm back: answered as they
        stand, without the escalation."""
        rows = [
            r
            for r in _tagged(self.results, "after_escalation", "worsening")
            if r.expect.level == "none"
        ]
        return self.figure(rows)

    @property
    def followups(self) -> tuple[int, int]:
        return self.figure(_tagged(self.results, "followup"))

    @property
    def multi_question(self) -> tuple[int, int]:
        return self.figure(_tagged(self.results, "multi_question"))

    @property
    def single_question(self) -> tuple[int, int]:
        """One question with "and" or "or" in it, answered with its own topics and no more."""
        return self.figure(_tagged(self.results, "single_question"))

    @property
    def false_escalations(self) -> tuple[int, int]:
        rows = [r for r in self.results if r.expect.level == "none"]
        return sum(r.level != "none" for r in rows), len(rows)

    @property
    def added_false_escalations(self) -> tuple[int, int]:
        """No-flag turns escalated by the conversation although the message alone is not and
        no earlier turn escalated: what following the conversation itself adds."""
        rows = [r for r in self.results if r.expect.level == "none"]
        added = sum(
            r.level != "none" and r.alone_level == "none" and not r.after_red_flag for r in rows
        )
        return added, len(rows)

    @property
    def misses(self) -> list[TurnResult]:
        return [r for r in self.results if not r.ok]

    def lines(self) -> list[str]:
        def pct(pair: tuple[int, int], *, empty: float = 1.0) -> str:
            good, total = pair
            value = good / total if total else empty
            return f"{100 * value:5.1f}%  ({good}/{total})"

        rows = [
            ("escalation kept after a red flag", self.escalation_kept),
            ("alarm taken back, level dropped", self.taken_back),
            ("follow-ups answered correctly", self.followups),
            ("multi-question fully answered", self.multi_question),
            ("single question kept whole", self.single_question),
            ("new topics answered on their own", self.figure(_tagged(self.results, "new_topic"))),
            ("treatment-time turns correct", self.figure(_tagged(self.results, "treatment_time"))),
            ("all turns correct", self.figure(self.results)),
        ]
        lines = [f"dialogues                          {self.dialogues}"]
        lines += [f"{name:<35}{pct(pair)}" for name, pair in rows]
        lines.append(
            f"{'false escalation (no-flag turns)':<35}{pct(self.false_escalations, empty=0.0)}"
        )
        added = pct(self.added_false_escalations, empty=0.0)
        lines.append(f"{'  of which added by the dialogue':<35}{added}")
        return lines

    def miss_lines(self, width: int = 60) -> list[str]:
        if not self.misses:
            return ["(no misses)"]
        out = []
        for r in self.misses:
            text = r.text if len(r.text) <= width else r.text[: width - 1] + "…"
            expected = f"{r.expect.level}:{','.join(r.expect.topics) or '-'}"
            got = f"{r.level}:{r.kind}:{','.join(r.topics) or '-'}"
            out.append(f"{r.dialogue:<28} {expected:<44} {got:<48} {text}")
        return out


def _topics(reply: Reply | None) -> tuple[str, ...]:
    if reply is None:
        return ()
    return reply.topics or ((reply.topic,) if reply.topic else ())


def apply_change(state: PatientState, outcome: Outcome) -> PatientState:
    """The state the next event sees: what storage would hand back after saving ``outcome``."""
    change = outcome.change
    if change is None:
        return state
    if change.dialogue is not None:
        state = replace(state, dialogue=change.dialogue)
    if change.treated_on is not None:
        area = state.treatment.area if state.treatment else None
        state = replace(state, treatment=Treatment(change.treated_on, change.treated_at, area))
    return state


def run_dialogue(
    conversation: Conversation, dialogue: Dialogue, start: datetime = START
) -> list[TurnResult]:
    state = PatientState(language=dialogue.lang)
    now = start
    results = []
    escalated = False
    for index, turn in enumerate(dialogue.turns):
        if index:
            now += timedelta(minutes=turn.after_minutes)
        outcome = conversation.handle(TypedQuestion(turn.text), state, now)
        state = apply_change(state, outcome)
        reply = outcome.reply
        alone_level = "none"
        if turn.expect.level == "none" and reply is not None and reply.level is not None:
            fresh = PatientState(language=dialogue.lang)
            alone = conversation.handle(TypedQuestion(turn.text), fresh, now).reply
            alone_level = (alone.level if alone is not None else None) or "none"
        results.append(
            TurnResult(
                dialogue=dialogue.id,
                text=turn.text,
                expect=turn.expect,
                level=(reply.level if reply is not None else None) or "none",
                topics=_topics(reply),
                kind=reply.kind if reply is not None else "none",
                alone_level=alone_level,
                after_red_flag=escalated,
            )
        )
        escalated = escalated or (reply is not None and reply.level is not None)
    return results


def evaluate_dialogues(conversation: Conversation, dialogues: Sequence[Dialogue]) -> DialogueReport:
    results: list[TurnResult] = []
    for dialogue in dialogues:
        results.extend(run_dialogue(conversation, dialogue))
    return DialogueReport(len(dialogues), tuple(results))
