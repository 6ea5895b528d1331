"""A question about the price of something the clinic sells or does ("is the two week review
free?", "how much for a top-up") is about the prices, though the matcher reads it as the
thing priced; after the prices, "and a top-up?" asks the price again. Pure, like all of core.

A mixin of ``Dialogue``: it reads the words left over with the dialogue's keyword names
(``_named``): "is the sauna free?" or "fragrance-free cream ok?" name something the clinic
does not sell, so they are not price questions; "how much is it?", naming nothing, is left
to the matcher (and "how much is a latte?" to its "out of scope").
"""

from __future__ import annotations

from bot.core.dialogue.naming import NamesKeywords

#: "and a top-up?" after the prices keeps asking the price when, after its opening "and",
#: it says no more than this many words (a thing named, no question of its own).
PRICE_FOLLOWUP_MAX_WORDS = 3


class PriceQuestions(NamesKeywords):
    """Which questions ask a price; ``Dialogue`` supplies the rest."""

    def _priced(self, text: str, last_topic: str | None = None) -> str | None:
        """The prices' topic when ``text`` asks a price of something the clinic sells, or,
        just after the prices, names only such a thing ("and the top-up?")."""
        lexicon = self.lexicon
        topic = lexicon.price_topic
        if topic is None:
            return None
        found = lexicon.asks_price(text)
        if found is None:
            if last_topic != topic or not lexicon.opens_as_follow_up(text):
                return None
            new_words = lexicon.leftover(text)
            said = lexicon.without_opener(text).split()
            if not new_words or len(said) > PRICE_FOLLOWUP_MAX_WORDS:
                return None  # "and how do I book the review?" asks a question of its own
            named = self._named(new_words, (), text)
            return topic if named in lexicon.priced_topics else None
        names = {self._named(words, (), text) for words in found} - {None, topic}
        if not names and last_topic in lexicon.priced_topics and lexicon.points_back(text):
            return topic  # "is it free?" just after the review: the review's price
        # nothing named ("how much is it?"): the matcher's own reading stands
        return topic if names and names <= lexicon.priced_topics else None

    def _price_asked(self, text: str) -> str | None:
        """A question after another that asks a price and names nothing the clinic does not
        sell ("and is it cheaper if I do three areas?", "e é pago?"): the prices. Alone, or
        first ("how much does it hurt?"), such a question is left to the matcher; after
        another, it asks the price of that."""
        topic = self.lexicon.price_topic
        found = self.lexicon.asks_price(text)
        if topic is None or found is None:
            return None
        names = {self._named(words, (), text) for words in found} - {None, topic}
        return topic if names <= self.lexicon.priced_topics else None
