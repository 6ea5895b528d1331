"""A worry about a sign the patient might get, in six languages: a hypothetical, not a report.

"worried i might get a droopy eye", "me da miedo que se me quede el párpado caído", "Angst,
dass ich ein hängendes Lid bekomme": the sign is feared for the future, so a red flag named
after the cue is asked about, not reported. ``triage_context`` adds these cues to each
language's hypothetical cues.

Only a future is read so: the worry must go with "might / will / could get", "about getting",
"d'avoir", "de ficar" and the like. A worry about the present ("worried i am having a
reaction", "scared my throat is closing") is a report, and stays one.
"""

from __future__ import annotations

#: By language: the cue of a feared future sign (regex alternatives, normalised text).
_FEARED: dict[str, tuple[str, ...]] = {
    "en": (
        r"(?:worried|worry|worrying|scared|afraid|nervous|anxious|paranoid|terrified|concerned"
        r"|frightened|petrified|fear|dread(?:ing)?) (?:that )?(?:the |my )?"
        r"(?:i|it|botox|tox|this|that|toxin|injections?|they) (?:might|may|will|could|would|ll"
        r"|is going to|are going to|am going to|gonna)"
        r" (?:get|develop|end up|give me|leave me|cause|wake up with|be left)",
        r"(?:worried|worry|worrying|scared|afraid|nervous|anxious|paranoid|terrified|concerned"
        r"|frightened|fear) (?:about|of) (?:getting|developing|ending up|being left"
        # the idioms list has already cut "ending up" out of "about ending up with"
        r"|with)",
    ),
    "es": (
        r"(?:miedo|me preocupa|preocupad[ao]|temo|me asusta) (?:de |a )?que (?:me |se me )?"
        r"(?:de|salga|quede|vaya a|cause|provoque)",
        r"(?:miedo|preocupad[ao]) (?:de|a|por) (?:tener|quedar(?:me)?|acabar)",
    ),
    "de": (
        r"(?:angst|sorge|sorgen|befurchte|furchte)(?: \w+){0,2} dass (?:\w+ ){0,5}?"
        r"(?:bekomme|bekommen|kriege|kriegen|werde|wird|bekommt|kriegt)",
        r"angst (?:davor )?(?:\w+ ){0,3}?zu (?:bekommen|kriegen)",
        r"(?:angst|sorge|sorgen) (?:vor|wegen) (?:einem|einer|einen)",
    ),
    "fr": (
        r"(?:peur|crainte|inquiete?|angoisse) (?:d avoir|de developper|de me retrouver"
        r"|de finir|de garder)",
        r"(?:peur|crainte) qu (?:\w+ ){0,3}?(?:ait|aie|donne|fasse|provoque|reste)",
    ),
    "it": (
        r"(?:paura|timore|preoccupat[ao]|ansia) (?:di (?:avere|ritrovarmi|sviluppare|rimanere)"
        r"|che mi (?:venga|vengano|dia|faccia|resti|rimanga))",
    ),
    "pt": (
        r"(?:medo|receio|preocupad[ao]) (?:de (?:ficar|ter|desenvolver|pegar|acabar)"
        r"|que (?:me )?(?:de|fique|cause|venha|aconteca))",
    ),
}

#: By language: the feared sign is here already ("and now my lid is drooping").
_ALREADY = {
    "en": r"now|already|today|since|started",
    "es": r"ahora|ya|hoy|desde",
    "de": r"jetzt|schon|heute|seit",
    "fr": r"maintenant|deja|aujourd hui|depuis",
    "it": r"ora|adesso|gia|oggi|da quando",
    "pt": r"agora|ja|hoje|desde",
}

#: By language: the cue of a feared future sign, when nothing after it in the clause says the
#: sign is here already (regex alternatives, normalised text).
FEARED: dict[str, tuple[str, ...]] = {
    language: tuple(rf"(?:{cue})(?!.*\b(?:{_ALREADY[language]})\b)" for cue in cues)
    for language, cues in _FEARED.items()
}
