"""Spanish, Italian and Portuguese wordings that look like a negation but are not one, or
are one without a negation word (issue 14), rewritten before the context rules read a clause.

* Italian "né ... né" (neither ... nor) is "ne ... ne" once accents are folded, and "ne" is
  also the everyday pronoun ("ne ho tanti"), so it cannot be a negation word alone: two of
  them a few words apart are written as the plain negation ("né febbre né pus" is "non
  febbre non pus"). After a negation of its own the pair only goes on with it ("non ho più
  forza né nelle braccia né nelle gambe": no strength is the symptom), so it is left alone.
  The English rules read every message with the other languages' negations, so they get it
  too.
* A sign that keeps on ("el moratón no para de crecer", "o roxo não para de crescer", "il
  livido non smette di allargarsi") is the sign: the words that say so are dropped.
* "Out of nowhere" ("do nada", "de la nada", "dal nulla") is "suddenly", and being left
  without a function ("fiquei sem enxergar", "me quedé sin ver") is losing it: both are
  rewritten so that their "nada" and "sem" deny nothing.
* For the learned net's reading only (``understanding.context.read_clause``): being unable
  to ("sem conseguir respirar", "sin poder tragar", "senza riuscire a deglutire"), a
  function that no longer works properly ("não mastigo direito", "o ar não chega"), a pain
  that will not go ("no se me quita con nada") and someone who does not respond ("não
  acorda") are the symptom, not its denial. The rules' phrasings hold these negations
  themselves; the net sees only the words, so its clause is read without them.
"""

from __future__ import annotations

import re

#: "Neither ... nor" word and the plain negation it stands for, by rules language.
_CORRELATIVES: dict[str, tuple[re.Pattern[str], str]] = {
    language: (re.compile(r"\bne\b((?: \w+){1,6}?) ne\b"), negation)
    for language, negation in (("it", "non"), ("en", "no"))
}

#: A sign that keeps on, by language (normalised text: no accents).
_KEEPS_ON: dict[str, re.Pattern[str]] = {
    "es": re.compile(r"\bno (?:para|paran|deja|dejan) de\b"),
    "it": re.compile(r"\bnon (?:la )?smett(?:e|ono) (?:mai )?di\b"),
    "pt": re.compile(r"\bn(?:ao)? (?:para|param|deixa|deixam) de\b"),
}

#: Negations that belong to the symptom, as the net reads a clause (see the module doc).
_UNABLE = re.compile(
    r"\b(?:sin (?:poder|conseguir|lograr)|sem (?:conseguir|poder)|senza (?:riuscire|poter)"
    r"|no se (?:me |le )?(?:quita|pasa|va)|nao (?:me )?passa|non (?:mi )?passa|non se ne va"
    r"|(?:no|non|nao|n) (?:me |mi |se |si |le |lhe )?\w+ (?:bien|bene|direito|como antes"
    r"|come prima)"
    r"|(?:no|non|nao) (?:tiene|tengo|ha|ho|tem|tenho) (?:mas |piu |mais )?"
    r"(?:fuerzas?|forz[ae]|forcas?)"
    r"|(?:no|non|nao) (?:me |mi |le |gli |lhe )?(?:llega|entra|arriva|chega)"
    r"|(?:no|non|nao) (?:se |si |me |mi |le |lhe )?(?:despiertan?|reaccionan?|responden?"
    r"|sveglia|reagisce|rispond(?:e|ono)|acorda|reage|respondem|obedecem|obedece|obedecen?"
    r"|obbedisc(?:e|ono))"
    # what will not go down: "non mi va giu", "nao desce", "no me baja" (not "no aguanto":
    # "boca arriba no aguanto" is a sleeping position the patient cannot stand)
    r"|(?:no|non|nao) (?:me |mi |le |gli |lhe )?(?:va giu|scende|desce|baja)"
    # "not even a sip", "with nothing" after such an inability insists, it denies nothing
    r"|(?:nem|ni|neanche|nemmeno|neppure) (?:sequer |siquiera )?(?:um|uma|un|una|uno)"
    r"|(?:con|com) (?:nada|niente|nulla)"
    # "not even with ibuprofen does it go": the pain outlasts the painkiller (issue 14)
    r"|(?:ni|nem|neanche|nemmeno|neppure) (?:siquiera |sequer )?(?:con|com|col|tomando"
    r"|tomandome|prendendo|usando))\b"
)


#: Being left without a function ("me quedé sin ver", "fiquei sem enxergar", "sono rimasta
#: senza vedere") is losing it: read as the inability the phrasings are written in ("no puedo
#: ver"). Only before a function's verb: "sin aire de la risa" and "sin palabras" stay idioms.
_LEFT_WITHOUT: dict[str, tuple[re.Pattern[str], str]] = {
    "es": (
        re.compile(
            r"\b(?:me |se me |te )?(?:quede|quedo|quedado|quedando|quedaba) sin (?:poder )?"
            r"(?=(?:ver|hablar|tragar|respirar|mover|abrir|cerrar|sentir|oir)\b)"
        ),
        "no puedo ",
    ),
    "pt": (
        re.compile(
            r"\b(?:fiquei|fico|ficou|ficando|ficar) sem (?:conseguir |poder )?"
            r"(?=(?:ver|enxergar|falar|engolir|respirar|mexer|abrir|fechar|sentir|ouvir)\b)"
        ),
        "nao consigo ",
    ),
    "it": (
        re.compile(
            r"\b(?:sono |son |e )?(?:rimast[ao]|rimango|resto|restat[ao]) senza (?:riuscire a "
            r"|poter )?(?=(?:vedere|parlare|deglutire|respirare|muovere|aprire|chiudere"
            r"|sentire)\b)"
        ),
        "non riesco a ",
    ),
}


#: A pronoun climbed before "can" ("no lo puedo abrir", "non lo riesco ad aprire", "não o
#: consigo abrir") is the plain inability the phrasings hold ("no puedo abrir"): the pronoun
#: stood between the negation and its verb, so neither the phrasings nor the net's
#: inability read it.
_CLIMBED: dict[str, tuple[re.Pattern[str], str]] = {
    "es": (
        re.compile(
            r"\bno (?:lo|la|los|las|le|les|me|te|se|nos) (puedo|puede|puedes|podia|consigo"
            r"|consigue|logro|logra)\b"
        ),
        r"no \1",
    ),
    "it": (
        re.compile(r"\bnon (?:lo|la|li|le|mi|ti|si|ci|l) (posso|puo|riesco|riesce)\b"),
        r"non \1",
    ),
    "pt": (
        re.compile(r"\bnao (?:o|a|os|as|me|te|se|lhe) (consigo|consegue|posso|pode)\b"),
        r"nao \1",
    ),
}


#: "Out of nowhere" is "suddenly", not a negation: "do nada fiquei sem ver", "de la nada me
#: empezó", "dal nulla mi è venuto" (their "nada", "nulla" are negation words).
_OUT_OF_NOWHERE: dict[str, tuple[re.Pattern[str], str]] = {
    "es": (re.compile(r"\bde la nada\b"), "de repente"),
    "pt": (re.compile(r"\bdo nada\b"), "de repente"),
    "it": (re.compile(r"\bdal nulla\b"), "all improvviso"),
}


def negate_correlatives(text: str, language: str, negations: frozenset[str]) -> str:
    """``text`` (normalised) with a "né ... né" pair written as plain negations, unless one
    of ``negations`` (the language's) comes before it."""
    found = _CORRELATIVES.get(language)
    if found is None:
        return text
    pattern, negation = found
    match = pattern.search(text)
    if match is None or negations.intersection(text[: match.start()].split()):
        return text
    return pattern.sub(rf"{negation}\1 {negation}", text)


def reword(text: str, language: str, negations: frozenset[str]) -> str:
    """What the rules read: "né ... né" as negations, "keeps on" words dropped, "out of
    nowhere" as "suddenly", "left without seeing" as "cannot see" and "no lo puedo abrir"
    as "no puedo abrir"."""
    text = negate_correlatives(text, language, negations)
    for rewrites in (_OUT_OF_NOWHERE, _LEFT_WITHOUT, _CLIMBED):
        found = rewrites.get(language)
        if found is not None:
            text = found[0].sub(found[1], text)
    keeps_on = _KEEPS_ON.get(language)
    return keeps_on.sub(" ", text) if keeps_on is not None else text


def without_inability(text: str) -> str:
    """The net's clause without the negations that belong to the symptom."""
    return _UNABLE.sub(" ", text)
