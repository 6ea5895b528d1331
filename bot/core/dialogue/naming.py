"""What the mixins of ``Dialogue`` (pieces, details, again, taking effect, prices) need from it:
the lexicon and the keyword names of a message's leftover words. Declared once here, so each
mixin states only its own rule."""

from __future__ import annotations

from bot.core.dialogue.lexicon import Lexicon


class NamesKeywords:
    """The lexicon and ``_named``; ``Dialogue`` supplies both."""

    lexicon: Lexicon

    def _named(
        self,
        words: list[str],
        topics: tuple[str, ...] = (),
        text: str = "",
        language: str | None = None,
    ) -> str | None:
        raise NotImplementedError
