"""A question about having the treatment again ("when can I get more?", "how soon could I
have it redone?", "when do I come back for the next one?") is about the next appointment,
whatever was said before and whatever its words lean to alone: "more" and "again" read as
"how long it lasts" or "booking" to the matcher. Pure, like all of core.

A mixin of ``Dialogue``: it reads the words left over with the dialogue's keyword names
(``_named``), so "when can I have more wine?" stays a question about alcohol.
"""

from __future__ import annotations

from bot.core.dialogue.naming import NamesKeywords


class TreatmentAgain(NamesKeywords):
    """Which questions ask about the treatment again; ``Dialogue`` supplies the rest."""

    def _again(self, text: str, last_topic: str | None = None) -> str | None:
        """The next appointment's topic when ``text`` asks about having the treatment again
        and names nothing else; "again" alone counts after a question about the results
        (``last_topic`` in ``again_after``), where it can only mean the treatment."""
        lexicon = self.lexicon
        topic = lexicon.again_topic
        if topic is None or last_topic in lexicon.top_up_after:
            return None  # "it hasn't worked, can I get more?": a top-up at the review
        rest = lexicon.treatment_again(text)
        if rest is None and last_topic in lexicon.again_after:
            if lexicon.mentions_progress(text) or lexicon.opens_condition(text):
                return None  # "and if it happens again, how long would it stay?"
            rest = lexicon.treatment_again(text, in_context=True)
        if rest is None:
            return None
        if last_topic not in {
            None,
            *lexicon.again_after,
            *lexicon.again_with,
        } and lexicon.points_back(text):
            # "when should I rebook it?" after the facial: the facial; after the jaw, "when
            # can I get them done again?" points back at the treatment itself
            return None
        named = self._named(rest, (), text) or self._named(lexicon.without_again(text), (), text)
        if named is not None and named != topic and named not in lexicon.again_with:
            return None  # "when can I have more wine?": the wine
        return topic
