"""A question about the treatment taking effect ("when will they stop moving?", "when does it
kick in?", "when will my forehead look smoother?") is about when results appear, whatever
was said before: the matcher reads "stop" and "smooth" as how long it lasts, and a follow-up
rule reads "stop moving" as how the last topic goes. Under a condition ("and if they're still
moving at two weeks?") it asks what comes if the treatment has not worked. Pure, like all of
core.

A mixin of ``Dialogue``: it reads the words left over with the dialogue's keyword names
(``_named``), so "when will the swelling stop, and can I start working out?" is not one.
"""

from __future__ import annotations

from bot.core.dialogue.naming import NamesKeywords


class TakingEffect(NamesKeywords):
    """Which questions ask about the treatment taking effect; ``Dialogue`` supplies the rest."""

    def _taking_effect(self, text: str, language: str | None = None) -> str | None:
        """When results appear (or, under a condition, what comes if they do not) when
        ``text`` asks about the treatment taking effect and names nothing else."""
        lexicon = self.lexicon
        topic = lexicon.effect_topic
        if topic is None:
            return None
        found = lexicon.taking_effect(text)
        if found is None:
            return None
        failed = lexicon.if_not_topics.get(topic, topic)
        named = {self._named(words, (), text) for words in found} - {None, topic}
        if lexicon.opens_condition(text, language):
            # "and if they still move then?", "what if it hasn't kicked in at 3 weeks?"
            return failed if named <= {failed} else None
        if named or lexicon.says_still(text):
            # another topic named besides ("for one side", "face exercises"); "I can still
            # move it" tells, and whether it has failed is a matter of days
            return None
        return topic
