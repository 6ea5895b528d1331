"""Which FAQ topic a question during an escalation is about: "y mañana puedo manejar al
trabajo?" after double vision asks about driving, "geht das wieder weg?" after a drooping
eyelid asks how the droop goes. The reminder names that topic and leaves it to whoever
checks the patient; it never answers it from the FAQ (that could reassure). Pure.

A mixin of ``Dialogue``: it reads the message with the lexicon and the responder's own
reading of the message alone.
"""

from __future__ import annotations

from bot.core.dialogue.lexicon import Lexicon
from bot.core.dialogue.state import EscalationMemory
from bot.core.knowledge.dialogue import FOLLOWUP_KINDS, FollowupKind
from bot.core.replies import Reply

#: Follow-ups whose own reminder line already answers what is asked (where to go, what to
#: say, that it is someone else's): no topic besides.
LOGISTICS: frozenset[FollowupKind] = frozenset(
    {"closed", "what_to_say", "someone_else", "transport"}
)
#: Follow-ups that wait, seek reassurance or say it is better or done: their own line answers
#: that part; a topic is named only for what the message asks besides ("y mañana puedo
#: manejar?": driving, once "mañana" is set aside).
WAITING: frozenset[FollowupKind] = frozenset({"reassure", "delay", "eased", "done"})


class AskedAfterRedFlag:
    """The topic of a question asked while an escalation is live; ``Dialogue`` supplies the
    lexicon and a confident reading of a text alone."""

    lexicon: Lexicon

    def _confident_reading(self, text: str) -> str | None:
        raise NotImplementedError

    def _asked_during(self, text: str, alone: Reply, memory: EscalationMemory) -> str | None:
        """The topic ``text`` asks about, or None when it asks nothing of its own.

        Only a question with words of its own besides waiting, reassurance and logistics
        ("is that normal?", "can I wait till morning?" name nothing: their reminder lines
        answer them) names a topic. How the symptom goes ("will it go away?") is the flagged
        symptom's topic; a confident reading ("can I drive tomorrow?") is its own; a weak
        reading of a plain question ("can I at least cool it?") is the flagged symptom's.
        Anything else that waits or seeks reassurance names nothing."""
        lexicon = self.lexicon
        if "?" not in text and not lexicon.opens_question(text):
            return None
        kinds = set(lexicon.followup_kinds(text, limit=len(FOLLOWUP_KINDS)))
        if kinds & LOGISTICS:
            return None
        waiting = kinds & WAITING
        if waiting == {"delay"} and "activity" in kinds and lexicon.waits_only_by_time(text):
            waiting = set()  # "can I drive to work tomorrow?": a plan, not a wait
        rest = lexicon.without_kind_cues(text, waiting)
        if not lexicon.leftover(rest):
            return None  # nothing asked besides waiting or reassurance
        flagged = next(
            (lexicon.flag_topics[f] for f in memory.flags if f in lexicon.flag_topics), None
        )
        if flagged is not None and "delay" not in waiting and lexicon.mentions_progress(text):
            return flagged  # "will it go away or stay like this?" (a wait has its own line)
        if waiting:
            return None  # "it's eased off after a nap, so fine?": the waiting is the question
        confident = self._confident_reading(text)
        if confident is not None:
            return confident  # "can I still wear makeup in the meantime?"
        if flagged is not None and alone.kind in {"answer", "clarify"}:
            return flagged  # "is it to do with the botox?", "can I put a cream on it?"
        return None
