"""What a crisis speaks of, in every shipped language (issues 12/14).

The safety net may escalate a mental-health crisis on the model's reading alone (the flag is
read in any mood, with no affirmed clause), but character n-grams read harmless words as the
crisis wording they resemble: "i just want to be prepared" and Italian "quali sono i rischi
veri? ... meglio saperlo" ("better to know") read as a crisis. ``fusion._speaks_of_crisis``
asks the message to speak of death, harm or not going on by these cues, one home for every
language (normalised: no accents), broad on purpose: dying and living, killing or hurting oneself,
ending it, no point or sense, no wish for anything, not coping any more, disappearing, the
means. A message with none of them is distress about looks, which the FAQ answers; the rules'
own crisis phrasings are not gated.
"""

from __future__ import annotations

import re


def _any(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


CRISIS_CUES: dict[str, re.Pattern[str]] = {
    # Dying, being alive or here, ending it, harm to oneself, the means (pills saved up, a
    # bridge, blood), no point, not going on, being missed or a burden. Not "pills" alone:
    # "i take sleeping pills, ok with botox?" asks about a medicine.
    "en": _any(
        r"die|dying|died|dead|death|kill|killing|kms|suicid\w*|unalive\w*|alive|live|living"
        r"|life|wake|waking|end it|ending it|end things|ending things|end (?:my|this|everything)"
        r"|(?:hurt|hurting|harm|harming|cut|cutting|punish|punishing) (?:my ?self|me)|make myself"
        r"|self ?harm\w*|overdose|(?:pills|tablets) (?:saved|stockpiled|lined|hoarded)|saved up"
        r"|stockpil\w*|(?:take|taking|took|swallow\w*) (?:them |it )?all|the lot|all (?:my |the )"
        r"?(?:pills|tablets)|jump\w*|bridge|rope|blades?|razors?|bleed\w*|blood|point|worth"
        r"|pointless|hopeless|exist|existing|here anymore|be here|around anymore|be around"
        r"|disappear\w*|go on|carry on|keep going|cope|goodbye|give up|giving up|burden|better off"
        r"|miss me|all (?:to|stop)|permanently|forever|for good|over with",
    ),
    "es": _any(
        r"morir\w*|muero|muert[oa]s?|matarme|me mato|suicid\w*|viv\w+|vida|hacerme dano"
        r"|danarme|acabar con|terminar con|quitarme|no aguanto|no puedo mas|sentido|seguir"
        r"|desaparecer|cortarme|pastillas|tirarme|puente|despert\w*|lastimarme|ganas de nada"
        r"|no tengo ganas",
    ),
    "de": _any(
        r"sterben|sterbe|tot|tod|umbringen|umzubringen|suizid\w*|selbstmord\w*|leben|lebe"
        r"|antun|anzutun|schluss|sinn|aushalten|halte? (?:\w+ ){0,4}nicht mehr aus|ertrag\w*"
        r"|verschwinden|ritzen|tabletten|brucke|springen|aufwach\w*|wach werd\w*|keinen bock mehr"
        r"|kein bock mehr"
        r"|keine lust mehr|auf nichts mehr",
    ),
    "fr": _any(
        r"mourir|meurs|mort|morte|tuer|suicid\w*|vivre|vie|faire du mal|me blesser|en finir"
        r"|finir|peux plus|sens|interet|disparaitre|me couper|cachets|medocs|sauter|pont"
        r"|reveill\w*|supporte plus|envie de rien|plus envie|pilules|comprimes",
    ),
    "it": _any(
        r"morire|muoio|mort[oa]|uccider\w*|ammazzar\w*|suicid\w*|vivere|vita|farmi del male"
        r"|farla finita|finirla|ce la faccio|senso|sparire|tagliarmi|pillole|pastiglie"
        r"|buttarmi|ponte|svegli\w*|reggo|voglia di niente|voglia di nulla|piu voglia",
    ),
    "pt": _any(
        r"morrer|morr\w+|mort[oa]|me matar|matar me|suicid\w*|viver|vivendo|vida|me machucar"
        r"|me ferir|me magoar|magoar me|ferir me|cortar me"
        r"|acabar com|aguento|sentido|sumir|desaparecer|me cortar|remedios|comprimidos|pular"
        r"|ponte|acord\w*|vontade de nada|sem vontade|mais vontade",
    ),
}


def speaks_of_crisis(normalised: str, language: str) -> bool:
    """Whether ``normalised`` (a normalised message in ``language``) speaks of a crisis by
    its language's cues; True for a language without cues here (nothing is gated)."""
    cues = CRISIS_CUES.get(language)
    return cues is None or cues.search(normalised) is not None
