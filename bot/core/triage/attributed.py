"""A sign the patient puts down to a cause that is not the treatment, in six languages.

Patients name why they have a sign, and the cause is often plain everyday life:

* a head that spins *with all the rules* ("me da vueltas la cabeza con tantas normas", "mir
  dreht sich der Kopf bei den ganzen Regeln", "estou tonta com tanta informação"): the cause
  is a load on the mind (rules, information, instructions, advice), so the dizziness is a
  figure of speech;
* a voice lost or hoarse *from screaming at the football*, a concert, a cold ("afónica de
  gritar en el partido", "voix cassée depuis le concert", "voce rauca dal concerto"): the
  voice was used up, not weakened by a toxin;
* a scratchy throat, a blocked nose or itchy, watering eyes *with a cold or hay fever* ("Hab
  eine Erkältung, Hals kratzt und Nase zu", "ho il raffreddore, gola che gratta e naso
  chiuso"): a blocked nose is no throat closing.

The reading is a class of cause, not a list of phrasings: any wording that names a cause of
the class beside the sign is read so. It never explains away a sign of real trouble: a clause
that also holds a severe word (swelling, tightness, breathing or swallowing trouble, the
tongue or lips) keeps its flag, a cause denied ("no cold", "kein Infekt") explains nothing,
and only these flags are read so (``_READINGS``): dizziness (mind load), breath-and-speech
hits whose phrasing is about the voice (voice use, an everyday illness), and the throat, skin
and eye flags (an everyday illness, with mild words only). The rules and the learned net's
hits are read alike (``bot.core.understanding.fusion``).
"""

from __future__ import annotations

import re

from bot.core.text import normalise, split_clauses


def _words(*alternatives: str) -> str:
    return r"\b(?:" + "|".join(alternatives) + r")\b"


#: A load on the mind, in the shipped languages (normalised: no accents, lower case).
_MIND_LOAD = _words(
    r"rules?",
    r"instructions?",
    r"information",
    r"info",
    r"advice",
    r"dos",
    r"donts",
    r"do s",
    r"don ts",
    r"aftercare (?:sheet|leaflet|list|rules|advice)",
    r"leaflet",
    r"paperwork",
    r"forms?",
    r"options",
    r"choices",
    r"questions",
    r"normas",
    r"reglas",
    r"informacion(?:es)?",
    r"instrucciones",
    r"consejos",
    r"indicaciones",
    r"regeln",
    r"infos?",
    r"informationen",
    r"anweisungen",
    r"hinweisen?",
    r"tipps",
    r"vorschriften",
    r"consignes",
    r"regles",
    r"informations",
    r"conseils",
    r"recommandations",
    r"regole",
    r"informazioni",
    r"istruzioni",
    r"consigli",
    r"indicazioni",
    r"regras",
    r"informacao",
    r"informacoes",
    r"instrucoes",
    r"conselhos",
    r"orientacoes",
    r"recomendacoes",
)
#: What ties the sign to the load: a preposition or a quantifier before it ("with all the",
#: "con tantas", "bei den ganzen", "avec toutes ces", "com tanta"), or the load as the subject
#: that makes the head spin ("the aftercare sheet made my head spin").
_MIND_TIE = re.compile(
    r"\b(?:with|from|by|over|all|so many|so much|con|de|por|tanta|tantas|tantos|tanto|todas"
    r"|bei|von|vom|mit|wegen|ganzen|vielen|so vielen|avec|toutes|tous|ces|tant|par|tutte"
    r"|tutti|queste|tante|tanti|da|per|com|todas|essas|tantas)\b(?: \w+){0,3}? "
    + _MIND_LOAD
    + "|"
    + _MIND_LOAD
    + r"(?: \w+){0,3}? (?:made|make|makes|making|hace|hizo|macht|machen|fait|font|fa|fanno"
    r"|faz|fez|fazem)\b"
)

#: Using the voice up: shouting, singing, a match, a concert, a party.
_VOICE_USE = _words(
    r"scream\w*",
    r"shout\w*",
    r"yell\w*",
    r"sing|singing|sang|sung",
    r"cheer\w*",
    r"concerts?",
    r"gigs?",
    r"match",
    r"football",
    r"footy",
    r"karaoke",
    r"festival",
    r"stadium",
    r"gritar|gritando|grite|grito|gritos",
    r"chillar|chillando",
    r"cantar|cantando|cante",
    r"partido",
    r"concierto",
    r"estadio",
    r"schrei\w*",
    r"brull\w*",
    r"singen",
    r"gesungen",
    r"stadion",
    r"konzert",
    r"fussball\w*",
    r"crie|crier|criant|cris",
    r"hurl\w*",
    r"chant\w*",
    r"stade",
    r"urla\w*",
    r"urlat\w*",
    r"gridat\w*",
    r"cantato",
    r"stadio",
    r"partita",
    r"concerto",
    r"gritei",
    r"gritaria",
    r"jogo",
    r"show",
    r"futebol",
)

#: An everyday illness of the nose, throat or eyes, and a child's ordinary ones.
_ILLNESS = _words(
    r"(?:a|my|this|the|stinking|head|chest|heavy|bad|nasty|horrible|streaming) cold"
    r"(?! (?:sweats?|and clammy|clammy))",
    r"flu",
    r"hay ?fever",
    r"pollen",
    r"tonsillitis",
    r"laryngitis",
    r"sinusitis",
    r"resfriad[oa]",
    r"resfrio",
    r"catarro",
    r"gripe",
    r"constipad[oa]",
    r"polen",
    r"alergia al polen",
    r"erkaltung",
    r"erkaltet",
    r"grippe",
    r"schnupfen",
    r"heuschnupfen",
    r"rhume",
    r"enrhumee?",
    r"rhume des foins",
    r"angine",
    r"raffreddore",
    r"raffreddat[oa]",
    r"influenza",
    r"polline",
    r"rinite",
)
#: A cause said not to be there: "no cold", "kein Infekt", "sin resfriado", "pas de rhume".
_DENIED = re.compile(
    r"\b(?:no|not|nothing like|without|never|sin|ni|kein|keine|keinen|ohne|pas de|sans|non"
    r"|senza|nessun|nao|sem|nada de)\b(?: \w+){0,2} (?:" + _ILLNESS + "|" + _VOICE_USE + ")"
)

#: The words of real trouble: swelling, tightness, closing, breath, swallowing, tongue, lips.
_SEVERE = re.compile(
    _words(
        r"swell\w*",
        r"swollen",
        r"tight\w*",
        r"clos\w*",
        r"breath\w*",
        r"swallow\w*",
        r"tongue",
        r"lips?",
        r"cant",
        r"cannot",
        r"struggl\w*",
        r"hinch\w*",
        r"cerrad\w*",
        r"respir\w*",
        r"trag\w*",
        r"lengua",
        r"labios?",
        r"geschwollen",
        r"schwill\w*",
        r"eng",
        r"atm\w*",
        r"luft",
        r"schluck\w*",
        r"zunge",
        r"lippen?",
        r"gonfl\w*",
        r"serree?",
        r"aval\w*",
        r"langue",
        r"levres?",
        r"gonfi\w*",
        r"strett[ao]",
        r"deglut\w*",
        r"lingua",
        r"labbr[ao]",
        r"inch\w*",
        r"fechan\w*",
        r"engol\w*",
        r"labios?",
    )
)
#: A blocked nose, the cold's own sign: its "blocked" / "zu" / "chiuso" is no throat closing.
_BLOCKED_NOSE = re.compile(
    r"\b(?:nose|nariz|nase|nez|naso)(?: \w+){0,2}? (?:blocked|bunged up|stuffed up|stuffy|zu"
    r"|verstopft|bouche|chiuso|tappato|entupido|tapad[oa]|congestionad[oa])\b"
)
#: The mild words of a cold or hay fever: scratchy, sore, itchy, watering, runny.
_MILD = re.compile(
    _words(
        r"scratch\w*",
        r"sore",
        r"tickl\w*",
        r"irritat\w*",
        r"itch\w*",
        r"stream\w*",
        r"water\w*",
        r"runny",
        r"sneez\w*",
        r"cough\w*",
        r"kratz\w*",
        r"juck\w*",
        r"tran\w*",
        r"gratt\w*",
        r"gratte",
        r"piqu\w*",
        r"coul\w*",
        r"prud\w*",
        r"lacrim\w*",
        r"arranh\w*",
        r"coc\w*",
        r"irritad\w*",
        r"pic\w*",
        r"llor\w*",
        r"rasp\w*",
    )
)

_DIZZY = "U9_dizziness_local_weakness"
_BREATH = "E3_breathing_speaking"
#: Flags an everyday illness may explain when the clause holds only mild words.
_ILLNESS_FLAGS = frozenset(
    {"E1_swallowing", "E2_allergic_reaction", "U8_allergic_skin", "U2_vision_change"}
)
#: A breath-and-speech phrasing about the voice (not the breath).
_VOICE = re.compile(
    _words(
        r"voice",
        r"hoarse",
        r"croaky",
        r"voz",
        r"afonica?",
        r"afono",
        r"ronca",
        r"stimme",
        r"heiser",
        r"voix",
        r"aphone",
        r"enrouee?",
        r"voce",
        r"rauca",
        r"rouca",
        r"rouquidao",
    )
)


def put_down_elsewhere(flag_id: str, phrasing: str, clause: str, text: str) -> bool:
    """Whether the hit of ``flag_id`` (found by ``phrasing``, or the net) in ``clause`` (raw,
    as ``FlagHit.clause`` holds it) is put down to an everyday cause in ``text``."""
    own = normalise(clause.split(" / ")[0])
    if flag_id == _DIZZY:
        return _MIND_TIE.search(own) is not None
    if flag_id == _BREATH:
        voiced = _VOICE.search(normalise(phrasing)) or _VOICE.search(own)
        return bool(voiced) and not _SEVERE.search(own) and _caused(own, _VOICE_USE, _ILLNESS)
    if flag_id in _ILLNESS_FLAGS:
        mild = _BLOCKED_NOSE.sub(" ", own)
        if _SEVERE.search(mild) or not (_MILD.search(mild) or _BLOCKED_NOSE.search(own)):
            return False
        return _caused(with_clause_before(own, text), _ILLNESS)
    return False


def _caused(text: str, *causes: str) -> bool:
    """Whether ``text`` names a cause of one of the classes, and does not deny it."""
    return re.search("|".join(causes), text) is not None and _DENIED.search(text) is None


def with_clause_before(own: str, text: str) -> str:
    """The clause, with the one before it, where a cause or a treatment told of belongs to the
    sign: "Hab eine Erkältung, Hals kratzt und Nase zu", "my mum had botox, her lid droops"."""
    clauses = [normalise(c) for c in split_clauses(text, "en")]
    for index, clause in enumerate(clauses):
        if clause == own:
            return " ".join(clauses[max(0, index - 1) : index + 1])
    return own
