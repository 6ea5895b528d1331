"""An emergency's word for an everyday scene, in six languages: flopping onto the sofa after a
long day, a room so hot that one "suffocates".

"Collapsed on the sofa after a massive day", "bin aufs Sofa zusammengebrochen", "effondrée sur
le canapé", "crollata sul divano", "desabei no sofá" tell of tiredness: the collapse has a
sofa or a bed to land on, or a long day behind it. "J'étouffe dans ce bureau, la clim marche
pas", "me ahogo de calor en el metro", "sufocando, o ar condicionado quebrou" tell of heat or
stale air. Both borrow a word of an emergency (E7's collapse, E3's suffocating) for a scene
everyone knows; ``figurative`` reads them as figures of speech, as it reads money and jokes.

The reading is narrow:

* a collapse only of the patient (someone else's is told by someone worried), with a seat
  or a bed it lands on, or a long day before it, and nothing that says the person cannot
  get up, does not come round, hit their head, is confused, or that it goes on ("still",
  "again", "keeps");
* suffocating only as the stifling verb itself (not "can't breathe": the clause may not name
  breathing), with heat or air named in the message, and nothing of the body that a real
  airway sign brings (throat, chest, lips, tongue, wheezing, swelling, going blue, an
  inhaler), nor a time of its own ("since", "for hours").
"""

from __future__ import annotations

import re

from bot.core.text import normalise


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


_GENERAL = "E7_general_emergency"
_BREATH = "E3_breathing_speaking"

#: Collapsing, as one flops down (normalised, no accents).
_COLLAPSE = _words(
    r"collapsed?",
    r"collapsing",
    r"crashed",
    r"zusammengebrochen",
    r"zusammengeklappt",
    r"me desplome",
    r"desplomad[ao]",
    r"me derrumbe",
    r"derrumbad[ao]",
    r"effondree?s?",
    r"m effondre",
    r"ecroulee?s?",
    r"m ecroule",
    r"crollat[ao]",
    r"sono crollat[ao]",
    r"desabei",
    r"desabou",
    r"desabad[ao]",
)
#: What the collapse lands on, or the long day behind it.
_SOFA = _words(
    r"(?:on|onto|into|in|on to) (?:the |my |our |a )?(?:sofa|couch|settee|bed|armchair|beanbag)",
    r"after (?:a |such a |the |my )?(?:long|massive|busy|hard|mad|crazy|huge|full|manic"
    r"|exhausting|big|late) (?:day|week|shift|night)",
    r"after work",
    r"(?:aufs|auf das|auf dem|auf die|ins|in das) (?:sofa|couch|bett)",
    r"nach (?:dem|der|einem|nem) (?:umzug|arbeit|langen tag|tag|schicht)",
    r"(?:en|sobre) (?:el |la |mi )?(?:sofa|cama|sillon)",
    r"sur (?:le|mon|un|ce) (?:canape|lit|fauteuil|sofa)",
    r"apres (?:cette|une|ma|la) (?:journee|semaine)",
    r"(?:sul|sulla|nel|a) (?:divano|letto|poltrona)",
    r"dopo (?:una|questa|la) (?:giornata|settimana)",
    r"(?:no|na|num|numa) (?:sofa|cama|poltrona)",
    r"depois (?:do|de um|deste|desse) (?:dia|trabalho)",
)
#: A collapse that is no figure: the person cannot get up or come round, hurt, or it goes on.
_REAL_COLLAPSE = _words(
    r"cant get up",
    r"couldnt get up",
    r"cannot get up",
    r"unable to get up",
    r"wont wake",
    r"not waking",
    r"unconscious",
    r"unresponsive",
    r"(?:hit|banged|bumped) (?:my|her|his|their) head",
    r"confus\w*",
    r"still",
    r"again",
    r"keeps?",
    r"fainted",
    r"passed out",
    r"blacked out",
    r"chest",
    r"breath\w*",
    r"no (?:me )?puedo levantar",
    r"no reacciona",
    r"inconsciente",
    r"komme nicht (?:mehr )?hoch",
    r"bewusstlos",
    r"ohnmacht\w*",
    r"peux (?:pas|plus) me relever",
    r"inconsciente?",
    r"evanoui\w*",
    r"non riesco ad? alzarmi",
    r"svenut[ao]",
    r"nao consigo levantar",
    r"desmai\w*",
)

#: Someone else: their collapse onto a sofa is told by someone worried enough to write.
_SOMEONE = _words(
    r"he|she|they|hes|shes|theyre|him",
    r"my (?:husband|hubby|wife|partner|mum|mom|mother|dad|father|son|daughter|friend|mate"
    r"|sister|brother|nan|gran|grandma|grandad|grandpa|boyfriend|girlfriend|bf|gf|flatmate)",
    r"marido|esposa|esposo|madre|padre|mama|papa|hij[oa]|herman[oa]|abuel[oa]|amig[oa]"
    r"|novi[oa]|ella",
    r"mann|frau|mutter|vater|sohn|tochter|bruder|schwester|oma|opa|freund\w*|er",
    r"mari|femme|mere|pere|fils|fille|frere|soeur|copain|copine|elle|lui",
    r"moglie|figli[oa]|fratello|sorella|nonn[oa]|fidanzat[oa]|lei",
    r"mae|pai|filh[oa]|irma|irmao|avo|namorad[oa]|ela|ele",
)

#: Suffocating, as a stifling room makes one (never "can't breathe").
_STIFLED = _words(
    r"suffocat\w*",
    r"stifl\w*",
    r"me ahogo",
    r"ahogad[ao]",
    r"sofocad[ao]",
    r"me asfixio",
    r"erstick\w*",
    r"j etouffe",
    r"etouffe",
    r"on etouffe",
    r"suffoque",
    r"soffoc\w*",
    r"sufocad[ao]",
    r"sufocando",
    r"sufoco",
)
#: Heat, or air that is stale or not cooled, in any of the six languages.
_HEAT = _words(
    r"hot",
    r"heat\w*",
    r"boiling",
    r"roasting",
    r"sweltering",
    r"baking",
    r"stuffy",
    r"muggy",
    r"humid",
    r"air ?con",
    r"air conditioning",
    r"calor",
    r"bochorno",
    r"aire acondicionado",
    r"calefaccion",
    r"hitze",
    r"heiss",
    r"klimaanlage",
    r"stickig",
    r"schwul",
    r"heizung",
    r"chaud",
    r"chaleur",
    r"clim",
    r"climatisation",
    r"canicule",
    r"chauffage",
    r"caldo",
    r"afa",
    r"aria condizionata",
    r"condizionatore",
    r"riscaldamento",
    r"ar condicionado",
    r"abafad[ao]",
    r"quente",
    r"aquecimento",
)
#: What a real airway sign brings with it, or a time of its own.
_AIRWAY = _words(
    r"throat",
    r"chest",
    r"lips?",
    r"tongue",
    r"wheez\w*",
    r"swell\w*",
    r"swollen",
    r"blue",
    r"inhaler",
    r"asthma",
    r"breath\w*",
    r"since",
    r"for hours",
    r"still",
    r"garganta",
    r"pecho",
    r"labios?",
    r"lengua",
    r"hinch\w*",
    r"respir\w*",
    r"desde",
    r"hals",
    r"brust",
    r"lippen?",
    r"zunge",
    r"schwell\w*",
    r"atm\w*",
    r"luft",
    r"seit",
    r"gorge",
    r"poitrine",
    r"levres?",
    r"langue",
    r"gonfl\w*",
    r"depuis",
    r"gola",
    r"petto",
    r"labbra",
    r"lingua",
    r"gonfi\w*",
    r"da ieri",
    r"peito",
    r"labios",
    r"lingua",
    r"inch\w*",
)


def everyday_scene(flag_id: str, clause: str, text: str) -> bool:
    """Whether a hit of ``flag_id`` in ``clause`` tells an everyday scene in ``text``: a
    collapse onto the sofa, or suffocating in the heat (see the module doc)."""
    normal, message = normalise(clause), normalise(text)
    if flag_id == _GENERAL:
        return (
            _COLLAPSE.search(normal) is not None
            and _SOMEONE.search(normal) is None
            and _SOFA.search(message) is not None
            and _REAL_COLLAPSE.search(message) is None
        )
    if flag_id == _BREATH:
        return (
            _STIFLED.search(normal) is not None
            and _HEAT.search(message) is not None
            and _AIRWAY.search(message) is None
        )
    return False
