"""A headache that has lasted days, said in any of the shipped languages' ways, as the
phrasing of U7 that names days (issues 12, 14).

A headache that goes on for days after toxin is the urgent U7 ("$headache for days",
"Kopfschmerzen seit Tagen", "mal di testa da più giorni"). Patients count the days in ways
no phrasing holds: a number other than the phrasing's ("da 4 giorni", "há três dias"), a
count said as a run ("four days running", "third day in a row", "3 días seguidos", "3. Tag"),
"it's been 3 days", and name the headache by the head itself ("pounding head", "la cabeza
como en una prensa", "mal de crâne", "Schmerzen an der Schläfe"). In English the run of
days alone is said as "for days" (the head may be in the clause before: "heads banging so
hard i had to lie down, third day in a row"); in the other languages a clause that holds a
head pain and a run of days is said as that language's phrasing. The clause keeps its other
words, so "no" ("no me duele la cabeza desde hace 3 días"), a past ("last month i had a
headache for 3 days") and a question still lower the result as they do any phrasing.
"""

from __future__ import annotations

import re

#: A count of days; the English rules have said a number as "num" by now.
_EN_NUMBER = r"(?:\d+|num|two|three|four|five|six|seven|several|a few|few|couple of|a couple of)"
#: Not a run up to now: "the first two days", "in 3 days", "2 days ago", "every few days".
_EN_NOT_A_RUN = r"(?<!first )(?<!next )(?<!in )(?<!after )(?<!within )(?<!every )(?<!other )"
_EN_DAYS = re.compile(
    rf"\b{_EN_NOT_A_RUN}(?:(?:for|since) )?(?:{_EN_NUMBER} (?:days|dayz)"
    r"(?! (?:ago|after|later|before|post|out)\b)(?: (?:now|running|in a row|straight"
    r"|on the trot|solid|on end))?"
    r"|(?:second|third|fourth|fifth|sixth|2nd|3rd|4th|5th|6th) day(?: (?:in a row|running"
    r"|straight|now))?"
    rf"|(?:its|it has|it s) been {_EN_NUMBER} days)\b"
)

#: Head pain, by language (normalised: no accents).
_HEAD_PAIN: dict[str, re.Pattern[str]] = {
    "es": re.compile(
        r"\b(?:dolor(?:es)? de cabeza|me duele (?:mucho |muchisimo )?la cabeza|migrana|jaqueca"
        r"|(?:la )?cabeza (?:como (?:en|con) una (?:prensa|presion)"
        r"|(?:que )?me (?:va a )?(?:estalla\w*|explota\w*|late|palpita|martillea)))\b"
    ),
    "fr": re.compile(
        r"\b(?:(?:mal|maux) (?:a la|au|de|a) (?:tete|crane)|migraines?|(?:la )?tete qui"
        r" (?:cogne|tape|explose|serre|lance))\b"
    ),
    "de": re.compile(
        r"\b(?:kopfschmerz\w*|kopfweh|migrane|(?:der )?(?:kopf|schadel) (?:brummt|drohnt|platzt"
        r"|hammert|pocht|tut weh)|(?:brummt|drohnt|platzt|hammert|pocht) (?:mir )?(?:der )?"
        r"(?:kopf|schadel)|schmerz\w* (?:an|in) (?:der|den) schlafen?)\b"
    ),
    "it": re.compile(
        r"\b(?:mal di testa|emicrania|(?:mi )?fa male la testa|(?:la )?testa (?:mi )?"
        r"(?:scoppia|martella|pulsa))\b"
    ),
    "pt": re.compile(
        r"\b(?:dor(?:es)? de cabeca|doi (?:muito )?a cabeca|enxaqueca|(?:a )?cabeca (?:a )?"
        r"(?:latejar|lateja|estourar|estoura|explodir))\b"
    ),
}

#: A run of days (two or more), by language.
_DAYS: dict[str, re.Pattern[str]] = {
    "es": re.compile(
        r"\b(?:(?:desde hace|hace|llevo|ya van|van) (?:\d+|dos|tres|cuatro|cinco|seis|varios"
        r"|unos) dias|(?:\d+|dos|tres|cuatro|cinco) dias seguidos|(?:tercer|cuarto|quinto) dia)\b"
    ),
    "fr": re.compile(
        r"\b(?:(?:depuis|ca fait|cela fait) (?:\d+|deux|trois|quatre|cinq|six|plusieurs"
        r"|quelques) jours|(?:\d+|deux|trois|quatre|cinq) jours de suite"
        r"|(?:troisieme|quatrieme|cinquieme|3e|3eme|4e|4eme) jour)\b"
    ),
    "de": re.compile(
        r"\b(?:seit (?:\d+|zwei|drei|vier|funf|sechs|mehreren|ein paar|paar) tagen"
        r"|(?:\d+|zwei|drei|vier|funf) tage? (?:lang|schon|am stuck)"
        r"|(?:\d+|dritte[nr]?|vierte[nr]?|funfte[nr]?) tag)\b"
    ),
    "it": re.compile(
        r"\b(?:da (?:\d+|due|tre|quattro|cinque|sei|piu|diversi|alcuni|parecchi) giorni"
        r"|(?:\d+|due|tre|quattro|cinque) giorni di fila|(?:terzo|quarto|quinto) giorno)\b"
    ),
    "pt": re.compile(
        r"\b(?:(?:ha|faz|desde ha) (?:\d+|dois|tres|quatro|cinco|seis|varios|alguns|uns) dias"
        r"|(?:\d+|dois|tres|quatro|cinco) dias seguidos|(?:terceiro|quarto|quinto) dia)\b"
    ),
}

#: Each language's U7 phrasing that names days, said in place of the head pain.
_AS_PHRASED = {
    "es": "llevo 3 dias con dolor de cabeza",
    "fr": "mal de tete 3 jours",
    "de": "kopfschmerzen seit tagen",
    "it": "mal di testa da piu giorni",
    "pt": "dor de cabeca varios dias",
}


def lasting_headache(text: str, language: str) -> str:
    """``text`` (a normalised clause in ``language``) with a headache that has lasted days
    said as the phrasing that names days (see the module doc); other text as it is."""
    if language == "en":
        return _EN_DAYS.sub("for days", text)
    head, days = _HEAD_PAIN.get(language), _DAYS.get(language)
    if head is None or days is None or not head.search(text) or not days.search(text):
        return text
    return head.sub(_AS_PHRASED[language], days.sub(" ", text), count=1)


__all__ = ["lasting_headache"]
