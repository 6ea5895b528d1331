"""What a later clause says about an earlier symptom: taken back, healed, or worse.

Triage reads each clause on its own, but patients often correct or update themselves in the
next clause, and then the clause alone misleads:

* a retraction: "thought i was having a reaction, but it turned out to be the new cream" is
  no reaction (the clause with "thought" is hindsight, like a story);
* healed long ago: "the cold sore i had last week has healed, can i book?" is no infection
  today. Only urgent signs are read as healed: an emergency word is never lowered by it;
* an update that points back: "the soreness should be gone by now? its actually worse" is
  worsening pain, though "worse" and "soreness" sit too far apart for one phrasing.

Each cue is listed per shipped language (normalised text: no accents, no apostrophes).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from bot.core.text import normalise, split_clauses
from bot.core.triage.over import HEALED
from bot.core.triage.over import any_of as _any

# "I thought / I was sure / I panicked that": what follows is a belief the patient had.
_THOUGHT = {
    "en": _any(
        r"(?:i |i d )?(?:thought|assumed|figured)",
        r"(?:i was|i m|i am|was) (?:sure|convinced|worried|scared|panicking|terrified)",
        r"(?:i )?(?:panicked|freaked out)",
    ),
    "es": _any(r"pense", r"creia", r"crei", r"me parecia", r"estaba segura?", r"me asuste"),
    "de": _any(r"(?:ich )?dachte", r"(?:ich )?glaubte", r"(?:ich )?war (?:mir )?sicher"),
    "fr": _any(r"je (?:pensais|croyais|crois que j avais)", r"j ai cru", r"j etais sure?"),
    "it": _any(r"pensavo", r"credevo", r"ero (?:sicura|sicuro|convinta|convinto)", r"mi sembrava"),
    "pt": _any(r"achei", r"pensei", r"achava", r"pensava", r"tinha a certeza", r"julguei"),
}

# The next clause takes it back: "it turned out to be", "it was just", "false alarm".
_TAKEN_BACK = {
    "en": re.compile(
        r"^(?:but |and )?(?:(?:it|that|this|which) )?(?:turn(?:ed|s) out|was (?:just|only))\b"
        r"|^(?:but |and )?(?:(?:it|that|this) (?:was|is)|its|twas) (?:just|only|nothing|really"
        r" just|all down to|down to|because of)\b"
        r"|^(?:but |and )?(?:it|that|this) was (?:the|my|a|an) (?!worst\b)\w+"
        r"|^(?:but |and )?(?:false alarm|nothing serious|all good now|panic over)\b"
    ),
    "es": re.compile(
        r"^(?:pero |y )?(?:al final |luego )?(?:era|fue|resulto ser|resulto que)\b"
        r"|^(?:pero |y )?(?:solo|nada mas) era\b|^(?:falsa alarma)\b"
    ),
    "de": re.compile(
        r"^(?:aber |und )?(?:es |das )?(?:war (?:nur|bloss|doch nur|einfach|die|der|das|meine?)"
        r"|stellte sich (?:heraus|raus)|war doch nichts)\b|^(?:fehlalarm)\b"
    ),
    "fr": re.compile(
        r"^(?:mais |et )?(?:en fait |finalement )?(?:c etait|c est) (?:juste|seulement|que|la|le"
        r"|ma|mon|ma nouvelle|rien)\b|^(?:mais |et )?(?:finalement|en fait) c etait\b"
        r"|^(?:fausse alerte)\b"
    ),
    "it": re.compile(
        r"^(?:ma |e )?(?:invece |alla fine |poi )?(?:era (?:solo|soltanto|la|il|lo|una|un|colpa)"
        r"|si e rivelat[ao]|non era niente)\b|^(?:falso allarme)\b"
    ),
    "pt": re.compile(
        r"^(?:mas |e )?(?:afinal |no fim )?(?:era (?:so|apenas|o|a|um|uma|do|da)|acabou por ser"
        r"|nao era nada)\b|^(?:falso alarme)\b"
    ),
}

# ... some time ago: the healing is news, not a hope ("should be gone by now" has no date).
_AGO = {
    "en": _any(
        r"last (?:week|month|weekend|time)",
        r"(?:days|weeks|months|a week|a month|a fortnight|a while|ages) ago",
        r"(?:\d+|two|three|four|five|six|a few|few|couple of|a couple of) (?:days|weeks) ago",
        r"over the (?:weekend|holidays)",
    ),
    "es": _any(r"la semana pasada", r"el mes pasado", r"hace (?:\w+ )?(?:dias|semanas|meses)"),
    "de": _any(r"letzte woche", r"letzten monat", r"vor (?:\w+ ){0,2}(?:tagen|wochen|monaten)"),
    "fr": _any(r"la semaine derniere", r"le mois dernier", r"il y a (?:\w+ )?(?:jours|semaines)"),
    "it": _any(
        r"la settimana scorsa", r"il mese scorso", r"(?:\w+ )?(?:giorn[oi]|settiman[ae]) fa"
    ),
    "pt": _any(
        r"(?:na )?semana passada", r"(?:no )?mes passado", r"ha (?:\w+ )?(?:dias|semanas|meses)"
    ),
}

# ... and nothing saying it is back or still there.
_STILL = {
    "en": _any(r"still", r"again", r"back", r"worse", r"since", r"not gone", r"hasnt gone"),
    "es": _any(r"todavia", r"sigue", r"otra vez", r"de nuevo", r"peor", r"desde"),
    # not "wieder fit": well again is over, not back
    "de": _any(
        r"immer noch", r"noch", r"wieder(?! (?:fit|gesund|gut|okay|ok)\b)", r"schlimmer", r"seit"
    ),
    "fr": _any(r"toujours", r"encore", r"de nouveau", r"pire", r"depuis"),
    "it": _any(r"ancora", r"di nuovo", r"peggio", r"da quando"),
    "pt": _any(r"ainda", r"de novo", r"outra vez", r"pior", r"desde"),
}

# "its actually worse", "es ist schlimmer": a clause whose subject is the symptom just named.
_WORSE_AGAIN = {
    "en": re.compile(
        r"\b(?:its|it is|it has|it s|thats|that is)(?: \w+){0,2} (?:worse|getting worse)\b"
    ),
    "es": _any(r"(?:esta|va|es) (?:\w+ )?peor", r"empeora"),
    "de": _any(r"(?:es ist|ist es|wird)(?: \w+){0,2} schlimmer"),
    "fr": _any(r"c est(?: \w+){0,2} pire", r"ca empire", r"(?:il|elle) empire"),
    "it": _any(r"(?:e|va)(?: \w+){0,2} peggio", r"peggiora"),
    "pt": _any(r"(?:esta|ta|fica)(?: \w+){0,2} pior", r"piora"),
}
_WORSE_WORD = {
    "en": "worse",
    "es": "peor",
    "de": "schlimmer",
    "fr": "pire",
    "it": "peggio",
    "pt": "pior",
}


#: One message's verdicts on its clauses, by (the clause before, the clause, the clause after),
#: all normalised: triage splits a message once per language it may be in (two to five for
#: mixed text), mostly into the same clauses, and each verdict tries all six languages' cues.
Retractions = dict[tuple[str, str, str], bool]


def taken_back(clauses: Sequence[str], seen: Retractions | None = None) -> frozenset[int]:
    """The clauses (by index) that hold a belief the next clause takes back.

    Every shipped language's cues are tried: English phrasings are looked for in every
    message (split at English breaks only, so "ma era solo" may sit in the same clause), and
    a Spanish retraction must quiet the English "allergic reaction" too. The belief may open
    a clause of its own before the symptom: "ich dachte, ich hatte eine Reaktion, aber ...".
    ``seen`` keeps the verdicts of one message, so its other languages' splits reuse them.
    """
    normal = [normalise(clause) for clause in clauses]
    verdicts: Retractions = {} if seen is None else seen
    found: set[int] = set()
    for index, clause in enumerate(normal):
        before = normal[index - 1] if index else ""
        after = normal[index + 1] if index + 1 < len(normal) else ""
        key = (before, clause, after)
        verdict = verdicts.get(key)
        if verdict is None:
            verdict = verdicts[key] = _takes_back(before, clause, after)
        if verdict:
            found.add(index)
    return frozenset(found)


def _takes_back(before: str, clause: str, after: str) -> bool:
    """Whether ``clause`` (normalised, between its neighbours) holds a belief taken back."""
    for language, thought in _THOUGHT.items():
        believed = thought.search(clause) or (len(before.split()) <= 3 and thought.search(before))
        back = _TAKEN_BACK[language]
        parts = split_clauses(clause, language)
        within = any(
            thought.search(first) and back.search(second)
            for first, second in itertools.pairwise(parts)
        )
        if within or (believed and after and back.search(after)):
            return True
    return False


def healed(clause: str, following: str) -> bool:
    """Whether ``clause`` (with the clause after it) says its sign healed some time ago,
    in any shipped language, and nothing in either says it is still there or back."""
    text = f"{normalise(clause)} {normalise(following)}"
    if any(still.search(text) for still in _STILL.values()):
        return False
    return any(cue.search(text) and _AGO[language].search(text) for language, cue in HEALED.items())


def with_referent(clauses: Sequence[str], language: str) -> list[str]:
    """Clauses with a "worse" carried back to the symptom the one before names.

    "the soreness should be gone by now? its day 5 and its actually worse": the second clause
    says the soreness is worse, so "worse" is put before the first, where a phrasing can see it
    (before, not after: the symptom is named early, and a phrasing's words must sit close).
    """
    pattern, word = _WORSE_AGAIN.get(language), _WORSE_WORD.get(language, "worse")
    if pattern is None:
        return list(clauses)
    out = list(clauses)
    for index in range(1, len(clauses)):
        if pattern.search(normalise(clauses[index])):
            out[index - 1] = f"{word} {out[index - 1]}"
    return out


# "could that happen to me?", "can botox do that?": the patient asks about their own risk, so
# what someone else went through in the clause before is a story ("my friend lost vision in
# one eye from filler, can botox do that?"), not a report of what is happening now.
_ASKS_OWN_RISK = {
    "en": re.compile(
        r"\b(?:can|could|would|will|does|do|might|may) (?:botox|tox|it|that|this|the same"
        r"|they|injections?|filler|mine|anti wrinkle)(?: \w+){0,3} (?:do that|do this|cause that"
        r"|cause this|cause it|happen|do the same)\b"
        r"|\bhappen(?:s|ed)? (?:to me|with botox|with tox|from botox)\b"
        r"|\b(?:is|was) (?:that|this) (?:possible|a risk|likely|common|a thing)"
        r" (?:with|from|after)\b"
        # "how likely is that for me?", "what are the chances of that?", "how common is it?"
        r"|\bhow (?:likely|common|often|rare)\b|\bwhat (?:are|r) (?:the |my )?(?:chances|odds"
        r"|risks?)\b|\b(?:is|was) (?:that|it|this) (?:common|rare|likely|normal for botox)\b"
        r"|\b(?:chances?|odds|risk) (?:of|that) (?:that|it|this) happening\b"
        # whether what they were told is real at all: "is that a real thing", "is that true"
        r"|\b(?:is|was) (?:that|this|it) (?:even |actually |really )?(?:a )?(?:real|true|legit"
        r"|a thing|possible)\b|\b(?:does|can|could) (?:that|this) (?:really |actually |even )?"
        r"happen\b"
        # whether the treatment can come to the same: "can botox get infected"
        r"|\b(?:can|could|does|do|will|might) (?:botox|injections?|filler|mine|my botox"
        r"|the botox|the injections?)(?: \w+){0,2}? (?:get|go|become|turn)\b"
    ),
    "es": _any(
        r"(?:me )?(?:puede|podria) (?:pasar|pasarme|ocurrir)",
        r"(?:puede|podria) causar eso",
        r"(?:eso|esto) (?:es|sera) (?:real|verdad|cierto|posible)",
        r"(?:es|sera) (?:real|verdad|cierto) (?:eso|esto)",
    ),
    "de": _any(
        r"(?:kann|konnte|koennte) (?:mir )?das (?:\w+ )?(?:passieren|verursachen)",
        r"(?:ist|war) das (?:\w+ )?(?:wahr|echt|moglich|real)",
        r"gibt (?:es|s) das (?:\w+ )?(?:wirklich|echt|tatsachlich)",
    ),
    "fr": _any(
        r"(?:ca|cela) (?:peut|pourrait) (?:m )?arriver",
        r"(?:peut|pourrait) (?:faire|causer) ca",
        r"c est (?:\w+ )?(?:vrai|reel|possible)(?: ca)?",
        r"(?:ca|cela) existe (?:vraiment)?",
    ),
    "it": _any(
        r"(?:puo|potrebbe) (?:succedere|capitare)",
        r"(?:puo|potrebbe) causare",
        r"(?:e|sara) (?:\w+ )?(?:vero|reale|possibile)",
        r"esiste (?:davvero|veramente)",
    ),
    "pt": _any(
        r"(?:pode|poderia) (?:me )?acontecer",
        r"(?:pode|poderia) causar isso",
        r"(?:isso|isto) (?:\w+ )?(?:existe|e verdade|e real|e possivel)",
        r"e (?:verdade|real) (?:isso|isto)",
    ),
}


def asks_own_risk(clause: str) -> bool:
    """Whether ``clause`` asks if what happened to someone else could happen to the patient."""
    text = normalise(clause)
    return any(pattern.search(text) for pattern in _ASKS_OWN_RISK.values())


# Breathlessness the patient puts down to being unfit: no airway sign. Only fitness words count
# ("as usual" also opens "as usual i went to the gym and now i cant breathe"). Only the learned
# net is held back by it (``fuse_triage``); the rules' own phrasings of breathlessness at rest
# ("out of breath sitting still") are untouched.
_UNFIT = {
    "en": _any(
        r"unfit",
        r"out of shape",
        r"no stamina",
        r"not (?:very |that |so )?fit",
        # the habit, not a change: "puffed out on the stairs, always am", "nothing new"
        r"always (?:am|have been|has been|was)\b"
        r"(?! (?:\w+ )?(?:fit|healthy|active|sporty|strong))",
        r"(?:been )?like (?:this|that) for years",
        r"nothing new",
        r"(?<!not )(?<!isnt )(?<!never )normal for me",
        r"same as (?:ever|always)",
    ),
    "es": _any(r"no estoy en forma", r"fuera de forma", r"sin fondo fisico", r"sedentari[ao]"),
    "de": _any(r"unsportlich", r"keine kondition", r"nicht fit", r"untrainiert"),
    "fr": _any(r"pas en forme", r"pas sportive?", r"aucune endurance", r"pas d endurance"),
    "it": _any(r"fuori forma", r"non sono allenat[ao]", r"poco allenat[ao]"),
    "pt": _any(r"fora de forma", r"sem preparo fisico", r"sedentari[ao]"),
}


def put_down_to_fitness(text: str) -> bool:
    """Whether the message explains its breathlessness or weariness by fitness or habit, in any
    language."""
    normal = normalise(text)
    return any(pattern.search(normal) for pattern in _UNFIT.values())
