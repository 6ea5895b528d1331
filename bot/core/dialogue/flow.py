"""One typed message in the light of the conversation so far. Pure.

The order, in plain code:

1. the responder answers the message on its own, triage first (a red flag always wins);
   a message saying the alarming one before was never meant ("autocorrect", "wrong chat")
   takes the live escalation back;
   "it's getting worse" just after a symptom's answer, and "now my neck is stiff" during
   an urgent escalation, are triaged with what they follow;
2. a red flag during a live escalation raises a new staff alert only when it is worse (a
   higher level, or a flag not seen before);
3. while an escalation is live, anything else gets the advice again, never an FAQ answer;
4. a typed answer to the bot's own clarify prompt ("2", "the first one", "the alcohol one"),
   or a pick by place among the several answers just given ("the first one");
5. a question that refers back by its grammar ("and for my lips, same rules?", "should I
   tell them about it?", "tomorrow night then?" after several day-long waits) answers the
   topics it refers to;
6. several questions in one message get one answer each, in the order asked;
7. a question about having the treatment again ("when can I get more?") is about the next
   appointment, unless it names something else or refers back to another topic; one about
   it taking effect ("when will they stop moving?") is about when results appear; one
   about the price of something the clinic sells ("is the review free?") is the prices;
8. a short or underspecified follow-up ("and tomorrow?", "why?", "when will they stop
   moving?") continues the last topic; a message that is a confident match on its own is a
   new topic and inherits nothing.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import lru_cache

from bot.core.dialogue.again import TreatmentAgain
from bot.core.dialogue.asked_after import AskedAfterRedFlag
from bot.core.dialogue.course import SymptomCourse
from bot.core.dialogue.details import DetailPieces
from bot.core.dialogue.keywords import KeywordIndex
from bot.core.dialogue.lexicon import Lexicon, contains
from bot.core.dialogue.one_word import OneWordNames
from bot.core.dialogue.pieces import PieceReader
from bot.core.dialogue.pricing import PriceQuestions
from bot.core.dialogue.rebooking import Rebooking
from bot.core.dialogue.referring import BackReferences
from bot.core.dialogue.render import DialogueRenderer
from bot.core.dialogue.split import Piece
from bot.core.dialogue.state import DialogueState, EscalationMemory
from bot.core.dialogue.taking_effect import TakingEffect
from bot.core.dialogue.when import TreatmentTime
from bot.core.journey import Treatment
from bot.core.knowledge.dialogue import FOLLOWUP_KINDS
from bot.core.matching import Answer, Clarify, MatchResult
from bot.core.replies import Reply, to_html
from bot.core.responder import Responder
from bot.core.text import normalise
from bot.core.triage.context import rules_for
from bot.core.triage.detector import is_general_question

#: At most this many questions are answered from one message.
MAX_QUESTIONS = 3
#: A follow-up is read with the last topic when it has at most this many new words.
FOLLOWUP_MAX_NEW_WORDS = 4
#: "and if it still hasn't worked?" asks what comes next with at most this many new words
#: besides its negations: the failure's verb ("worked"); two let other questions in.
IF_NOT_MAX_NEW_WORDS = 1
#: "even if ..." keeps the last topic when the condition has at most this many new words.
EVEN_IF_MAX_NEW_WORDS = 6
#: A message judged out of scope on its own inherits no topic when it has more new words.
FALLBACK_MAX_NEW_WORDS = 2
#: A piece of a message that sets the scene rather than asks ("my lines are coming back,
#: when can I book?") keeps its own topic only when it reads at least this strongly alone.
SCENE_STRONG = 55.0
#: A follow-up that opens with "and ..." but looks out of scope alone keeps the last topic
#: when, read with it, it takes at most this many points from the topic's own certainty
#: ("and washing my hair?" after skincare: -1; "and who won the match?" after wine: -7).
OPENER_SLACK = 5.0
#: Follow-up words only ("is it safe for her?") that read as another topic of their own are
#: asked anew when, read with the topic just answered, they take more than this many points
#: from it ("what is it?": -25; "can I take paracetamol?": -9, still a follow-up).
ANEW_DROP = 15.0
#: A follow-up's keyword ("book": the contact details) names its topic against a reading
#: of the whole message this sure ("and how do I book my review?": 76) only when the whole
#: message scores the keyword's topic at least ``KEYWORD_SHARE`` of that reading.
SURE_READING = 60.0
KEYWORD_SHARE = 0.5
#: "is it meant to feel like that?" after a symptom asks how it goes with at most this many
#: new words besides the words of how it goes ("meant").
COURSE_MAX_NEW_WORDS = 1
#: "how would I know (if it had)?" is about the topic that lists the signs with at most this
#: many new words besides.
SIGNS_MAX_NEW_WORDS = 2
#: "will they go by tomorrow?" after several symptoms asks about each when it reads about as
#: well with each (fits within this many points, none below minus this).
EACH_FIT_SPREAD = 1.5
#: How a thing goes after several symptoms is about the first of them unless another reads
#: this many points better with it.
BEST_FIT_LEAD = 2.0
#: A message out of scope alone whose new words take more than this many points from the
#: last topic is not its follow-up (the weather: -20; the pub's opening hours: -12; "what kind
#: of cream?" after skincare: -2).
OUT_OF_SCOPE_DROP = 10.0
#: A confident answer of its own yields to the last topic only within this many points.
ANCHOR_MARGIN = 10.0
#: Whether a question starts at a word is read from that word and this many after it: the
#: joining words (up to three), then the question's opening (up to three words).
QUESTION_OPENING = 8
#: An assumed appointment time is mentioned while the wait could still be running.
ASSUMPTION_MATTERS_HOURS = 12
_RANK = {None: 0, "urgent": 1, "emergency": 2}


def _close(result: Answer, topic: str) -> bool:
    """``topic`` is among ``result``'s candidates, nearly as good as the best."""
    return any(
        c.entry_id == topic and c.score >= result.score - ANCHOR_MARGIN
        for c in result.candidates[:3]
    )


@dataclass(frozen=True, slots=True)
class Turn:
    """What one message led to: the reply, the memory to save, whether to alert the staff,
    and how the turn was decided (for statistics and tests)."""

    reply: Reply
    dialogue: DialogueState
    alert: bool = False
    how: str = "single"


class Dialogue(
    TreatmentAgain,
    TakingEffect,
    PriceQuestions,
    Rebooking,
    PieceReader,
    DetailPieces,
    BackReferences,
    AskedAfterRedFlag,
    OneWordNames,
    SymptomCourse,
):
    """Follows conversations over the responder; built once per clinic."""

    def __init__(self, responder: Responder) -> None:
        self.responder = responder
        self.lexicon = Lexicon(responder.knowledge.dialogue)
        self.render = DialogueRenderer(responder.knowledge, responder.renderer)
        dialogue = responder.knowledge.dialogue
        self.times = TreatmentTime(
            lang.time for lang in (dialogue.languages.values() if dialogue else ())
        )
        #: The FAQ keywords per language (a pack's own words, and English's).
        self._keywords = KeywordIndex(responder.knowledge)
        #: A follow-up is read with the last topic up to three times (``_supports``, the
        #: decision below it, and the topic's own baseline): one model pass each, cached.
        self._anchored = lru_cache(maxsize=256)(self._read_with_topic)
        #: One word read alone ("spritz", "jog"): the same few words recur, one pass each.
        self._word_read = lru_cache(maxsize=1024)(responder.match)
        self._smalltalk = frozenset(
            normalise(phrase)
            for intent in responder.knowledge.messages.smalltalk.values()
            for phrase in intent.phrasings
        )

    def on_text(
        self,
        text: str,
        memory: DialogueState,
        *,
        now: datetime,
        private: bool = True,
        treatment: Treatment | None = None,
        language: str | None = None,
        treatment_said: bool = False,
    ) -> Turn:
        """The reply to ``text`` given what the chat remembers (expired parts are ignored).

        ``treatment_said``: the message told the treatment's time ("had it done at 5pm"); if
        it asks nothing else, the reply says what was noted."""
        live = memory.live(now)
        reply = self.responder.respond(
            text, private=private, now=now, treatment=treatment, language=language
        )
        language = reply.language
        if (
            live.escalation is not None
            and reply.kind != "escalation"
            and self.lexicon.sent_by_mistake(text)
        ):
            # "sorry, autocorrect", "my son had my phone", "wrong chat": the alarm is taken
            # back (the staff alert stands); the message is answered as it is.
            live = live.calmed()
        context = self._worsening_context(text, reply, live) if reply.kind != "escalation" else ""
        if context:
            read = self._read_after(context, text, reply, now, private, treatment)
            if read is not None and self._raises(read, live):
                reply = read
        if reply.kind == "escalation":
            return self._escalated(reply, live, now, language, treatment)
        if live.escalation is not None and self.lexicon.enabled:
            return self._remind(text, live, now, language, treatment, alone=reply)
        if not self.lexicon.enabled or (reply.kind == "fallback" and not normalise(text)):
            return self._plain(reply, live, now)
        if reply.kind in {"clarify", "fallback"}:
            details = self._without_details(text, reply.language)
            reply = self._reread(details, reply, now, private, treatment)
        if self.lexicon.changes_subject(text):
            # "unrelated but ...", "otra pregunta, ...": read on its own, nothing inherited,
            # and without the announcement, which names no topic ("autre question, combien
            # coûte une retouche ?" is the prices, as the question alone reads)
            live = live.new_subject()
            announced = self.lexicon.without_new_subject(text)
            reply = self._reread(announced, reply, now, private, treatment, surer=True)
        if live.clarify:
            chosen = self._clarify_choice(text, live, reply)
            if chosen is not None:
                return self._chosen(chosen, live, now, treatment, language)
        elif len(live.topics) > 1:
            # "the first one" after several short answers: that one again, in full
            place = self.lexicon.ordinal_choice(text, len(live.topics))
            if place is not None and place < len(live.topics):
                return self._chosen(live.topics[place], live, now, treatment, language)
        if live.last_topic is not None:
            # "k and tmrw?", "great, what about friday?": the nod before a follow-up says
            # nothing about what is asked
            text = self._past_acknowledgement(text)
        every = self._every(text, live, now, treatment, language)
        if every is not None:
            return every
        if reply.kind == "smalltalk" and not (
            live.last_topic
            and (self.lexicon.only_context(text) or self._opens_asking_more(text))
            and (not self._is_smalltalk(text) or self._asks_moment(text))
        ):
            return Turn(reply, live.settled(), how="smalltalk")
        symptom = self._symptom_course(text, reply, live)
        if symptom is not None:
            # "se quita sola?", "wie lange dauert das? am Samstag ist Hochzeit": how the
            # symptom just answered goes, before any reading of the words as questions of
            # their own (the treatment's duration, the review, a second question)
            return self._follow_answer(symptom, text, live, now, treatment, language)
        referred = self._referred(text, reply, live)
        if referred is not None and len(referred) > 1:
            return self._each(referred, {}, live, now, treatment, language, how="referred")
        if referred is not None:
            answer = self.answer(referred[0], now, treatment, language)
            return Turn(answer, live.answered(referred, now), how="referred")
        several = self._several(text, reply, live, now, treatment, language)
        if several is not None:
            return several
        framed = (
            (self._priced(text, live.last_topic) if reply.kind != "fallback" else None)
            or self._rebooked(text, live.last_topic)
            or self._again(text, live.last_topic)
            or self._taking_effect(text, language)
        )
        if framed is not None:
            # "is the review free?": the prices; "can I move it?" after the review: the
            # contact details; "when can I get more?": the next appointment; "when will
            # they stop moving?": when results appear
            answer = self.answer(framed, now, treatment, language)
            return Turn(answer, live.answered((framed,), now), how="framed")
        followed = self._follow_up(text, reply, live)
        if followed is not None:
            return self._follow_answer(followed, text, live, now, treatment, language)
        if reply.kind == "answer":
            reply = self._with_assumption(reply, treatment, now, language)
        if treatment_said and treatment is not None and reply.kind in {"clarify", "fallback"}:
            noted = self._noted(treatment, language)
            if noted is not None:
                return Turn(noted, live.settled(), how="treatment_noted")
        return self._plain(reply, live, now)

    def _follow_answer(
        self,
        followed: str,
        text: str,
        live: DialogueState,
        now: datetime,
        treatment: Treatment | None,
        language: str | None,
    ) -> Turn:
        """The answer to a follow-up of ``followed`` (with how long the treatment lasts when
        it asks the toxin's own effect to wear off)."""
        wearing = self._wearing_off(followed, text)
        if wearing is not None:
            return self._each(wearing, {}, live, now, treatment, language, how="followup")
        answer = self._answer(followed, now, treatment, language=language)
        answer = self._with_assumption(answer, treatment, now, language)
        return Turn(answer, live.answered(self._kept(followed, live, text), now), how="followup")

    def answer(
        self,
        entry_id: str,
        now: datetime,
        treatment: Treatment | None,
        language: str | None = None,
    ) -> Reply:
        """One FAQ answer as a chosen topic gets it: the timeline note, and what was assumed
        about the treatment's time (the same words a typed question gets)."""
        reply = self._answer(entry_id, now, treatment, language=language)
        return self._with_assumption(reply, treatment, now, language)

    def _with_assumption(
        self, reply: Reply, treatment: Treatment | None, now: datetime, language: str | None
    ) -> Reply:
        """A timed answer ("stay upright for 4 hours") says what it assumed about the
        treatment's time, or asks for it: never a verdict on a guess left unsaid."""
        words = self.lexicon.words(language)
        if words is None or reply.topic is None:
            return reply
        wait = self.responder.knowledge.entry(reply.topic).wait_hours
        if wait is None:
            return reply
        zone = self.responder.knowledge.clinic.zone()
        if treatment is None:
            note = words.timing.ask_time
            values: dict[str, str] = {}
        elif treatment.treated_at is None:
            assumed = treatment.moment(zone)
            if now > assumed + timedelta(hours=wait + ASSUMPTION_MATTERS_HOURS):
                return reply  # long past, whatever the hour was
            note = words.timing.assumed_time
            values = {"until": assumed.strftime("%H:%M")}
        else:
            return reply
        renderer = self.responder.renderer.speaking(language)
        sentence = renderer.say(note, **values)
        pointer = renderer.say(renderer.messages.pointer)
        paragraphs = reply.text.split("\n\n")
        at = paragraphs.index(pointer) if pointer in paragraphs else len(paragraphs)
        text = "\n\n".join([*paragraphs[:at], sentence, *paragraphs[at:]])
        return replace(reply, text=text, html=to_html(text))

    def _reread(
        self,
        question: str | None,
        reply: Reply,
        now: datetime,
        private: bool,
        treatment: Treatment | None,
        *,
        surer: bool = False,
    ) -> Reply:
        """``question``, a part of the message, read alone: its answer replaces ``reply``
        (with ``surer``, only when it scores higher than an answer ``reply`` already is).
        Triage has read the whole message.

        Without its details, an unsure reading of a question ("is aspirin ok or will it
        make me bruise?": the bruise is a worry about the aspirin, not a second question)
        yields to a confident reading of the question alone (so does an unsure reading of
        "no bruising, can I swim?"). Without a new subject's announcement ("autre question,
        combien coûte une retouche ?"), which names no topic, the question reads as alone."""
        if not question:
            return reply
        again = self.responder.respond(
            question, private=private, now=now, treatment=treatment, language=reply.language
        )
        if again.kind != "answer":
            return reply
        if surer and reply.kind == "answer" and (again.score or 0.0) <= (reply.score or 0.0):
            return reply
        return again

    def _noted(self, treatment: Treatment, language: str | None) -> Reply | None:
        """ "Noted: your treatment was on 2026-12-02 at 17:00." """
        words = self.lexicon.words(language)
        if words is None or treatment.treated_at is None:
            return None
        local = treatment.treated_at.astimezone(self.responder.knowledge.clinic.zone())
        text = self.responder.renderer.say(
            words.timing.time_saved,
            language=language or "en",
            date=local.date().isoformat(),
            until=local.strftime("%H:%M"),
        )
        return self.responder.renderer.notice(text)

    # ---- red flags ------------------------------------------------------------------------

    def _worsening_context(self, text: str, reply: Reply, live: DialogueState) -> str:
        """What a message may be worsening, to triage it with ("" for nothing).

        * "It's got way worse, nothing helps" just after the headache's answer is a
          worsening headache: the symptom's title, when the message says it is worse.
        * During an urgent escalation, "and now my neck is stiff" after a bad headache is an
          emergency that neither message names alone: the names of the flags recognised,
          unless the message waits, seeks reassurance or asks about logistics."""
        memory = live.escalation
        if memory is None:
            symptom = next((t for t in live.topics if t in self.lexicon.course_topics), None)
            if symptom is None or not self.lexicon.says_worse(text, reply.language):
                return ""
            return self.responder.renderer.speaking(reply.language).title(symptom)
        if memory.level == "emergency":
            return ""
        if set(self.lexicon.followup_kinds(text, limit=len(FOLLOWUP_KINDS))) - {"other", "eased"}:
            return ""  # waiting, reassurance, logistics: no new symptom told
        language = reply.language or "en"
        flags = {flag.id: flag for flag in self.responder.knowledge.red_flags}
        return " ".join(
            flags[f].name.get(language, flags[f].name["en"]) for f in memory.flags if f in flags
        )

    @staticmethod
    def _raises(read: Reply, live: DialogueState) -> bool:
        """Read in context, the message is a red flag the conversation has not had: any
        after an answer; during an urgent escalation, only a new emergency flag."""
        memory = live.escalation
        if memory is None:
            return True
        return read.level == "emergency" and any(f not in memory.flags for f in read.flags)

    def _read_after(
        self,
        context: str,
        text: str,
        reply: Reply,
        now: datetime,
        private: bool,
        treatment: Treatment | None,
    ) -> Reply | None:
        """The escalation ``text`` is when read after ``context`` (what it follows), or None:
        a question ("will it get worse?", "what if my neck gets stiff?") tells nothing."""
        language = reply.language
        rules = rules_for((language or "en")[:2])
        norm = normalise(text)
        if is_general_question(norm, rules) or rules.hypothetical.search(norm):
            return None
        read = self.responder.respond(
            f"{context} {text}", private=private, now=now, treatment=treatment, language=language
        )
        return read if read.kind == "escalation" else None

    def _escalated(
        self,
        reply: Reply,
        live: DialogueState,
        now: datetime,
        language: str | None,
        treatment: Treatment | None,
    ) -> Turn:
        """A red flag: alert unless the live escalation already covers it; keep the worst."""
        level = reply.level
        assert level is not None
        known = live.escalation
        if known is None:
            memory = EscalationMemory(level, reply.flags, now, alerted=True)
            return Turn(reply, live.escalated(memory), alert=True, how="escalation")
        new_flags = tuple(flag for flag in reply.flags if flag not in known.flags)
        worse = _RANK[level] > _RANK[known.level]
        alert = worse or bool(new_flags) or not known.alerted
        merged = EscalationMemory(
            level=level if worse else known.level,
            flags=(*known.flags, *new_flags),
            at=now,
            alerted=known.alerted or alert,
            someone_else=known.someone_else,  # "now she can't breathe either": still hers
        )
        if known.outranks(level):
            # A lesser flag during an emergency: the emergency advice, one level per reply.
            words = self.lexicon.words(language)
            if words is not None:
                reminder = self.render.reminder(
                    merged, ("other",), words, language=language or "en", now=now
                )
                reply = replace(reminder, flags=merged.flags)
        return Turn(reply, live.escalated(merged), alert=alert, how="escalation")

    def _remind(
        self,
        text: str,
        live: DialogueState,
        now: datetime,
        language: str | None,
        treatment: Treatment | None,
        alone: Reply | None = None,
    ) -> Turn:
        """During an escalation: the advice again, answering the logistics where we can, and
        naming the topic a question of its own asks about (``alone``: the message's reading on
        its own). Once the patient has said the signs are someone else's, every reminder is
        for that person (and the patient's own treatment date is no part of what to tell
        them)."""
        memory = live.escalation
        words = self.lexicon.words(language)
        assert memory is not None and words is not None
        kinds = self.lexicon.followup_kinds(text)
        if "someone_else" in kinds and not memory.someone_else:
            memory = replace(memory, someone_else=True)
            live = replace(live, escalation=memory)
        if memory.someone_else:
            # Its line says what to tell the crew about them: not the patient's own lines.
            mine = {"someone_else", "other", "what_to_say", "done"}
            kinds = ("someone_else", *(k for k in kinds if k not in mine))
        asked = self._asked_during(text, alone, memory) if alone is not None else None
        if asked is not None and "activity" in kinds and self.lexicon.waits_only_by_time(text):
            # "can I still go to the gym later?": a plan, whose line comes before any wait's
            kinds = tuple(kind for kind in kinds if kind != "delay")
        reply = self.render.reminder(
            memory,
            kinds[:2],
            words,
            language=language or "en",
            now=now,
            treated_on=treatment.treated_on if treatment and not memory.someone_else else None,
            asked=asked,
        )
        return Turn(reply, live, how="reminder")

    def _confident_reading(self, text: str) -> str | None:
        """The topic ``text`` reads as on its own, when the matcher would answer it outright."""
        result = self.responder.match(text)
        sure = isinstance(result, Answer) and result.score >= self._answer_cutoff
        return result.entry_id if sure and isinstance(result, Answer) else None

    @property
    def _answer_cutoff(self) -> float:
        return self.responder.matcher.thresholds.answer

    # ---- clarify answers --------------------------------------------------------------------

    def _clarify_choice(self, text: str, live: DialogueState, reply: Reply) -> str | None:
        """The option a typed answer picks, or None when it is a new question."""
        options = live.clarify
        choice = self.lexicon.clarify_choice(text, options)
        if choice == "decline":
            return ""
        if isinstance(choice, int):
            return options[choice]
        if reply.kind == "answer":
            return reply.topic if reply.topic in options else None
        if len(normalise(text).split()) > 6:
            return None
        ranked = {c.entry_id: c.score for c in self.responder.matcher.rank(text, limit=50)}
        scored = [(ranked.get(option, 0.0), option) for option in options]
        best_score, best = max(scored)
        return best if best_score >= self.responder.matcher.thresholds.clarify / 2 else None

    def _chosen(
        self,
        chosen: str,
        live: DialogueState,
        now: datetime,
        treatment: Treatment | None,
        language: str | None = None,
    ) -> Turn:
        if not chosen:  # "none of these"
            fallback = self.responder.renderer.speaking(language).fallback()
            return Turn(fallback, live.settled(), how="clarify_declined")
        answer = self._answer(chosen, now, treatment, language=language)
        return Turn(answer, live.answered((chosen,), now), how="clarify_answer")

    # ---- several questions ------------------------------------------------------------------

    def _several(
        self,
        text: str,
        reply: Reply,
        live: DialogueState,
        now: datetime,
        treatment: Treatment | None,
        language: str | None,
    ) -> Turn | None:
        """Each question of the message, in order, up to three: every piece gets its own
        best topic; a piece that only continues the one before ("is that ok after botox?",
        "what would I look out for") takes that piece's topic rather than one of its own."""
        marked = self._questions(text, language)
        if len(marked) < 2:
            return None  # "no bruising, no pain, can I swim?": one question, read whole
        pieces = [piece.text for piece in marked]
        topics, scores = self._asked(
            pieces, now, language, live.last_topic, [piece.marked for piece in marked]
        )
        if (reply.kind == "answer" and reply.topic) or reply.kind == "fallback":
            # The whole message reads confidently as one question, or as none (out of
            # scope); a piece that only sets the scene ("going skiing next week, sun ok?",
            # "my brows aren't matching, do I wait for the review?", "twisted my ankle, it's
            # swollen, do I need an x-ray?") asks nothing of its own unless it reads strongly
            # alone.
            scene = self._scene_topics(marked, now, language, reply.topic)
            topics = [t for t in topics if t == reply.topic or t not in scene]
        if reply.kind == "answer" and reply.topic and reply.topic not in topics and topics:
            # The whole message matched something no piece did: keep it, first.
            topics.insert(0, reply.topic)
        if len(topics) < 2:
            return None
        return self._each(tuple(topics), scores, live, now, treatment, language)

    def _scene_topics(
        self,
        marked: Sequence[Piece],
        now: datetime,
        language: str | None,
        asked: str | None = None,
    ) -> set[str]:
        """The topics read in pieces that ask nothing: no question word anywhere in them, no
        question mark after them, not an item of a question's list (after it in the same
        sentence: "can I drink tonight, fly on sunday"; or before a "+" or "&" that joins it to
        one: "wine tonight + gym tomorrow ok?"), not the subject of a question after that names
        nothing of its own ("flying on sunday, will that be alright?"), and no strong reading
        of their own unless it is a topic the answer to the whole message (``asked``) lists
        as related: "lines creeping back already, when can I book my next one" reports what
        the next-treatment answer covers ("once your lines come back"), however strongly the
        report alone reads as how long results last."""
        pieces = [piece.text for piece in marked]
        related = set(self.responder.knowledge.entry(asked).related) if asked else set()
        asking = [self._piece_asks(piece, language) for piece in marked]
        scene: set[str] = set()
        in_question = asked_before = False
        for index, piece in enumerate(pieces):
            asks = asking[index]
            if marked[index].joint in {"start", "sentence"}:
                in_question = False
            listed = index + 1 < len(pieces) and (
                marked[index + 1].joint == "list" and asking[index + 1]
            )
            # "... and sleep on my side": joined to a question before, in any sentence
            opens = asked_before and self.lexicon.opens_as_follow_up(piece)
            item = (in_question or listed) and self._bare(piece, language)
            joined = item or opens
            in_question = in_question or asks
            asked_before = asked_before or asks
            if (
                asks
                or joined
                or self._asked_about_after(pieces, asking, index, now, language)
                or self._asked_of_each_after(pieces, asking, index, language)
            ):
                continue
            alone, scores = self._asked([piece], now, language)
            after = pieces[index + 1] if index + 1 < len(pieces) else ""
            scene.update(
                t
                for t in alone
                if t in scores
                and (t in related or not self._strong(piece, t))
                # "i feel frozen, how long will it last": the next piece asks how it goes
                and not (after and self._how_it_goes(after, t))
            )
        return scene

    def _bare(self, piece: str, language: str | None) -> bool:
        """The piece has no subject of its own ("fly on sunday", "gym tomorrow"), so it can be
        an item of a question's list; "had my forehead done tues", "it's swollen" tell."""
        rules = rules_for((language or "en")[:2])
        return not rules.first_person.search(piece) and not self.lexicon.opens_pointing_back(piece)

    def _strong(self, piece: str, topic: str) -> bool:
        """The matcher reads ``piece`` as ``topic`` at least ``SCENE_STRONG`` on its own words: a
        keyword alone ("knie geschwollen": swelling) names a topic, but says no more about
        asking it than the scene does."""
        result = self._match_alone(piece)
        ranked = result.candidates if isinstance(result, Answer | Clarify) else ()
        return any(c.entry_id == topic and c.score >= SCENE_STRONG for c in ranked)

    def _piece_asks(self, piece: Piece, language: str | None) -> bool:
        """A question mark follows the piece, or a question word starts somewhere in it.
        Each start is read with the few words after it (a question's opening, and the
        joining words before it), so a long piece costs linear time, not quadratic."""
        words = piece.text.split()
        return piece.marked or any(
            self._asks(" ".join(words[start : start + QUESTION_OPENING]), language)
            for start in range(len(words))
        )

    def _asked_about_after(
        self,
        pieces: Sequence[str],
        asking: Sequence[bool],
        index: int,
        now: datetime,
        language: str | None,
    ) -> bool:
        """The next piece asks about something said before and names no topic itself ("will
        that be alright", "is that ok"): it asks about this piece, which is then a question,
        not a scene. ("how long must I hold out" points back to nothing: it asks anew.)"""
        after = index + 1
        if after >= len(pieces) or not asking[after]:
            return False
        if not self.lexicon.points_back(pieces[after]):
            return False
        topics, _ = self._asked([pieces[after]], now, language)
        return not topics

    def _asked_of_each_after(
        self, pieces: Sequence[str], asking: Sequence[bool], index: int, language: str | None
    ) -> bool:
        """A later piece asks about every thing said before it ("flight tomorrow and a party
        with bubbly on saturday, are both ok?", "vuelo el lunes y sauna el martes, valen los
        dos?") and names no topic itself: each piece before it is one of the questions."""
        return any(
            asking[after] and self._of_each(pieces[after], language)
            for after in range(index + 1, len(pieces))
        )

    def _every(
        self,
        text: str,
        live: DialogueState,
        now: datetime,
        treatment: Treatment | None,
        language: str | None,
    ) -> Turn | None:
        """ "and saturday for both?" after several answers: each of them again, as the
        patient asks, when the message says little else (a word at most: "booo")."""
        if len(live.topics) < 2:
            return None
        rest = self.lexicon.asks_every(text)
        if rest is not None and len(rest) <= 1:
            return self._each(live.topics, {}, live, now, treatment, language, how="every")
        waiting = self._moment_for_each(text, live)
        if waiting is not None:
            return self._each(waiting, {}, live, now, treatment, language, how="every")
        going = self._course_of_each(text, live.topics)
        if going is not None:
            return self._each(going, {}, live, now, treatment, language, how="every")
        return None

    def _course_of_each(self, text: str, topics: tuple[str, ...]) -> tuple[str, ...] | None:
        """ "will they go by tomorrow?" after the nausea and the headache: how each symptom
        goes, when the message points back to several, says nothing new and reads as well
        with each (not "will they go back up?" after watery eyes and low brows: the brows).
        """
        lexicon = self.lexicon
        course = tuple(topic for topic in topics if topic in lexicon.course_topics)
        if len(course) < 2 or not lexicon.points_back_to_several(text):
            return None
        if not lexicon.about_progress(text):
            return None
        fits = [self._fit(text, topic) for topic in course]
        if min(fits) < -EACH_FIT_SPREAD or max(fits) - min(fits) > EACH_FIT_SPREAD:
            return None
        return course

    def _each(
        self,
        topics: tuple[str, ...],
        scores: dict[str, float],
        live: DialogueState,
        now: datetime,
        treatment: Treatment | None,
        language: str | None,
        how: str = "several",
    ) -> Turn:
        """One reply answering each of ``topics`` (up to three), in order."""
        topics = topics[:MAX_QUESTIONS]
        words = self.lexicon.words(language)
        assert words is not None
        answers = [
            self._answer(topic, now, treatment, scores.get(topic), language=language)
            for topic in topics
        ]
        renderer = self.responder.renderer.speaking(language)
        titles = [renderer.title(topic) for topic in topics]
        combined = self.render.several(answers, titles, words, language=language or "en")
        return Turn(combined, live.answered(topics, now), how=how)

    # ---- follow-ups -------------------------------------------------------------------------

    def _follow_up(self, text: str, reply: Reply, live: DialogueState) -> str | None:
        """The topic a follow-up continues, or None when the message stands on its own."""
        last = live.last_topic
        lexicon = self.lexicon
        # With a topic to follow, the message's own function words are filler too ("per
        # quanto tempo?"); a first question's words are read as they were said.
        new_words = lexicon.leftover(text, reply.language if last is not None else None)
        if last is not None:
            if lexicon.names_only_area(text, reply.language):
                # "and crows feet?", "e o baby botox?": the same question, for another area
                # or kind of treatment (whatever the area's own words read as alone)
                return self._carried(live.topics, text, reply.language)
            failing = lexicon.without_negations(new_words)  # "if it still hasn't worked"
            if lexicon.asks_if_not(text) and len(failing) <= IF_NOT_MAX_NEW_WORDS:
                return lexicon.if_not_topics.get(last, last)
            remedy = lexicon.remedy_topic
            if remedy and last in lexicon.remedy_after and lexicon.asks_remedy(text):
                return remedy  # "can I take something for it?" after the headache
            signs = self._signs_of(text, live.topics, reply.language)
            if signs is not None:
                return signs  # "how would I even know?" after the spread and asthma
            chance = self._chance_of(text, live.topics, reply.language)
            if chance is not None:
                return chance  # "how often does that happen?" after the risks
            kept_off = self._kept_away_from(text, live.topics, reply.language)
            if kept_off is not None:
                return kept_off  # "how long do I avoid those for?" after the sauna
            besides = lexicon.besides_progress(text)
            if (
                besides is not None
                and len(besides) <= COURSE_MAX_NEW_WORDS
                and lexicon.points_back(text)
                and not lexicon.course_topics.isdisjoint(live.topics)
            ):
                # "will it feel this way the whole time?", "is it meant to feel like that?"
                # after the frozen feeling: how the symptom goes, whatever its verbs read as
                # alone ("feel": feeling fluey)
                return self._carried(live.topics, text, reply.language)
            if not new_words and normalise(text):
                carried = self._carried(
                    live.topics, text, reply.language
                )  # "and tomorrow?", "why?"
                if self._asks_anew(text, reply, carried):
                    return None  # "is it safe for her?" after "what is it?"
                return carried
            if lexicon.repeats(text) and len(new_words) <= 2:
                return last  # "what if I do it in my sleep?"
            if (
                lexicon.opens_with_even_if(text)
                and len(new_words) <= EVEN_IF_MAX_NEW_WORDS
                and self._named(new_words, live.topics, text, reply.language)
                in {None, *live.topics}
            ):
                # "even if it wears off early?", "even if I have it every few months?": the
                # same question under a condition (unless the condition names another
                # topic: "even if I have wine first?" after the gym); after several answers,
                # the one the condition reads with ("even if it's only mascara?")
                return self._best_fit(live.topics, text)
        if self._out_of_scope_after(text, new_words, reply, last):
            return None  # "what's the weather like in London tomorrow?" after flying
        thing = self._new_thing(text, new_words, reply, last)
        if thing is not None:
            return thing  # "and a couple of beers at the match?": the beers
        if reply.kind == "fallback" and len(new_words) > FALLBACK_MAX_NEW_WORDS:
            keyword_topic = self._named(new_words, live.topics, text, reply.language)
            if (
                keyword_topic in live.topics
                and len(new_words) <= FOLLOWUP_MAX_NEW_WORDS
                and self._supports(text, keyword_topic, slack=OPENER_SLACK)
            ):
                # "is it ok to use them lubricating drops" after dry eyes; not "who won the
                # rugby?" after the gym, which takes much from it
                return keyword_topic
            continued = self._continued(text, new_words, live.topics)
            if continued is not None:
                return continued  # "and washing my hair in the shower?" after skincare
            return None  # out of scope on its own, and more than a follow-up says ("who won?")
        course = self._course(text, new_words, reply.language)
        if course is not None:
            return course  # "how long will the swelling last?": the swelling
        if len(new_words) > FOLLOWUP_MAX_NEW_WORDS or (last is None and reply.kind == "answer"):
            return None  # nothing to follow, or a confident question of its own
        if last is not None and lexicon.about_progress(text):
            if self._nothing_goes(text, reply, live.topics) and not (
                lexicon.points_back(text) and self._supports(text, last, slack=OPENER_SLACK)
            ):
                # "can it spread?" after "is botox safe?": the spread. A message pointing
                # back that, read with the last topic, takes next to nothing from it ("is it
                # normal to feel like this?" after being upset with the result) still asks
                # about it, however surely its generic words ("is it normal") read alone.
                return None
            # "how long does that usually last?", "when will it go away?", "shorter?"; after
            # several answers, how a thing goes is the symptom's among them
            return self._carried(live.topics, text, reply.language)
        if reply.kind == "answer" and reply.topic in live.topics:
            return reply.topic  # "and the flu one?" reads as the jab question on its own
        short = len(new_words) <= 2
        # Reading the words alone costs a model pass: only when it can change the decision.
        fused = reply.kind != "answer" or last is not None
        alone = (
            self._words_alone(new_words, live.topics, text, fused=fused, language=reply.language)
            if short and new_words
            else self._one_named(
                new_words, text, live.topics, reply.language, alone=reply.kind == "answer"
            )
            if new_words and last is not None and not self._sure(reply)
            else None
        )
        if isinstance(alone, Answer) and alone.entry_id in live.topics:
            return alone.entry_id  # "what about yoga?" after exercise: still that topic
        if alone is None and new_words and last is not None and not self._sure(reply):
            kept = self._named(new_words, live.topics, text, reply.language)
            if kept in live.topics and len(new_words) <= FOLLOWUP_MAX_NEW_WORDS:
                # "puedo usar lentes de contacto?" after dry eyes: a keyword of the topic
                # just answered, against an unsure reading of the whole message
                return kept
        if isinstance(alone, Answer) and last is not None and _close(alone, last):
            alone = None  # close enough to the last topic: decided below
        named = isinstance(alone, Answer) and not alone.candidates  # an FAQ keyword
        if (
            reply.kind != "answer"
            and isinstance(alone, Answer)
            and not named
            and last is not None
            and lexicon.has_cue(text)
            and self._supports(text, last)
        ):
            # "what about on my side?": unclear on its own, and a word read alone may mean
            # another topic, but read with the last topic the message is still about it.
            return last
        if (
            (reply.kind != "answer" or (named and self._keyword_holds(text, reply, alone)))
            and isinstance(alone, Answer)
            and (
                last is not None
                or (
                    lexicon.has_cue(text)
                    and (reply.kind == "clarify" or lexicon.opens_as_follow_up(text))
                )
            )
        ):
            # "what about wine?": the new word says what it is about. With nothing said
            # before and no follow-up cue ("my face"), the responder's own doubt stands; so
            # does its "out of scope" unless the message opens as a follow-up: a first
            # question's leftover words ("what time is the tennis on") are no topic.
            return alone.entry_id
        if last is None or not (lexicon.has_cue(text) or short):
            return None
        if reply.kind != "answer" and len(live.topics) > 1:
            # Unsure on its own, but leaning to one of the topics just answered ("what kind
            # of cream?" after the upright rule and the skincare answer).
            result = self.responder.match(text)
            leaning = result.candidates[0].entry_id if result.candidates else None
            if leaning in live.topics:
                return leaning
        anchored = self._anchored(text, last)
        if reply.kind == "answer":
            # Confident on its own: a new topic, unless it points back ("how long does
            # that last?") and reads nearly as well as a question about the last topic.
            own = reply.score or 0.0
            if not (
                lexicon.points_back(text)
                and short
                and not named
                and isinstance(anchored, Answer)
                and anchored.entry_id == last
                and anchored.score >= own - ANCHOR_MARGIN
                # the new words alone must not read better as a topic of their own
                and not (isinstance(alone, Answer) and alone.score >= anchored.score)
                # nor, fairly compared (the topic's title lifts any reading with it), take
                # much from the topic: "is it safe?" after "what is it?" asks anew
                and self._supports(text, last, slack=OPENER_SLACK)
            ):
                return None
            return last
        if isinstance(anchored, Answer):
            return anchored.entry_id
        if isinstance(anchored, Clarify) and anchored.candidates[0].entry_id == last:
            return last
        return None

    def _wearing_off(self, followed: str, text: str) -> tuple[str, ...] | None:
        """ "does it wear off?" after the toxin's own effect (the frozen feeling): how the
        feeling eases, and how long the treatment lasts, since it wears off with it."""
        lexicon = self.lexicon
        lasting = lexicon.lasting_topic
        if lasting and followed in lexicon.effect_topics and lexicon.asks_wear_off(text):
            return (followed, lasting)
        return None

    @staticmethod
    def _sure(reply: Reply) -> bool:
        """The message read on its own as one topic, surely ("se puede tapar con corrector?"
        reads as the prices at 28: not sure, so its keyword may name what it asks)."""
        return reply.kind == "answer" and (reply.score or 0.0) >= SURE_READING

    def _kept(self, followed: str, live: DialogueState, text: str) -> tuple[str, ...]:
        """The topics a follow-up leaves to follow: its own, and the symptom it was asked
        about, which "will it go away on its own?" then asks about: a remedy asked after a
        symptom ("can I take something for it?" after the headache), or anything asked of
        the symptom by pointing back at it ("can I cover them?" after the bumps)."""
        lexicon = self.lexicon
        last = live.last_topic
        if followed == lexicon.remedy_topic and last in lexicon.remedy_after:
            return (followed, last)
        if (
            last in lexicon.course_topics
            and followed not in lexicon.course_topics
            and lexicon.points_back(text)
        ):
            return (followed, last)
        return (followed,)

    def _nothing_goes(self, text: str, reply: Reply, topics: tuple[str, ...]) -> bool:
        """A word of how something goes ("spread", "stop", "move") after topics none of
        which is a symptom that goes, in a message that reads surely as a topic of its own:
        that topic is asked ("can it spread?" after "is botox safe?"), not how the last
        one goes. How long it lasts is left to ``_carried`` (the treatment's duration)."""
        lexicon = self.lexicon
        if any(topic in lexicon.course_topics for topic in topics) or lexicon.asks_duration(text):
            return False
        return (
            reply.kind == "answer"
            and reply.topic not in {None, *topics}
            and (reply.score or 0.0) >= SURE_READING
        )

    def _out_of_scope_after(
        self, text: str, new_words: list[str], reply: Reply, last: str | None
    ) -> bool:
        """A message out of scope on its own whose new words, read with the last topic, take
        more than ``OUT_OF_SCOPE_DROP`` points from it and name no FAQ keyword ("is Boots
        open on Sunday?", "what's the weather like there?"): a question of its own that the
        FAQ does not answer, not a follow-up ("what about microneedling?": -2, still one)."""
        if reply.kind != "fallback" or last is None or not new_words:
            return False
        if self._named(new_words, (last,), text, reply.language) is not None:
            return False
        return self._fit(text, last) < -OUT_OF_SCOPE_DROP

    def _new_thing(
        self, text: str, new_words: list[str], reply: Reply, last: str | None
    ) -> str | None:
        """In a conversation, a follow-up put as one ("and ...?", "what about ...?") that
        names one new thing ("beers", "spritz", "a walk"): the thing's topic, unless the
        whole message reads confidently as something else or, read with the last topic,
        still reads as that topic."""
        if last is None or len(new_words) > FOLLOWUP_MAX_NEW_WORDS + 1:
            return None
        if reply.kind == "answer" and (reply.score or 0.0) >= self._answer_cutoff:
            return None
        lexicon = self.lexicon
        if not lexicon.opens_as_follow_up(text) or lexicon.mentions_progress(text):
            return None  # "how long does that last?": how the last thing goes
        if self._supports(text, last):
            return None  # "what about on my side?" after sleeping: still sleeping
        if self._named(new_words, (last,), text, reply.language) == last:
            # "e lente de contato?" after dry eyes: a keyword of the topic just answered,
            # whatever one of its words ("contato") names alone
            return last
        return self._one_thing_named(new_words)

    def _match_alone(self, text: str) -> MatchResult:
        return self._word_read(text)

    def _keyword_holds(self, text: str, reply: Reply, named: Answer | None) -> bool:
        """A follow-up ("and wax my brows?") whose keyword names another topic than the
        whole message's reading: the keyword decides when the message is put as a follow-up,
        unless that reading is sure and leaves the keyword's topic far behind. A keyword that
        is only a verb of the question ("how do I book my review?": booking names the contact
        details) does not outvote a sure question about something else."""
        if named is None or not self.lexicon.has_cue(text):
            return False
        if reply.kind != "answer" or reply.topic == named.entry_id or reply.score is None:
            return True
        if reply.score < SURE_READING:
            return True  # "and yoga before the office?": an unsure reading, the yoga decides
        result = self.responder.match(text)
        ranked = result.candidates if isinstance(result, Answer | Clarify) else ()
        theirs = next((c.score for c in ranked if c.entry_id == named.entry_id), 0.0)
        return theirs >= reply.score * KEYWORD_SHARE

    def _signs_of(
        self, text: str, topics: tuple[str, ...], language: str | None = None
    ) -> str | None:
        """Of the topics just answered, the one whose answer lists the signs, when the message
        asks what to look out for and names nothing else ("what symptoms would I watch
        for?", "how would I even know if it had?")."""
        lexicon = self.lexicon
        rest = lexicon.asks_signs(text, language)
        if rest is None or len(rest) > SIGNS_MAX_NEW_WORDS:
            return None
        return next((topic for topic in topics if topic in lexicon.signs_topics), None)

    def _chance_of(
        self, text: str, topics: tuple[str, ...], language: str | None = None
    ) -> str | None:
        """ "how often does that actually happen?", "how likely is that at normal doses?":
        how often or how likely the thing pointed back at happens (the latest answer told),
        whatever "how often" (the interval between treatments) or "likely" (the risks) name
        alone. Not when the patient is the subject ("how often can I have it?": the
        interval), nor when the other words name a topic not just answered."""
        rest = self.lexicon.asks_chance(text, language)
        if rest is None or len(rest) > FOLLOWUP_MAX_NEW_WORDS:
            return None
        if not self.lexicon.points_back_in(text, language):
            return None
        if rules_for((language or "en")[:2]).first_person.search(normalise(text)):
            return None
        named = self._named(rest, topics, text, language) if rest else None
        if named is not None and named not in topics:
            return None
        return self._pointed_at(topics, text, language)

    def _kept_away_from(
        self, text: str, topics: tuple[str, ...], language: str | None = None
    ) -> str | None:
        """ "how long do I avoid those for?", "how many nights should I skip it?": keeping
        away from the thing pointed back at (the latest answer told), whatever "avoid" (the
        aftercare rules) names alone; not when another word names a topic not just
        answered ("should I avoid alcohol too?")."""
        rest = self.lexicon.asks_abstaining(text, language)
        if rest is None or len(rest) > 1 or not self.lexicon.points_back_in(text, language):
            return None
        named = self._named(rest, topics, text, language) if rest else None
        if named is not None and named not in topics:
            return None
        return self._pointed_at(topics, text, language)

    def _asks_anew(self, text: str, reply: Reply, topic: str) -> bool:
        """A message of follow-up words only ("is it safe for her?") that is a confident
        question of its own about another topic and, fairly compared (the topic's title lifts
        any reading with it), takes much from ``topic``: not a follow-up of it. How a thing
        goes and a moment stay follow-ups, whatever they read as alone."""
        lexicon = self.lexicon
        if lexicon.mentions_progress(text) or lexicon.mentions_when(text):
            return False  # how it goes, or a moment: about the topic ("and if it lasts?")
        return (
            reply.kind == "answer"
            and reply.topic is not None
            and reply.topic != topic
            and not self._supports(text, topic, slack=ANEW_DROP)
        )

    def _continued(self, text: str, new_words: list[str], topics: tuple[str, ...]) -> str | None:
        """A message out of scope on its own that opens as a follow-up ("and ...", "what
        about ...") and reads as one of the topics just answered when read with it: that
        topic."""
        if len(new_words) > FOLLOWUP_MAX_NEW_WORDS:
            return None
        lexicon = self.lexicon
        if not (lexicon.opens_as_follow_up(text) or lexicon.opens_pointing_back(text)):
            return None
        named = self._named(new_words, topics, text)
        if named is not None:
            # "and my woolly hat? it's freezing out" after skincare: the hat; "and the teeth
            # grinding at night?" after the jaw: still the jaw
            return named
        return next((t for t in topics if self._supports(text, t, slack=OPENER_SLACK)), None)

    def _supports(self, text: str, last: str, slack: float = 0.0) -> bool:
        """Read with the last topic, ``text`` makes that topic more certain than the topic's
        own words do: "on my side" adds to sleeping, "el vino" takes from the gym
        (``slack``: or takes at most that many points from it)."""
        return self._fit(text, last) > -slack

    def _read_with_topic(self, text: str, last: str) -> Answer | Clarify | None:
        """The decision on ``text`` read together with the last topic's title and keywords."""
        entry = self.responder.knowledge.entry(last)
        result = self.responder.match(f"{text} {entry.title} {' '.join(entry.keywords[:4])}")
        return result if isinstance(result, Answer | Clarify) else None

    def _words_alone(
        self,
        words: list[str],
        topics: tuple[str, ...],
        text: str,
        *,
        fused: bool,
        language: str | None = None,
    ) -> Answer | None:
        """The topic one or two words name on their own ("wine", "yoga", "sauna"): the FAQ
        entry their keywords name, else the fused decision on the words alone."""
        named = self._named(words, topics, text, language)
        if named is not None:
            return Answer(named, 100.0, ())
        if not fused:
            return None
        result = self.responder.match(" ".join(words))
        return result if isinstance(result, Answer) else None

    def _one_named(
        self,
        words: list[str],
        text: str,
        topics: tuple[str, ...],
        language: str | None = None,
        *,
        alone: bool = False,
    ) -> Answer | None:
        """A few new words that the matcher cannot place, read by their keywords when these
        name only topics other than those just answered ("which brand of toxin do you use?"
        after flying: the brands); None when a keyword names a topic just answered ("and
        sunglasses for driving home?" after the glasses: decided with that topic).
        ``alone``: the matcher has an unsure answer of its own, which only a keyword naming
        one topic alone outvotes ("tapar con corrector": the makeup; "due a tetanus jab"
        names the next appointment too, so the matcher's reading stands)."""
        mentioned = self._mentioned(words, text, language)
        if not mentioned or not mentioned.isdisjoint(topics) or (alone and len(mentioned) > 1):
            return None
        named = self._named(words, topics, text, language)
        return Answer(named, 100.0, ()) if named is not None else None

    def _mentioned(self, words: list[str], text: str, language: str | None = None) -> set[str]:
        """Every FAQ entry a keyword among ``words`` (the new words of ``text``) names."""
        return {e for ids in self._mentions(words, text, language) for e in ids}

    def _mentions(
        self, words: list[str], text: str, language: str | None = None
    ) -> list[frozenset[str]]:
        """The FAQ entries each keyword among ``words`` (the new words of ``text``) names,
        keyword by keyword: one word, two side by side, or a longer keyword said whole."""
        keywords = self._keywords.table(language)
        phrases = [*words, *(f"{a} {b}" for a, b in itertools.pairwise(words))]
        norm = normalise(text)
        said = [frozenset(keywords.ids(phrase)) for phrase in phrases]
        whole = [frozenset(ids) for key, ids in keywords.phrases if contains(norm, key)]
        return [ids for ids in [*said, *whole] if ids]

    def _named(
        self,
        words: list[str],
        topics: tuple[str, ...] = (),
        text: str = "",
        language: str | None = None,
    ) -> str | None:
        """The FAQ entry the keywords among ``words`` (the new words of ``text``) name: the
        one most of them name ("my brows tinted": a brow word and a tint word both name the
        beauty treatments), else the first named ("gym after work": the gym). ``language``:
        the message's, whose pack's keywords count besides the English ones."""
        keywords = self._keywords.table(language)
        phrase = " ".join(words)
        if len(words) > 1 and len(keywords.ids(phrase)) == 1:
            return next(iter(keywords.ids(phrase)))
        norm = normalise(text)
        said_keys = [
            (key, ids)
            for key, ids in keywords.phrases
            if not set(key.split()).isdisjoint(words) and contains(norm, key)
        ]
        whole = max(said_keys, key=lambda pair: len(pair[0].split()), default=None)
        if (
            whole is not None
            and len(whole[1]) == 1
            and all(set(key.split()) <= set(whole[0].split()) for key, _ in said_keys)
            and len(said_keys) > 1
            and not self.lexicon.mentions_progress(text)
        ):
            # "lentes de contacto" said whole names the eyes, over its "lentes" (glasses)
            # and "contacto" (the clinic's contact details)
            return next(iter(whole[1]))
        covering = {entry_id for _, ids in said_keys for entry_id in ids}
        if len(covering) == 1 and not self.lexicon.mentions_progress(text):
            # A keyword of several words said whole ("flu jab", whose "jab" is filler on its
            # own) names its topic over any one of its words ("flu": feeling fluey); how a
            # thing goes ("even if it wears off early?") is left to the course rules.
            return next(iter(covering))
        said = norm.split() or words
        where = {
            word: said.index(word) if word in said else index for index, word in enumerate(words)
        }
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        pairs = [(a, f"{a} {b}") for a, b in itertools.pairwise(words)]
        for word, phrase in [*((w, w) for w in words), *pairs]:
            position = where[word]
            for entry_id in keywords.ids(phrase):
                counts[entry_id] = counts.get(entry_id, 0) + 1
                first[entry_id] = min(first.get(entry_id, position), position)
        if not counts:
            return None
        best = max(counts.values())
        tied = [entry_id for entry_id, n in counts.items() if n == best]
        if len(tied) == 1:
            return tied[0]
        places = sorted({first[entry_id] for entry_id in tied})
        chosen = [entry_id for entry_id in tied if entry_id in topics]
        if len(places) == 1 or places[1] - places[0] == 1:
            # One word names them all ("brows"), or two side by side name two ("regular
            # yoga": "regular" is also a word of the next appointment): the topic just
            # answered, if it is one; else the words read together decide.
            return chosen[0] if len(chosen) == 1 else None
        # Apart: the first named is what is asked about ("gym after work", "ibuprofen, or
        # should I avoid it").
        return next(entry_id for entry_id in tied if first[entry_id] == places[0])

    def _course(self, text: str, new_words: list[str], language: str | None = None) -> str | None:
        """ "how long will the headache last?": a question about how a named symptom goes is
        about that symptom, whatever else the words match."""
        if not self.lexicon.course_topics or not self.lexicon.mentions_progress(text):
            return None
        rest = self.lexicon.without_progress(new_words)
        if not rest or len(rest) > 2:
            return None
        named = self._named(rest, text=text, language=language)
        if named is None and len(rest) > 1:
            # A symptom named in two words, but by no keyword ("mal di testa", "dolor de
            # cabeza": keywords are English): the symptom the words read as on their own.
            alone = self.responder.match(" ".join(rest))
            named = alone.entry_id if isinstance(alone, Answer) else None
        return named if named in self.lexicon.course_topics else None

    def _carried(self, topics: tuple[str, ...], text: str, language: str | None = None) -> str:
        """The topic a follow-up of the last answer is about. After several answers: how a
        thing goes is about the symptom among them ("how long till they go?"), a time
        ("and at 5?", "tomorrow morning?") about the latest one that has a wait, a word
        pointing back ("why that long?") about the latest one told, anything else about the
        first. "How long does it last?" after anything but a symptom asks how
        long the treatment lasts; "when will it wear off?" after the toxin's own effect is
        about that effect (``_wearing_off`` adds how long the treatment lasts)."""
        lexicon = self.lexicon
        course = [topic for topic in topics if topic in lexicon.course_topics]
        timed = [
            topic
            for topic in reversed(topics)
            if self.responder.knowledge.entry(topic).wait_hours is not None
        ]
        effects = [topic for topic in course if topic in lexicon.effect_topics]
        if effects and lexicon.asks_wear_off(text):
            return effects[0]  # the frozen feeling wears off with the treatment
        if course and lexicon.mentions_progress(text):
            # after several symptoms, the one how-it-goes reads best with ("will they go back
            # up?" after watery eyes and low brows: the brows)
            best = self._best_fit(tuple(course), text)
            lead = self._fit(text, best) - self._fit(text, course[0])
            return best if lead >= BEST_FIT_LEAD else course[0]
        if lexicon.asks_duration(text) and lexicon.lasting_topic:
            return lexicon.lasting_topic
        if len(topics) > 1 and timed and lexicon.mentions_when(text):
            return timed[0]
        if len(topics) > 1 and not lexicon.points_back(text):
            # "and out of hours?" after the signs of infection and whom to call: the one it
            # reads with, when one reads clearly better than the first ("why?": the first)
            best = self._best_fit(topics, text)
            if self._fit(text, best) - self._fit(text, topics[0]) >= BEST_FIT_LEAD:
                return best
        # a pronoun ("why that long?") is the thing told last, as the nearest thing said
        return self._pointed_at(topics, text, language)

    def _best_fit(self, topics: tuple[str, ...], text: str) -> str:
        """Of the topics just answered, the one ``text`` reads best with (the first when
        there is only one, or when none reads with it)."""
        if len(topics) < 2:
            return topics[0]
        fits = [(self._fit(text, topic), -index) for index, topic in enumerate(topics)]
        best, at = max(fits)
        return topics[-at] if best > float("-inf") else topics[0]

    def _fit(self, text: str, topic: str) -> float:
        """How much reading ``text`` with ``topic`` adds to the topic's own certainty."""
        anchored = self._anchored(text, topic)
        if not isinstance(anchored, Answer) or anchored.entry_id != topic:
            return float("-inf")
        alone = self._anchored("", topic)
        return anchored.score - (alone.score if isinstance(alone, Answer) else 0.0)

    def _past_acknowledgement(self, text: str) -> str:
        """``text`` without the small talk it opens with ("ok cool", "thanks", "k") when what
        follows opens as a follow-up ("and tomorrow?", "what about friday?"): the nod answers
        the last reply, the rest asks about it. The rest keeps its punctuation (commas part
        its questions); anything else is returned unchanged."""
        raw = text.split()
        start = 0
        while start < len(raw) - 1:
            rest = next(
                (
                    end
                    for end in range(min(len(raw) - 1, start + 3), start, -1)
                    if normalise(" ".join(raw[start:end])) in self._smalltalk
                    and self.lexicon.opens_as_follow_up(" ".join(raw[end:]))
                ),
                None,
            )
            if rest is None:
                break
            start = rest
        return " ".join(raw[start:]) if start else text

    def _opens_asking_more(self, text: str) -> bool:
        """ "n ice?", "and a cold one?" after a topic: opens as a follow-up and what follows the
        opener is no small talk of its own ("and thanks", "n cheers")."""
        if not self.lexicon.opens_as_follow_up(text):
            return False
        words = text.split()
        return not any(self._is_smalltalk(" ".join(words[start:])) for start in range(1, 4))

    def _asks_moment(self, text: str) -> bool:
        """A greeting's words asked as a moment ("morning?", "evening?" after the gym): the
        question mark makes it "and in the morning?", not "good morning"."""
        return text.rstrip().endswith("?") and self.lexicon.mentions_when(text)

    def _is_smalltalk(self, text: str) -> bool:
        """Exactly a small-talk phrase ("ok", "thanks"), not a follow-up that looks like one
        ("e domani?")."""
        return normalise(text) in self._smalltalk

    def assumed_today(self, local_now: datetime, language: str | None) -> Reply | None:
        """ "I've assumed your treatment was today around 19:00 ...": said whenever a
        treatment "today" is taken to be just now."""
        words = self.lexicon.words(language)
        if words is None:
            return None
        until = local_now.strftime("%H:%M")
        text = self.responder.renderer.say(
            words.timing.treated_today_assumed, language=language or "en", until=until
        )
        return self.responder.renderer.notice(text)

    # ---- shared -----------------------------------------------------------------------------

    def _answer(
        self,
        entry_id: str,
        now: datetime,
        treatment: Treatment | None,
        score: float | None = None,
        *,
        language: str | None = None,
    ) -> Reply:
        return self.responder.answer(
            entry_id, score, now=now, treatment=treatment, language=language
        )

    @staticmethod
    def _plain(reply: Reply, live: DialogueState, now: datetime) -> Turn:
        """A reply to the message on its own, remembered as the context for what follows."""
        if reply.kind == "answer" and reply.topic:
            return Turn(reply, live.answered((reply.topic,), now))
        if reply.kind == "clarify" and reply.suggestions:
            return Turn(reply, live.offered(reply.suggestions, now), how="clarify")
        return Turn(reply, live.settled())
