"""Moving an appointment just talked about ("when is my review?" then "can I move it to the
week after?") is done through the clinic: the contact details, not the appointment's own
answer again. Pure, like all of core.

A mixin of ``Dialogue``: it reads the words left over with the dialogue's keyword names
(``_named``), so "can I move my gym session?" after the review, which names something else,
is left to the other rules.
"""

from __future__ import annotations

from bot.core.dialogue.naming import NamesKeywords


class Rebooking(NamesKeywords):
    """Which follow-ups ask to rebook; ``Dialogue`` supplies the rest."""

    def _rebooked(self, text: str, last_topic: str | None) -> str | None:
        """The rebooking topic when, just after an appointment's topic, ``text`` moves,
        cancels or changes something and names nothing but that appointment or a booking."""
        lexicon = self.lexicon
        topic = lexicon.rebook_topic
        if topic is None or last_topic not in lexicon.rebook_after:
            return None
        found = lexicon.asks_rebook(text)
        if found is None:
            return None
        named = {self._named(words, (last_topic,), text) for words in found if words}
        return topic if named <= {None, topic, last_topic} else None
