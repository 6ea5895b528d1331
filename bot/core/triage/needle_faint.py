"""The patient's own faint at the needle that is over, in any of six languages.

Feeling faint, or even fainting, at the moment of the injection is the common reaction to a
needle, not to the toxin; once the patient says it has passed ("but ok now", "ya estoy bien",
"jetzt wieder gut"), it is no emergency. ``triage_over.SOMEONE_RECOVERED`` reads the same
story told of someone else; this reads it of the patient.

Only a faint is read this way, and only when the message ties it to the needle's moment ("at
the needle", "durante l'iniezione"), says it is over, and says nothing of it going on ("still",
"again", "keep fainting"). Any other emergency sign in the message is its own hit and still
escalates.
"""

from __future__ import annotations

import re

from bot.core.text import normalise


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


_GENERAL = "E7_general_emergency"

#: What a faint phrasing is about, in any of the six languages (normalised, no accents).
_FAINT = re.compile(r"faint|passed out|blacked out|desmay|ohnmacht|umgekipp|evanoui|svenu|desmai")

#: By language: the moment of the needle.
_AT_THE_NEEDLE = {
    "en": _words(
        r"(?:at|during|with|from|seeing|saw|for) (?:the |my |a )?(?:needles?|injections?|jabs?)",
        r"in the chair",
        r"when (?:they|she|he|the nurse|the doctor) (?:injected|did the)",
    ),
    "es": _words(
        r"(?:con|por|durante|en) (?:la |las )?(?:aguja|agujas|inyeccion|inyecciones|pinchazos?)",
        r"al (?:pincharme|pinchar|inyectarme|ver la aguja)",
    ),
    "de": _words(
        r"(?:bei|wahrend) (?:der |den )?(?:spritze|spritzen|nadel|injektion|injektionen)",
        r"beim (?:spritzen|stechen|stich)",
    ),
    "fr": _words(
        r"(?:a|pendant|lors de) (?:l |la |les )?(?:aiguille|injection|injections|piqure|piqures)"
    ),
    "it": _words(
        r"(?:all|durante l|durante le|con l|per l|alla|alle) ?"
        r"(?:ago|aghi|iniezione|iniezioni|puntura|punture)"
    ),
    "pt": _words(
        r"(?:na|nas|com a|durante a|durante as) (?:agulha|agulhas|injecao|injecoes|picada|picadas)"
    ),
}
#: By language: the patient is fine again now.
_OVER_NOW = {
    "en": _words(
        r"(?:fine|ok|okay|better|good|alright|grand|normal) (?:now|again)",
        r"(?:passed|went away|wore off) (?:quickly|straight away|after)",
        r"came (?:round|to)",
    ),
    "es": _words(r"ya (?:estoy|me siento) bien", r"(?:ya )?(?:se me )?paso", r"ahora bien"),
    "de": _words(r"(?:jetzt|inzwischen) (?:\w+ )?(?:wieder )?(?:gut|ok|okay)", r"wieder gut"),
    "fr": _words(r"ca va (?:maintenant|mieux)", r"c est passe", r"(?:je vais|ca va) bien"),
    "it": _words(r"(?:ora|adesso) (?:sto|tutto) bene", r"e passato", r"mi sono ripres[ao]"),
    "pt": _words(r"(?:agora|ja) (?:estou|to|tou|esta) bem", r"ja passou"),
}
#: By language: the faint goes on or came back.
_GOING_ON = {
    "en": _words(
        r"still",
        r"(?<!fine )(?<!ok )(?<!okay )(?<!better )(?<!good )(?<!normal )again",
        r"keeps?",
        r"not (?:fine|ok|okay|better)",
    ),
    "es": _words(r"todavia", r"aun", r"sigo", r"otra vez", r"de nuevo"),
    "de": _words(r"immer noch", r"noch immer", r"wieder (?!gut)", r"schon wieder"),
    "fr": _words(r"encore", r"toujours", r"a nouveau"),
    "it": _words(r"ancora", r"di nuovo"),
    "pt": _words(r"ainda", r"de novo", r"outra vez"),
}


def fainted_at_the_needle(flag_id: str, phrasing: str, language: str, text: str) -> bool:
    """Whether the hit (``flag_id`` by ``phrasing``, in ``language``) is the patient's faint
    at the needle, said to be over (see the module doc)."""
    at_the_needle = _AT_THE_NEEDLE.get(language)
    if flag_id != _GENERAL or at_the_needle is None or not _FAINT.search(normalise(phrasing)):
        return False
    normal = normalise(text)
    return (
        at_the_needle.search(normal) is not None
        and _OVER_NOW[language].search(normal) is not None
        and _GOING_ON[language].search(normal) is None
    )
