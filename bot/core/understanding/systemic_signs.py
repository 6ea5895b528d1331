"""What turns a local infection into sepsis, in Spanish, German, French, Italian and Portuguese.

``fusion._infection_gone_systemic`` raises infection signs the rules found (urgent) to the
sepsis emergency when the same message affirms a confused mind, or a fever together with a
failing circulation (a racing heart, faintness, fast breathing, vomiting). It read English
cues only, so "febre de 39, tremedeira, coração disparado" stood or fell with the net's
reading, which a retrain moved from 0.72 to 0.70 across the line. These are the same kinds
of cue in the other shipped languages (normalised: no accents, apostrophes as spaces), broad
on purpose: each kind alone never escalates, only the combination the English rule allows.
"""

from __future__ import annotations

import re


def _any(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


#: By language, by kind: "confusion", "fever", "circulation", "fast_spread" (timed in hours),
#: "doubled" and "redness" (the keys ``fusion`` reads: a redness doubled, or grown within
#: hours, with a fever is sepsis; "doubled" counts only with a redness in its clause).
SEPSIS_CUES: dict[str, dict[str, re.Pattern[str]]] = {
    "es": {
        "confusion": _any(
            r"confundid[oa]s?|desorientad[oa]s?|no sabe (?:donde|quien)"
            r"|delira\w*|no dice (?:nada )?(?:con sentido|coherente)"
            r"|no se (?:ni )?(?:que dia es|en que dia estoy|donde estoy)|atontad[oa]s?"
            r"|ida de la cabeza|dice (?:puras )?(?:tonterias|incoherencias)"
        ),
        "fever": _any(
            r"fiebre|febril|calentura|escalofrios|tiritando|temblores|tembland\w+"
            r"|sudores"
        ),
        "circulation": _any(
            r"(?:corazon|pulso) (?:\w+ )?(?:acelerado|a mil|desbocado|rapido"
            r"|disparado)|taquicardia|palpitaciones|mare\w+|desmay\w+|(?:me )?da vueltas"
            r"|vomit\w+|respir\w+ (?:muy )?(?:rapido|acelerad\w+|agitad\w+)"
        ),
        "fast_spread": _any(r"en (?:unas|pocas|un par de|\d+) horas|de hora en hora"),
        "doubled": _any(r"(?:se ha |ha |se )?duplicad[oa]|(?:se )?duplico"),
        "redness": _any(r"roj[oa]s?|rojez|enrojecid[oa]|enrojecimiento|rojo vivo|hinchazon|zona"),
    },
    "de": {
        "confusion": _any(
            r"verwirrt|durcheinander|desorientiert|nicht ansprechbar"
            r"|redet wirr\w*|wirres zeug|durch den wind|neben der spur|benebelt"
            r"|(?:weiss|weis|wei) (?:nicht|nich|nicht mal|nicht mehr|kaum) (?:mehr )?(?:welcher tag"
            r"|wo ich bin|was los ist)"
        ),
        "fever": _any(r"fieber\w*|schuttelfrost|zitter\w*|schwitz\w*|glut\w*"),
        "circulation": _any(
            r"herzrasen|herzklopfen|herz (?:\w+ )?(?:rast|rasen|klopft|pocht)"
            r"|puls (?:\w+ )?(?:rast|hoch|schnell)|schwindel\w*|ohnmacht\w*|dreht sich|umkipp\w*"
            r"|kreislauf|erbrech\w+|ubergeb\w+|atme\w* (?:\w+ )?schnell"
        ),
        "fast_spread": _any(
            r"(?:in|innerhalb) (?:von )?(?:ein paar|wenigen|paar|zwei|drei|\d+) stunden|stundlich"
            r"|von stunde zu stunde"
        ),
        "doubled": _any(r"verdoppelt"),
        "redness": _any(r"rot|rote|roter|rotes|rotung|gerotet|schwellung|stelle|fleck"),
    },
    "fr": {
        "confusion": _any(
            r"confus\w*|desoriente\w*|delire\w*|dit n importe quoi"
            r"|plus toute sa tete|dans le gaz|embrouille\w*|paume\w*|dans le brouillard"
            r"|(?:sais|sait) (?:plus|pas) (?:quel jour|ou je suis|ou elle est|ou il est)"
            r"|raconte (?:n importe quoi|nimp)|dit nimp"
        ),
        "fever": _any(r"fievre|fievreu\w+|frissons?|grelott\w+|tremble\w*|sueurs?"),
        "circulation": _any(
            r"coeur (?:qui )?(?:\w+ )?(?:s emballe|bat (?:tres |trop )?vite"
            r"|a cent a l heure|cogne)|tachycardie|palpitations?|vertiges?"
            r"|malaise|evanou\w+|vomi\w*|respire\w* (?:tres |trop )?vite"
            r"|(?:tete|tout) (?:qui )?(?:me )?tourne|me sens partir|etourdi\w*"
        ),
        "fast_spread": _any(r"en (?:quelques|deux|trois|\d+) heures|d heure en heure|a vue d oeil"),
        "doubled": _any(r"a double|doubl\w+ de (?:taille|volume)"),
        "redness": _any(r"rouge|rouges|rougeur|rougeurs|plaque|gonflement|zone"),
    },
    "it": {
        "confusion": _any(
            r"confus[oa]|disorientat[oa]|delira\w*|non ragiona|sconnessa"
            r"|sconnesso|non capisce (?:dove|niente)|intontit[oa]|rintronat[oa]|rincoglionit[oa]"
            r"|non so (?:piu )?(?:che giorno|dove sono)|dice cose senza senso"
        ),
        "fever": _any(r"febbre|brividi|tremo|tremando|tremori|sudori?"),
        "circulation": _any(
            r"cuore (?:\w+ )?(?:a mille|accelerato|che batte (?:forte|veloce)"
            r"|impazzito)|tachicardia|palpitazioni|giramenti|capogir\w+"
            r"|svenu\w+|sveni\w+|vomit\w+|respir\w+ (?:veloce|affannos\w+)"
            r"|(?:mi )?gira (?:la testa|tutto)|stordit\w*"
        ),
        "fast_spread": _any(r"in (?:poche|qualche|due|tre|\d+) ore|di ora in ora|a vista d occhio"),
        "doubled": _any(r"raddoppiat[oa]"),
        "redness": _any(r"ross[oaie]|rossore|arrossamento|arrossat[oa]|gonfiore|chiazza|zona"),
    },
    "pt": {
        "confusion": _any(
            r"confus[oa]|desorientad[oa]|delira\w*|nao diz coisa com coisa"
            r"|nao sabe onde (?:esta|ta)|(?:nem|nao) sei (?:que dia|onde estou)|zonz[oa]"
            r"|atordoad[oa]|baralhad[oa]|nao digo coisa com coisa"
        ),
        "fever": _any(r"febre|febril|tremedeira|calafrios?|arrepios|tremendo|suor\w*"),
        "circulation": _any(
            r"(?:coracao|pulso) (?:\w+ )?(?:disparad\w+|acelerad\w+|a mil"
            r"|batendo (?:muito )?(?:rapido|forte))|taquicardia|palpitac\w+"
            r"|tontura\w*|tont[oa]|desmai\w+|vomit\w+"
            r"|(?:cabeca|tudo) (?:a )?(?:gira|girar|roda|rodar)"
            r"|respir\w+ (?:muito )?(?:rapid\w+|acelerad\w+|ofegante)"
        ),
        "fast_spread": _any(
            r"(?:em|nas) (?:poucas|duas|tres|\d+) horas|de hora (?:a|em) hora|a olhos vistos"
        ),
        "doubled": _any(r"duplicou|dobrou"),
        "redness": _any(r"vermelh\w*|inchaco|mancha|zona"),
    },
}
