"""Cues that say a symptom or an event is over: the one home of triage's "it's over" words.

Three readers ask three different questions, so there are three cue sets (normalised text:
no accents, no apostrophes). They differ on purpose; one merged set would lower flags it
must not:

* ``PASSED_QUICKLY``: a brief sign that went away by itself soon ("itchy for ten minutes then
  fine", "ist gleich wieder weg"). ``bot.core.triage.detector`` lowers only its transient flags with
  it (a passing itch, a moment of light-headedness), so it needs the speed or a "now" that
  ends it: "it settled" with no time could be days of a sign that matters.
* ``SOMEONE_RECOVERED``: someone else's collapse or faint that is over and was harmless ("came
  round", "fine now", a faint at the needle or in the chair, one only heard about). Triage
  reads such a collapse as a story instead of an emergency; it says nothing of the patient.
* ``HEALED``: by language, a sign said to have healed ("has gone", "cleared up", "verheilt"),
  not "hasnt gone". ``bot.core.triage.hindsight.healed`` trusts it only with a date some time
  ago and nothing saying it is back, so a hope ("should be gone by now") lowers nothing.
"""

from __future__ import annotations

import re


def any_of(*alternatives: str) -> re.Pattern[str]:
    """Any of the regex ``alternatives``, as whole words."""
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


#: By language: a sign said to be over ("has gone", "healed", "cleared up"), not "hasnt gone".
HEALED: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"(?<!not )(?<!nt )(?<!never )(?<!hasnt )(?<!havent )(?<!isnt )"
        r"\b(?:gone|healed|cleared(?: up)?|went away|disappeared|settled down|all better"
        r"|got better|recovered|fully better)\b"
    ),
    # ... or the patient well again: "ya estoy bien", "jetzt bin ich wieder fit", "c'est
    # fini", "ora sto bene", "já estou bem" (the illness is over, not only its sign).
    "es": any_of(
        r"(?<!no )(?:se me |ya se me |ya )?(?:curo|curado|cicatrizo|desaparecio|se fue|paso)",
        r"(?:ya|ahora) (?:estoy|me siento|me encuentro)"
        r" (?:bien|perfecta|perfecto|genial|curad[ao])",
    ),
    "de": any_of(
        r"(?<!nicht )(?:weg|verheilt|abgeheilt|vorbei|verschwunden|ausgeheilt)",
        r"(?:bin|fuhle mich) (?:\w+ )?wieder (?:fit|gesund|gut|okay|ok)",
    ),
    "fr": any_of(
        r"(?<!pas )(?:gueri|guerie|cicatrise|disparu|parti|partie|passe|passee)",
        r"c est fini",
        r"(?:je suis|je vais) (?:\w+ )?(?:bien|remise?|retablie?) (?:maintenant|depuis)",
    ),
    "it": any_of(
        r"(?<!non )(?:guarit[ao]|passat[ao]|sparit[ao]|cicatrizzat[ao]|andat[ao] via)",
        r"(?:ora|adesso|ormai) sto (?:bene|benissimo)",
    ),
    "pt": any_of(
        r"(?<!nao )(?:curou|curad[ao]|sarou|sarad[ao]|passou|desapareceu|foi embora)",
        r"(?:ja|agora) (?:estou|to|tou|me sinto) (?:bem|otima|otimo|curad[ao])",
    ),
}

#: A brief sign the patient says has already passed, quickly or by now.
PASSED_QUICKLY = re.compile(
    r"\b(?:then (?:fine|ok|okay|gone|stopped)|(?:fine|ok|okay|better|gone) now"
    r"|(?:fine|ok|okay|better) (?:after|again|within|once)"
    r"|(?:passed|went away|wore off|settled|stopped|cleared) (?:quickly|straight away|on its own"
    r"|by itself|after|within|in a (?:few|minute|sec|second)|in (?:a|\d+) min\w*)"
    # German and French: "war gleich wieder weg", "ist vorbei", "c'est passé", "ça a passé vite"
    r"|(?:ist|war|sind|waren) (?:\w+ )?(?:vorbei|wieder weg|gleich weg|weg)|wieder gut"
    r"|c est (?:passe|fini|parti)|ca (?:a|est) passe|passe (?:tout de suite|vite|apres)"
    # "ça allait très vite mieux": better quickly, as "fine after" is in English
    r"|(?:mais )?(?:ca |c |j |je )?(?:allait|alle|est alle|allee?|suis allee?) (?:\w+ )?"
    r"(?:vite|tout de suite|rapidement) mieux"
    # Spanish, Italian and Portuguese: "ya estoy perfecta", "ora sto benissimo", "agora estou
    # ótima", "se me pasó enseguida", "è passato subito", "passou logo" (not "mejor",
    # "meglio", "melhor": better is not over)
    r"|(?:ya|ahora) (?:estoy|me siento|me encuentro) (?:bien|perfecta|perfecto|genial)"
    r"|(?:se me )?paso (?:enseguida|rapido|al rato|en seguida|en un momento)"
    r"|(?:ora|adesso) (?:sto|mi sento) (?:bene|benissimo|alla grande)"
    r"|passat[ao] (?:subito|in fretta|dopo poco|in un attimo)"
    r"|(?:agora|ja) (?:estou|to|tou|me sinto) (?:bem|otima|otimo|optima|perfeita|perfeito)"
    r"|passou (?:logo|rapido|depressa|em seguida|num instante))\b"
)

#: What says someone else's collapse is over and was harmless: a faint at the needle, someone
#: fine again.
SOMEONE_RECOVERED = re.compile(
    r"\b(?:(?:fine|ok|okay|better|good|alright|grand) now|came round|came to|back to normal"
    r"|(?:was|is|shes|hes|felt|seemed|seems) (?:totally |completely )?"
    r"(?:fine|ok|okay|alright|grand)"
    r"|needles? (?:freak|scare|phobia)|(?:of|at|saw|seeing|see) (?:the |a )?(?:needles?|blood)"
    # A faint in the chair, or one only heard about: "she said she passed out during hers".
    r"|(?:during|at|in) (?:her|his|their|the) (?:\w+ )?(?:appointment|session|treatment|chair)"
    r"|(?:said|told me|says) (?:she|he|they)"
    r"|esta bien|ya esta bien|geht (?:es|s) (?:ihr|ihm) gut|va bien|sta bene|esta bem|ta bem)\b"
)

#: A later clause that says a brief sign passed at the time, or that the patient has been fine
#: since ("but I was fine after a biscuit", "it passed in seconds and I've been fine since",
#: "aber nach nem Glas Wasser war alles wieder gut", "ma è passato subito, da allora tutto ok").
#: Read in any of the next few clauses, unlike ``PASSED_QUICKLY``'s opening of the next one,
#: and only with nothing after the sign saying it goes on (``GOES_ON``).
OVER_AT_THE_TIME = re.compile(
    r"\b(?:(?:i was|i felt|i am|im|ive been|been|was|felt) (?:totally |completely |absolutely "
    r"|perfectly |just )?(?:fine|ok|okay|normal|grand|alright|good) (?:after|since|again"
    r"|afterwards|straight after|within)"
    r"|(?:passed|went|went away|wore off|settled|stopped|cleared) (?:in|within) (?:seconds"
    r"|a (?:sec|second|moment|minute|few)|minutes|\d+ (?:secs?|seconds?|mins?|minutes?))"
    r"|(?:fine|normal|ok|okay|good) (?:ever )?since"
    r"|(?:war|ist|wars) (?:\w+ ){0,3}?(?:wieder gut|wieder ok|vorbei|weg)"
    r"|(?:seitdem|danach) (?:\w+ )?(?:alles )?(?:gut|ok|normal)"
    r"|se me paso (?:enseguida|rapido|al rato|en seguida|en un momento|en unos segundos|en nada)"
    r"|(?:todo )?bien desde entonces"
    r"|c est passe (?:tout de suite|vite|aussitot|en quelques)|rien depuis|bien depuis"
    r"|passat[ao] (?:subito|in fretta|dopo poco|in un attimo|in pochi)"
    r"|da allora (?:\w+ )?(?:tutto )?(?:ok|bene|normale)"
    r"|passou (?:logo|rapido|depressa|em seguida|num instante|em segundos)"
    r"|desde entao (?:\w+ )?(?:tudo )?(?:bem|ok|normal))\b"
)

#: A sign that goes on or came back, in any of the six languages: nothing then is over.
GOES_ON = re.compile(
    r"\b(?:still|(?<!fine )(?<!ok )(?<!okay )(?<!normal )again|keeps?|keep getting|todavia|aun"
    r"|sigo|sigue|otra vez|de nuevo|immer noch|noch immer|schon wieder|encore|toujours"
    r"|a nouveau|ancora|di nuovo|ainda|de novo|outra vez)\b"
)
