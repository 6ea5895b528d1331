"""Questions whose grammar says which answers they refer back to: "and for my lips, same
rules?", "should I tell the nurse about it?", and a moment ("tomorrow night then?") after
several answers whose waits run for days. Pure, like all of core.

A mixin of ``Dialogue``: it decides the topics; ``Dialogue`` answers them and reads the
subject's words with its own keyword rules (``_words_alone``).
"""

from __future__ import annotations

from bot.core.dialogue.lexicon import Lexicon
from bot.core.dialogue.state import DialogueState
from bot.core.matching import Answer
from bot.core.replies import Reply
from bot.core.responder import Responder

#: A wait of at least this long is counted in days: a moment named after several answers
#: ("and tomorrow?") asks about each answer with such a wait.
DAYS_LONG_WAIT_HOURS = 24
#: A question referring back is read so when it has at most this many new words.
REFERRING_MAX_NEW_WORDS = 4


class BackReferences:
    """Which earlier answers a message refers back to; ``Dialogue`` supplies the rest."""

    responder: Responder
    lexicon: Lexicon

    def _words_alone(
        self,
        words: list[str],
        topics: tuple[str, ...],
        text: str,
        *,
        fused: bool,
        language: str | None = None,
    ) -> Answer | None:
        raise NotImplementedError

    def _pointed_at(self, topics: tuple[str, ...], text: str, language: str | None = None) -> str:
        """The answer a word pointing back ("that", "it", "eso") refers to: after several
        answers, the latest one told ("why that long?" after the brands and the next
        appointment: the next appointment; "is that the same for baby tox?" after when it
        kicks in and how long it lasts: how long it lasts), as a pronoun takes the nearest
        thing said; the first when nothing points back ("why?"). ``language``: the message's,
        whose own words point back."""
        if len(topics) > 1 and self.lexicon.points_back_in(text, language):
            return topics[-1]
        return topics[0]

    def _referred(self, text: str, reply: Reply, live: DialogueState) -> tuple[str, ...] | None:
        """The topics to answer when the message asks whether the last answer applies to
        something else, or asks a question about what was just said; else None."""
        return self._applies_too(text, live, reply.language) or self._about_it(text, reply, live)

    def _applies_too(
        self, text: str, live: DialogueState, language: str | None = None
    ) -> tuple[str, ...] | None:
        """ "what about my lips, same rules?" after the aftercare rules: the new subject's
        own topic (when its words name one) and the last topic again; the last topic alone
        when no other is named."""
        last = live.last_topic
        if last is None:
            return None
        subject = self.lexicon.asks_if_it_applies(text)
        if subject is None or len(subject) > REFERRING_MAX_NEW_WORDS:
            return None
        named = self._words_alone(subject, live.topics, text, fused=True) if subject else None
        last = self._pointed_at(live.topics, text, language)
        if isinstance(named, Answer) and named.entry_id != last:
            return (named.entry_id, last)
        return (last,)

    def _about_it(self, text: str, reply: Reply, live: DialogueState) -> tuple[str, ...] | None:
        """ "do I have to tell the nurse about it?" after a condition: the question's object
        is the last topic. A confident question of its own (who to call) is answered after
        the last topic's answer; an unsure one is the last topic's follow-up."""
        last = self._pointed_at(live.topics, text, reply.language) if live.topics else None
        if last is not None and self.lexicon.asks_what_to_tell(text, reply.language):
            # "to my dentist what do I say?": the dentist is whom to tell, not a topic
            # ("doctor" alone reads as who may inject); what to tell is the last answer
            return (last,)
        if (
            last is None
            or not self.lexicon.asks_about_it(text)
            or len(self.lexicon.leftover(text)) > REFERRING_MAX_NEW_WORDS
        ):
            return None
        if reply.kind == "answer" and reply.topic is not None:
            if reply.topic in live.topics:
                return None  # about a topic just answered: the follow-up rules decide
            return (last, reply.topic)
        return (last,)

    def _moment_for_each(self, text: str, live: DialogueState) -> tuple[str, ...] | None:
        """ "tomorrow night then?" after the hot tub and the beers: the moment goes with
        each answer whose wait runs for days (not the four hours upright), when there are
        several and the message says nothing else."""
        knowledge = self.responder.knowledge
        waiting = tuple(
            topic
            for topic in live.topics
            if (knowledge.entry(topic).wait_hours or 0) >= DAYS_LONG_WAIT_HOURS
        )
        if len(waiting) < 2 or not self.lexicon.mentions_when(text):
            return None
        return None if self.lexicon.leftover(text) else waiting
