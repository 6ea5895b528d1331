"""A skin or eye sign the patient puts down to an everyday cause they know.

"hayfever making my eyes itchy and streaming like every spring", "eczema flaring on my hands
from the cold, same as every winter": the patient names what causes the sign and says it is
the usual thing, so the itch or the watery eye is theirs of old, not a reaction to the
treatment. Only the urgent skin and eye flags are read this way (``EXPLAINABLE``); an
emergency is never explained away ("hayfever and now my throat is closing" still escalates),
and a cause denied ("no hayfever") explains nothing.

The idioms list cuts "hayfever" before any phrasing is looked for, so this reads the clause as
the patient wrote it. English only.

One emergency phrasing is read this way too, narrowly: a tight chest the patient puts down to
their asthma and calls the usual thing ("ive got asthma and my chest is a bit tight like it
always gets in the cold", "my usual asthma tightness, nothing new") is their condition of
old (``usual_asthma``). Only a tightness: breathing that fails ("cant breathe", "struggling
for air", "inhaler isnt working") escalates whatever the patient's history, as does any
tightness not tied to the usual.
"""

from __future__ import annotations

import re

from bot.core.text import normalise

#: The flags whose sign an everyday cause may explain: an itch or rash, an eye that waters.
EXPLAINABLE = frozenset({"U8_allergic_skin", "U2_vision_change"})

#: Everyday causes of an itch, a rash or a watery eye.
_CAUSE = (
    r"(?:hay ?fevers?|pollen|(?:my |seasonal )?allergies|allergy season|eczema|psoriasis|dermatitis"
    r"|the cold weather|the wind|windy|chlorine|the pool|sunburn|onions?|my contacts|contact lenses"
    r"|(?:new )?(?:washing|laundry) (?:powder|detergent|liquid)|dust|(?:my |the )(?:cats?|dogs?))"
)
#: What ties the sign to the cause: the cause acts ("making", "from", "because of"), or the
#: patient says it is the usual thing ("like every spring", "as always", "every year").
_TIE = (
    r"(?:making|makes|made|giving|gives|gave|from|because of|due to|thanks to|caused by"
    r"|(?:like|same as|as) (?:every|each|always|usual|ever)|every (?:spring|summer|autumn|fall"
    r"|winter|year)|as (?:always|usual))"
)
_EXPLAINED = re.compile(
    rf"\b{_CAUSE}\b(?:\s\w+){{0,8}}?\s{_TIE}\b|\b{_TIE}\s(?:\w+\s){{0,3}}?{_CAUSE}\b"
)
_DENIED = re.compile(rf"\b(?:no|not|never|dont have|havent got|without) (?:\w+ )?{_CAUSE}\b")


def explained_by_everyday_cause(clause: str) -> bool:
    """Whether ``clause`` puts its sign down to an everyday cause (see the module doc)."""
    text = normalise(clause)
    return _EXPLAINED.search(text) is not None and _DENIED.search(text) is None


#: Asthma named, and the tightness said to be the usual thing.
_ASTHMA = re.compile(r"\b(?:asthma|asthmatic)\b")
_USUAL = re.compile(
    r"\b(?:(?:like|same as|as) (?:it )?(?:every|each|always|usual|ever)|always (?:gets|does|is)"
    r"|every (?:spring|summer|autumn|fall|winter|year|time)|as (?:always|usual)|my usual"
    r"|nothing new|normal for me|same as (?:ever|always|before))\b"
)
#: Breathing that fails, or the reliever that fails: never the usual.
_FAILING = re.compile(
    r"\b(?:cant|cannot|can not|couldnt|struggling|struggle|hard) (?:to )?(?:breathe|breath"
    r"|catch|get air)|\binhaler (?:isnt|is not|not|doesnt|does not|didnt|wont)"
    r"|\b(?:gasping|wheezing badly|getting worse|worse than usual|worse than normal)\b"
)


def usual_asthma(flag_id: str, phrasing: str, text: str) -> bool:
    """Whether a tight-chest hit (E3) is the patient's usual asthma, said so, with nothing
    failing (see the module doc); ``text`` is the whole message."""
    if flag_id != "E3_breathing_speaking" or "tight" not in phrasing:
        return False
    message = normalise(text)
    return bool(_ASTHMA.search(message) and _USUAL.search(message) and not _FAILING.search(message))
