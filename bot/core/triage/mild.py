"""A mild, expected effect of the treatment, said to be slight, in any of six languages.

aftercare-facts lists a slight itch where the needle went in, a little dribbling after a lip
flip and chewing that tires after jaw (masseter) toxin as expected effects. The red-flag
phrasings for those signs ("itch", "dribbling", "chewing is tiring") are urgent, because the
same sign strong, spreading or with no such treatment behind it needs a practitioner. So an
urgent hit is read as the expected effect only when the message says it is slight ("mild", "a
bit", "un poco", "ein bisschen", "un peu", "um pouco") and:

* an itch: it stays at one spot or where the needle went in, and nothing says it spreads,
  swells or comes with hives or a rash;
* dribbling: the message names a lip treatment, and no "cannot" says the mouth fails;
* tired chewing: the message names a jaw treatment, and no "cannot" says chewing fails.

Emergencies are never read this way: only the three urgent signs above are.
"""

from __future__ import annotations

import re

from bot.core.text import normalise

_ITCH = "U8_allergic_skin"
_DRIBBLE = "U5_functional_asymmetry"
_CHEW = "U9_dizziness_local_weakness"


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


#: By language: the patient says the sign is slight.
_SLIGHT = {
    "en": _words(
        r"mild(?:ly)?",
        r"slight(?:ly)?",
        r"(?:a )?(?:tiny|little|wee|lil) bit",
        r"a (?:bit|little|touch)",
        r"bit of",
        r"tiny",
        r"minor",
    ),
    "es": _words(r"leve(?:mente)?", r"liger[ao]s?", r"ligeramente", r"un poc(?:o|ito)", r"poquito"),
    "de": _words(r"leicht(?:e[nrs]?)?", r"(?:ein )?bisschen", r"ein wenig", r"minimal"),
    "fr": _words(r"leger(?:e|ement)?", r"un (?:petit )?peu", r"legerement"),
    "it": _words(r"lieve", r"legger[oaie]", r"leggermente", r"un po", r"un poco", r"pochino"),
    "pt": _words(r"leve(?:mente)?", r"ligeir[ao]", r"ligeiramente", r"um pouc(?:o|quinho)"),
}
#: By language: more than slight after all ("not just a bit", "keeps dribbling", "constant").
_MORE_THAN_SLIGHT = {
    "en": _words(
        r"not (?:just|only) (?:a|slight\w*|mild\w*)",
        r"more than (?:a|slight\w*|mild\w*)",
        r"constant\w*",
        r"all the time",
        r"keeps?",
        r"every time",
        r"always",
        r"a lot",
        r"loads",
        r"so much",
    ),
    "es": _words(r"no (?:solo|solamente)", r"constante\w*", r"todo el (?:rato|tiempo)", r"siempre"),
    "de": _words(r"nicht nur", r"standig", r"dauernd", r"immer", r"die ganze zeit"),
    "fr": _words(r"pas (?:juste|seulement)", r"constamment", r"tout le temps", r"toujours"),
    "it": _words(r"non solo", r"costante\w*", r"sempre", r"tutto il tempo", r"di continuo"),
    "pt": _words(r"nao (?:so|apenas)", r"constante\w*", r"o tempo todo", r"sempre"),
}
#: By language: the itch stays at one spot, or where the needle went in.
_ONE_SPOT = {
    "en": _words(
        r"(?:one|a|single|1|the|that) (?:spot|place|point|area|patch)",
        r"injection (?:site|point|spot|mark)s?",
        r"where (?:the |they |she |he |it |i was )?(?:needle|injected|injections?|went in|jabbed)",
        r"at the (?:site|jab)",
    ),
    "es": _words(
        r"(?:un|en el|en un) (?:punto|sitio|lugar)", r"donde (?:me )?(?:pincharon|inyectaron)"
    ),
    "de": _words(
        r"(?:einer|an einer|der) (?:stelle|punkt)", r"einstichstelle", r"wo (?:gespritzt|gestochen)"
    ),
    "fr": _words(r"(?:un|a un|au|a l) (?:seul )?(?:endroit|point)", r"(?:point|site) d injection"),
    "it": _words(r"(?:un|in un) (?:punto|posto)", r"punto (?:di |dell )?iniezione"),
    "pt": _words(r"(?:um|num|no) (?:ponto|lugar|sitio)", r"(?:ponto|local) da (?:injecao|picada)"),
}
#: By language: the itch spreads, swells or comes with hives or a rash.
_SPREADS = {
    "en": _words(
        r"spread\w*",
        r"all over",
        r"everywhere",
        r"hives",
        r"welts?",
        r"swell\w*",
        r"swollen",
        r"rash\w*",
        r"lips?",
        r"tongue",
        r"throat",
        r"breath\w*",
        r"wors\w*",
    ),
    "es": _words(
        r"se extiende",
        r"por todas partes",
        r"ronchas",
        r"urticaria",
        r"hinchad\w*",
        r"sarpullido",
        r"labios?",
        r"garganta",
        r"respir\w*",
        r"peor",
    ),
    "de": _words(
        r"breitet",
        r"uberall",
        r"quaddeln",
        r"nessel\w*",
        r"geschwollen",
        r"schwillt",
        r"\w*ausschlag",
        r"lippen?",
        r"hals",
        r"atm\w*",
        r"schlimmer",
    ),
    "fr": _words(
        r"s etend",
        r"partout",
        r"urticaire",
        r"plaques",
        r"gonfl\w*",
        r"enfl\w*",
        r"eruption",
        r"levres?",
        r"gorge",
        r"respir\w*",
        r"pire",
    ),
    "it": _words(
        r"si allarga",
        r"dappertutto",
        r"orticaria",
        r"pomfi",
        r"gonfi\w*",
        r"eruzione",
        r"labbra",
        r"gola",
        r"respir\w*",
        r"peggio\w*",
    ),
    "pt": _words(
        r"espalh\w*",
        r"por todo",
        r"urticaria",
        r"placas",
        r"inchad\w*",
        r"incha\w*",
        r"erupcao",
        r"labios?",
        r"garganta",
        r"respir\w*",
        r"pior",
    ),
}
#: By language: a lip treatment (a lip flip, toxin in the upper lip, for a gummy smile); also
#: what ``expected`` reads as the treatment behind a slight change of speech.
LIP_TREATMENT = {
    "en": _words(
        r"lip ?flip",
        r"lip (?:botox|tox|toxin|jabs?|injections?|treatment)",
        r"(?:botox|tox) (?:in|on|into) (?:my |the )?(?:top |upper )?lip",
        r"gummy smile",
    ),
    "es": _words(r"lip ?flip", r"botox (?:en|del) (?:el )?labio", r"sonrisa gingival"),
    "de": _words(
        r"lip ?flip", r"botox (?:in|an) (?:die |der )?(?:ober)?lippe", r"zahnfleischlacheln"
    ),
    "fr": _words(r"lip ?flip", r"botox (?:dans|sur) la levre", r"sourire gingival"),
    "it": _words(r"lip ?flip", r"botox (?:sul|nel) labbro", r"sorriso gengivale"),
    "pt": _words(r"lip ?flip", r"botox no labio", r"sorriso gengival"),
}
#: By language: a jaw treatment (toxin in the masseter, for clenching or grinding).
_JAW_TREATMENT = {
    "en": _words(
        r"jaw (?:botox|tox|toxin|jabs?|injections?|treatment|slimming)",
        r"masseters?",
        r"(?:botox|tox) (?:in|on|into|for) (?:my |the )?(?:jaw|grinding|clenching)",
        r"bruxism",
    ),
    "es": _words(r"masetero\w*", r"botox (?:en|de) (?:la )?mandibula", r"bruxismo"),
    "de": _words(r"masseter\w*", r"botox (?:im|in den|am) kiefer", r"kiefer ?botox", r"bruxismus"),
    "fr": _words(r"masseter\w*", r"botox (?:dans|sur) la machoire", r"bruxisme"),
    "it": _words(r"massetere?\w*", r"botox (?:alla|sulla|nella) mascella", r"bruxismo"),
    "pt": _words(r"masseter\w*", r"botox (?:na|no) (?:mandibula|maxilar)", r"bruxismo"),
}
#: By language: the mouth or the jaw fails outright ("cant keep water in"), not slightly.
_FAILS = {
    "en": _words(r"cant", r"cannot", r"can not", r"unable", r"wont", r"no longer"),
    "es": _words(r"no puedo", r"no consigo"),
    "de": _words(r"kann (?:\w+ )?nicht", r"nicht mehr"),
    "fr": _words(r"(?:je )?(?:ne )?peux (?:\w+ )?pas", r"n arrive pas", r"narrive pas"),
    "it": _words(r"non (?:riesco|posso)"),
    "pt": _words(r"nao (?:consigo|posso)"),
}
#: By language: an itch, the one skin sign that may be slight and local (a rash is not read so).
_ITCH_WORD = {
    "en": re.compile(r"\bitch"),
    "es": re.compile(r"\b(?:pic(?:or|a|azon)|comezon)"),
    "de": re.compile(r"\bjuck"),
    "fr": re.compile(r"\b(?:gratt|demang)"),
    "it": re.compile(r"\b(?:prur|pizzic)"),
    "pt": re.compile(r"\b(?:coceira|coca|cocando)"),
}
#: By language: what a dribbling or a chewing phrasing is about (other phrasings of the same
#: flags, a drooping mouth corner or dizziness, are never read as mild).
_DRIBBLE_WORD = re.compile(r"dribbl|drool|bav|sabber|babe|sbav|bab")
_CHEW_WORD = re.compile(r"chew|mastic|kau|mastig")


def mild_expected_effect(
    flag_id: str, phrasing: str, language: str, clause: str, text: str
) -> bool:
    """Whether the urgent hit (``flag_id`` by ``phrasing``, in ``language``, found in
    ``clause`` of ``text``) is the slight, expected effect the message describes (see the
    module doc). The slightness must be said in the sign's own clause ("a bit embarrassing"
    elsewhere says nothing of the sign)."""
    slight = _SLIGHT.get(language)
    if slight is None:
        return False
    normal = normalise(text)
    if slight.search(normalise(clause)) is None or _MORE_THAN_SLIGHT[language].search(normal):
        return False
    said = normalise(phrasing)
    if flag_id == _ITCH:
        return (
            _ITCH_WORD[language].search(normal) is not None
            and _ONE_SPOT[language].search(normal) is not None
            and _SPREADS[language].search(normal) is None
        )
    if flag_id == _DRIBBLE and _DRIBBLE_WORD.search(said):
        return LIP_TREATMENT[language].search(normal) is not None and not _FAILS[language].search(
            normal
        )
    if flag_id == _CHEW and _CHEW_WORD.search(said):
        return _JAW_TREATMENT[language].search(normal) is not None and not _FAILS[language].search(
            normal
        )
    return False
