"""Guess which of the supported languages a message is written in: the replies' identifier
when it is sure (``bot.core.language.identify``), else the message's everyday words."""

from __future__ import annotations

import re

from bot.core.language import identify
from bot.core.text import normalise

#: Languages the understanding layer is trained for (Russian: the red-flag file has it).
LANGUAGES: tuple[str, ...] = ("en", "es", "de", "fr", "it", "pt", "ru")

_CYRILLIC = re.compile("[\u0400-\u04ff]")

# Short function words, accents folded, that are frequent in one language and rare in the
# others. Ties and no evidence fall back to English: most patients write English.
_MARKERS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the and my is it i im ive have has was with what when how can will should after "
        "this that my me you of to do does dont cant its just been since".split()
    ),
    "es": frozenset(
        "el la los las que de y mi me es esta estoy tengo puedo despues por con como cuando "
        "pero muy una un del al se lo le hace desde para ojo cara".split()
    ),
    "de": frozenset(
        "der die das und ich mein meine ist nicht mit nach wie wann kann habe hat auch ein "
        "eine einen mir mich seit darf wird sehr auf dem den".split()
    ),
    "fr": frozenset(
        "le la les et je mon ma mes est pas avec apres comment quand peux puis ai des du un "
        "une au aux ce cette tres depuis suis ca "
        # what is left of an elision ("j'ai", "qu'il", "n'est"): only French ("l'", "c'" are
        # Italian too)
        "j qu n".split()
    ),
    "it": frozenset(
        "il lo la gli le e di che non mi ho sono posso dopo come quando un una del della con "
        "per ma molto anche ancora sto occhio dell nell all sull fa piu ieri oggi mio mia "
        "fronte sopracciglia giorno".split()
    ),
    "pt": frozenset(
        "o a os as e de que nao meu minha tenho posso depois como quando um uma do da com "
        "para mas muito estou esta ja olho cara sem tem isso mesmo voce vc pra ate ao sinto "
        "fiz ficou desde".split()
    ),
}


def detect_language(text: str) -> str:
    """The most likely language code of ``text`` among ``LANGUAGES`` ("en" when unsure)."""
    if _CYRILLIC.search(text):
        return "ru"
    words = normalise(text).split()
    if not words:
        return "en"
    # The replies' identifier first (py3langid, measured on short patient messages): marker
    # words alone read "nessun problema a deglutire, posso andare" as Portuguese ("a",
    # "posso"), and that language's grammar then missed the Italian negation.
    guess = identify(text)
    if guess is not None and guess.clear:
        return guess.language
    best, best_count = "en", 0
    for language, markers in _MARKERS.items():
        count = sum(word in markers for word in words)
        if count > best_count:
            best, best_count = language, count
    return best
