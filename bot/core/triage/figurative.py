"""Red-flag words said as a figure of speech: money talk, a joke, an effort, in six languages.

Patients borrow the words of an emergency for everyday things: a price "hard to swallow", a
bill that "took my breath away", "i cant breathe 😂" at a photo of their frozen brow, "out of
breath after my run". A list of idioms (``ignore_phrases``) catches only the wordings someone
wrote down; this reader recognises the context instead, whatever the wording:

* money or news: the clause that holds the sign talks of a price, bill, quote or the news
  ("precio", "Preis", "prix", "prezzo", "preço"): choking, swallowing, breath, dizziness,
  collapse, a stroke or a heart attack there are about the money;
* laughter: "lol", "lmao", "haha", "😂", "jaja", "mdr", "kkkk", "ahah" make choking, breath
  and death words a joke, when the message says something beside them or names money in
  another clause (a bare "lol i cant breathe" is not read as one);
* effort: being breathless after or during a run, the gym, a hill (not at rest, and not after
  a few stairs or the walk to the kitchen).

None of these ever vetoes a real symptom said beside it. Only the figurative flags can be
read so (choking and swallowing, breath and speech, collapse, stroke and heart attack, and
dizziness beside money); a crisis (E5) is never read as a joke, however it is laughed off.
And the reading is refused when the message gives the sign a time, a change, rest or a
seriousness of its own, or the sign's clause a body: "lol cant swallow properly since
yesterday", "haha not funny anymore, breathless sitting on the sofa", "out of breath going
up 3 stairs, never happens", "the price was hard to swallow, now food gets stuck" (that
clause has no money in it).

A figurative hit becomes a mention, as a hypothetical does: the net does not re-raise it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.core.text import normalise
from bot.core.triage.everyday_scene import everyday_scene


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


#: The flags whose words people use figuratively: swallowing and choking, breath and speech,
#: the general emergency's collapse, stroke and heart attack.
_SWALLOW = "E1_swallowing"
_BREATH = "E3_breathing_speaking"
_GENERAL = "E7_general_emergency"
_DIZZY = "U9_dizziness_local_weakness"
_FIGURATIVE_FLAGS = frozenset({_SWALLOW, _BREATH, _GENERAL, _DIZZY})

#: The money (or the news) a clause can be about, in every shipped language.
_MONEY = _words(
    # en
    r"prices?",
    r"pricing",
    r"costs?",
    r"bills?",
    r"invoices?",
    r"quotes?",
    r"quoted",
    r"charged?",
    r"charges",
    r"fees?",
    r"receipt",
    r"bank",
    r"card",
    r"wallet",
    r"overdraft",
    r"mortgage",
    r"money",
    r"paid",
    r"pay",
    r"paying",
    r"spent",
    r"quid",
    r"pounds",
    r"euros?",
    r"dollars?",
    r"news",
    r"headlines",
    # es
    r"precios?",
    r"factura",
    r"coste",
    r"costo",
    r"cobraron",
    r"cobran",
    r"cobren",
    r"cobrar",
    r"cobrado",
    r"pagar",
    r"pague",
    r"dinero",
    r"tarjeta",
    r"noticias?",
    # de
    r"preise?",
    r"rechnung",
    r"kosten",
    r"betrag",
    r"konto",
    r"bezahlt",
    r"bezahlen",
    r"geld",
    r"nachrichten",
    # fr
    r"prix",
    r"facture",
    r"addition",
    r"tarifs?",
    r"devis",
    r"payer",
    r"paye",
    r"argent",
    r"infos",
    # it
    r"prezzi",
    r"prezzo",
    r"fattura",
    r"tariffa",
    r"pagare",
    r"pagato",
    r"soldi",
    r"notizie?",
    # pt
    r"preco",
    r"precos",
    r"fatura",
    r"custo",
    r"valor",
    r"paguei",
    r"dinheiro",
    r"cartao",
    r"noticias",
)

#: Laughter as typed in the shipped languages (after ``normalise``, which keeps two letters of
#: a run: "kkkk" is "kk", "hahaha" stays), and the emoji that say it (read on the raw text).
_LAUGH = _words(
    r"lol\w*",
    r"lmf?ao\w*",
    r"rofl\w*",
    r"a?(?:ha){2,}h?",
    r"(?:he){2,}",
    r"(?:hi){2,}",
    r"a?(?:ja){2,}",
    r"(?:je){2,}",
    r"ptdr",
    r"mdr+",
    r"kk+",
    r"(?:rs){2,}",
    r"a?(?:ah){2,}",
    r"xd",
)
_LAUGH_EMOJI = re.compile("[\U0001f602\U0001f923\U0001f480\U0001f606\U0001f605]")

#: The figurative words of each flag under laughter: choking (not swallowing: nobody jokes
#: "cant swallow"), breath, and death and its neighbours.
_JOKE_WORDS = {
    _SWALLOW: _words(
        r"chok\w*",
        r"atragant\w*",
        r"verschluck\w*",
        r"etouff\w*",
        r"soffoc\w*",
        r"strozz\w*",
        r"engasg\w*",
    ),
    _BREATH: _words(
        r"breath\w*",
        r"air",
        r"suffocat\w*",
        r"aliento",
        r"atem",
        r"luft",
        r"souffle",
        r"fiato",
        r"folego",
        r"sem ar",
    ),
    _GENERAL: _words(
        r"heart attack",
        r"stroke",
        r"dead",
        r"died",
        r"dying",
        r"passed out",
        r"infarto",
        r"herzinfarkt",
        r"infarctus",
        r"crise cardiaque",
        r"ataque (?:cardiaco|al corazon)",
        r"schlaganfall",
        r"ictus",
        r"derrame",
        r"avc",
    ),
}

#: A laugh at a sign with nothing else said ("lol i cant breathe") is too bare to call a joke:
#: the figure needs something it laughs at, a few words beside the sign.
_FEWEST_WORDS = 6

#: What people do to get out of breath: sport, the gym, stairs, a hill, a run for the bus.
_EFFORT = _words(
    # en
    r"run",
    r"runs",
    r"running",
    r"ran",
    r"jog\w*",
    r"\d+ ?k",
    r"gym",
    r"workout",
    r"work out",
    r"working out",
    r"training",
    r"train",
    r"hiit",
    r"spin",
    r"cardio",
    r"class",
    r"stairs",
    r"steps",
    r"hill",
    r"climb\w*",
    r"walk up",
    r"walking up",
    r"cycl\w*",
    r"bike",
    r"swim\w*",
    r"football",
    r"match",
    r"tennis",
    r"netball",
    r"danc\w*",
    r"carrying",
    r"sprint\w*",
    r"treadmill",
    r"rowing",
    r"exercis\w*",
    r"for the bus",
    # es, de, fr, it, pt
    r"correr",
    r"gimnasio",
    r"entrenar",
    r"entreno",
    r"escaleras",
    r"joggen",
    r"laufen",
    r"sport",
    r"treppen?",
    r"fitnessstudio",
    r"courir",
    r"footing",
    r"salle",
    r"escaliers",
    r"corsa",
    r"correre",
    r"palestra",
    r"allenamento",
    r"scale",
    r"corrida",
    r"academia",
    r"treino",
    r"escadas",
)

#: The breathless words effort explains (not "cant breathe", "gasping", a tight chest).
_WINDED = _words(
    r"breathless\w*",
    r"out of breathe?",
    r"short of breathe?",
    r"puffed(?: out)?",
    r"winded",
    r"sin aliento",
    r"falta de aire",
    r"ausser atem",
    r"aus der puste",
    r"essouffle\w*",
    r"a bout de souffle",
    r"senza fiato",
    r"fiatone",
    r"sem folego",
    r"ofegante",
)

#: A real symptom beside the figure: a time, a change, rest, or the patient saying it is no
#: joke. Any of these anywhere in the message keeps the red flag.
_REAL = _words(
    # seriousness
    r"not (?:funny|joking|kidding|a joke)",
    r"no joke",
    r"seriously",
    r"srsly",
    r"for real",
    r"actually",
    r"in serio",
    r"en serio",
    r"im ernst",
    r"serieux",
    r"serieusement",
    r"sul serio",
    r"serio",
    r"serio mesmo",
    r"de verdade",
    # time and change
    r"since",
    r"still",
    r"keeps?",
    r"for (?:\w+ )?(?:hours?|days?|ages|a while)",
    r"hours? later",
    r"(?:getting |got )?worse",
    r"worsening",
    r"never",
    r"not like me",
    r"unusual",
    r"(?:dont|doesnt|do not|does not) (?:usually|normally)",
    r"not normally",
    r"out of character",
    r"not normal",
    r"new",
    # blamed on the treatment: a joke is not asked about ("choking on my own spit lol is
    # that a botox thing")
    r"(?:is|could|can|would) (?:that|this|it) (?:be )?(?:a |from (?:the )?)?(?:botox|tox)",
    r"(?:from|because of|caused by) (?:the |my )?(?:botox|tox|injections?|jabs?)",
    r"(?:por|del|de la|culpa del) botox",
    r"(?:vom|wegen dem|wegen des|durch das) botox",
    r"(?:a cause du|du au|c est le) botox",
    r"(?:per il|dal|colpa del) botox",
    r"(?:por causa do|do|culpa do) botox",
    r"desde",
    r"seit",
    r"depuis",
    r"da ieri",
    r"ontem",
    r"ayer",
    r"gestern",
    r"hier",
    # rest
    r"at rest",
    r"had to (?:sit|stop|lie|rest|pause)",
    r"halfway",
    r"resting",
    r"sitting",
    r"sat",
    r"lying",
    r"laying",
    r"in bed",
    r"doing nothing",
    r"watching",
    r"talking",
    r"asleep",
    r"woke",
    r"wont settle",
    r"not settling",
    r"reposo",
    r"sentad[ao]",
    r"acostad[ao]",
    r"in ruhe",
    r"im (?:sitzen|liegen|bett)",
    r"au repos",
    r"assise?",
    r"allongee?",
    r"au lit",
    r"a riposo",
    r"sedut[ao]",
    r"sdraiat[ao]",
    r"a letto",
    r"em repouso",
    r"deitad[ao]",
    r"na cama",
)

#: A body part or thing the sign sits in, in the clause of the sign itself ("lol cant swallow
#: my tablets", "haha choking on water"): the clause reports, whatever else it laughs at.
_BODY = _words(
    r"throat",
    r"chest",
    r"tight\w*",
    r"food",
    r"water",
    r"drinks?",
    r"tablets?",
    r"pills?",
    r"tongue",
    r"blue",
    r"wheez\w*",
    r"properly",
    r"arm",
    r"arms",
    r"leg",
    r"legs",
    r"one side",
    r"slurr\w*",
    r"droop\w*",
    r"spit",
    r"saliva",
    r"drool\w*",
    r"spucke",
    r"speichel",
    r"salive",
    r"bave",
    r"cuspe",
    r"numb\w*",
    r"garganta",
    r"hals",
    r"gorge",
    r"gola",
)


#: An effort too slight to explain breathlessness: a few stairs, getting dressed, the walk to
#: the kitchen. Breathless after that is breathless at rest.
_SLIGHT_EFFORT = _words(
    r"(?:a|one|two|three|few|couple of|couple|\d+) (?:stairs|steps)",
    r"(?:one|single) flight",
    r"getting dressed",
    r"(?:to|from) the (?:kitchen|toilet|loo|bathroom|car|door|sofa|couch|fridge)",
    r"across the room",
    r"(?:slow|slowly|gentle|short) (?:walk|walking|stroll)",
    r"unos (?:pocos )?escalones",
    r"ein paar stufen",
    r"quelques marches",
    r"pochi gradini",
    r"poucos degraus",
)


def laughs(raw: str) -> bool:
    """Whether ``raw`` laughs ("lol", "jaja", "mdr", "kkkk", "😂")."""
    return bool(_LAUGH_EMOJI.search(raw) or _LAUGH.search(normalise(raw)))


@dataclass(frozen=True, slots=True)
class _MessageCues:
    """What ``figurative`` reads from the whole message, the same for each of its hits."""

    real: bool
    laughing: bool
    money: bool
    words: int


@lru_cache(maxsize=16)
def _cues(text: str) -> _MessageCues:
    """The whole message read once, not once per hit: a message that repeats a sign's words
    has a hit per clause, and reading 4,096 characters for each made triage quadratic ("i cant
    breathe, " x256: 1.2 s of CPU; issue 16)."""
    message = normalise(text)
    return _MessageCues(
        real=_REAL.search(message) is not None,
        laughing=laughs(text),
        money=_MONEY.search(message) is not None,
        words=len(message.split()),
    )


#: Delight in the result, or thanks: the mood of "da bleibt mir die Luft weg 😍 danke euch".
_DELIGHT_EMOJI = re.compile("[\u2764\U0001f60d\U0001f970\U0001f929\U0001f62e\U0001f632\U0001f64f]")
_THANKS = _words(
    r"thanks?",
    r"thank you",
    r"ty",
    r"gracias",
    r"danke",
    r"merci",
    r"grazie",
    r"obrigad[ao]",
)


_CRISIS = "E5_mental_health_crisis"
#: A sign said to come, not to be here: "will the pressure blow up my face?", "ill be seeing
#: double at the hen do", "it'll blow up if i eat any more cake".
_FUTURE = _words(r"will", r"itll", r"ill be", r"youll", r"gonna", r"would", r"itd")


def _laughed_at_a_future(clause: str, text: str) -> bool:
    """A sign put in the future and laughed at, with nothing real about it (no time, change,
    rest or seriousness in the message): a joke about what might happen, "will the pressure
    blow up my face? 😂". Never a crisis (E5)."""
    normal = normalise(clause.split(" / ")[0])
    cues = _cues(text)
    return cues.laughing and not cues.real and _FUTURE.search(normal) is not None


def room_for_a_figure(text: str) -> bool:
    """Whether ``text`` may hold a figure of speech said in another word order: it laughs,
    delights or thanks, or talks money, says more than the figure (a few words beside it) and
    gives no sign a time, a change, rest or a seriousness of its own ("die Luft bleibt mir
    weg, seit heute früh" and a bare "die Luft bleibt mir weg" are reports)."""
    cues = _cues(text)
    if cues.real or cues.words < _FEWEST_WORDS:
        return False
    mood = _DELIGHT_EMOJI.search(text) or _THANKS.search(normalise(text))
    return bool(mood) or cues.laughing or cues.money


#: Swallowing a fact, not a mouthful: the verb takes a that-clause or "the fact", in each
#: shipped language ("hard to swallow that they charge so much", "me cuesta tragarme que
#: cobren tanto", "j'ai du mal à avaler qu'il faille payer", "schwer zu schlucken, dass",
#: "difficile da ingoiare che", "custa engolir que"). English "that" must open a clause
#: (a pronoun after it), so "cant swallow that pill" stays a report.
_SWALLOWED_FACT = re.compile(
    r"\bswallow(?:ing|ed)? (?:the (?:fact|idea|news)|(?:that|the fact that) (?:i|you|he|she|it"
    r"|we|they|its|theyre|youre|ive|id|there|this|my|his|her|their|our|people|someone))\b"
    # a plain "que" after swallowing may be "because" ("no puedo tragar que me duele"): only
    # swallowing taken as accepting, reflexive, or the fact named
    r"|\b(?:tragarme|tragarse|tragarte|tragarnos|me trago|se traga|te tragas|me lo trago)"
    r" (?:que|q)\b|\btrag\w* (?:el hecho|la idea)\b"
    r"|\baval(?:er|e|ais|ait) (?:(?:que|qu) (?:il|ils|elle|elles|on|ca|c|ce|je|j|tu|vous|nous)"
    r"|le fait|l idee)\b"
    r"|\bschluck\w* dass\b"
    r"|\b(?:ingoiare|mandare giu) il fatto\b|\bmandare giu che\b"
    r"|\bengolir (?:o facto|o fato|a ideia)\b"
)


def figurative(flag_id: str, clause: str, text: str) -> bool:
    """Whether a hit of ``flag_id`` in ``clause`` (raw, as ``FlagHit.clause`` holds it) is a
    figure of speech in the message ``text`` (see the module doc)."""
    if flag_id != _CRISIS and _laughed_at_a_future(clause, text):
        return True
    if flag_id not in _FIGURATIVE_FLAGS:
        return False
    if everyday_scene(flag_id, clause, text):  # a flop onto the sofa, a stifling room
        return True
    normal = normalise(clause)
    if flag_id == _SWALLOW and _SWALLOWED_FACT.search(normal):
        return True
    cues = _cues(text)
    if cues.real or _BODY.search(normal):
        return False
    if _MONEY.search(normal):
        return True
    if (
        flag_id == _BREATH
        and _WINDED.search(normal)
        and _EFFORT.search(normal)
        and not _SLIGHT_EFFORT.search(normal)
    ):
        return True
    joke = _JOKE_WORDS.get(flag_id)
    if joke is None or not cues.laughing or joke.search(normal) is None:
        return False
    # Laughing, with the money in a neighbouring clause: "prezzo assurdo, mi manca il fiato ahah".
    return cues.money or cues.words >= _FEWEST_WORDS
