"""The sign a red flag's net reading needs in the words themselves (issue 12).

The red-flag net reads topic as readily as sign: "breath stinks of garlic" read 0.85 as the
breathing emergency, "pingo no nariz e espirros" (a runny nose) 0.89 as swallowing, and "i
have a headache since the injections" 0.87 as the severe headache, which the day-one ache is
not. So a net reading with no rule behind it escalates only when the message holds some word
of that flag's sign, in any shipped language: for swallowing, a mouthful that will not go
down; for breathing and speech, breath that is short or a voice or words that fail; for the
severity flags (pain, swelling or bruising, headache), what tells them from the expected:
severe, growing, lasting days, size, or relief that fails. Broad on purpose: a gate against
topic likeness, never a trigger; a flag without a class here is not gated.
"""

from __future__ import annotations

import re


def _any(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")")


_SWALLOWING = _any(
    # en
    r"swallow|chok|gag|splutter|spit|go(?:es|ing)? down|get\w* (?:\w+ )?down|went down|stuck"
    r"|lodg|catch|caught|mouthful|food|drink|eat|chew|pills?|tablets?|spit|saliva|drool|dribbl"
    r"|throat|nose|yog|cereal|toast|dinner|lunch|water|wrong way|cough",
    # es, de, fr, it, pt
    r"trag|atragant|atasc|se me queda|no (?:me )?baja|comida|comer|beber|bebida|escup|saliva"
    r"|garganta|schluck|runter|stecken|verschluck|essen|trinken|kau|spucke|hals"
    r"|avale|avaler|passe pas|coinc|bloqu|fausse route|manger|boire|recrach|etouff|gorge"
    # the drink or the meal as the patient has it, and what it does: "quand je bois ça part
    # de travers et je tousse", "wenn ich trinke", "quando bevo"
    r"|bois|boit|mange|de travers|touss|bebo|trinke|esse\b|bevo|mangio"
    r"|degluti|ingoi|mandare giu|va giu|scende|strozz|mangiare|bere|sputa|saliva|gola"
    r"|engol|engasg|desce|entala|comer|beber|cusp|saliva|garganta",
    # the wrong way and the cough after it in the other languages ("se me va por el otro lado",
    # "in den falschen Hals", "va di traverso e tossisco", "vai para o lado errado")
    r"otro lado|\btos\b|toso|falsch\w* hals|huste|traverso|tossisc|tosse|tusso|lado errado",
)

_BREATHING_SPEAKING = _any(
    # en: breathing that fails (not breath alone: "breath stinks of garlic"), or speech
    # ("breath" is normalised to "breathe", so the noun is read by what it comes with)
    r"breathing|(?:cant|cannot|can not|couldnt|to|not|barely|hardly) (?:\w+ )?breathe"
    r"|breathe (?:in|out|properly|right|normally|deep)|(?:out|short|shortness) of breathe?"
    r"|for breathe?|catch (?:my )?breathe?|every breathe?|breathe? (?:\w+ )?(?:short|shallow"
    r"|tight|hard|heavy|fast)|breathless|gasp"
    r"|wheez|air|lungs?|chest|suffocat|winded|puffed|inhal"
    r"|voice|talk|speak|speech|slur|words?|sentence|drunk|mumbl|hoarse|rasp|croak|letters",
    # es, de, fr, it, pt
    r"respir|aire|ahog|aliento|pecho|pulmon|voz|hablar|hablo|palabras|arrastr|trab"
    r"|atm|atem|luft|keuch|brust|lunge|stimme|sprech|sprache|worte|lall|nuschel"
    r"|souffl|essouffl|poumon|poitrine|voix|parler|(?:je|j) (?:\w+ )?parle|parole|mots"
    r"|articul|bafouill"
    r"|fiato|aria|affann|soffoc|petto|polmon|voce|parlare|parlo|parole|biascic|impast"
    r"|folego|(?:o|de|sem|do|puxar) ar\b|sufoc|peito|pulm|voz|falar|falo|palavras|enrol",
)

#: What tells a severe pain, swelling or headache from the expected one, beside the trend
#: words ``fusion`` reads (``_SEVERE_OR_GROWING``) and failing relief (``_INABILITY``).
_SEVERITY = _any(
    # en
    r"severe|really bad|so bad|very bad|terrible|awful|horrendous|horrible|worst|splitting"
    r"|blinding|pounding|throbbing|intense|excruciating|agony|in bits|unbearable|killing me"
    r"|massive|huge|enormous|giant|egg|golf ball|boxer|black|purple|half (?:my|the)|migraine"
    r"|cant (?:touch|function|sleep|think|work|cope|bear|stand)|(?:\d+|two|three|four|five"
    r"|six|several|a few) (?:days|weeks)|been days|all week|lasted|lasting|swollen shut"
    r"|(?:[6-9]|10) (?:10|out of 10|de 10|sur 10|su 10|von 10)|hard|rock|tight|shut",
    # es, de, fr, it, pt
    r"fuerte|fortisim|horrible|terrible|fatal|insoportable|atroz|brutal|enorme|gigante|huevo"
    r"|(?:\d+|dos|tres|cuatro|cinco|varios) dias|migra|no se me (?:pasa|quita)|morad|negr"
    r"|stark|heftig|schlimm|unertraglich|furchtbar|holl|riesig|riesen|dick|kaum aus"
    r"|(?:\d+|zwei|drei|vier|funf|mehreren) tag|migran|hilft nicht|lila|schwarz"
    r"|fort|intense|violent|horrible|atroce|insupportable|terrible|enorme|geant|oeuf"
    r"|(?:\d+|deux|trois|quatre|cinq|plusieurs) jours|\d+e jour|migraine|dors plus|lance"
    r"|elanc|violet|noir|double"
    r"|fortissim|tremend|terribil|atroce|insopportabil|lancinant|enorme|non passa"
    r"|(?:\d+|due|tre|quattro|cinque) giorni|emicrania|martell|viola|ner[oa]"
    # days on end, and not even a painkiller helps, in each language
    r"|(?:da|sono|per) giorni|(?:hace|llevo|desde hace) (?:\w+ )?dias|seit tagen"
    r"|depuis des jours|(?:ha|faz) dias|ni con|neanche con|nemmeno con|nicht mal mit"
    r"|nicht einmal mit|meme (?:pas )?avec|nem com|sono settimane"
    # it does not stop: "nao para de inchar", "no para de", "n arrete pas de", "non smette di"
    r"|nao para de|no para de|n arrete pas de|arrete pas de|non smette di|hort nicht auf"
    r"|forte|horrivel|terrivel|insuportavel|latej|enorme|nao passa|(?:\d+|dois|tres|quatro"
    r"|cinco) dias|enxaqueca|roxo|pret[oa]",
)

EVIDENCE: dict[str, re.Pattern[str]] = {
    "E1_swallowing": _SWALLOWING,
    "E3_breathing_speaking": _BREATHING_SPEAKING,
    "U4_severe_pain": _SEVERITY,
    "U6_severe_swelling_bruising": _SEVERITY,
    "U7_severe_headache": _SEVERITY,
}


def shows_sign(flag_id: str, normalised: str) -> bool:
    """Whether ``normalised`` (a normalised message) holds a word of ``flag_id``'s sign; True
    for a flag without a class here."""
    evidence = EVIDENCE.get(flag_id)
    return evidence is None or evidence.search(normalised) is not None
