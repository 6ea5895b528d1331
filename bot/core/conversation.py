"""One function per incoming event: (event, patient state, clock) -> a typed ``Outcome``.

The safety order lives here in plain code: triage runs before anything else, a red flag
returns the escalation at once and drafts the staff alert. Telegram handlers only unpack
the update, call ``Conversation.handle`` and carry the Outcome out in the order it
prescribes: queue the staff alert (durable), record the event, send the replies, send the
alert. Nothing here imports Telegram or the database, so every path is tested directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Literal

from bot.core.clock import ClinicClock
from bot.core.dialogue import Dialogue, DialogueState
from bot.core.flood import Verdict
from bot.core.journey import Treatment, date_example, parse_treatment_date
from bot.core.knowledge import Messages
from bot.core.replies import Reply
from bot.core.responder import Responder

#: What the clinic's statistics count; the storage layer maps these onto its own names.
RecordKind = Literal[
    "answer", "clarify", "fallback", "smalltalk", "escalation", "reminder", "checkin_response"
]
CheckinReply = Literal["ok", "q", "wrong"]

# ---- events -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TypedQuestion:
    """A text message (or an edit); ``flood`` is the flood guard's verdict for it."""

    text: str
    flood: Verdict = "ok"


@dataclass(frozen=True, slots=True)
class TopicChosen:
    """A button that asks for one FAQ entry (clarify choices, related topics, /topics)."""

    entry_id: str


@dataclass(frozen=True, slots=True)
class Caption:
    """A photo, file, voice note...; ``media`` names its kind, ``text`` is its caption."""

    media: str
    text: str | None = None


@dataclass(frozen=True, slots=True)
class TypedDate:
    """A text sent while /treated waits for a typed treatment date."""

    text: str
    month_first: bool = False


@dataclass(frozen=True, slots=True)
class CheckinAnswered:
    """A patient's own answer to a check-in (already matched to their check-in)."""

    answer: str


@dataclass(frozen=True, slots=True)
class TreatedToday:
    """The "Today" answer to /treated: a date without a time."""


Event = TypedQuestion | TopicChosen | Caption | TypedDate | TreatedToday | CheckinAnswered

# ---- state and outcome --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PatientState:
    """What the core knows about the sender. New fields (the conversation's last topics,
    pending clarify options, last escalation; the patient's language) go here, with
    defaults, and reach every event function without reshaping anything."""

    private: bool = True
    treatment: Treatment | None = None
    #: The language the patient chose with /language (None: not chosen).
    language: str | None = None
    #: Telegram's ``language_code`` for the sender ("es", "pt-br"), when known.
    telegram_language: str | None = None
    #: The chat's memory (last topics, clarify options, last escalation), as stored.
    dialogue: DialogueState = field(default_factory=DialogueState)


@dataclass(frozen=True, slots=True)
class AlertDraft:
    """The staff alert a red flag calls for; the edge adds who sent it and queues it."""

    level: Literal["emergency", "urgent"]
    flag_ids: tuple[str, ...]
    days_since_treatment: int | None = None
    message_text: str | None = None


@dataclass(frozen=True, slots=True)
class EventRecord:
    """What goes into the clinic's statistics: ids, kind, topic, score; text only if kept."""

    kind: RecordKind
    topic: str | None = None
    level: str | None = None
    score: float | None = None
    text: str | None = None
    unanswered: bool = False


@dataclass(frozen=True, slots=True)
class StateChange:
    """How the patient's state changes; ``None`` fields stay as they are."""

    treated_on: date | None = None
    awaiting_date: bool | None = None
    #: The moment of the treatment, when the patient said it ("2 hours ago", "at 5pm").
    treated_at: datetime | None = None
    #: The chat's memory after this event, to save whole (None: unchanged).
    dialogue: DialogueState | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """Everything an event leads to, in the order the edge must carry it out:
    queue ``alert`` (durable), save ``change`` and ``record``, send ``replies``, send the alert.

    ``handled`` is False when the event was not for this function (a typed "date" that is
    really a question): the edge passes the message on as a typed question instead.
    """

    replies: tuple[Reply, ...] = ()
    alert: AlertDraft | None = None
    record: EventRecord | None = None
    change: StateChange | None = None
    handled: bool = True
    #: The language the replies are in (None: nothing was said).
    language: str | None = None

    @property
    def reply(self) -> Reply | None:
        return self.replies[0] if self.replies else None


NOT_HANDLED = Outcome(handled=False)


@dataclass(frozen=True, slots=True)
class Privacy:
    """What the clinic allows to be kept: message text in statistics, in staff alerts."""

    store_message_text: bool = False
    alert_include_message_text: bool = False


class Conversation:
    """The core of the bot: the responder, the clinic clock and the clinic's privacy choices."""

    def __init__(self, responder: Responder, clock: ClinicClock, privacy: Privacy) -> None:
        self.responder = responder
        self.clock = clock
        self.privacy = privacy
        self.dialogue = Dialogue(responder)
        self.times = self.dialogue.times

    def handle(self, event: Event, state: PatientState, now: datetime) -> Outcome:
        """Dispatch an event to its one function."""
        match event:
            case TypedQuestion():
                return self.on_question(event, state, now)
            case TopicChosen():
                return self.on_topic(event, state, now)
            case Caption():
                return self.on_caption(event, state, now)
            case TypedDate():
                return self.on_typed_date(event, state, now)
            case TreatedToday():
                return self.on_treated_today(event, state, now)
            case CheckinAnswered():
                return self.on_checkin_answer(event, state, now)

    # ---- one function per event -----------------------------------------------------------

    def on_question(self, event: TypedQuestion, state: PatientState, now: datetime) -> Outcome:
        """Triage first, always; then small talk, the FAQ, or an honest fallback."""
        language = self.language_of(state, event.text)
        if event.flood != "ok" and not self.responder.assess(event.text).escalates:
            # Flooding: answer only what triage flags; warn once per window about the rest.
            if event.flood == "warn":
                slow_down = self._messages_in(language).slow_down
                return Outcome(replies=(self._notice(slow_down, language),), language=language)
            return Outcome()
        treatment, told = self._treatment_told(event.text, state, now)
        turn = self.dialogue.on_text(
            event.text,
            state.dialogue,
            now=now,
            private=state.private,
            treatment=treatment,
            language=language,
            treatment_said=told is not None,
        )
        outcome = self._answer(
            turn.reply,
            event.text,
            state,
            now,
            alert=turn.alert,
            kind="reminder" if turn.how == "reminder" else None,
        )
        change = StateChange(dialogue=turn.dialogue)
        if told is not None:
            change = replace(told, dialogue=turn.dialogue)
        return replace(outcome, change=change, language=turn.reply.language)

    def respond(self, text: str, now: datetime | None = None) -> Reply:
        """The reply a patient the bot knows nothing about gets on Telegram: the same path as
        every typed question (several questions answered, a first message out of scope left
        out of scope), so ``ask`` and ``eval`` measure what ships, not the bare responder."""
        moment = now or datetime.now(UTC)
        outcome = self.on_question(TypedQuestion(text), PatientState(), moment)
        return outcome.reply or self.responder.respond(text, now=moment)

    def language_of(self, state: PatientState, text: str | None = None) -> str:
        """The language to answer in: the message's when clear, else the patient's choice,
        else Telegram's, else the clinic's first (``bot.core.language``)."""
        return self.responder.language_for(text, state.language, state.telegram_language)

    def _treatment_told(
        self, text: str, state: PatientState, now: datetime
    ) -> tuple[Treatment | None, StateChange | None]:
        """A treatment time said in passing ("had it done 2 hours ago, can I lie down?"):
        used for this answer and saved; otherwise the stored treatment."""
        if not self.times.mentions_treatment(text):
            return state.treatment, None
        found = self.times.find(text, self.clock.local(now))
        if found is None or found[1] is None:
            return state.treatment, None
        day, moment = found
        area = state.treatment.area if state.treatment else None
        change = StateChange(treated_on=day, treated_at=moment)
        return Treatment(day, treated_at=moment, area=area), change

    def on_topic(self, event: TopicChosen, state: PatientState, now: datetime) -> Outcome:
        """A topic chosen by a button gets the same answer as the typed question would,
        timeline note included; unknown (old or forged) ids get nothing."""
        try:
            self.responder.knowledge.entry(event.entry_id)
        except KeyError:
            return Outcome()
        live = state.dialogue.live(now)
        language = self.language_of(state)
        if live.escalation is not None:
            # After a red flag a button is no way round the advice: say it again.
            turn = self.dialogue.on_text("", live, now=now, language=language)
            return Outcome(replies=(turn.reply,), language=language)
        reply = self.dialogue.answer(event.entry_id, now, state.treatment, language)
        change = StateChange(dialogue=live.answered((event.entry_id,), now))
        return Outcome(replies=(reply,), change=change, language=language)

    def on_caption(self, event: Caption, state: PatientState, now: datetime) -> Outcome:
        """Say what the bot cannot do with media; triage the caption (an escalation first)."""
        language = self.language_of(state, event.text)
        non_text = self.responder.renderer.speaking(language).non_text(event.media)
        if not event.text:
            return Outcome(replies=(non_text,), language=language)
        reply = self.responder.respond(
            event.text,
            private=state.private,
            now=now,
            treatment=state.treatment,
            language=language,
        )
        if reply.kind == "escalation":
            question = self.on_question(TypedQuestion(event.text), state, now)
            return replace(question, replies=(*question.replies, non_text))
        extra = (reply,) if reply.kind in {"answer", "clarify"} else ()
        return Outcome(replies=(non_text, *extra), language=language)

    def on_typed_date(self, event: TypedDate, state: PatientState, now: datetime) -> Outcome:
        """The treatment date /treated asked for; a red flag or a question is never a date."""
        if self.responder.assess(event.text).escalates:
            return NOT_HANDLED  # triage answers it as a question
        today = self.clock.today(now)
        found = parse_treatment_date(event.text, today, month_first=event.month_first)
        told = (
            (found, None)
            if found is not None
            else self.times.find(event.text, self.clock.local(now))
        )
        if told is None:
            if len(event.text.split()) > 4:
                return NOT_HANDLED  # a question, not a date: let the responder have it
            language = self.language_of(state)
            journey = self._messages_in(language).journey
            example = date_example(event.month_first)
            notice = self._notice(journey.treated_bad_date, language, example=example)
            return Outcome(replies=(notice,), language=language)
        day, moment = told
        if moment is None and day == today:
            return self.on_treated_today(TreatedToday(), state, now)
        return Outcome(change=StateChange(treated_on=day, treated_at=moment, awaiting_date=False))

    def on_treated_today(self, event: TreatedToday, state: PatientState, now: datetime) -> Outcome:
        """Treated "today" without a time: assume just now (timed advice then never ends too
        early) and say so, inviting the real time."""
        notice = self.dialogue.assumed_today(self.clock.local(now), self.language_of(state))
        change = StateChange(treated_on=self.clock.today(now), treated_at=now, awaiting_date=False)
        return Outcome(replies=(notice,) if notice else (), change=change)

    def on_checkin_answer(
        self, event: CheckinAnswered, state: PatientState, now: datetime
    ) -> Outcome:
        """Thank the patient for their check-in answer and count it."""
        language = self.language_of(state)
        journey = self._messages_in(language).journey
        template = {"ok": journey.checkin_ok, "q": journey.checkin_question}.get(
            event.answer, journey.checkin_wrong
        )
        return Outcome(
            replies=(self._notice(template, language),),
            record=EventRecord(kind="checkin_response", topic=event.answer),
            language=language,
        )

    # ---- shared -------------------------------------------------------------------------

    @property
    def _messages(self) -> Messages:
        return self.responder.knowledge.messages

    def _messages_in(self, language: str | None) -> Messages:
        return self.responder.renderer.speaking(language).messages

    def _notice(self, template: str, language: str | None = None, **values: str) -> Reply:
        renderer = self.responder.renderer.speaking(language)
        return renderer.notice(renderer.say(template, **values))

    def _answer(
        self,
        reply: Reply,
        text: str,
        state: PatientState,
        now: datetime,
        *,
        alert: bool | None = None,
        kind: RecordKind | None = None,
    ) -> Outcome:
        """A responder reply with the statistics record and, for a red flag, the alert draft
        (``alert`` False: the conversation's escalation already alerted the staff)."""
        record = EventRecord(
            kind=kind or (reply.kind if reply.kind != "notice" else "fallback"),
            topic=reply.topic,
            level=reply.level,
            score=reply.score,
            text=text if self.privacy.store_message_text else None,
            unanswered=reply.kind == "fallback",
        )
        draft = None
        if reply.kind == "escalation" and reply.level is not None and alert is not False:
            treatment = state.treatment
            draft = AlertDraft(
                level=reply.level,
                flag_ids=reply.flags,
                days_since_treatment=(
                    self.clock.recovery_day(treatment.treated_on, now) if treatment else None
                ),
                message_text=text if self.privacy.alert_include_message_text else None,
            )
        return Outcome(replies=(reply,), alert=draft, record=record)
