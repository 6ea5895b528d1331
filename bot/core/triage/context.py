"""Per-language grammar that decides whether a red-flag phrasing is *reported*: negation,
uncertainty, hypotheticals, questions, someone else's past. Pure data and regexes.

Triage scans each language's phrasings with that language's rules: Portuguese "no" means
"in the" ("dor no peito") and is not a negation there, French "mais" ("but") is Portuguese
"more", German "an", "am", "im", "so", "was" are words of German phrasings, not English
filler, and "kann kaum schlucken" (subject left out) is a report, not a question.

English keeps the rules the English evaluation sets were tuned on, which also hold the
older Spanish, German, French and Russian cues; Russian uses them as they are.
These cues are grammar, so they live in code; idioms a clinic may want to add ("me muero
de sueño") live in ``ignore_phrases`` in the knowledge files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from bot.core.text import normalise
from bot.core.triage.feared import FEARED
from bot.core.vocabulary import is_common_word


@dataclass(frozen=True, slots=True)
class ContextRules:
    """How one language marks a symptom as denied, asked about, or someone else's past."""

    language: str
    #: Words dropped from phrasings and messages alike: they carry no symptom.
    stopwords: frozenset[str]
    #: Words skipped when measuring how close a phrasing's words are.
    filler: frozenset[str]
    negations: frozenset[str]
    #: A negation's reach ends at these words ("no fever and pus coming out").
    scope_breakers: frozenset[str]
    #: Removed first: they look like negations but express doubt ("not sure if").
    not_negations: re.Pattern[str]
    #: Cues that turn what follows into a question about the symptom ("what if").
    hypothetical: re.Pattern[str]
    question_start: re.Pattern[str]
    first_person: re.Pattern[str]
    asks_if_normal: re.Pattern[str]
    third_party: re.Pattern[str]
    first_person_subject: re.Pattern[str]
    past_period: re.Pattern[str]
    past_verb: re.Pattern[str]
    still_happening: re.Pattern[str]
    #: English only: "I can't say I've had any trouble swallowing" and double negatives.
    english_rewrites: bool = False
    #: Good news that borrows a symptom's words ("a dor está cada vez mais fraca": the pain
    #: is getting weaker), removed before any phrasing is looked for.
    improving: re.Pattern[str] | None = None
    #: Negations said *after* the symptom, as German and French put them after the verb
    #: ("das Lid hängt nicht mehr", "Fieber hab ich keins", "ça gonfle pas").
    post_negations: frozenset[str] = frozenset()
    #: A word right after such a negation that keeps the symptom ("geht nicht weg": it
    #: persists; "ça gonfle pas mal": it swells quite a lot).
    post_exceptions: frozenset[str] = frozenset()
    #: A word between the symptom and such a negation that makes it an inability or a
    #: persistence, which is the symptom itself ("Schlucken geht nicht", "ça passe pas").
    post_blockers: frozenset[str] = frozenset()
    #: Half a negation, which negates only a phrasing with no negation of its own: French
    #: "ne" ("ma paupière ne tombe plus") but not in "je n'arrive plus à avaler".
    weak_negations: frozenset[str] = frozenset()
    #: Figures of speech that borrow a symptom's words ("mir bleibt echt die Luft weg",
    #: "j'ai un peu l'air fâchée"), removed before any phrasing is looked for.
    idioms: re.Pattern[str] | None = None
    #: Dialect and chat spellings read as the standard word, so the phrasings written with
    #: it match ("kann ned schlucken" is "kann nicht schlucken", "koa Luft" is "keine Luft").
    spellings: Mapping[str, str] = field(default_factory=dict)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _any(*alternatives: str) -> re.Pattern[str]:
    """A regex matching any of the alternatives as whole words (alternatives are regexes)."""
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


# ---- English (and the older multilingual cues it has always carried) ---------------------

_STOPWORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "a an the my me i im am is are was were be been to of in on at it its and or my your "
        "this that is feel feels feeling like so very really bit little just after since from "
        "can with have has had having getting get got keep keeps kept some any"
    ),
    "es": _words("el la los las un una mi me yo es esta estoy de del en y o que se lo muy"),
    "de": _words(
        "der die das ein eine einen mein meine mir mich ich ist bin habe hat und oder zu im in "
        "es sehr"
    ),
    "fr": _words("le la les un une mon ma mes me je j est suis de du des en et ou a au tres"),
    "it": _words(
        "il lo la i gli le un una uno mi mio mia miei mie io e ed di del della dello dei delle "
        "da dal dalla dall in nel nella nell a al alla all con per su sul sulla ho ha sono sto "
        "molto che si ci"
    ),
    "pt": _words(
        "o a os as um uma uns umas meu minha meus minhas eu me de do da dos das em na nas num "
        "numa e ou que se muito estou esta tenho tem com para pra ao"
    ),
    "ru": _words("я у меня мне мой моя это и в на с очень"),
}

_OLD_NEGATIONS = _words(
    "no not never without dont doesnt didnt isnt arent wasnt werent havent hasnt hadnt nor "
    "neither none nothing zero "
    "sin nunca ni tampoco ningun ninguna nada cero "
    "kein keine keinen keiner keinerlei nicht ohne nie niemals "
    "pas sans jamais aucun aucune "
    "non nn senza nessun nessuno nessuna niente nulla nao sem nem nenhum nenhuma "
    "не нет без ни никогда"
)
_OLD_SCOPE_BREAKERS = _words(
    "and also plus then but however although though y pero und aber sondern et mais и а но"
)
_OLD_NOT_NEGATIONS = re.compile(
    r"\b(?:no (?:joke|idea|clue|kidding|lie|way)|not (?:kidding|joking|even joking)"
    # "lol ok not funny anymore, i cant catch my breath": the joke is over, the sign is not
    r"|not (?:funny|a joke|laughing)(?: anymore| any more)?"
    r"|not sure (?:if|whether|but)|not sure|unsure (?:if|whether)|dont know (?:if|whether|why)"
    r"|cant tell (?:if|whether)|no se si|nicht sicher ob|weiss nicht ob|pas sur que|pas sur si"
    r"|pas sure|je ne sais pas si|je sais pas si"
    # Novelty says the symptom is new, it does not deny it: "out of breath on the stairs which
    # never happens to me", "never felt like this before", "not like me at all" (but "never had
    # any trouble swallowing" still denies: the novelty needs "this", "that" or "it")
    r"|(?:which|that|this|it|and it|what) (?:never|doesnt|does not|didnt|did not) (?:ever )?"
    r"(?:happens?|happened)(?: to me)?(?: before)?"
    r"|never (?:ever )?(?:felt|had|been|seen|experienced|noticed|known|got|gotten) (?:anything )?"
    r"(?:like (?:this|that|it)|this|that)(?: before)?"
    r"|(?:not|isnt|is not) (?:normal|usual|like|typical) (?:for )?me)\b"
    r"|(?<!\w)(?:не уверена?|не знаю)(?!\w)"
)
_OLD_HYPOTHETICAL = re.compile(
    r"\b(?:what if|what should i do if|what do i do if|what to do if|what happens if"
    r"|what (?:would|will|could) (?:happen|i do|you do|it mean) if|what would happen to"
    r"|if i (?:get|got|have|had|start|develop|notice|see|feel|ever)"
    r"|if (?:it|my|the|there|you|someone)"
    r"|hypothetically|(?:suppose|supposing|imagine) (?:i|my|it|you|someone)\b"
    r"|^(?:lets |let s |just )?say (?:i|my|it|you|someone|he|she|we|they) \w+"
    r"|in case|can botox cause|could botox cause|does botox cause|will botox cause|can botox make"
    r"|can it cause|could it cause|does it cause|can you get|could i get|is it possible"
    r"|possible to get|signs of|symptoms of|signs to look|what are the (?:signs|symptoms|risks)"
    r"|how (?:do|would|can|will) i (?:know|tell)|how to (?:know|tell)|look out for|watch out for"
    # what to watch for, how a sign would look, whether botox could bring it on, whether two
    # signs are the same, "the X thing" as a topic: questions about a sign, not reports
    r"|(?:watch|watching|look|looking) for (?:signs? of |symptoms of )?(?:an? )?"
    r"(?:infection|\w+ing)"
    r"|keep an eye out for|^would (?!(?:you|u|anyone|someone) (?:say|think|call|class|count))"
    r"|\b(?:could|would|might|can|will) (?:it|botox|tox|that|this|the toxin) (?:\w+ )?"
    r"(?:make|cause|give)"
    r"|(?:is|are|was) (?:that|this|it|they) (?:the same|different|similar) (?:as|to|from)"
    r"|^(?:and |what about |how about |about )?the (?:\w+ ){1,3}thing$"
    # whether the treatment can do something: "can years of tox permanently weaken my muscles"
    r"|^(?:can|could|does|do|will|would|might) (?:\w+ ){0,3}?(?:botox|tox|toxin|injections?)"
    r" (?:\w+ ){0,3}?(?:weaken|damage|harm|affect|paralyse|paralyze|spread|ruin)"
    # how to keep a sign from worsening: "little bruise, how do i stop it getting worse"
    r"|how (?:do|can|should) i (?:stop|keep|prevent) (?:it|this|that|them|the \w+)"
    r" (?:from )?(?:getting|going|spreading)"
    # prevention asks about what has not happened: "how do i avoid infection"
    r"|how (?:do|can|would|should) i (?:avoid|prevent|lower the (?:risk|chance)|not get)"
    r"|how to (?:avoid|prevent)|(?:best|ways?|tips) to (?:avoid|prevent)"
    r"|risk of|risks of|chance of|chances of|read (?:that|about)|heard (?:that|about)"
    r"|heard (?:theres|there is|there are|you can|it can|botox can|tox can)"
    r"|how common|is it common|side effects? like"
    # the sign named before "signs" ("what infection signs should i look out for", "which
    # allergy symptoms matter"), and whether a sign is common ("and is infection common",
    # "are allergic reactions rare"): questions about the sign, in either word order
    r"|^(?:what|which|whats|what are the|what r the) (?:\w+ ){1,3}?(?:signs|symptoms"
    r"|warning signs|red flags)\b"
    # whether a sign could come as well, asked before it has: "could my brows drop as well",
    # "will my eyelids droop too" (not "will my eyelid stop drooping", "will it droop more")
    r"|^(?:and |so |also |or )?(?:could|might|will|would|may) (?:my|your|the|our) "
    r"(?!(?:\w+ ){0,4}?(?:stop|ever|back|still|keep|keeps|better|improve|down|off|settle"
    r"|stay|always|more|worse|anymore|normal|again)\b)(?:\w+ ){1,2}?(?:drop|droop|sag|fall"
    r"|swell|go|get|become|end up)\b(?= (?:as well|too|also|aswell)\b)"
    r"|^(?:and |but |so |also )?(?:is|are) (?!(?:\w+ )*?(?:my|mine|me|i|im|ive|it|this|that"
    r"|these|those|they)\b)(?:\w+ ){1,3}?(?:common|rare|frequent|likely|usual)\b"
    # telling two things apart is information: "whats the difference between a heavy brow and
    # a droopy lid" (not "a difference between my eyes", which reports one)
    r"|(?:^|whats |what is |what s )(?:the )?difference between"
    r"(?! my | his | her | the two | both )"
    r"|difference between (?:a|an) |how (?:do|can|would) (?:i|you|we|one) tell (?:\w+ ){1,5}apart"
    r"|^is (?:\w+ ){1,5}a (?:common |known |normal |possible |usual |real )?side ?effect"
    r"|reading (?:that|about)|heard of (?:someone|somebody|people|a (?:friend|girl|woman|lady))"
    r"|some people (?:get|got|have|had)|unrelated to (?:me|my|botox|the)"
    r"|nothing to do with (?:me|my|botox|the)|i dont actually have"
    r"|come (?:faccio a|posso) (?:capire|sapere|riconoscere)|come capisco se"
    r"|comment (?:je sais|savoir|on sait|je le saurais)|como me doy cuenta"
    r"|como (?:sei|saber|reconhecer|posso saber) se"
    r"|^(?:would|will|could|might|do|does|can) (?:i|my|you|people|it) (?:\w+ ){0,3}?"
    r"(?:get|have|end up)"
    r"|^(?:can|could|does|do|will|would) (?:\w+ ){0,4}?(?:make|cause|give) (?:me|you|my|people|it)"
    r"|should i (?:be )?(?:worried|worry|concerned) about"
    r"|worried (?:that|about) (?:i|it) (?:might|could|will)"
    r"|(?:read|saw|seen|heard|watched) (?:a|an|the|some|this)? ?"
    r"(?:story|article|post|video|thing|report|tiktok)"
    # what the patient read: "reading the aftercare leaflet about breathing problems"
    r"|(?:read|reading|reread|saw|seen|looking at|looked at|going through|went through) "
    r"(?:the|a|an|your|this|that|my|some)? ?(?:\w+ )?(?:leaflet|sheet|info|information|website"
    r"|booklet|poster|card|form|list|page|guide|faq|instructions|paperwork|notes|pamphlet|email)"
    r" (?:about|on|says|said|mentions|mentioned|lists|listed|warns|warned)"
    r"|^if |^si (?:se|me|mi|el|la|tengo|j|je|ma|mon)|^wenn |^если"
    # Italian and Portuguese "se": a sign's name they share with English ("urticaria") is
    # still asked about: "se me aparecer urticária, o que faço?" (not Spanish "se me": "se me
    # hincha la lengua" reports)
    r"|^(?:e )?se (?:mi|eu|a|o|il|(?:me )?(?:aparecer|tiver|ficar|vier|der|sentir|notar)|avessi"
    r"|dovessi|viene|venisse)|o que (?:faco|fazer|devo fazer) se|cosa (?:faccio|fare|devo fare) se"
    # supposing, in the other languages: English phrasings match their words too
    r"|supongamos|suponiendo que|pongamos que|nehmen wir (?:mal )?an|supposons|mettiamo che"
    r"|poniamo che|supponiamo|suponhamos|supondo que|vamos supor"
    r"|que pasa si|y si|que debo hacer si|que hago si|was wenn|was ist wenn|was soll ich tun wenn"
    r"|was mache ich wenn|et si|que faire si|que dois je faire si|si jamais"
    r"|что если|что делать если)\b"
)
# "can barely breathe" is a report with its subject left out, not a question (issue 12).
_OLD_QUESTION_START = re.compile(
    r"^(?:why|what|whats|how|hows|howlong|howsoon|howoften|howmany|howmuch|is|are"
    r"|(?:can|could)(?! (?:barely|hardly|scarcely|only|just|not|no longer)\b)"
    r"|does|do|will|would|should|which|when"
    r"|que|por que|como|warum|was|wie|ist|kann|pourquoi|quest|comment|est ce|почему|что|как)\b"
)
_OLD_FIRST_PERSON = re.compile(
    r"\b(?:i|me|my|mine|myself|im|ive|id|ich|mein|meine|meinen|mir|mich|je|j|moi|mon|ma|mes"
    r"|yo|mi|mis|we|our|us)\b|(?<!\w)(?:я|меня|мне|мой|моя|моё|мои)(?!\w)"
)
_OLD_ASKS_IF_NORMAL = re.compile(
    r"\b(?:is it|is this|is that) (?:normal|ok|okay|bad|common|expected|serious|dangerous) "
    r"(?:to|if|that|for)\b"
)
_OLD_THIRD_PARTY = re.compile(
    r"\b(?:my (?:friend|friends|mum|mom|mother|sister|brother|wife|husband|partner|daughter|son"
    r"|aunt|auntie|uncle|cousin|colleague|gf|bf|girlfriend|boyfriend|neighbour|neighbor|bestie"
    # "s": a possessive written without its apostrophe ("my mates eye", "my bfs sister").
    r"|bff|mate|dad|father|nan|gran|grandma|grandmother|niece|nephew|boss|client|flatmate"
    r"|coworker|co worker|workmate|manager|housemate|roommate|classmate|teammate|neighbour"
    r"|stepmum|stepmom|stepdad|fiance|fiancee|mother in law|sister in law|grandad|grandpa"
    r"|grandfather|granddad|father in law|brother in law|stepfather|stepmother|grandson"
    r"|granddaughter|grandma|grandparent)s?"
    r"|friends|a friend|a mate|a colleague|friend of mine|someone|somebody|people|she|he|her|his"
    r"|freundin|freund|mutter|schwester|tante|amiga|amigo|madre|hermana|tia|amie|ami|mere|soeur"
    r"|tante|pote|copine|copain|подруга|друг|мама|сестра|тетя)\b"
)
_OLD_FIRST_PERSON_SUBJECT = re.compile(
    # Not the "me" someone told a story to: "my friend told me she couldnt swallow" is hers.
    # Nor the "me" the patient rules out: "the one who fainted was my cousin, not me".
    r"\b(?:i|im|ive|(?<!told )(?<!tells )(?<!telling )(?<!texted )(?<!warned )(?<!showed )"
    r"(?<!not )(?<!never )me"
    r"|myself|ich|mir|mich|je|j|moi|yo)\b|(?<!\w)(?:я|меня|мне)(?!\w)"
)
_OLD_PAST_PERIOD = re.compile(
    r"\b(?:last year|years ago|a year ago|year ago|last time|in the past|used to|previously"
    r"|ages ago|(?:a )?long time ago|long ago|years back|yonks ago|donkeys years"
    r"|once before|previous (?:treatment|time|session)|before that|back then|the first time"
    r"|in (?:19|20)\d\d|letztes jahr|letztes mal|vor jahren|vor einem jahr|el ano pasado"
    r"|la ultima vez|hace anos|hace un ano|l annee derniere|la derniere fois|il y a des annees"
    r"|il y a un an|l an dernier|l an passe"
    r"|had (?:\w+ ){1,5}once|once from|when i was (?:\d+|a kid|a child|young\w*)"
    r"|as a (?:kid|child|teenager|teen|toddler|baby|little girl|little boy)"
    r"|when i had (?:\w+ ){0,3}in (?:january|february|march|april|may"
    r"|june|july|august|september|october|november|december)|cleared up|cleared with"
    r"|back in (?:january|february|march|april|may|june|july|august|september|october"
    r"|november|december|the spring|the summer|the autumn|the winter)"
    r"|sorted (?:itself|themselves) out|(?:it|its|it has|it had) healed|healed up"
    r"|went back to normal|(?:when|while) i was pregnant|during my pregnancy"
    r"|last (?:spring|summer|autumn|fall|winter|christmas|easter)"
    # counted years ago ("2 yrs ago", "num" once ``_QUANTITY`` has read it), and long ago
    # in the other languages, since English phrasings also match their words ("reaccion
    # alergica ... hace mil anos")
    r"|(?:\d+|num|a few|a couple of|couple of|two|three|four|five|six|seven|eight|nine|ten|many"
    r"|several) (?:yrs?|years) ago"
    r"|hace (?:mil|muchos|muchisimos|varios|bastantes) anos|hace una eternidad"
    r"|letzten (?:herbst|sommer|winter|fruhling)|dans les annees \d+|negli anni \d+"
    r"|nos anos \d+)\b"
    r"|(?<!\w)(?:в прошлом году|в прошлый раз|несколько лет назад|год назад)(?!\w)"
)
#: What a treatment is called, in every shipped language (normalised: no accents). Pooled: a
#: word of another language does no harm after a past verb of this one.
_TREATMENT_WORDS = (
    r"botox|tox|toxin|botulinum|injections?|jabs?|done|fillers?|treatment|appointment|session"
    r"|lip flip|inyecciones|inyeccion|pinchazos|tratamiento|cita|sesion|hecho|hecha"
    r"|spritzen|spritze|injektionen|injektion|behandlung|termin|gemacht|sitzung"
    r"|piqures?|traitement|seance|faite?|iniezioni|iniezione|punture|trattamento|seduta"
    r"|fatt[oa]|injecoes|injecao|aplicacao|tratamento|sessao|feit[oa]"
)
#: The verbs that say a treatment was had, in every shipped language.
_HAD_TREATMENT = (
    r"had|got|did|went for|hatte|bekam|liess|a eu|a fait|avait|ha fatto|ha avuto|aveva"
    r"|fez|teve|tinha|tuvo|se hizo|se puso|le pusieron|le hicieron"
)
#: Words that make the treatment a cause, not the thing had: "got a droopy eye after tox".
_CAUSE_WORDS = (
    r"(?:after|from|since|following|because|due|with|nach|von|wegen|seit|apres|depuis|avec"
    r"|dopo|da|con|depois|desde|com|despues|por|tras|durch)"
)
#: Having the treatment ("had her forehead done", "hatte gestern Botox"): a past verb that
#: dates the treatment, not the symptom. In "my mum had botox yesterday and she's struggling
#: to breathe" the symptom is now; "her eyelid drooped after her botox" is still a story.
_TREATMENT_TOLD = (
    rf"(?:{_HAD_TREATMENT})(?: (?!{_CAUSE_WORDS}\b)\w+){{0,4}}? (?:{_TREATMENT_WORDS})\b"
)


#: Telling the treatment had ("had my neck bands done", "got my forehead done"), found anywhere.
TREATMENT_TOLD = re.compile(rf"\b{_TREATMENT_TOLD}")


#: A collapse, a fit or breathing that stopped, told of someone else with no time given: the
#: person writing is most likely with them or has just heard, so it is never a story ("my
#: husband collapsed after his botox", "mi madre se desmayo"). A time given ("last year"), a
#: resolution ("fainted at the sight of the needle, fine now": ``triage_over.SOMEONE_RECOVERED``)
#: or a body part that "collapsed" (a brow) still makes it one. Pooled over the shipped
#: languages (normalised).
SOMEONE_COLLAPSED = re.compile(
    r"\b(?:(?<!brow )(?<!brows )(?<!lid )(?<!eyelid )(?<!face )(?<!cheek )collapsed"
    r"|passed out|blacked out|fainted|keeled over|lost consciousness|unconscious|unresponsive"
    r"|(?:had|having) a (?:seizure|fit)|seizing|convulsing|stopped breathing|turned blue"
    r"|se desmayo|desmayad[oa]|perdio el conocimiento|convulsion(?:es)?"
    r"|crisis (?:convulsiva|epileptica)|ataque epileptico"
    r"|umgekippt|zusammengebrochen|ohnmachtig|bewusstlos|krampfanfall|epileptischen? anfall"
    r"|s est evanouie?|evanouie?|perdu connaissance|convulse|crise (?:convulsive|d epilepsie)"
    r"|svenut[oa]|perso i sensi|collassat[oa]|convulsioni|crisi (?:convulsiv[ae]|epilettica)"
    r"|attacco epilettico"
    r"|desmaiou|desmaiad[oa]|perdeu os sentidos|convulsao|convulsoes"
    r"|crise (?:convulsiva|epileptica)|ataque epileptico"
    # someone who does not come round: "ne se réveille pas", "no reacciona", "não acorda"
    r"|tombee? dans les pommes|(?:ne )?se reveille pas|no se despierta|no reacciona"
    r"|non si sveglia|non reagisce|nao acorda|nao reage|wacht nicht (?:mehr )?auf"
    # nor answers: "ne répond plus", "non risponde", "reagiert nicht", "wont respond"
    r"|(?:wont|doesnt|isnt|not) respond(?:ing)?|ne (?:repond|reagit) (?:plus|pas)|no responde"
    r"|non risponde(?: piu)?|nao responde|reagiert nicht(?: mehr)?|antwortet nicht mehr"
    r"|(?:e|est|ist|esta|esta|is) (?:incosciente|inconsciente|inconscient|inconsciente))\b"
)


#: A clause that ends by saying something works or is fine ("eyes open totally fine",
#: "drinking and eating no problem", "swallowing's grand", "atmen passt"): its words report
#: no symptom, so a phrasing may not borrow them from it to complete one begun in the clause
#: next to it. Pooled over the shipped languages (normalised).
_SAYS_FINE = re.compile(
    r"\b(?:(?:totally|completely|perfectly|absolutely|all|just|totalmente|completamente"
    r"|ganz|vollig|tout a fait|del tutto) )?(?:fine|ok|okay|normal|normally|no problems?"
    r"|all good|grand|alright|all right|no bother|spot on|bien|sin problemas?|gut|problemlos"
    r"|passt|klappt|normalement|sans probleme"
    r"|bene|senza problemi|normale|bem|sem problemas?|normalmente)\s*$"
)


def says_fine(clause: str) -> bool:
    """Whether ``clause`` ends by saying that what it names is fine now (see ``_SAYS_FINE``):
    not "which was fine" (then, before a change) nor "cant eat normally" (negated)."""
    text = normalise(clause)
    found = _SAYS_FINE.search(text)
    if found is None:
        return False
    before = text[: found.start()]
    return _THEN_OR_NOT.search(before) is None


#: What keeps a clause's "fine" from saying all is well now: a past "was fine" or a negation.
_THEN_OR_NOT = re.compile(
    r"\b(?:was|were|been|used to be|cant|cannot|couldnt|not|never|unable|wont|dont|doesnt"
    r"|isnt|arent|kann nicht|nicht|kein|no puedo|no|nao|non|pas|plus)\s*$"
    r"|\b(?:cant|cannot|couldnt|not|never|unable|dont|doesnt|isnt|arent|wont|nicht|kann"
    r" nicht|no puedo|nao consigo|non riesco|n arrive)\b"
)


def _past_verb(*alternatives: str) -> re.Pattern[str]:
    """Any of the past verbs, as whole words, but not one that tells of the treatment."""
    return re.compile(rf"\b(?!{_TREATMENT_TOLD})(?:" + "|".join(alternatives) + r")\b")


_OLD_PAST_VERB = re.compile(
    rf"\b(?!{_TREATMENT_TOLD})"
    r"(?:had|was|were|got|drooped|happened|went|did|once|felt|ended up|said|made|told|lasted"
    r"|fainted|saw|passed out|collapsed|fell|reacted|swelled|swelled up|puffed up|blew up|broke out"
    r"|blacked out|keeled over|lost consciousness|couldnt|could not"
    r"|hatte|tuvo|a eu|avait)\b"
    r"|(?<!\w)(?:было|была|был)(?!\w)"
)
_OLD_STILL_HAPPENING = re.compile(
    # "she fainted at the sight of the needle, shes fine now": a "now" that says it is over.
    # (not an age: "she had a fit as a toddler, shes 30 now")
    r"\b(?:(?<!fine )(?<!ok )(?<!okay )(?<!better )(?<!good )(?<!alright )(?<!\d )now"
    # not a plan: "fainted at his flu jab years ago and now he wants botox"
    r"(?! (?:he|she|they|i|we|im|hes|shes) (?:wants?|would like|fancies|is thinking|is considering"
    r"|(?:is|am|are|has|have) booked|plans?|is planning|wonders?|asks?|is asking|is keen))"
    r"|rightnow|still"
    r"|currently|today|tonight|this morning|this afternoon|this evening|since|keeps"
    r"|again|just|getting|started|starting|suddenly"
    # Someone else's present: "my wife has a swelling coming up", "he wont respond".
    r"|(?:has|have) (?:a|an|got)|(?:shes|hes|she is|he is) (?:having|getting|got)|coming up"
    r"|(?:wont|will not|is not|isnt|not) (?:respond|responding|wake|waking|answer|answering)"
    r"|(?:his|her|their|my) (?:\w+ ){0,2}(?:is|are|looks|feels|keeps)|(?:has|have) come (?:out|up)"
    r"|(?:she|he|they) (?:is|are|keeps|wont)"
    # "my mum had her neck done and she cant swallow" (not "she said she couldnt, ages ago").
    r"|(?<!said )(?<!says )(?<!told me )(?<!told us )(?:she|he|they) (?:cant|cannot|can not))\b"
)


def _english() -> ContextRules:
    # Another language's stop word counts as filler only when it is not also an English word.
    filler = (
        _STOPWORDS["en"].union(
            *(
                {word for word in words if not is_common_word(word)}
                for language, words in _STOPWORDS.items()
                if language not in {"en", "it", "pt"}
            )
        )
        - _OLD_NEGATIONS
        - _OLD_SCOPE_BREAKERS
    )
    return ContextRules(
        language="en",
        stopwords=_STOPWORDS["en"],
        filler=filler,
        negations=_OLD_NEGATIONS,
        scope_breakers=_OLD_SCOPE_BREAKERS,
        not_negations=_OLD_NOT_NEGATIONS,
        hypothetical=re.compile(f"{_OLD_HYPOTHETICAL.pattern}|{_any(*FEARED['en']).pattern}"),
        question_start=_OLD_QUESTION_START,
        first_person=_OLD_FIRST_PERSON,
        asks_if_normal=_OLD_ASKS_IF_NORMAL,
        third_party=_OLD_THIRD_PARTY,
        first_person_subject=_OLD_FIRST_PERSON_SUBJECT,
        past_period=_OLD_PAST_PERIOD,
        past_verb=_OLD_PAST_VERB,
        still_happening=_OLD_STILL_HAPPENING,
        english_rewrites=True,
        idioms=_ENGLISH_IDIOMS,
    )


_DAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|weds|thurs"
    r"|thu|fri|sat|sun)s?"
)
#: A time the patient cannot make is about the diary, not about coping: "cant do friday
#: anymore", "wont be able to make the 3pm", "cant come in tomorrow now" (the day, date, hour
#: or booking is the object of the verb).
_SCHEDULING = re.compile(
    r"\b(?:cant|cannot|can not|couldnt|could not|wont be able to|unable to|not able to)"
    r" (?:do|make|manage|attend|come|come in|get in|get there|make it|be there|go)"
    r"(?: it| in)?(?: (?:on|at|for|in|to))? (?:this |next |that |the |my |our )?"
    rf"(?:{_DAY}|tomorrow|today|tonight|(?:the )?weekend|(?:that|this) (?:day|time|date|slot|week)"
    r"|appointment|booking|slot|session|date|time|\d+(?:st|nd|rd|th)?(?: ?(?:am|pm|oclock))?"
    r"|(?:morning|afternoon|evening) (?:slot|appointment))\b"
)


#: Speaking or talking *to* someone is getting in touch, not a way of speaking: "who do i speak
#: to about a strange feeling", "am i talking to a real person", "can i chat with a nurse".
_ADDRESSEE = r"\b(?:speak|speaking|spoke|talk|talking|talked|chat|chatting) (?:to|with)\b"
#: A picture that is blurry is no vision change: "the photo you sent is blurry" (not a screen or
#: text, whose blur is how the patient sees it).
_BLURRY_PICTURE = (
    r"\b(?:photo|pic|picture|image|video|selfie|scan|pdf|attachment|file|copy|leaflet|camera)s?"
    r" (?:\w+ ){0,4}?(?:is|are|was|were|looks?|came out|comes out|s|seems?)"
    r" (?:a bit |really |very |so |quite |too )?blurry\b"
)
_ENGLISH_IDIOMS = re.compile(rf"{_SCHEDULING.pattern}|{_ADDRESSEE}|{_BLURRY_PICTURE}")


@dataclass(frozen=True, slots=True)
class _Grammar:
    """One language's cues, as word lists and regex alternatives (normalised: no accents)."""

    negations: str
    scope_breakers: str
    not_negations: tuple[str, ...]
    hypothetical: tuple[str, ...]
    question_start: tuple[str, ...]
    first_person: tuple[str, ...]
    asks_if_normal: tuple[str, ...]
    third_party: tuple[str, ...]
    first_person_subject: tuple[str, ...]
    past_period: tuple[str, ...]
    past_verb: tuple[str, ...]
    still_happening: tuple[str, ...]
    improving: tuple[str, ...] = ()
    post_negations: str = ""
    post_exceptions: str = ""
    post_blockers: str = ""
    weak_negations: str = ""
    idioms: tuple[str, ...] = ()
    spellings: str = ""


_RELATIVES = {
    # Fathers, grandfathers, uncles and men in general as well as the women: "mein opa hatte
    # einen schlaganfall" is as much a story as "meine oma hatte einen schlaganfall".
    "es": "amiga|amigo|madre|mama|hermana|hermano|tia|prima|primo|hija|hijo|marido|esposo|esposa"
    "|novia|novio|pareja|companera|companero|vecina|jefa|abuela|suegra|cunada"
    "|padre|papa|abuelo|tio|suegro|cunado|vecino|jefe|nieto|nieta",
    "de": "freundin|freund|mutter|mama|schwester|bruder|tante|cousine|kollegin|kollege|tochter"
    "|sohn|frau|mann|nachbarin|oma|chefin|schwagerin"
    "|vater|papa|opa|grossvater|grossmutter|onkel|cousin|schwager|schwiegermutter"
    "|schwiegervater|nachbar|chef|ehemann|partner|partnerin|enkel|enkelin",
    "fr": "amie|ami|copine|copain|mere|maman|soeur|frere|tante|cousine|fille|fils|mari|femme"
    "|collegue|voisine|grand mere|belle mere|belle soeur"
    "|grand pere|pere|papa|oncle|cousin|beau pere|beau frere|voisin|papi|papy|mamie",
    "it": "amica|amico|madre|mamma|sorella|fratello|zia|cugina|cugino|figlia|figlio|marito"
    "|moglie|collega|vicina|nonna|suocera|cognata|fidanzata|fidanzato"
    "|padre|papa|nonno|zio|suocero|cognato|vicino|nipote",
    "pt": "amiga|amigo|mae|irma|irmao|tia|prima|primo|filha|filho|marido|esposa|namorada"
    "|namorado|colega|vizinha|avo|sogra|cunhada"
    "|pai|tio|sogro|cunhado|vizinho|neto|neta",
}

#: Everyday signs a patient says are gone again (normalised), and the words that say they
#: are not ("ist nicht weg", "n'est pas parti").
_DE_SIGNS = (
    r"schwellung\w*|bluterguss\w*|blaue flecke?n?|flecken?|fieber|schmerz\w*|kopfschmerz\w*"
    r"|kopfweh|rotung|schwindel|juckreiz|ausschlag|quaddeln|beule|knubbel|eiter|migrane"
)
_DE_NOT = r"nicht|nich|kaum|nie|noch|ned|net|nod|nud"
_FR_SIGNS = (
    r"gonflements?|enflures?|bleus?|hematomes?|fievre|douleurs?|mal de tete|mal de crane"
    r"|migraines?|rougeurs?|vertiges?|demangeaisons?|plaques|boutons|bosses?|boules?|pus|oedemes?"
)
_FR_NOT = r"pas|plus|jamais|toujours|encore|rien"
#: What a body can do, said to work ("Schlucken geht", "respirer ça va").
_DE_FUNCTIONS = r"atmen|schlucken|sprechen|reden|kauen|trinken|essen|sehen|luft holen|luft"
_FR_FUNCTIONS = r"respirer|avaler|parler|manger|boire|macher|voir|deglutir|respiration|vue|voix"

_GRAMMAR: dict[str, _Grammar] = {
    "es": _Grammar(
        negations="no sin nunca ni tampoco ningun ninguna ninguno nada jamas cero",
        scope_breakers="y e pero aunque sino tambien luego ademas",
        not_negations=(
            r"no se si",
            r"no estoy segur[ao]",
            r"no se (?:por que|porque)",
            r"ni idea",
            r"no tengo (?:ni )?idea",
        ),
        hypothetical=(
            r"q pasa si",
            # "q pasaria si me cuesta respirar? nomas por saber": asked, not reported.
            r"q(?:ue)? pasaria si",
            r"(?:nomas|solo|nada mas|simplemente) (?:por|x) (?:saber|curiosidad|preguntar)",
            r"por (?:pura )?curiosidad",
            r"hipoteticamente",
            r"supongamos",
            r"suponiendo que",
            r"pongamos (?:que|el caso)",
            r"imaginate que",
            r"como me (?:doy|daria|daré|dare) cuenta",
            r"q(?:ue)? (?:hago|hacer|debo hacer) si",
            r"(?:se|uno|una) puede (?:ser|tener|quedar)",
            # Not "como si tuviera algo en la garganta": "as if" describes a symptom.
            r"(?<!como )si (?:tuviera|tuviese|llegara|me pasara|me diera)",
            r"(?:es|sera) (?:un )?efecto (?:secundario|adverso)",
            r"como (?:se|sabre|saber|puedo saber|reconozco|distingo)",
            r"que pasa si",
            r"y si",
            r"que (?:debo|tengo que) hacer si",
            # the conditional asks too: "qué debería / tendría que hacer si ..."
            r"que (?:deberia|tendria que|habria que|hay que|haria|podria hacer) (?:hacer )?si",
            r"que hago si",
            r"^si (?:se|me|mi|el|la|tengo|llego|empiezo|noto|tuviera|me)",
            # a condition set in a time to come: "si algún día se me hinchan los labios"
            r"si (?:algun dia|alguna vez|un dia|en algun momento|mas adelante|en el futuro)",
            r"en caso de",
            r"por si",
            r"puede (?:el botox |la toxina )?(?:causar|provocar|dar|producir)",
            r"(?:el botox|la toxina) (?:puede|podria)",
            r"es posible que",
            r"cuales son los (?:signos|sintomas|riesgos)",
            r"(?:signos|sintomas|senales) de",
            r"como (?:se|sabre|saber|puedo saber) si",
            r"riesgo de",
            r"riesgos de",
            r"me da miedo",
            r"me da (?:panico|terror|cosa)",
            r"me aterra",
            r"tengo miedo",
            r"miedo (?:a|de) que",
            r"me preocupa que",
            r"me asusta que",
            r"temo que",
            r"lei que",
            r"he leido",
            r"escuche que",
            r"me dijeron que puede",
            r"que tan comun",
            r"es comun",
        ),
        question_start=(
            r"que",
            r"por que",
            r"porque",
            r"como",
            r"cual",
            r"cuales",
            r"cuando",
            r"cuanto",
            # Not a bare "es", "son" or "hay": "es horrible el dolor de cabeza" and "hay pus"
            # report; only the questions they open are general ("es comun", "hay riesgo").
            r"es (?:posible|comun|frecuente|habitual|verdad|cierto|raro|peligroso|grave|malo"
            r"|seguro)",
            r"son (?:comunes|frecuentes|normales|habituales|peligrosos|graves)",
            r"puede",
            r"pueden",
            r"se puede",
            r"hay (?:riesgo|casos|gente|personas|alguna|algun|posibilidad|peligro)",
            r"el botox",
        ),
        first_person=(
            r"yo",
            r"me",
            r"mi",
            r"mis",
            r"mio",
            r"mia",
            r"tengo",
            r"estoy",
            r"siento",
            r"noto",
            r"veo",
            r"puedo",
            r"consigo",
            r"logro",
            r"tuve",
            r"he",
            r"nosotros",
            # The subject is left out: "cuando bebo agua me atraganto" is the patient's own.
            r"bebo",
            r"trago",
            r"respiro",
            r"hablo",
            r"duermo",
            r"sonrio",
        ),
        asks_if_normal=(
            r"es normal (?:que|tener|sentir|notar|estar)",
            r"es (?:grave|malo|peligroso) "
            r"(?:que|tener|si)",
        ),
        third_party=(
            rf"(?:mi|una|un) (?:{_RELATIVES['es']})",
            r"alguien",
            r"la gente",
            r"ella",
            r"le paso",
            r"le dio",
            r"le salio",
        ),
        first_person_subject=(r"yo", r"me", r"tengo", r"estoy", r"siento", r"noto", r"puedo"),
        past_period=(
            r"el ano pasado",
            r"la ultima vez",
            r"la otra vez",
            r"hace (?:anos|un ano|meses)",
            r"hace (?:mil|muchos|muchisimos|varios|bastantes) anos",
            r"hace una eternidad",
            # "hace 3 anos", "hace diez anos": years ago, never the treatment just had.
            r"hace (?:\d+|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|varios|muchos"
            r"|un par de) anos",
            r"la primera vez",
            r"de (?:pequena|pequeno|nina|nino)",
            r"cuando era",
            r"en (?:19|20)\d\d",
        ),
        past_verb=(
            r"tuvo",
            r"tuve",
            r"paso",
            r"fue",
            r"estuvo",
            r"tenia",
            r"quedo",
            # "se le cayó", "se le hinchó", not the present "se le va", "se le cae"
            r"se le (?:\w+o|\w+aron|\w+ieron)",
        ),
        still_happening=(
            r"ahora",
            r"ahorita",
            r"en este momento",
            # a present inability is now, whoever's: "se le cayó la cara y no se le entiende"
            r"no (?:se le |le )?(?:puede|entiende|consigue|logra)",
            r"todavia",
            r"aun",
            r"sigo",
            r"sigue",
            # the present progressive is now: "se le están poniendo los labios morados"
            r"(?:esta|estan|estoy) \w+(?:ando|iendo)",
            r"hoy",
            r"esta manana",
            r"esta noche",
            r"desde",
            r"de repente",
            r"otra vez",
            r"empezo",
            r"empieza",
            r"cada vez",
        ),
        improving=(
            r"dolor(?: \w+){0,3}? (?:esta |se )?(?:cada vez )?(?:mas )?(?:flojo|leve|suave)",
        ),
    ),
    "de": _Grammar(
        # "nich" and "nix": how "nicht" and "nichts" are typed in chats.
        # Chat and dialect forms too: "null Probleme", Bavarian/Austrian "ka", "koa", "ned",
        # "net", "nimmer", Swiss "kei", "nöd", "nüd", "nümm(e)", Berlin "keene".
        negations="kein keine keinen keiner keinem keines keins keinerlei nicht nich ohne nie "
        "niemals nichts nix weder null ka kei keis koa koan koane keene ned net nod nud nimmer "
        "nimma numm numme",
        scope_breakers="und aber sondern auch dann doch jedoch sowie",
        not_negations=(
            r"nicht sicher ob",
            r"weiss nicht ob",
            r"weiss nicht",
            r"bin mir nicht sicher",
            r"keine ahnung ob",
            r"nicht ganz sicher",
        ),
        hypothetical=(
            r"woran erkenn?e? (?:ich|man)",
            r"(?:ist|sind) (?:\w+ ){1,4}(?:eine )?nebenwirkung",
            r"wie erkenn?e? (?:ich|man)",
            r"was passiert wenn",
            r"was wenn",
            r"was ist wenn",
            r"was ware wenn",
            # "was wär wenn", "was wär eigentlich wenn", "was wäre denn wenn" (normalised: "war").
            r"was war(?:e)? (?:\w+ ){0,2}wenn",
            r"was (?:is|isch|ist|passiert|mach ich|mache ich|tu ich|tue ich) (?:\w+ ){0,2}falls",
            r"was (?:is|isch) (?:\w+ )?wenn",
            r"stell (?:dir|ihnen|euch) (?:mal )?vor",
            r"gesetzt den fall",
            r"(?:fur|im) den fall",
            r"im fall(?:e)? (?:dass|das)",
            r"(?:rein |nur )?theoretisch",
            # A clause opened by "sollte" is a condition: "sollte mein Lid hängen, ..."
            r"^sollten? (?:ich|mein|meine|meiner|es|das|mir|mich|sich|der|die)",
            r"was passiert (?:\w+ ){0,2}wenn",
            r"(?:nur|rein|einfach) (?:aus )?(?:neugier|interesse|interessehalber)",
            r"nur (?:mal )?so gefragt",
            r"(?:rein )?hypothetisch",
            r"angenommen",
            r"nehmen wir (?:mal )?an",
            r"sagen wir (?:mal )?(?:ich|mein|meine|es)",
            r"woher weiss ich",
            r"kann man (?:\w+ ){0,3}?(?:bekommen|kriegen|haben)",
            r"was soll ich tun wenn",
            # "was mach ich eigentlich wenn", "was soll man denn tun wenn"
            r"was (?:mach|mache|machen|tu|tue|tun|soll) (?:ich|man|wir) (?:\w+ ){0,2}wenn",
            r"was tun wenn",
            r"^wenn ",
            r"falls",
            r"im falle",
            r"kann (?:botox|das|es|die spritze|die behandlung) (?:\w+ ){0,3}?"
            r"(?:verursachen|auslosen|machen|fuhren)",
            r"kann man (?:davon|vom botox|von botox|nach botox)",
            r"ist es moglich",
            r"anzeichen (?:fur|von|einer|eines|dass)",
            r"symptome (?:von|einer|eines|fur)",
            r"woran erkenne ich",
            r"wie erkenne ich",
            r"wie merke ich",
            r"woran merke ich",
            r"risiko (?:einer|eines|fur|von)",
            r"angst (?:dass|vor)",
            r"(?:hab|habe) panik (?:dass|vor)",
            r"sorge dass",
            r"sorgen (?:dass|wegen)",
            r"gelesen dass",
            r"gehort dass",
            r"befurchte",
            r"wie haufig",
            r"wie oft kommt",
        ),
        question_start=(
            r"warum",
            r"was",
            r"wie",
            r"wann",
            r"wo",
            r"welche",
            r"welcher",
            r"ist",
            r"sind",
            # Not "kann das Auge nicht mehr zumachen", "kann den Arm kaum heben": the "ich"
            # left out, the patient's own eye or arm that will not do what they ask of it.
            r"kann (?:man|botox|es|eine|ein|sie|so"
            r"|das(?! (?!botox|zeug|mittel|gift|toxin)\w+ (?:\w+ )?(?:nicht|nich|kaum|nimmer"
            r"|schlecht|nur schwer)\b))",
            r"konnen",
            r"darf",
            r"durfen",
            r"gibt es",
            r"bekommt man",
            r"kommt es",
            # A verb first, then its subject, asks: "hilft Ibuprofen nicht auch gegen die
            # Schwellung?", "wirkt Paracetamol nicht blutverdünnend?" (not the chat report
            # with the subject left out: "hilft nix", "wirkt bei mir gar nicht").
            r"(?:hilft|helfen|wirkt|wirken|nutzt|nutzen|bringt|bringen|macht|machen)"
            r" (?!(?:nicht|nich|nichts|nix|gar|auch|uberhaupt|kaum|null|ja|halt|einfach|mir"
            r"|bei|leider|echt|absolut|immer|wieder|mehr)\b)\w+",
        ),
        first_person=(
            r"ich",
            r"mein",
            r"meine",
            r"meinen",
            r"meinem",
            r"meiner",
            r"mir",
            r"mich",
            r"wir",
            r"uns",
            r"unser",
        ),
        asks_if_normal=(
            r"ist (?:es|das) (?:normal|schlimm|gefahrlich|bedenklich) (?:dass|wenn)",
            r"normal dass",
        ),
        third_party=(
            rf"(?:meine|mein|meiner|meinem|eine|ein) (?:{_RELATIVES['de']})",
            r"jemand",
            r"leute",
            r"bei ihr",
            r"bei ihm",
        ),
        first_person_subject=(r"ich", r"mir", r"mich"),
        past_period=(
            r"letztes jahr",
            r"letzten (?:herbst|sommer|winter|fruhling)",
            r"letztes fruhjahr",
            r"vor (?:langer|ewiger|ewigen) zeit(?:en)?",
            r"letztes mal",
            r"vor jahren",
            r"vor (?:\d+|zwei|drei|vier|funf|sechs|sieben|acht|neun|zehn|ein paar|einigen"
            r"|mehreren|vielen) jahren",
            r"vor einem jahr",
            r"damals",
            r"beim letzten mal",
            r"beim ersten mal",
            r"als kind",
            r"als (?:teenager|jugendliche?r?)",
            r"fruher",
            r"schon immer",
            r"schon vor (?:dem|der|den) (?:botox|behandlung|spritze|spritzen|termin)",
            r"im jahr (?:19|20)\d\d",
            # a year named alone: "mein Vater hatte 2018 einen Schlaganfall"
            r"(?:19|20)\d\d",
        ),
        past_verb=(r"hatte", r"war", r"wurde", r"bekam", r"hing", r"ging"),
        still_happening=(
            r"jetzt",
            r"immer noch",
            r"noch immer",
            r"gerade",
            r"heute",
            r"seit",
            r"wieder",
            r"plotzlich",
            r"inzwischen",
            r"mittlerweile",
        ),
        improving=(
            r"schmerz\w*(?: \w+){0,3}? (?:immer )?(?:schwacher|weniger|leichter)",
            # A sign said to be gone: "die Schwellung ist weg", "Kopfweh fast verschwunden".
            rf"(?:{_DE_SIGNS})(?: (?!{_DE_NOT})\w+){{0,3}}? (?:weg|verschwunden|vorbei"
            r"|abgeklungen|zuruckgegangen|verheilt|abgeheilt)",
            # ... or no longer there: "das Lid hängt nicht mehr", "juckt nimmer".
            r"(?:hangt|haengt|juckt|jucken|schmerzt|schmerzen|eitert|nasst|brennt|pocht|sticht"
            r"|schwillt|dreht|blutet|tut|tun) (?:\w+ ){0,2}?(?:nicht mehr|nich mehr|net mehr"
            r"|ned mehr|nimmer|nimma|numm|numme|nod meh|nud meh)(?! auszuhalten)",
            # A function said to work: "Schlucken geht", "Atmen klappt problemlos",
            # "ich atme ganz normal" (not "geht schwer", "geht nur mit Mühe").
            rf"(?:{_DE_FUNCTIONS})(?: (?!{_DE_NOT}|schwer|schlecht)\w+){{0,2}}? (?:geht|gehen"
            r"|klappt|klappen|funktioniert|funktionieren|passt)(?=$| (?:gut|normal|problemlos"
            r"|einwandfrei|super|prima|ganz normal|wunderbar|ohne probleme|easy|top|wie immer"
            r"|ganz gut|wieder|alles|auch|beides)\b)",
            r"(?:atme|schlucke|schluck|spreche|sprech|rede|red|kaue|trinke|esse|sehe|seh)"
            rf"(?: (?!{_DE_NOT}|schwer|schlecht)\w+){{0,2}}? (?:ganz |vollig |total )?"
            r"(?:normal|problemlos|einwandfrei|ohne probleme|ganz gut|gut)(?=$| |,)",
        ),
        spellings="nich:nicht ned:nicht net:nicht nod:nicht nud:nicht nix:nichts ka:kein "
        "kei:kein koa:kein keene:keine keis:keins koan:keinen koane:keine "
        # Bavarian and Austrian "schaun" (look), "gscheit" (properly), "mei" (my)
        "schaun:schauen gscheit:gescheit mei:mein "
        # Swiss German "Chopfweh" (Kopfweh), "nüt" (nichts), "sit" (seit), "täg" (Tage)
        "chopfweh:kopfweh chopf:kopf nut:nichts nuet:nichts sit:seit",
        post_negations="nicht nich ned net nod nud nimmer nimma numm numme kein keine keinen "
        "keins keines keiner",
        # "geht nicht weg", "nicht mehr auszuhalten", "nicht normal": the sign is there.
        post_exceptions="weg auf nach besser ab zu zuruck runter raus rein richtig mal einmal "
        "nur weniger kleiner vorbei normal normales auszuhalten aushaltbar aufhoren",
        # "Schlucken geht nicht", "Luft krieg ich keine": an inability, the symptom itself.
        post_blockers="geht gehen ging gingen klappt klappen klappte funktioniert funktionieren "
        "gelingt hort horen lasst lassen wird werden wurde kann konnen konnte krieg kriege "
        "kriegt bekomme bekomm bekommt schaffe schaff hilft helfen wirkt wirken",
        idioms=(
            # amazement and strong feeling: "raubt mir den Atem", "mir bleibt echt die Luft
            # weg", "die Spucke blieb mir weg vor Staunen" (a plain "die Luft bleibt mir weg"
            # may be a report, so it needs the intensifier or the cause)
            r"(?:verschlagt|verschlug|raubt|raubte|stockt|stockte) (?:\w+ ){0,3}?"
            r"(?:den atem|die sprache|die spucke)",
            r"(?:bleibt|blieb) (?:mir |einem |uns )?(?:echt |glatt |regelrecht |wirklich |ja )+"
            r"(?:die luft|die spucke) weg",
            r"(?:die luft|die spucke|den atem) (?:\w+ ){0,3}?vor (?:staunen|begeisterung|freude"
            r"|lachen|schreck|aufregung)",
            r"(?:sterbe|sterb|sterben|krepier\w*|vergeh\w*) (?:\w+ ){0,2}?vor (?:\w+ )?"
            r"(?:neugier|lachen|hunger|durst|langeweile|scham|ungeduld|angst|sehnsucht|hitze"
            r"|kalte|mudigkeit|stress|aufregung|freude|spannung|vorfreude)",
            # "mein Kopf platzt vor lauter Arbeit" (but not "vor Schmerzen")
            r"(?:kopf|schadel) (?:\w+ ){0,2}?(?:platzt|raucht|explodiert|brummt) (?:\w+ ){0,2}?"
            r"vor (?:lauter )?(?!schmerz|kopfschmerz|kopfweh|druck)\w+",
            # a laugh gone down the wrong way: "hab mich vor Lachen verschluckt"
            r"(?:beim|vor|vom) lachen (?:\w+ ){0,3}?(?:verschluckt|keine luft|kaum luft|erstickt"
            r"|umgekippt|umgefallen)",
            r"(?:verschluckt|keine luft|kaum luft|erstickt)(?: \w+){0,3}? (?:beim|vor|vom) lachen",
            # a price or news "hard to swallow"
            r"(?:preis|rechnung|nachricht|diagnose) (?:\w+ ){0,3}?(?:schwer|kaum|hart)"
            r" zu schlucken",
            r"(?:schwer|kaum|hart) zu schlucken (?:\w+ ){0,2}?(?:der preis|die rechnung)",
            # "da musste ich erst mal schlucken" (taken aback), not "muss mehrmals schlucken"
            r"(?:musste|muss|musst) (?:ich |man )?(?:da |dann )?(?:erst ?mal|erstmal|kurz|schwer"
            r"|ordentlich|trocken|kraftig) schlucken",
        ),
    ),
    "fr": _Grammar(
        negations="pas sans jamais aucun aucune ni rien nul nulle zero guere",
        scope_breakers="et mais aussi puis ensuite cependant pourtant",
        not_negations=(
            r"pas sur que",
            r"pas sur si",
            r"pas sure",
            r"pas sur",
            r"je ne sais pas si",
            r"je sais pas si",
            r"pas certaine?",
            r"aucune idee",
            # "ne ... que" (only: "je ne vois que flou"), "n'importe", the "ne" of "avant
            # qu'elle ne tombe": no negation
            r"n(?:e)?(?= (?:\w+ ){0,2}?qu(?:e)?\b)",
            r"n(?= importe)",
            r"(?:avant|peur|crainte|moins) qu (?:\w+ )?ne",
        ),
        hypothetical=(
            r"comment (?:savoir|reconnaitre|je sais|on sait)",
            r"(?:est ce|c est) (?:un )?effet secondaire",
            r"et si",
            # "ça ferait quoi si j'avais du mal à respirer? juste pour savoir"
            r"(?:ca )?ferait quoi si",
            # Not "je parle comme si j'etais ivre": "as if" describes a symptom.
            r"(?<!comme )si j (?:avais|etais)",
            r"(?:juste|c est juste|simplement) pour savoir",
            r"par (?:pure )?curiosite",
            r"simple curiosite",
            r"hypothetiquement",
            r"comment (?:je le saurais|je saurais|le savoir|on le sait|je peux savoir)",
            r"(?:on peut|peut on) (?:etre|avoir|faire|devenir)",
            r"que faire si",
            r"que dois je faire si",
            # the conditional asks too: "qu'est-ce que je devrais faire si", "il faudrait
            # faire quoi si"
            r"(?:qu est ce que|que) (?:je |j )?(?:devrais|dois|devrai|faudrait) faire si",
            r"faudrait faire quoi si",
            r"je fais quoi si",
            r"qu est ce que (?:je fais|je dois faire|on fait) si",
            r"(?:je dois faire|on fait) quoi si",
            r"je panique a l idee",
            r"si jamais",
            # "imaginons que", "supposons que", "admettons que", "mettons que", "à supposer que"
            r"imagin\w* (?:que|qu|si)",
            r"suppos\w* (?:que|qu)",
            r"admett\w* (?:que|qu)",
            r"mettons (?:que|qu)",
            r"si par hasard",
            r"des fois (?:que|qu)",
            r"dans le cas ou",
            r"s il arrivait",
            r"(?:theoriquement|en theorie)",
            # "c'est grave si ma paupière tombe?" (not "même si", "comme si": those report)
            r"(?<!meme )(?<!comme )(?<!demande )si (?:ma|mon|mes|j|je|jamais|ca|la|le|les|l|un"
            r"|une|on|tu)",
            r"^si ",
            r"au cas ou",
            r"en cas de",
            r"(?:le botox|la toxine|ca) (?:peut|pourrait|risque)",
            r"peut (?:provoquer|causer|donner)",
            r"est (?:il|ce) possible",
            r"c est quoi les (?:signes|symptomes|risques)",
            r"quels sont les (?:signes|symptomes|risques)",
            r"(?:signes|symptomes) d",
            r"comment (?:savoir|reconnaitre|je sais|on sait)",
            r"risques? d",
            r"j ai peur",
            r"peur que",
            r"je crains",
            r"je m inquiete",
            r"j ai lu",
            r"j ai entendu",
            r"qu est ce qui se passe si",
            r"que se passe t il si",
            r"est ce frequent",
            r"c est frequent",
        ),
        question_start=(
            r"pourquoi",
            r"qu est ce",
            r"quest",
            r"quel",
            r"quels",
            r"quelle",
            r"quelles",
            r"comment",
            r"est ce",
            r"peut on",
            r"est il",
            r"c est quoi",
            r"combien",
            r"quand",
            r"le botox",
            # Not a bare "les": "les cachets restent coinces" reports; "les gens", "les
            # effets" open a general question.
            r"les (?:gens|effets|risques|signes|symptomes|complications)",
            r"y a t il",
        ),
        first_person=(r"je", r"j", r"moi", r"mon", r"ma", r"mes", r"me", r"m", r"nous", r"nos"),
        asks_if_normal=(
            r"(?:c est|est ce|est il|est ce que c est) (?:normal|grave|dangereux) "
            r"(?:de|d|que|qu|si)",
            r"normal d avoir",
            r"normal que",
        ),
        third_party=(
            rf"(?:mon|ma|une|un) (?:{_RELATIVES['fr']})",
            r"(?:ma|mon|une|un) (?:pote|collegue|copine|copain|voisin|cousin)",
            r"quelqu un",
            r"les gens",
            r"elle",
        ),
        first_person_subject=(r"je", r"j", r"moi", r"me", r"m"),
        past_period=(
            r"l annee derniere",
            r"l an (?:dernier|passe)",
            r"la derniere fois",
            r"il y a des annees",
            r"il y a (?:longtemps|bien longtemps|des lustres|une eternite)",
            r"dans les annees \d+",
            r"il y a un an",
            r"il y a (?:\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quelques|plusieurs"
            r"|des|bien des) ans",
            r"autrefois",
            r"la premiere fois",
            r"quand j etais",
            r"deja avant (?:le|mon|les|mes|la) (?:botox|traitement|injections?|piqures?|seance)",
            r"en (?:19|20)\d\d",
        ),
        past_verb=(r"a eu", r"avait", r"a fait", r"etait", r"est tombee?"),
        still_happening=(
            r"maintenant",
            r"toujours",
            r"encore",
            r"aujourd hui",
            r"ce matin",
            r"ce soir",
            r"depuis",
            r"de nouveau",
            r"a nouveau",
            r"soudain",
            r"soudainement",
            r"tout a coup",
            r"commence",
            r"recommence",
        ),
        improving=(
            r"douleur(?: \w+){0,3}? (?:est |devient )?(?:de plus en plus |plus )(?:faible|legere)",
            # A sign said to be gone: "le gonflement a disparu", "les bleus sont partis".
            # Not "la douleur (ne) passe pas", "le bleu part toujours pas": still there.
            rf"(?:{_FR_SIGNS})(?: (?!{_FR_NOT})\w+){{0,3}}? (?:disparue?s?|partie?s?|passee?s?"
            r"|finie?s?|envolee?s?|terminee?s?|resorbee?s?|gueri|guerie|degonfle)"
            rf"(?! (?:{_FR_NOT})\b)",
            # ... or no longer there: "ma paupière ne tombe plus", "ça gratte plus du tout".
            r"ne (?:me |m )?(?:tombe|tombent|gonfle|gonflent|gratte|grattent|demange|demangent"
            r"|coule|coulent|suinte|saigne|lance|tourne|pique|brule|enfle|enflent|pend) plus",
            r"(?:tombe|tombent|gonfle|gonflent|gratte|grattent|demange|demangent|coule|suinte"
            r"|saigne|lance|tourne|pique|brule|enfle) plus (?:du tout|depuis|maintenant)",
            # A function said to work: "respirer ça va", "avaler ça passe nickel",
            # "je respire bien", "j'avale sans problème" (not "ça va pas", "pas bien").
            rf"(?:{_FR_FUNCTIONS})(?: (?!{_FR_NOT}|mal)\w+){{0,2}}? (?:ca va|ca passe|ca roule"
            r"|c est ok|c est bon|nickel|impec|impeccable)(?! (?:pas|plus|mal|moins|pu)\b)",
            r"(?:respire|avale|parle|mange|bois|mache|vois|deglutis) (?:tres |super |tout a fait "
            r"|parfaitement |hyper )?(?:bien|normalement|correctement|sans (?:souci|probleme"
            r"|difficulte|gene))(?! (?:mal|moins)\b)",
        ),
        post_negations="pas plus jamais rien",
        # "des vertiges pas possibles", "pas normal", "de plus en plus" (kept words "plus
        # plus"), "plus que hier":
        # the sign is there.
        post_exceptions="que qu en plus possible possibles croyable croyables normal normale "
        "normaux normales comme seulement juste uniquement assez bas haut fort vite gros grosse "
        "rouge",
        # "ça passe pas", "j'arrive plus", "la douleur part pas": an inability or a
        # persistence, the symptom itself.
        post_blockers="arrive arrivent peux peut peuvent pouvez passe passent part partent "
        "arrete arretent cesse diminue diminuent descend degonfle ameliore ameliorent va vont "
        "marche marchent veut veulent reussis parviens servent sert aide aident calme soulage "
        "soulagent",
        # "ne ... plus": the "ne" negates a phrasing with no negation of its own.
        # "pa": how "pas" is typed in chats ("pa d fievre ni pus").
        spellings="pa:pas",
        weak_negations="ne n",
        idioms=(
            # "avoir l'air" (to look): "j'ai un peu l'air fâchée", "tu as l'air fatiguée"
            r"(?:(?:ai|as|avez|avons|ont|avais|avait|aurais|aurait|avoir)"
            r"|(?:ca|elle|il|on|c|qui|bouche|visage|oeil|sourcils?|front) a) (?:\w+ ){0,3}?"
            r"(?<!de )l air",
            # "j'en crève d'envie", "je meurs de rire", "morte de fatigue"
            r"(?:creve|crever|crevee|meurs|meurt|mourir|mort|morte|morts|mortes) (?:\w+ ){0,1}?"
            r"(?:de|d) (?:envie|rire|impatience|faim|soif|chaud|froid|honte|fatigue|ennui|peur"
            r"|sommeil|stress|curiosite|jalousie)",
            r"(?:ca|cela|tu|vous|le prix|l attente|attendre) (?:\w+ )?(?:me|m) (?:tue|tues|tuent"
            r"|a tue|a tuee|achevent|acheve)",
            r"les bras m en (?:tombent|sont tombes)",
            r"(?:coupe|couper|coupent) (?:les|mes) jambes",
            # a lip flip's expected trouble with a straw (routine: the FAQ answers it), not a
            # drink that escapes the mouth: "j'arrive plus à boire à la paille"
            r"(?:boire|siffler|aspirer) (?:\w+ ){0,3}?(?:a|avec) (?:la|une|ma) paille",
            # a laugh gone down the wrong way: "avalé de travers en rigolant"
            r"de travers (?:\w+ ){0,4}?(?:en (?:riant|rigolant)|de rire|a force de rire)",
            r"(?:en (?:riant|rigolant)|de rire)(?: \w+){0,4}? de travers",
            # a price or news "hard to swallow"
            r"(?:prix|facture|note|addition|nouvelle|pilule|couleuvres?) (?:\w+ ){0,3}?"
            r"(?:dure?s?|difficiles?|amere) a (?:avaler|digerer)",
        ),
    ),
    "it": _Grammar(
        # Not "ne": besides "né" (nor) it is the everyday pronoun "ne" ("ne ho tanti").
        # "nn": how "non" is typed in chats.
        negations="non nn senza nessun nessuno nessuna mai niente nulla neanche nemmeno neppure",
        scope_breakers="e ed ma pero anche poi inoltre tuttavia invece",
        not_negations=(
            r"non sono sicur[ao]",
            r"(?:non|nn) so se",
            r"non sono certa",
            r"non capisco se",
            r"non so (?:perche|come mai)",
        ),
        hypothetical=(
            r"come (?:faccio a|posso) (?:capire|sapere|riconoscere)",
            r"(?:e|sono) (?:un )?effett[oi] collateral[ei]",
            r"e se",
            r"(?:cosa|che) succederebbe se",
            r"(?:solo|giusto) per (?:sapere|curiosita)",
            r"per (?:pura )?curiosita",
            r"ipoteticamente",
            r"come (?:faccio|farei) a (?:capire|sapere|accorgermi)",
            r"(?:si puo|uno puo) (?:essere|avere|diventare)",
            r"(?<!come )se (?:avessi|fossi|mi venisse)",
            r"(?:cosa|che) succede se",
            r"cosa (?:devo fare|faccio|si fa) se",
            # the conditional asks too: "cosa dovrei fare se", "che bisognerebbe fare se"
            r"(?:cosa|che) (?:dovrei|devo|bisogna|bisognerebbe|potrei|farei)(?: fare)? se",
            r"^se ",
            r"nel caso",
            r"(?:mettiamo|poniamo) (?:che|caso|il caso)",
            r"supponiamo",
            r"se (?:mai|per caso)",
            r"qualora",
            r"in caso di",
            r"casomai",
            r"(?:il botox|la tossina) (?:puo|potrebbe)",
            r"puo (?:causare|provocare|dare|far venire)",
            r"e possibile che",
            r"quali sono i (?:segni|sintomi|rischi)",
            r"(?:segni|sintomi|segnali) di",
            r"come (?:faccio a sapere|capisco se|si riconosce|riconoscere)",
            r"rischio di",
            r"rischi di",
            r"ho paura",
            r"ho il terrore",
            r"mi terrorizza",
            r"paura che",
            r"temo che",
            r"mi preoccupa",
            r"sono preoccupata",
            r"ho letto",
            r"ho sentito (?:dire )?che",
            r"e frequente",
            r"capita spesso",
        ),
        question_start=(
            r"perche",
            r"cosa",
            r"che cosa",
            r"come",
            r"quando",
            r"quanto",
            r"quale",
            r"quali",
            r"il botox",
            r"si puo",
            r"puo",
            r"ci sono",
            r"esiste",
        ),
        first_person=(
            r"io",
            r"mi",
            r"me",
            r"mio",
            r"mia",
            r"miei",
            r"mie",
            r"ho",
            r"sono",
            r"sento",
            r"noto",
            r"vedo",
            r"riesco",
            r"posso",
            r"noi",
            r"bevo",
            r"mangio",
            r"deglutisco",
            r"respiro",
            r"parlo",
        ),
        asks_if_normal=(
            r"e normale (?:che|avere|sentire|se|essere)",
            r"e (?:grave|pericoloso) (?:che|se|avere)",
        ),
        third_party=(
            rf"(?:mia|mio|un|una|la mia|il mio) (?:{_RELATIVES['it']})",
            r"qualcuno",
            r"la gente",
            r"lei",
            r"lui",
        ),
        first_person_subject=(r"io", r"mi", r"me", r"ho", r"sono"),
        past_period=(
            r"l anno scorso",
            r"l ultima volta",
            r"anni fa",
            r"(?:molto|tanto|parecchio) tempo fa",
            r"negli anni \d+",
            r"un anno fa",
            r"la prima volta",
            r"da (?:piccola|piccolo|bambina|bambino|ragazza)",
            r"in passato",
            r"nel (?:19|20)\d\d",
        ),
        past_verb=(r"ha avuto", r"aveva", r"era", r"e stata", r"e successo", r"le e venut"),
        still_happening=(
            r"adesso",
            r"ora",
            r"ancora",
            r"oggi",
            r"stamattina",
            r"stasera",
            r"da ieri",
            r"da stamattina",
            r"da giorni",
            r"all improvviso",
            r"improvvisamente",
            r"di nuovo",
            r"sempre piu",
        ),
        improving=(r"dolore(?: \w+){0,3}? (?:e |sta )?(?:sempre )?piu (?:debole|leggero|lieve)",),
        idioms=(
            # "mi cadono le braccia" (I give up, as the French "les bras m'en tombent"): said of
            # a slow result or a price, never of weak arms, which a patient words as "non ho
            # forza nelle braccia". Only with the pronoun before the verb and the arms after
            # it, the idiom's fixed order; "le braccia mi cadono, non ho forza" stays a report.
            r"(?:mi|ti|ci|vi|gli|le|fa|fanno|far|fai) (?:\w+ )?(?:cadono|cascano|cadere|cascare"
            r"|cadrebbero|cascherebbero|sono cadute|sono cascate) (?:le )?braccia",
        ),
    ),
    "pt": _Grammar(
        # Not "no": in Portuguese it is "in the" ("dor no peito"); nor "no" from "nó".
        # "n": how "não" is typed in chats ("n consigo engolir").
        negations="nao n sem nem nenhum nenhuma nunca nada jamais zero",
        scope_breakers="e mas tambem depois porem contudo entao",
        not_negations=(
            r"n(?:ao)? sei se",
            r"nao tenho (?:certeza|a certeza)",
            r"nao sei (?:porque|por que)",
            r"nao faco ideia",
        ),
        hypothetical=(
            r"como (?:sei|saber|reconhecer|posso saber)",
            r"(?:e|sera) (?:um )?efeito (?:secundario|colateral)",
            r"e se",
            r"o que aconteceria se",
            r"(?:so|apenas) (?:por|pra|para) (?:saber|curiosidade)",
            r"por (?:pura )?curiosidade",
            r"hipoteticamente",
            r"suponhamos",
            r"supondo que",
            r"vamos supor",
            r"imagina que",
            r"se por acaso",
            r"como (?:eu )?(?:vou saber|saberia|percebo|reparo)",
            r"(?:da pra|da para|pode se|a gente pode) (?:ser|ter|ficar)",
            r"(?<!como )se eu (?:tivesse|ficasse|estivesse)",
            r"o que acontece se",
            r"o que (?:eu )?faco se",
            r"o que devo fazer se",
            # the conditional asks too: "o que eu deveria / teria que fazer se ..."
            r"o que (?:eu )?(?:deveria|teria que|teria de|tenho que|tenho de|preciso|faria)"
            r" (?:fazer )?se",
            r"^se ",
            r"caso (?:eu|a|o|minha|meu)",
            # "caso fique tonta" (in case I get dizzy): "caso" with a subjunctive.
            r"caso (?:\w+ )?(?:fique|sinta|tenha|esteja|comece|apareca|note|aconteca|haja)",
            r"em caso de",
            r"(?:o botox|a toxina) (?:pode|poderia)",
            r"pode (?:causar|provocar|dar)",
            r"e possivel",
            r"quais (?:sao )?os (?:sinais|sintomas|riscos)",
            r"(?:sinais|sintomas) de",
            r"como (?:eu )?sei se",
            r"como saber se",
            r"como reconhecer",
            r"risco de",
            r"riscos de",
            r"tenho medo",
            r"tenho pavor",
            r"morro de medo",
            r"medo (?:que|de)",
            r"receio que",
            r"me preocupa",
            r"estou preocupada",
            r"li que",
            r"ouvi (?:dizer )?que",
            r"e comum",
        ),
        question_start=(
            r"por que",
            r"porque",
            r"o que",
            r"como",
            r"quando",
            r"quanto",
            r"qual",
            r"quais",
            r"pode",
            r"o botox",
            r"existe",
            r"tem como",
            r"da para",
        ),
        first_person=(
            r"eu",
            r"me",
            r"meu",
            r"minha",
            r"meus",
            r"minhas",
            r"mim",
            r"comigo",
            r"tenho",
            r"estou",
            r"sinto",
            r"consigo",
            r"vejo",
            r"posso",
            # The subject is left out: "quando bebo agua engasgo" is the patient's own.
            r"bebo",
            r"engasgo",
            r"engulo",
            r"como algo",
            r"respiro",
            r"falo",
            r"fico",
            r"acordo",
        ),
        asks_if_normal=(
            r"e normal (?:que|ter|sentir|ficar|estar)",
            r"e (?:grave|perigoso) (?:que|se|ter)",
        ),
        third_party=(
            rf"(?:minha|meu|uma|um|a minha|o meu) (?:{_RELATIVES['pt']})",
            r"alguem",
            r"as pessoas",
            r"ela",
            r"ele",
        ),
        first_person_subject=(r"eu", r"me", r"mim", r"tenho", r"estou", r"sinto", r"consigo"),
        past_period=(
            r"(?:no )?ano passado",
            r"da ultima vez",
            r"ha (?:anos|um ano)",
            r"ha (?:muito|imenso|bastante) tempo",
            r"nos anos \d+",
            r"ha (?:\d+|dois|tres|quatro|cinco|seis|sete|oito|nove|dez|alguns|muitos|uns) anos",
            r"anos atras",
            r"um ano atras",
            r"da primeira vez",
            r"quando eu era",
            r"em (?:19|20)\d\d",
        ),
        past_verb=(r"teve", r"tinha", r"foi", r"ficou", r"caiu", r"deu"),
        still_happening=(
            r"agora",
            r"ainda",
            r"hoje",
            r"esta manha",
            r"desde",
            r"de novo",
            r"outra vez",
            r"de repente",
            r"cada vez",
            r"comecou",
            r"continua",
        ),
        improving=(
            r"dor(?: \w+){0,3}? (?:esta |fica |vai |ficando )*(?:cada vez )?(?:mais )?"
            r"(?:fraca|fraquinha|leve|suave|melhor)",
        ),
        idioms=(
            # "sem falta de ar" (without shortness of breath) is a denial, yet its "sem" and
            # "ar" are the words of the phrasing "sem ar" (breathless): cut it before reading.
            r"sem (?:nenhuma |qualquer |nada de )?(?:falta|dificuldade|problemas?) (?:de|pra|para"
            r"|em|a) (?:ar|respirar|engolir|falar)",
        ),
    ),
}


#: Years ago, in every shipped language: a clause is read by each language a message may be
#: in, and a neighbour's rules must see the date too ("mia madre ha avuto un ictus anni fa"
#: matches the Spanish "ictus"). Nothing years ago is a reaction to the treatment today.
_YEARS_AGO = (
    r"(?:\w+ )?(?:years|yrs) ago",
    r"hace (?:\w+ )?anos",
    r"vor (?:\w+ )?jahren",
    r"il y a (?:\w+ )?(?:ans|annees)",
    r"(?:\w+ )?anni fa",
    r"ha (?:\w+ )?anos",
)


def _build(language: str, grammar: _Grammar) -> ContextRules:
    negations = _words(grammar.negations)
    breakers = _words(grammar.scope_breakers)
    stopwords = _STOPWORDS[language]
    kept = negations | breakers | _words(grammar.post_negations) | _words(grammar.weak_negations)
    return ContextRules(
        language=language,
        stopwords=stopwords,
        filler=stopwords - kept,
        negations=negations,
        scope_breakers=breakers,
        not_negations=_any(*grammar.not_negations),
        hypothetical=_any(*grammar.hypothetical, *FEARED.get(language, ())),
        question_start=re.compile(r"^(?:" + "|".join(grammar.question_start) + r")\b"),
        first_person=_any(*grammar.first_person),
        asks_if_normal=_any(*grammar.asks_if_normal),
        third_party=_any(*grammar.third_party),
        first_person_subject=_any(*grammar.first_person_subject),
        past_period=_any(*grammar.past_period, *_YEARS_AGO),
        past_verb=_past_verb(*grammar.past_verb),
        still_happening=_any(*grammar.still_happening),
        improving=_any(*grammar.improving) if grammar.improving else None,
        post_negations=_words(grammar.post_negations),
        post_exceptions=_words(grammar.post_exceptions),
        post_blockers=_words(grammar.post_blockers),
        weak_negations=_words(grammar.weak_negations),
        idioms=_any(*grammar.idioms) if grammar.idioms else None,
        spellings=dict(pair.split(":") for pair in grammar.spellings.split()),
    )


def _all_rules() -> dict[str, ContextRules]:
    english = _english()
    rules = {"en": english}
    rules.update({language: _build(language, grammar) for language, grammar in _GRAMMAR.items()})
    # Russian (inline in red_flags.yaml, no pack yet) keeps the older shared cues.
    rules["ru"] = ContextRules(
        **{
            **{name: getattr(english, name) for name in ContextRules.__slots__},
            "language": "ru",
            "stopwords": _STOPWORDS["ru"],
            "english_rewrites": False,
        }
    )
    return rules


RULES: dict[str, ContextRules] = _all_rules()


def rules_for(language: str) -> ContextRules:
    """The rules of ``language``; a language without its own grammar uses the English ones."""
    return RULES.get(language, RULES["en"])


def stopwords(language: str) -> frozenset[str]:
    """Words a phrasing in ``language`` can leave out."""
    return _STOPWORDS.get(language, frozenset())


def all_negations(languages: Iterable[str]) -> frozenset[str]:
    return frozenset().union(*(rules_for(language).negations for language in languages))


__all__ = ["RULES", "ContextRules", "all_negations", "rules_for", "stopwords"]
