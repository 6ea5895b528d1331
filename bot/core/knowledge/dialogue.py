"""The words the bot needs to follow a conversation: ``knowledge/dialogue.yaml``, per language.

Follow-up cue words ("and tomorrow?", "why?"), answers to a clarify prompt ("yes", "the
first one"), where a second question starts in one message ("and also"), what a
treatment time looks like ("2 hours ago"), and what the bot says to a follow-up after a
red flag. Every shipped language has every part; the loader reports what is missing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from bot.core.knowledge.schemas import LanguageCode, Text, _Strict

DIALOGUE_FILE = "dialogue.yaml"
#: Every language the shipped knowledge answers in; each needs a full dialogue section.
DIALOGUE_LANGUAGES: tuple[str, ...] = ("en", "es", "de", "fr", "it", "pt")

#: What a follow-up after a red flag is about; each kind has its own sentence.
FollowupKind = Literal[
    "someone_else",
    "transport",
    "reassure",
    "delay",
    "eased",
    "closed",
    "what_to_say",
    "activity",
    "done",
    "thanks",
    "other",
]
#: Most telling first: "that was my friend, not me" and "can my sister drive me in?" say
#: more than the "ok" or "hospital" they may also hold.
FOLLOWUP_KINDS: tuple[FollowupKind, ...] = (
    "someone_else",
    "transport",
    "done",
    "what_to_say",
    "closed",
    "eased",
    "delay",
    "activity",
    "reassure",
    "thanks",
    "other",
)
Phrases = Annotated[list[Text], Field(min_length=1)]


class FollowupWords(_Strict):
    """Words that add nothing new on their own: a message made only of these (and stop
    words) continues the last topic ("and tomorrow?", "is that normal?", "why?")."""

    context: Phrases
    #: Words that point back ("when will they stop moving?"): a confident match of its own
    #: may still be about the last topic.
    pronouns: Phrases
    #: The plural ones among them ("they", "those"): after several symptoms answered, "will
    #: they go by tomorrow?" asks about each.
    plural: Phrases = Field(default_factory=list)
    #: How something goes ("last", "go away", "wear off"): with a pronoun, still the last
    #: topic, however well the words match a topic of their own.
    progress: Phrases
    #: "and if it doesn't?": the next step after the last topic (see ``if_not_topics``).
    if_not: Phrases
    #: Words that open a condition ("if", "si", "wenn"): one with a negation a few words on
    #: ("if it's still not doing much by then?") asks what comes when the last answer fails,
    #: as the ``if_not`` phrases do.
    conditions: list[Text] = Field(default_factory=list)
    #: A thing staying as it is ("still", "todavía", "immer noch"): with a condition word
    #: before it ("and if it's still like that in 2 weeks?"), the message asks what comes
    #: when the last answer fails, as a negation there does.
    persisting: list[Text] = Field(default_factory=list)
    #: Whether the last answer holds for something else too ("same rules?", "does that
    #: apply to ... as well"): "what about my lips, same aftercare?" asks the last topic
    #: again, for the new subject, and the new subject's own topic.
    applies_too: list[Text] = Field(default_factory=list)
    #: A question whose object is what was just said ("about it", "darüber", "a riguardo"):
    #: "should I tell my nurse about it?" asks the new question (who to tell) of the last
    #: topic, so both are answered.
    about_it: list[Text] = Field(default_factory=list)
    #: Telling someone, with nothing said of what ("should I let the clinic know?", "do I
    #: tell my GP too?", "who do I talk to?"): what is to be told is what was just said.
    tell: list[Text] = Field(default_factory=list)
    #: Asking what to tell ("what do I say", "what should I tell"): in "what do I say to my
    #: GP?" what to tell is what was just said.
    what_to_tell: list[Text] = Field(default_factory=list)
    #: The people one tells, other than the clinic ("dentist", "GP", "surgeon", "midwife"):
    #: in "what do I say to my dentist?" or "the surgeon, what should I tell him?" they are
    #: whom, not what, the question is about, so they name no topic of their own (a doctor
    #: alone would read as who may inject).
    whom: list[Text] = Field(default_factory=list)
    #: How long something lasts ("last", "wear off", "stay"): after a topic that is not a
    #: symptom, "how long does it last?" asks about the treatment (``lasting_topic``).
    duration: list[Text] = Field(default_factory=list)
    #: The toxin's effect fading ("wear off", "el efecto se pase"): after a topic that is
    #: the toxin's own effect (``effect_topics``), how long the treatment lasts.
    wear_off: list[Text] = Field(default_factory=list)
    #: Every topic just answered ("both", "all 3"): after several answers, "and saturday for
    #: both?" asks each of them again.
    every: list[Text] = Field(default_factory=list)
    #: Asking for a remedy and nothing else ("can I take something for it?"): after a
    #: symptom, the ``remedy_topic``.
    remedy: list[Text] = Field(default_factory=list)
    #: The same thing again ("do it", "do that"): "what if I do it in my sleep?" keeps the
    #: last topic whatever else it names.
    same: list[Text] = Field(default_factory=list)
    #: How often or how likely something happens ("how often", "how likely", "wie oft"):
    #: asked of a thing pointed back at ("how likely is that?"), it asks about that thing,
    #: not the interval between treatments or the risks that the words name alone.
    chance: list[Text] = Field(default_factory=list)
    #: Keeping away from something ("avoid", "skip", "stay off"): "how long do I avoid
    #: those for?" asks about the thing pointed back at, not the aftercare rules that
    #: "avoid" names alone.
    abstain: list[Text] = Field(default_factory=list)
    #: A moment ("tomorrow", "tonight", "next week"): after several answers, "and tomorrow
    #: morning?" is about the latest one that has a wait.
    when: list[Text] = Field(default_factory=list)
    #: Getting worse ("way worse", "spreading", "nothing helps"): after a symptom's answer,
    #: the message is triaged together with that symptom ("it's getting worse" after the
    #: headache is a worsening headache).
    worse: list[Text] = Field(default_factory=list)
    #: A remedy's working ("helps", "hilft", "fait effet"): with a negation a few words off
    #: ("tabletten helfen null", "nada me ayuda"), the symptom is getting worse too.
    relief: list[Text] = Field(default_factory=list)
    #: Words a follow-up opens with ("and", "what about"): a message that opens so and reads
    #: as the last topic continues it, even when it looks out of scope on its own.
    openers: list[Text] = Field(default_factory=list)
    #: Words a question opens with ("who", "where", "any"), besides those of the triage
    #: grammar ("can", "what", "is"): of several questions in one message, a piece put so
    #: is answered by its likeliest topic even when the matcher is unsure of it alone.
    questions: list[Text] = Field(default_factory=list)
    #: Having the treatment again ("get more", "redone", "the next one", "rebook"): a
    #: question about it is the ``again_topic`` (next appointment), whatever came before,
    #: unless its other words name another topic ("when can I have more wine?").
    again: list[Text] = Field(default_factory=list)
    #: Words that may say the treatment again only in context ("again", "go again"): after
    #: a topic about the results (``again_after``), "how soon can I go again?" asks about
    #: the next appointment.
    again_in_context: list[Text] = Field(default_factory=list)
    #: The treatment taking effect ("stop moving", "kick in", "look smoother"): a question
    #: about it is the ``effect_topic`` (when results appear), whatever came before; under a
    #: condition ("and if they're still moving at two weeks?"), what comes if it fails.
    taking_effect: list[Text] = Field(default_factory=list)
    #: Not taking effect yet, told ("still moving", "bouge encore"): under a condition ("and
    #: if they're still moving then?"), what comes if it fails; otherwise nothing (whether
    #: it has failed depends on how many days it has been).
    still_moving: list[Text] = Field(default_factory=list)
    #: Asking the price ("is it free", "how much is", "cost"): a question about a thing the
    #: clinic sells (``priced_topics``: "is the review free?") or about nothing named is the
    #: ``price_topic``; after it, "and a top-up?" asks the price again.
    price: list[Text] = Field(default_factory=list)
    #: What to look out for ("how would I know?", "what symptoms would I watch for?"): after
    #: several answers, about the one whose answer lists the signs (``signs_topics``).
    signs: list[Text] = Field(default_factory=list)
    #: A condition that leaves the question as it was ("even if", "auch wenn", "même si"):
    #: "even if it wears off early?" after booking the next one still asks about booking.
    even_if: list[Text] = Field(default_factory=list)
    #: A change of subject announced ("unrelated but", "different question", "otra
    #: pregunta"): the message stands on its own and follows up nothing said before.
    new_subject: list[Text] = Field(default_factory=list)
    #: A treated area or a kind of the treatment ("crows feet", "the 11s", "baby botox",
    #: "patas de gallo"): a follow-up naming only one ("and crows feet?" after how long it
    #: lasts) asks the same question about it, not about the area's own topics.
    areas: list[Text] = Field(default_factory=list)
    #: Moving, cancelling or changing an appointment ("move it", "push it back", "cancel",
    #: "verschieben"): just after an appointment's topic, how to rebook it.
    rebook: list[Text] = Field(default_factory=list)


class ClarifyWords(_Strict):
    """Typed answers to "Did you mean one of these?"."""

    agree: Phrases  # "yes", "that one": the first choice offered
    decline: Phrases  # "no", "none of these"
    first: Phrases
    second: Phrases
    third: Phrases
    last: Phrases


class TimeWords(_Strict):
    """How patients say when they were treated: "2 hours ago", "this morning", "at 5pm"."""

    ago_before: list[Text] = Field(default_factory=list)  # "hace" 2 horas, "vor" 2 Stunden
    ago_after: list[Text] = Field(default_factory=list)  # 2 hours "ago", 2 ore "fa"
    hours: Phrases
    minutes: Phrases
    at: Phrases  # "at" 5pm, "a las" 5, "um" 17 Uhr
    this_morning: Phrases
    this_afternoon: Phrases
    this_evening: Phrases
    today: Phrases
    yesterday: Phrases
    treated: Phrases  # "had it done", "my appointment was": the time is the treatment's


LevelText = dict[Literal["emergency", "urgent"], Text]


class AfterEscalation(_Strict):
    """What the bot says to a follow-up during an escalation's lifetime: briefly, kindly,
    the action again, an answer to the logistics, the route."""

    cues: dict[FollowupKind, list[Text]]
    lines: dict[FollowupKind, LevelText]
    #: The alarming message was never meant ("autocorrect", "my son grabbed my phone", "wrong
    #: chat", "that was pasted from the leaflet"): the escalation is taken back, and the
    #: message is answered as it stands. A bare "forget it" is no such reason, and a red flag
    #: in the message itself still escalates.
    mistaken: list[Text] = Field(default_factory=list)
    action: LevelText
    route_emergency: Text
    route_urgent_open: Text
    route_urgent_closed: Text
    treated_on: Text  # "Tell them you had the injections on {date}."
    #: A question of its own during the escalation ("can I drive tomorrow?"): named with
    #: ``{name}`` (the topic's title) and left to whoever checks the patient.
    asked: LevelText | None = None


class TimingWords(_Strict):
    """Sentences about the treatment time an answer used."""

    assumed_time: Text  # "I've assumed your appointment was around {until}."
    ask_time: Text  # "Tell me when you were treated ... and I'll work it out for you."
    time_saved: Text  # "Noted: treated {date}."
    treated_today_assumed: Text  # after the "Today" button


class MultiWords(_Strict):
    """A reply answering several questions: an intro line and the "more" hint."""

    intro: Text
    more: Text


class DialogueLanguage(_Strict):
    followup: FollowupWords
    clarify: ClarifyWords
    split: Phrases  # where a second question starts: "and also", "and when"
    #: How patients also type a joining word in chats ({"and": ["n", "nd"]}): every
    #: follow-up, opener and split phrase with the word is also read with each spelling
    #: ("n what about", "n if it doesnt"), so the list is written once, with the word.
    spellings: dict[Text, list[Text]] = Field(default_factory=dict)
    #: The split words that offer another option ("or"): "red wine or white?" is one
    #: question unless each side names a topic of its own ("can I drink or fly?").
    alternatives: list[Text] = Field(default_factory=list)
    time: TimeWords
    after_escalation: AfterEscalation
    timing: TimingWords
    multi: MultiWords


class DialogueFile(_Strict):
    #: What comes after a topic when the patient asks "and if it doesn't?".
    if_not_topics: dict[Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_]+$")], str]
    #: Symptoms whose own answer says how they go: "how long will the swelling last?" is
    #: about the swelling, not about how long the treatment lasts.
    course_topics: list[str] = Field(default_factory=list)
    #: Course topics that are the toxin's own effect (the frozen feeling, a lip flip's straw
    #: trouble): they wear off with the treatment, so "when will it wear off?" after them asks
    #: how long the treatment lasts (a bruise or a headache does not "wear off").
    effect_topics: list[str] = Field(default_factory=list)
    #: What "can I take something for it?" is about after a sore symptom (``remedy_after``).
    remedy_topic: str | None = None
    #: Sore symptoms that pain relief eases (not a droop or dry eyes, whose own answers say
    #: what helps).
    remedy_after: list[str] = Field(default_factory=list)
    #: What "how long does it last?" is about after any other topic.
    lasting_topic: str | None = None
    #: What a question about the treatment taking effect is about
    #: (``FollowupWords.taking_effect``).
    effect_topic: str | None = None
    #: Topics whose answer lists the signs to look out for: "how would I know?" after one of
    #: them is about it, whatever else was answered with it (``FollowupWords.signs``).
    signs_topics: list[str] = Field(default_factory=list)
    #: What a question about the price is about (``FollowupWords.price``).
    price_topic: str | None = None
    #: Topics naming what the clinic sells or does (the review, a top-up, the next
    #: treatment, an area's treatment): their price is the ``price_topic``'s question.
    priced_topics: list[str] = Field(default_factory=list)
    #: What moving, cancelling or changing an appointment is about (``FollowupWords.rebook``):
    #: the clinic's contact details, where it is done.
    rebook_topic: str | None = None
    #: Topics naming an appointment: "can I move it to the week after?" just after one of
    #: them asks how to rebook it (``rebook_topic``), not about the appointment itself.
    rebook_after: list[str] = Field(default_factory=list)
    #: What a question about having the treatment again is about (``FollowupWords.again``).
    again_topic: str | None = None
    #: Topics after which "again" alone ("how soon can I go again?") means the treatment.
    again_after: list[str] = Field(default_factory=list)
    #: Topics after which more of the treatment is a top-up at the review, not the next
    #: appointment ("not working after two weeks, can I get more?").
    top_up_after: list[str] = Field(default_factory=list)
    #: Topics whose keywords may be said with the treatment again without making it another
    #: question ("book", "appointment": the contact details; "jaw": the masseter).
    again_with: list[str] = Field(default_factory=list)
    #: The FAQ topic on the same symptom as each red flag (by flag id): what a question about
    #: how the symptom goes is about during that flag's escalation.
    flag_topics: dict[str, str] = Field(default_factory=dict)
    languages: dict[LanguageCode, DialogueLanguage]


def dialogue_path(knowledge_dir: Path) -> Path:
    return knowledge_dir / DIALOGUE_FILE
