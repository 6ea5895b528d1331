"""Signs said in plain words no phrasing holds, said again as the phrasing of their red flag
(issues 12/14, session 12), before the context rules read a clause.

The phrasings name a sign by its medical word or its stock wording ("blurry", "abscess",
"swelling spreading", "headache getting worse"); patients name it by what it is like. Each
rewrite here is a class of such words, not one message's wording:

* a body part that has forgotten how to work, or stopped working ("my throat forgot how to
  work", "forgot how to swallow") is one that does not work (E1, E3 read that);
* breathing the patient has to think about or force ("have to think about every breath",
  "i have to remember to breathe") is a struggle to breathe (E3);
* an eye "hooded" on one side or all of a sudden is the hooded eye U1 names;
* sight like a smear, a fog or frosted glass ("things look smeary", "like looking through
  frosted glass", "everything hazy") is blurred vision (U2);
* a boil where they injected is an abscess (U3);
* a swelling that has moved into another part of the face ("gone from my brow down into my
  eyelids") is spreading, and one that is "more swollen every day" is getting worse (U6);
* a head or skull "in a vice", clamped, squeezed or with a band round it is a headache,
  which the phrasings still want severe or worsening (U7);
* a sign of its own in other words: a ghost copy of things is double vision (U2), a white or
  yellow top on a spot is pus (U3), relief that does not "take the edge off" is painkillers
  not helping (U4), a smile that goes up on one side only is a mouth that will not move on
  the other (U5), a lid held up by hand is one that will not stay up (U1), gulps of air are
  gasping (E3), someone gone down onto the floor has collapsed (E7); lids the patient always
  had hooded are their shape, not a droop;
* German speech "verwaschen" or drunk-sounding is slurred speech (E3); Italian itching with
  red bumps in one clause is the itchy rash (U8);
* sight "duplicated" or split in two ("tudo duplicado", "todo desdoblado", "tutto
  sdoppiato") is each language's double (U2);
* "I don't breathe" ("non respiro", "no respiro", "não respiro") is "I can't breathe" (E3),
  and so is someone else's ("mio padre non respira"); Italian "incosciente" is unconscious (E7);
* a Spanish face or mouth that "fell" ("se le cayó la cara de un lado") is a drooping one (U5);
* an eye so swollen that it will not open ("tengo el ojo tan hinchado q ya casi no lo puedo
  abrir", "si gonflé que j'arrive plus à l'ouvrir") is each language's "eye swollen shut";
* French food or drink that "goes the wrong way" ("ça part de travers", "l'eau passe de
  travers") is the "avale de travers" of E1; Portuguese "estar a ver" (seeing, as Portugal
  says it) is "vejo", the form the vision phrasings hold.

Each rewrite keeps the clause's other words, so a negation, a question or someone else's
past still lowers the result as it does any phrasing ("my throat hasnt forgotten how to
work" stays negated). Whole wordings on normalised text: no accents, "breath" as "breathe".
"""

from __future__ import annotations

import re

#: A body part that forgot how to work, or stopped working, by what it then cannot do.
_FORGOT_HOW = re.compile(
    r"\b(?:(?:has |have |had )?(?:forgot|forgotten|forgets|forgetting) how to"
    r"|(?:has |have |had |just )?(?:stopped|stopping|quit) (?:being able to )?)"
    r" ?(?P<what>work|working|function|functioning|do its job|swallow|swallowing|breathe"
    r"|breathing|talk|talking|speak|speaking)\b"
)
_CANNOT = {
    "swallow": "cant swallow",
    "swallowing": "cant swallow",
    "breathe": "cant breathe",
    "breathing": "cant breathe",
    "talk": "cant talk properly",
    "talking": "cant talk properly",
    "speak": "cant talk properly",
    "speaking": "cant talk properly",
}


def _cannot(found: re.Match[str]) -> str:
    """What a part that forgot how to work, or stopped, cannot do."""
    return _CANNOT.get(found.group("what"), "doesnt work")


#: Breathing that takes thought or effort: "have to think about every breath", "need to
#: remember to breathe", "every breath is an effort", "forcing myself to breathe".
_BREATH_TAKES_EFFORT = re.compile(
    r"\b(?:(?:have|having|need|needing|got|gotta|has) to|(?:im|i am) having to)"
    r" (?:think about|concentrate on|focus on|count|remember|force|work for|fight for)"
    r" (?:(?:every|each) (?:single |little )?breathe|(?:to )?breathe|my breathing)"
    r"|\b(?:every|each) (?:single )?breathe (?:is|feels|takes)(?: like)? (?:a |an )?"
    r"(?:effort|struggle|hard work|work|fight|battle)"
    r"|\b(?:forcing|force|making) myself (?:to )?breathe\b"
)

#: An eye hooded now, on one side or suddenly (U1 holds "hooded eye").
_HOODED = re.compile(
    r"\bhooded(?! eye)(?= (?:on )?(?:one|1|the (?:left|right)|my (?:left|right)) (?:side|eye)"
    r"|(?: \w+)? (?:all of a sudden|suddenly|overnight|out of nowhere|since))"
)

#: Sight like a smear, a fog or frosted glass.
_SMEARED_SIGHT = re.compile(
    r"\b(?:things|everything|vision|sight|eyesight|eyes?|view|words|letters|text|print"
    r"|faces)(?: \w+){0,3}? (?:smudge|smudges|smudging|smear|smears|smearing|run together"
    r"|merge|merging|smeary|smeared|smudged|smudgy|foggy|fogged up|fogged|misty"
    r"|hazy|cloudy|filmy|milky|murky|frosted|out of focus|unfocused|not sharp|soft focus"
    r"|fuzzy|blurred)\b"
    r"|\b(?:looking|look|looks|seeing|see|like) (?:\w+ ){0,2}?through (?:a |an |some |the )?"
    r"(?:(?:frosted|dirty|steamed up|steamy|smeared|greasy|foggy) (?:glass|window|lens|lenses"
    r"|glasses|windscreen)|fog|mist|vaseline|a film|film|cling film|net curtain|smoke|haze)\b"
)

#: A boil, the patient's word for an abscess ("a little boil type thing where they
#: injected"); not the verb ("wait for the kettle to boil").
_BOIL = re.compile(
    r"\b(?:(?:a|little|small|big|massive|huge|type of|kind of|sort of|like a) boil"
    r"|boil (?:type|like|looking)|boils)\b"
)

_FACE_PART = (
    r"(?:eye|eyes|eyelids?|lids?|cheeks?|cheekbones?|jaw|jawline|neck|face|lips?|nose|forehead|temples?"
    r"|chin|mouth|brows?|eyebrows?|ear|ears)"
)
#: A swelling that has moved into another part: "gone from my brow down into my eyelids",
#: "spread onto my cheek", "travelled down to my jaw" (not "gone down", which is easing).
_SWELLING_MOVED = re.compile(
    r"\b(?:swelling|swollen|puffiness|puffy|swell)\b(?: \w+){0,2}?"
    r" (?:has |have |is |s |keeps |kept )?(?:gone|spread|spreading|moved|moving|travelled"
    r"|traveled|travelling|traveling|crept|creeping|dropped|dropping|migrated|migrating|went"
    r"|going|come|came|coming|reached|reaching|extended|extending)(?: \w+){0,6}?"
    r" (?:into|onto|to|across|over|down to|round to|all over) (?:my |the |both |his |her |one )?"
    rf"(?:\w+ )?{_FACE_PART}\b"
)

_WORSE_FORMS = (
    r"(?:bigger|puffier|worse|larger|fatter|redder|darker|more swollen|more puffy|more bruised"
    r"|more red|more inflamed|more painful|more sore)"
)
_DAILY = r"(?:every|each|by the|with (?:each|every)) (?:single )?(?:day|morning|hour|night)"
#: A sign worse day by day, in either order: "more swollen every day", "every morning its
#: bigger" (the phrasings hold "getting worse", "getting bigger").
_DAY_BY_DAY_EN = re.compile(
    rf"\b(?P<a>{_WORSE_FORMS})(?: and (?:\w+ )?{_WORSE_FORMS})? {_DAILY}\b"
    rf"|\b{_DAILY}(?: (?:it|its|it s|it is|they|theyre|they re|is|are|gets|get|looks|seems"
    rf"|getting))* (?:a bit |a little |even |slightly |way )?(?P<b>{_WORSE_FORMS})\b"
)

#: A head in a vice, clamped or squeezed: a headache, still to be said severe or worsening.
_HEAD_SQUEEZED = re.compile(
    r"\b(?:head|skull|temples?)\b(?: \w+){0,6}? (?:vice|vise|clamp|clamped|being squeezed"
    r"|being crushed|squeezed|crushed|(?:tight )?band (?:round|around|across))\b"
)

#: French food or drink that goes the wrong way: the "avale de travers" of E1.
_FR_WRONG_WAY = re.compile(
    r"\b(?:part|partent|passe|passent|va|vont|est parti|est partie|est passe|descend"
    r"|descendent|file|filent|glisse) (?:tout |toujours |souvent |encore )?de travers\b"
)

#: French food that stays stuck when eating: "dès que je mange ça reste bloqué en haut".
_FR_STAYS_STUCK = re.compile(
    r"\b(?:mange|mangeais|bois|avale)\b(?: \w+){0,4}? (?:reste|restent|est|sont) (?:tout )?"
    r"(?:bloque|bloquee|bloques|coince|coincee|coinces)\b"
)

#: German speech "washed out" or drunk-sounding is slurred speech (E3), not the mouth's
#: asymmetry: "redet total verwaschen, wie besoffen", "spricht wie betrunken".
_DE_SLURRED = re.compile(
    r"\b(?:rede|redet|reden|redest|spreche|spricht|sprechen|sprichst|klingt|klinge)"
    r"(?: \w+){0,3}? (?:verwaschen|wie (?:besoffen|betrunken|blau)|lallend|nuschelnd)\b"
)

#: Italian itching with red bumps or patches in one clause ("prurito fortissimo e mi sono
#: uscite bolle rosse") is the itchy rash of U8, in either order.
_IT_ITCHY_BUMPS = re.compile(
    r"\b(?:prurito|prude|prudono|pizzica)\b(?: \w+){0,8}? (?:bolle|bolli|chiazze|pomfi"
    r"|puntini|macchie|eruzione|brufoletti)\b"
    r"|\b(?:bolle|chiazze|pomfi|puntini|macchie|brufoletti)\b(?: \w+){0,8}?"
    r" (?:prurito|prude|prudono|pizzicano)\b"
)

#: Portuguese (Portugal) "estar a ver": seeing, said as the vision phrasings' "vejo".
_PT_SEEING = re.compile(r"\b(?:estou|to|tou|estava|ando|andava|comecei|continuo|fiquei) a ver\b")


#: Sight "duplicated" or "split in two" is double: "to enxergando tudo duplicado", "veo todo
#: duplicado", "vedo tutto sdoppiato". Only after a seeing word or "everything", so a message
#: sent "duplicado" stays no sign.
_DUPLICATED: dict[str, tuple[re.Pattern[str], str]] = {
    "pt": (
        re.compile(
            r"\b(?P<seeing>(?:vejo|enxergo|enxergando|vendo|vista|visao|tudo)(?: \w+){0,3}? )"
            r"(?:duplicad[oa]s?|desdobrad[oa]s?)\b"
        ),
        r"\g<seeing>duplo",
    ),
    "es": (
        re.compile(
            r"\b(?P<seeing>(?:veo|viendo|vista|vision|todo)(?: \w+){0,3}? )"
            r"(?:duplicad[oa]s?|desdoblad[oa]s?)\b"
        ),
        r"\g<seeing>doble",
    ),
    "it": (
        re.compile(
            r"\b(?P<seeing>(?:vedo|vedere|vista|visione|tutto)(?: \w+){0,3}? )"
            r"(?:duplicat[oaie]|sdoppiat[oaie])\b"
        ),
        r"\g<seeing>doppio",
    ),
}


#: "I don't breathe" is how "I can't breathe" is said in Italian, Spanish and Portuguese ("non
#: respiro", "no respiro", "não respiro"); said as the "can't" the E3 phrasings hold.
#: Said of someone else too ("mio padre non respira", "mi madre no respira", "ele não respira").
_NOT_BREATHING: dict[str, tuple[re.Pattern[str], str]] = {
    "it": (re.compile(r"\bnon respir[oa]\b(?! (?:male|bene)\b)"), "non riesco a respirare"),
    "es": (re.compile(r"\bno respir[oa]\b(?! (?:mal|bien)\b)"), "no puedo respirar"),
    "pt": (
        re.compile(
            r"\b(?:nao|n) (?:respir[oa]|to respirando|estou respirando|esta respirando)\b"
            r"(?! (?:mal|bem)\b)"
        ),
        "nao consigo respirar",
    ),
}

#: A face or mouth that "fell" ("se me cayó la cara de un lado", "a mi mamá se le cae la
#: boca"), as the "cara caída" the Spanish droop phrasings hold (U5).
_ES_FALLEN = re.compile(
    r"\bse (?:me|le|te) (?:cayo|cae|ha caido|esta cayendo) (?:la |media )?(?P<part>cara|boca)\b"
)

#: Unconscious, as Italian says it ("è incosciente", "sembra incosciente"): no Italian
#: phrasing holds the word, so it is said as the "priva di sensi" E7 holds (issue 14).
_UNCONSCIOUS: dict[str, tuple[re.Pattern[str], str]] = {
    "it": (re.compile(r"\bincoscient[ei]\b"), "priva di sensi"),
}


#: So swollen that the eye will not open or see, by language, as its "eye swollen shut"
#: phrasing (English reads "so swollen i can barely see" in ``detector``).
_SWOLLEN_SHUT: dict[str, tuple[re.Pattern[str], str]] = {
    "es": (
        re.compile(
            r"\b(?:tan|muy|de lo) hinchad[oa]s?(?: \w+){0,2}? (?:que|q) (?:\w+ ){0,2}?no"
            r" (?:lo |la )?(?:puedo|consigo|logro|se (?:me )?abre|abre|abro|veo)"
            r"(?: (?:abrir\w*|ver))?\b"
        ),
        "ojo hinchado cerrado",
    ),
    "pt": (
        re.compile(
            r"\b(?:tao|muito) inchad[oa]s?(?: \w+){0,2}? (?:que|q) (?:\w+ ){0,2}?(?:nao|n)"
            r" (?:o |a )?(?:consigo|posso|abre|abro|vejo)(?: (?:abrir\w*|ver))?\b"
        ),
        "olho inchado fechado",
    ),
    "it": (
        re.compile(
            r"\b(?:cosi|tanto) gonfi[oa](?: \w+){0,2}? che (?:\w+ ){0,2}?non"
            r" (?:riesco|posso|si apre|vedo)(?: (?:a |ad )?(?:aprir\w*|vedere))?\b"
        ),
        "occhio gonfio chiuso",
    ),
    "fr": (
        re.compile(
            r"\b(?:si|tellement|trop) gonfle\w*(?: \w+){0,2}? (?:que|qu) (?:\w+ ){0,3}?"
            r"(?:n arrive (?:pas|plus)|arrive (?:pas|plus)|ne peux (?:pas|plus)|peux (?:pas|plus)"
            r"|ne s ouvre (?:pas|plus)|s ouvre (?:pas|plus)|vois (?:rien|plus))"
            r"(?: a)?(?: (?:l |le |la )?(?:ouvrir|voir))?\b"
        ),
        "oeil gonfle ferme",
    ),
}


#: Growing, said of a part: a jaw or lip "bigger every day" is a swelling getting bigger.
_SIZE = frozenset({"bigger", "puffier", "fatter", "larger", "more swollen", "more puffy"})


def _worse_day_by_day(found: re.Match[str]) -> str:
    sign = found.group("a") or found.group("b")
    return "swelling getting bigger" if sign in _SIZE else f"{sign} getting worse"


#: A band, vice or clamp put round the head: "like a band tightening around my head".
_AROUND_THE_HEAD = re.compile(
    r"\b(?:vice|vise|clamp|band|belt)(?: \w+){0,3}? (?:round|around|across|on|over)"
    r" (?:my |the )?(?:head|skull|temples|forehead)\b"
)

#: A double said as a ghost: "a ghost copy next to everything", "ghosting", "ghost image".
_GHOSTED = re.compile(
    r"\bghost(?:ing|ed|y)?(?: \w+)? (?:copy|copies|image|images|outline|double)\b"
)

#: A white or yellow top on a spot is the head of pus (U3's "yellow head").
_WHITE_TOP = re.compile(
    r"\b(?:white|yellow|yellowy|creamy) (?:top|tip|head|centre|center|bit in the middle)\b"
    r"|\bwhiteheads?\b"
)

#: Relief that does not even take the edge off: painkillers not helping.
_NO_EDGE_OFF = re.compile(
    r"\b(?:paracetamol|ibuprofen|nurofen|painkillers?|tablets|pills|co codamol|meds"
    r"|medication|anything|nothing)(?: \w+){0,2}? (?:isnt|is not|not|doesnt|does not|wont"
    r"|didnt|arent|dont|even)?(?: even)? (?:taking|take|took|takes) the edge off\b"
)

#: A smile or mouth that moves on one side only.
_ONE_SIDED_SMILE = re.compile(
    r"\b(?:smile|mouth|lips?)(?: \w+){0,2}? only (?:goes up|moves|lifts|works|comes up)"
    r" on (?:one|1|the (?:left|right)) side\b"
)

#: An eyelid held up by hand: "have to prop my eyelid up with a finger".
_LID_HELD_UP = re.compile(
    r"\b(?:prop|propping|hold|holding|lift|lifting|push|pushing|tape|taping)"
    r" (?:my |the )?(?:eyelid|lid|eye lid|eye) up\b"
)

#: Air taken in gulps: "big gulps of air", "gulping for air".
_GULPING_AIR = re.compile(r"\bgulp\w*(?: \w+)? (?:of|for) air\b")

#: Someone who has gone down onto the floor: "went down on the kitchen floor".
_ON_THE_FLOOR = re.compile(
    r"\b(?:went|gone|go|fell|dropped) (?:down )?(?:on|onto|to) the (?:\w+ )?floor\b"
    r"(?! (?:laughing|crying|giggling|in (?:fits|stitches|tears)))"
)


#: The gullet is the throat the swallowing phrasings name.
_GULLET = re.compile(r"\b(?:gullet|oesophagus|esophagus|food pipe)\b")


#: Lids the patient always had ("i naturally have hooded eyes", "born with hooded lids") are
#: their shape, not a droop: said as "natural lids", which no phrasing names.
_ALWAYS_HOODED = re.compile(
    r"\b(?:naturally|always (?:had|have|been)|born with|genetically|natural|by nature)"
    r"(?: \w+){0,2}? hooded(?: (?:eyes?|lids?|eyelids?))?\b"
)


def _english(text: str) -> str:
    text = _ALWAYS_HOODED.sub("natural lids", text)
    text = _FORGOT_HOW.sub(_cannot, _GULLET.sub("throat", text))
    text = _BREATH_TAKES_EFFORT.sub("struggling to breathe", text)
    text = _HOODED.sub("hooded eye", text)
    text = _SMEARED_SIGHT.sub("things look blurry", text)
    text = _BOIL.sub("abscess", text)
    text = _SWELLING_MOVED.sub("swelling spreading", text)
    text = _DAY_BY_DAY_EN.sub(_worse_day_by_day, text)
    text = _AROUND_THE_HEAD.sub("headache", _HEAD_SQUEEZED.sub("headache", text))
    text = _GHOSTED.sub("seeing double", text)
    text = _WHITE_TOP.sub("yellow head", text)
    text = _NO_EDGE_OFF.sub("painkillers not helping", text)
    text = _ONE_SIDED_SMILE.sub("cant move one side of my mouth", text)
    text = _LID_HELD_UP.sub("eyelid wont stay up", text)
    text = _GULPING_AIR.sub("gasping for air", text)
    return _ON_THE_FLOOR.sub("collapsed", text)


def plain_signs(text: str, language: str) -> str:
    """``text`` (a normalised clause) with the plain-word signs of ``language`` said as their
    phrasings say them (see the module doc); other text is returned as it is."""
    if language == "en":
        return _english(text)
    for table in (_SWOLLEN_SHUT, _NOT_BREATHING, _DUPLICATED, _UNCONSCIOUS):
        rewrite = table.get(language)
        if rewrite is not None:
            text = rewrite[0].sub(rewrite[1], text)
    if language == "fr":
        text = _FR_STAYS_STUCK.sub("nourriture coincee gorge", text)
        return _FR_WRONG_WAY.sub("avale de travers", text)
    if language == "pt":
        return _PT_SEEING.sub("vejo", text)
    if language == "de":
        return _DE_SLURRED.sub("spreche undeutlich", text)
    if language == "it":
        return _IT_ITCHY_BUMPS.sub("bolle prudono", text)
    if language == "es":
        return _ES_FALLEN.sub(r"\g<part> caida", text)
    return text


__all__ = ["plain_signs"]
