"""A bruise or swelling that now covers a large part of the face, said in any shipped
language, as the "spreading" its U6 phrasings hold (issues 12, 14).

Patients tell a bruise that spreads by what it covers now, often after how small it began:
"it started as a tiny mark and now it covers most of my cheek", "ya me llega a media frente",
"ora mi prende mezza tempia", "agora pega metade da testa", "prend toute la joue", "zieht
sich über die halbe Stirn"; or say it "has grown really large". No phrasing holds those
words; each language's U6 names the spread with one verb ("bruise spreading", "el moretón
se extiende", "livido allarga", "hematoma espalhando", "bleu étale", "Bluterguss breitet").
The covering words are said as that verb, so the bruise or swelling may be named in the
clause before ("il livido era un puntino / e ora mi prende mezza tempia"); without one,
the verb alone matches no phrasing. The clause keeps its other words, so a negation or a
question still lowers the result.
"""

from __future__ import annotations

import re

#: "now", "already" between the verb and how much it covers ("couvre maintenant la moitié").
_NOW = (
    r"(?: (?:now|already|maintenant|deja|desormais|jetzt|schon|inzwischen|ora|gia|ya|agora"
    r"|ja))?"
)

#: Covering a large part, by language (normalised: no accents), and the language's verb.
_COVERING: dict[str, tuple[re.Pattern[str], str]] = {
    "en": (
        re.compile(
            r"\b(?:covers|covering|covered|takes up|taking up|spread (?:over|across)"
            r"|spreads (?:over|across)|reaches|reaching|goes across|going across)"
            rf"{_NOW} (?:most of|half (?:of )?|all of|the whole|my whole|nearly all|almost all"
            r"|nearly half|almost half)\b"
        ),
        "spreading",
    ),
    "es": (
        re.compile(
            r"\b(?:(?:ya )?me llega a|me coge|me agarra|me ocupa|ocupa|cubre|me cubre|llega a"
            r"|agarra)"
            rf"{_NOW} (?:media|medio|toda|todo|la mitad de|casi toda|casi todo|casi media)\b"
        ),
        "se extiende",
    ),
    "it": (
        re.compile(
            r"\b(?:mi )?(?:prende|copre|occupa|arriva a|ha preso|ha coperto)"
            rf"{_NOW} (?:mezza|mezzo|tutta|tutto|meta|quasi tutta|quasi tutto|quasi mezza)\b"
        ),
        "allarga",
    ),
    "pt": (
        re.compile(
            r"\b(?:pega|cobre|ocupa|chega a|toma|pegou|cobriu|tomou)"
            rf"{_NOW} (?:metade|meia|a metade|toda|todo|quase toda|quase todo|quase metade)\b"
        ),
        "espalhando",
    ),
    "fr": (
        re.compile(
            r"\b(?:prend|couvre|recouvre|occupe|mange|s etend sur|a pris|a couvert)"
            rf"{_NOW} (?:toute|tout|la moitie|presque toute|presque tout|presque la moitie)\b"
        ),
        "etale",
    ),
    "de": (
        re.compile(
            r"\b(?:(?:bedeckt|nimmt)|(?:zieht sich|geht|reicht|geht bis)"
            r"(?: jetzt| schon| inzwischen)? uber)"
            rf"{_NOW} (?:die halbe|den halben|das halbe|die ganze|den ganzen|das ganze"
            r"|fast die ganze|fast den ganzen|fast die halbe)\b"
        ),
        "breitet",
    ),
}

#: A bruise or swelling that "has grown really large" (English).
_GROWN_LARGE = re.compile(
    r"\b(?P<sign>bruise|bruising|swelling|lump)(?P<between>(?: \w+){0,2}?)"
    r" (?:has |have |is |s )?(?:grown|got|gotten|become|getting|gone)"
    r" (?:really |so |very |quite |way |massively )?(?:large|big|huge|massive|enormous)\b"
)


#: An English bruise or swelling named in the clause: the cover, words away, is its spread.
_EN_SIGN = re.compile(r"\b(?:bruise|bruising|bruised|swelling|swollen)\b")


def covering(text: str, language: str) -> str:
    """``text`` (a normalised clause in ``language``) with a bruise or swelling's cover of a
    large part said as the language's spreading verb (see the module doc)."""
    if language == "en":
        text = _GROWN_LARGE.sub(r"\g<sign>\g<between> spreading", text)
        if _EN_SIGN.search(text):  # "the bruise started tiny and now it covers half my cheek"
            return _COVERING["en"][0].sub("bruise spreading", text)
    rewrite = _COVERING.get(language)
    return text if rewrite is None else rewrite[0].sub(rewrite[1], text)


__all__ = ["covering"]
