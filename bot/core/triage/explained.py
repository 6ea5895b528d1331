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
old (``usual_asthma``), and so is a wheeze alone that the patient calls their usual asthma
or that the usual reliever eased ("bit wheezy, my normal asthma, inhaler sorted it like
always"). Only a tightness or a wheeze: breathing that fails ("cant breathe", "struggling
for air", "inhaler isnt working") escalates whatever the patient's history, as do a
reliever that did not help this time ("usually sorts it but not today"), "this is
different", and any tightness not tied to the usual.
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
    r"|nothing new|normal for me|same as (?:ever|always|before)|like always"
    r"|(?:my )?(?:normal|usual|regular|typical|everyday|standard) (?:asthma|wheeze|wheezing)"
    # a remedy that worked, as it does: "inhaler sorted it", "a puff of my inhaler and fine"
    r"|(?:inhaler|ventolin|salbutamol|blue pump|pump|puffer|reliever) (?:\w+ ){0,2}?(?:sorted"
    r"|fixed|helped|worked|settled|cleared|eased|calmed|sorts|fixes|helps|works|settles"
    r"|clears|eases|did the trick|does the trick)"
    r"|(?:used|took|had|did) (?:\w+ ){0,3}?(?:inhaler|ventolin|salbutamol|pump|puffer"
    r"|reliever)(?: \w+){0,3}? (?:fine|better|gone|settled|ok|okay|sorted))\b"
)
#: Breathing that fails, or the reliever that fails: never the usual.
_FAILING = re.compile(
    r"\b(?:cant|cannot|can not|couldnt|struggling|struggle|hard) (?:to )?(?:breathe|breath"
    r"|catch|get air)|\binhaler (?:isnt|is not|not|doesnt|does not|didnt|wont)"
    r"|\b(?:gasping|wheezing badly|getting worse|worse than usual|worse than normal)\b"
    # the usual remedy failing this time, or the patient saying this is not the usual
    r"|\bbut not (?:today|tonight|this time|now)\b|\b(?:isnt|not|doesnt|didnt|wont|hasnt)"
    r" (?:\w+ )?(?:helping|help|helped|working|work|worked|sorting|touching)\b"
    r"|\b(?:this|it|that) (?:is|feels|seems) (?:\w+ )?different\b|\bnot (?:like )?(?:my )?"
    r"(?:usual|normal)\b"
)


#: The other languages' asthma said to be the usual, or eased by the usual reliever, and
#: breathing or the reliever failing (normalised; read with the English ones).
_USUAL_IN: dict[str, re.Pattern[str]] = {
    "es": re.compile(
        r"\b(?:de siempre|como siempre|lo normal en mi|(?:mi )?asma (?:habitual|normal)"
        r"|(?:inhalador|ventolin|salbutamol|puff) (?:\w+ ){0,2}?(?:arreglo|ayudo|funciono|quito"
        r"|soluciono|calmo)|con el (?:inhalador|ventolin) (?:\w+ ){0,2}?(?:paso|quito|bien))\b"
    ),
    "pt": re.compile(
        r"\b(?:de sempre|como sempre|normal (?:pra|para) mim|(?:minha )?asma (?:habitual|normal)"
        r"|(?:bombinha|inalador|ventolin|aerolin|salbutamol) (?:\w+ ){0,2}?(?:resolveu|ajudou"
        r"|funcionou|aliviou|passou))\b"
    ),
    "fr": re.compile(
        r"\b(?:habituel(?:le)?|comme d habitude|comme toujours|(?:ventoline|inhalateur|pompe"
        r"|spray) (?:\w+ ){0,2}?(?:a suffi|a aide|a marche|a fonctionne|a soulage|a calme))\b"
    ),
    "de": re.compile(
        r"\b(?:wie immer|wie sonst|(?:mein )?(?:normales|ubliches|gewohntes) asthma"
        r"|(?:spray|inhalator|asthmaspray|notfallspray) (?:\w+ ){0,2}?(?:hat geholfen|half"
        r"|wirkt|hilft))\b"
    ),
    "it": re.compile(
        r"\b(?:come sempre|(?:la mia )?solita asma|asma (?:di sempre|solita)|(?:inalatore"
        r"|ventolin|spray|broncodilatatore) (?:\w+ ){0,2}?(?:ha risolto|ha aiutato|ha funzionato"
        r"|ha fatto effetto))\b"
    ),
}
_FAILING_IN: dict[str, re.Pattern[str]] = {
    "es": re.compile(
        r"\b(?:no (?:puedo|consigo) respirar|(?:inhalador|ventolin) no (?:\w+ )?(?:funciona"
        r"|ayuda|hace)|peor que (?:nunca|siempre|de costumbre)|esta vez no|es (?:distinto"
        r"|diferente))\b"
    ),
    "pt": re.compile(
        r"\b(?:nao consigo respirar|(?:bombinha|inalador) nao (?:\w+ )?(?:resolve|ajuda"
        r"|funciona|adianta)|pior (?:que|do que) (?:o normal|sempre)|desta vez nao"
        r"|e diferente)\b"
    ),
    "fr": re.compile(
        r"\b(?:(?:arrive|peux) pas a respirer|(?:ventoline|inhalateur|pompe) (?:ne )?(?:marche"
        r"|fait|aide) (?:pas|plus|rien)|pire que d habitude|pas comme d habitude"
        r"|c est different)\b"
    ),
    "de": re.compile(
        r"\b(?:keine luft|(?:spray|inhalator) (?:hilft|wirkt) (?:nicht|kaum)"
        r"|schlimmer als sonst|diesmal nicht|anders als sonst)\b"
    ),
    "it": re.compile(
        r"\b(?:non riesco a respirare|(?:inalatore|spray|ventolin) non (?:\w+ )?(?:funziona"
        r"|aiuta|fa)|peggio del solito|questa volta no|diverso dal solito)\b"
    ),
}
#: Asthma named, in any shipped language (normalised).
_ASTHMA_ANY = re.compile(r"\b(?:asthma|asthmatic|asma|asmatic[ao]|asthme|asthmatique)\b")

#: A wheeze (any language), and what else a wheeze-alone phrasing may say: where, breathing.
_WHEEZE_WORD = re.compile(
    r"^(?:wheez\w*|pitos?|silbid\w*|silbando|sibilan\w*|chiado|pieira|sibil\w*|siffl\w*"
    r"|pfeif\w*|giemen|fischi\w*|fischio)$"
)
_AROUND_A_WHEEZE = frozenset(
    "a al au da de del dem den der des di el en in la le les na nel no o um un une una"
    " chest pecho peito poitrine brust petto breathing atmung respiration respiracion"
    " respiracao respiro".split()
)


def _wheeze_alone(phrasing: str) -> bool:
    """Whether ``phrasing`` says a wheeze and nothing else ("wheezy", "pitos en el pecho",
    "pfeifende Atmung"; not "hives and wheezy")."""
    words = normalise(phrasing).split()
    wheezes = [word for word in words if _WHEEZE_WORD.match(word)]
    return bool(wheezes) and all(
        _WHEEZE_WORD.match(word) or word in _AROUND_A_WHEEZE for word in words
    )


def usual_asthma(flag_id: str, phrasing: str, text: str, language: str = "en") -> bool:
    """Whether a tight-chest hit (E3), or a wheeze alone (E2, E3), is the patient's usual
    asthma, said so ("my normal asthma", "like always", "mi asma de siempre") or eased by the
    usual reliever ("inhaler sorted it", "a bombinha resolveu"), with nothing failing (see
    the module doc); ``text`` is the whole message, in ``language``."""
    tight = flag_id == "E3_breathing_speaking" and "tight" in phrasing
    wheeze = flag_id in {"E2_allergic_reaction", "E3_breathing_speaking"} and _wheeze_alone(
        phrasing
    )
    if not (tight or wheeze):
        return False
    message = normalise(text)
    usual, failing = _USUAL_IN.get(language), _FAILING_IN.get(language)
    said_usual = _USUAL.search(message) or (usual is not None and usual.search(message))
    fails = _FAILING.search(message) or (failing is not None and failing.search(message))
    asthma = _ASTHMA.search(message) if language == "en" else _ASTHMA_ANY.search(message)
    return bool(asthma and said_usual and not fails)
