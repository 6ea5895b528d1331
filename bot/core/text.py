"""Normalise what patients type so that triage and matching see the same clean words.

Patients write on phones: capitals, accents, emoji, "soooo", "cant", "tmrw", "my 11s".
``normalise`` folds all of that into lowercase ASCII-ish words (Cyrillic stays Cyrillic)
and expands slang, so the rest of the bot only ever deals with plain tokens.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import emoji
import snowballstemmer

# Characters that render as nothing but split or glue words: zero-width spaces and joiners,
# the byte-order mark, soft hyphens, bidi controls, variation selectors.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]"
)
_APOSTROPHES = re.compile("['\u2018\u2019\u02bc\u0060\u00b4]")
# French and Italian elision ("j'ai", "m'évanouir", "dall'occhio", "un'infezione") separates
# words; English contractions ("can't", "I'm") join them.
_ELISION = re.compile(
    "\\b([cdjlmnst]|qu|lorsqu|puisqu|jusqu|presqu|quelqu|dall|dell|nell|sull|all|coll|dagl"
    "|degl|negl|sugl|agl|un|quest|quell|nessun|ciascun|senz|tutt|sant|bell|dov|cos|com)"
    "['\u2018\u2019\u02bc](?=\\w)"
)
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_REPEATS = re.compile(r"(\D)\1{2,}")
_PUNCTUATION_BREAK = (
    r"[;!?\n\r\u2026\u00bf\u00a1]+|(?<!\d)\.+|\.+(?!\d)|,(?!\d)|\s[-\u2013\u2014]\s"
)
#: Words where meaning turns ("but") in any language, for a message of no known language.
_ANY_TURNING_WORD = (
    r"\b(?:but|however|although|though|pero|aber|sondern|mais|cependant)\b"
    r"|(?<!\w)(?:но|однако)(?!\w)"
)
_CLAUSE_BREAK = re.compile(_PUNCTUATION_BREAK + "|" + _ANY_TURNING_WORD, re.IGNORECASE)
#: Words where meaning turns ("but"), per language: French "mais" is Portuguese "more", and
#: Italian "ma" is French "my", so each language splits on its own words only.
_TURNING_WORDS: dict[str, str] = {
    "es": "pero|sino|aunque|sin embargo",
    "de": "aber|sondern|jedoch|allerdings",
    "fr": "mais|cependant|pourtant|par contre",
    "it": "ma|però|pero|tuttavia|eppure|invece",
    "pt": "mas|porém|porem|contudo|entretanto|todavia",
}
_TURNS = {language: rf"\b(?:{words})\b" for language, words in _TURNING_WORDS.items()}
_CLAUSE_BREAKS: dict[str, re.Pattern[str]] = {
    language: re.compile(_PUNCTUATION_BREAK + "|" + turn, re.IGNORECASE)
    for language, turn in _TURNS.items()
}
#: The same breaks without the punctuation, for a text that holds none of it: every
#: punctuation break needs one of ``_BREAK_PUNCTUATION``'s characters. Triage splits each
#: clause again per language (already without punctuation once normalised), and the
#: punctuation alternatives, tried at every position, cost twice the words' (issue 16).
_BREAK_PUNCTUATION = re.compile(r"[;!?\n\r\u2026\u00bf\u00a1.,\-\u2013\u2014]")
_TURN_BREAK = re.compile(_ANY_TURNING_WORD, re.IGNORECASE)
_TURN_BREAKS: dict[str, re.Pattern[str]] = {
    language: re.compile(turn, re.IGNORECASE) for language, turn in _TURNS.items()
}

# Multi-word rewrites, applied to the normalised text with word boundaries, longest first.
_PHRASES: dict[str, str] = {
    "can not": "cant",
    "not able to": "cant",
    "no longer able to": "cant",
    "unable to": "cant",
    "am unable to": "cant",
    "eye lid": "eyelid",
    "eye lids": "eyelids",
    "eye brow": "eyebrow",
    "eye brows": "eyebrows",
    "crows feet": "crowsfeet",
    "crow feet": "crowsfeet",
    "frown lines": "frownlines",
    "lip flip": "lipflip",
    "baby botox": "babybotox",
    "work out": "workout",
    "working out": "workout",
    "worked out": "workout",
    "sun bed": "sunbed",
    "hot tub": "hottub",
    "make up": "makeup",
    "top up": "topup",
    "touch up": "touchup",
    "follow up": "followup",
    "right now": "rightnow",
    # Question words that carry the topic ("how much" is price, "how long" is duration).
    "how much": "howmuch",
    "how long": "howlong",
    "how soon": "howsoon",
    "how often": "howoften",
    "how many": "howmany",
    "pain killers": "painkillers",
    "pain killer": "painkiller",
    "side effects": "sideeffects",
    "side effect": "sideeffect",
}

# Single-word slang, abbreviations and common misspellings of the words that matter most.
_WORDS: dict[str, str] = {
    "tox": "botox",
    "botx": "botox",
    "botex": "botox",
    "bottox": "botox",
    "botax": "botox",
    "btox": "botox",
    "bototx": "botox",
    "boto": "botox",
    "botoxed": "botox",
    "botoxd": "botox",
    "cannot": "cant",
    "cnt": "cant",
    "couldnt": "cant",
    "ur": "your",
    "youre": "you are",
    "u": "you",
    "r": "are",
    "2day": "today",
    "2moro": "tomorrow",
    "2morrow": "tomorrow",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tmw": "tomorrow",
    "tomoz": "tomorrow",
    "tomorow": "tomorrow",
    "2nite": "tonight",
    "2night": "tonight",
    "tonite": "tonight",
    "pls": "please",
    "plz": "please",
    "shd": "should",
    "shud": "should",
    "wat": "what",
    "wot": "what",
    "cuz": "because",
    "coz": "because",
    "bc": "because",
    "b4": "before",
    "abt": "about",
    "w": "with",
    "wk": "week",
    "wks": "weeks",
    "hrs": "hours",
    "hr": "hour",
    "mins": "minutes",
    "rn": "rightnow",
    "idk": "i dont know",
    "thx": "thanks",
    "thnx": "thanks",
    "ty": "thanks",
    "tysm": "thanks",
    "11s": "frownlines",
    "elevens": "frownlines",
    "glabella": "frownlines",
    "glabellar": "frownlines",
    "jab": "botox",
    "jabs": "botox",
    "tweakment": "botox",
    "gonna": "going to",
    "wanna": "want to",
    "im": "i am",
    "ive": "i have",
    "id": "i would",
    "its": "it is",
    "whats": "what is",
    "thats": "that is",
    "theres": "there is",
    "hows": "how is",
    "wheres": "where is",
    "whens": "when is",
    "isnt": "is not",
    "excercise": "exercise",
    "exercize": "exercise",
    "excersize": "exercise",
    "swolen": "swollen",
    "swollow": "swallow",
    "brusing": "bruising",
    "bruse": "bruise",
    "breath": "breathe",
    "breating": "breathing",
    "tounge": "tongue",
    "pregnet": "pregnant",
    "pregant": "pregnant",
    "vison": "vision",
    "pian": "pain",
    "dizy": "dizzy",
    "dizzey": "dizzy",
    "pains": "pain",
    "puss": "pus",
    "migrane": "migraine",
    "asymetry": "asymmetry",
    "assymetry": "asymmetry",
}

# Before a verb, "2" means "to" ("ok 2 drink?"); elsewhere it stays a number ("2 weeks").
_TWO_AS_TO = re.compile(
    r"\b2 (?=(?:drink|go|do|get|wear|work|workout|sleep|lie|lay|exercise|fly|have|take|eat|"
    r"wash|put|see|be|use|shower|run|swim|travel|drive|book|start|wait)\b)"
)

_PHRASE_PATTERN = re.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in sorted(_PHRASES, key=len, reverse=True)) + r")\b"
)

#: English function words, and words every topic shares, that carry no topic; matching ignores them.
STOPWORDS: frozenset[str] = frozenset(
    """a an the and or of to in on at for with from by as is are was were be been being am do
    does did doing have has had having i me my mine myself you your yours we our us it its
    this that these those there here he she him her his they them their what which who whom
    whose when where why how will would shall should can could may might must just so very
    really too also then than if about into over under up down out off again still some any
    all both each few more most other such only own same ok okay yes yeah hi hey please thanks
    thank lol omg got get getting gets go going went bit little quite pretty much like one
    dont know think want wanted need needed ask asking question wondering wonder tell say said
    botox babybotox treatment injection injections after done actually honestly basically
    literally seriously""".split()
)

#: The same, per language (accents folded as ``normalise`` folds them); English is above.
MATCH_STOPWORDS: dict[str, frozenset[str]] = {
    "en": STOPWORDS,
    "es": frozenset(
        """a al algo alguna alguno algunos ante antes con como contra cual cuales de del desde
        donde el ella ellas ellos en entre era es esa ese eso esta estas este esto estos estoy
        estar fue ha hace hacer han hasta hay he la las le les lo los me mi mis muy ni nos o
        os otra otro para pero poco por porque puede pueden puedo pues que se ser si sobre soy
        su sus tambien te tengo tiene tienen todo tu tus un una uno unos usted ustedes y ya yo
        hola gracias vale ok okey botox tratamiento inyeccion inyecciones pinchazo pinchazos
        despues toxina quiero saber pregunta duda""".split()
    ),
    "de": frozenset(
        """der die das den dem des ein eine einen einem einer eines und oder aber ich du er sie
        es wir ihr mein meine meinen meinem meiner mir mich dir dich sich ist bin bist sind war
        waren sein habe hab hat haben hatte kann konnen darf durfen soll sollte muss mussen
        wird werden mit nach von vom zu zum zur bei beim in an auf aus fur uber unter um wie
        was wann wo warum welche ob wenn dass auch noch schon nur sehr so ja nein bitte danke
        hallo mal denn doch etwa botox behandlung spritze spritzen injektion frage""".split()
    ),
    "fr": frozenset(
        """le la les l un une des du de d au aux et ou mais je j tu il elle on nous vous ils
        elles me m te t se s mon ma mes ton ta tes son sa ses ce c cet cette ces qui que qu
        quoi est suis es sont etait ai as a avons avez ont avoir etre peut peux pouvoir puis
        dois doit faut en y dans sur sous avec pour par ne n tres bien si comme quand comment
        pourquoi bonjour merci svp botox traitement injection injections piqure apres toxine
        question""".split()
    ),
    "it": frozenset(
        """il lo la i gli le un una uno l di del della dello dei degli delle da dal dalla dai a
        al alla ai in nel nella nei su sul sulla con per tra fra e ed o ma che chi cui mi ti
        si ci vi me te se io tu lui lei noi voi loro mio mia miei mie tuo tua suo sua sono sei
        siamo siete era ho hai ha abbiamo hanno essere avere posso puoi puo possiamo devo deve
        molto anche come quando perche cosa dove ciao grazie botox trattamento iniezione
        iniezioni puntura dopo tossina domanda""".split()
    ),
    "pt": frozenset(
        """o a os as um uma uns umas de do da dos das em no na nos nas num numa por pelo pela
        para pra com e ou mas que se eu tu ele ela voces eles elas me te lhe meu minha meus
        minhas teu tua seu sua sou esta estou estao ser estar foi tenho tem temos ter posso
        pode podemos devo deve muito tambem como quando porque onde ola oi obrigada obrigado
        botox tratamento injecao injecoes aplicacao picada depois toxina pergunta""".split()
    ),
}

_STEMMERS: dict[str, str] = {
    "en": "english",
    "es": "spanish",
    "de": "german",
    "fr": "french",
    "it": "italian",
    "pt": "portuguese",
    "ru": "russian",
}


#: Emoji that stand for words in a conversation; every other emoji is dropped.
_EMOJI_WORDS: dict[str, str] = {
    "👋": " hi ",
    "🙏": " thanks ",
    "👍": " ok ",
    "👌": " ok ",
    "❤️": " thanks ",
    "❤": " thanks ",
}


#: Telegram's own limit on a message. Longer texts (the CLI, a forged webhook) are cut to it,
#: so no message is ever processed in full beyond a few thousand characters.
MAX_TEXT_CHARS = 4096
#: Unicode's stream-safe limit on combining marks in a row. NFKC reorders a run of marks by
#: insertion sort, so a letter with 100,000 accents would cost seconds; nothing real needs more.
MAX_COMBINING_RUN = 30
_SURROGATE = re.compile("[\ud800-\udfff]")


@lru_cache(maxsize=1)
def _combining_runs() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Runs of characters that canonical ordering moves (combining class other than 0),
    longer than ``MAX_COMBINING_RUN``: ``(span, plane0, every)``.

    One class of all ~190 ranges is tested range by range at every position (1 ms per 4,096
    characters, and ``bounded`` runs on every clause). So the marks of the Basic Multilingual
    Plane, a class tested in one step, come first, and the ~70 ranges above it are tried only
    for a character in their ``span`` (U+101FD-U+1E94A, below every emoji): ``plane0``
    serves a text with no character in that span, ``every`` the rest, with the same result.
    """
    low: list[str] = []
    high: list[str] = []
    start: int | None = None
    first = last = 0
    for code in range(0x20001):  # no combining class is set above plane 1
        marked = code < 0x20000 and unicodedata.combining(chr(code)) != 0
        if marked and start is None:
            start = code
        elif not marked and start is not None:
            (low if code <= 0x10000 else high).append(
                f"{re.escape(chr(start))}-{re.escape(chr(code - 1))}"
            )
            if code > 0x10000:
                first, last = first or start, code - 1
            start = None
    span = f"{re.escape(chr(first))}-{re.escape(chr(last))}"
    plane0 = f"[{''.join(low)}]"
    mark = f"(?:{plane0}|(?=[{span}])[{''.join(high)}])"
    return (
        re.compile(f"[{span}]"),
        re.compile(f"({plane0}{{{MAX_COMBINING_RUN}}}){plane0}+"),
        re.compile(f"({mark}{{{MAX_COMBINING_RUN}}}){mark}+"),
    )


def bounded(text: str) -> str:
    """The text cut to ``MAX_TEXT_CHARS``, long runs of combining marks cut to the stream-safe
    30, and lone surrogates (invalid UTF-16 a JSON update can carry) replaced by U+FFFD.

    Linear in the length of the text: every later step (NFKC, triage, matching) then works
    on a bounded input.
    """
    if len(text) > MAX_TEXT_CHARS:
        text = text[:MAX_TEXT_CHARS]
    if text.isascii():
        return text
    text = _SURROGATE.sub("\ufffd", text)
    if len(text) > MAX_COMBINING_RUN:
        span, plane0, every = _combining_runs()
        text = (every if span.search(text) else plane0).sub(r"\1", text)
    return text


def _emoji_runs() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A character every emoji holds, and a run of the characters emoji are made of; an
    emoji never reaches outside such a run.

    Both are drawn a little wider than the emoji data (every emoji character above U+FFFF
    lies in U+1F000-U+1FAFF or the tag characters U+E0020-U+E007F, so those blocks are
    taken whole), which keeps them few ranges: a regex checks a long list of ranges one by
    one at every position, a block at once. Wider only means ``replace_emoji`` sees a little
    more text. Keycaps start with "#", "*" or a digit but always hold U+20E3.
    """
    keys = emoji.EMOJI_DATA
    firsts = {key[0] for key in keys if key[0] <= "\uffff" and not key[0].isascii()}
    parts = {ch for key in keys for ch in key if ch <= "\uffff"}
    joiners = {"\u200d", "\ufe0e", "\ufe0f", "\u20e3"}
    wide = "\U0001f000-\U0001faff\U000e0020-\U000e007f"

    def charset(chars: set[str]) -> str:
        return "[" + "".join(re.escape(ch) for ch in sorted(chars)) + wide + "]"

    return re.compile(charset(firsts | {"\u20e3"})), re.compile(charset(parts | joiners) + "+")


#: ``emoji.replace_emoji`` walks a text one character at a time in Python (about 1 ms per
#: 1,300 characters): it is given only the runs an emoji could be in, and only when the
#: text holds a character that starts one (regex scans, in C).
_EMOJI_START, _EMOJI_RUN = _emoji_runs()


def _without_emoji(run: re.Match[str]) -> str:
    found = run.group(0)
    return emoji.replace_emoji(found, replace=" ") if _EMOJI_START.search(found) else found


#: A new sentence's first words: an emoji before them ends the sentence before ("except i
#: didnt 😳 they keep getting bigger": the "didnt" is not about the swelling).
_SENTENCE_START = re.compile(r"\s*(?:i|im|ive|my|they|theyre|it|its|she|shes|he|hes|we|now)\b")


def _emoji_as_full_stop(run: re.Match[str]) -> str:
    """An emoji run that a new sentence follows, as a full stop; any other stays as it is
    (``clean`` drops it: "my lips 😳 are swelling" is one sentence)."""
    found = run.group(0)
    follows = run.string[run.end() :]
    if _EMOJI_START.search(found) and _SENTENCE_START.match(follows, 0) and found.strip():
        return ". "
    return found


@lru_cache(maxsize=256)
def clean(text: str) -> str:
    """Remove what a patient cannot see (zero-width characters, controls) and emoji."""
    text = unicodedata.normalize("NFKC", bounded(text))
    for symbol, word in _EMOJI_WORDS.items():
        text = text.replace(symbol, word)
    text = _INVISIBLE.sub("", text)
    if not text.isascii() and _EMOJI_START.search(text):  # most messages skip the scan
        text = _EMOJI_RUN.sub(_without_emoji, text)
    if text.isprintable():  # most texts, and every clause of a cleaned one
        return text
    return "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in text)


def fold_accents(text: str) -> str:
    """Strip combining marks so "café" and "cafe" agree; Cyrillic letters keep their base."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("ß", "ss").replace("ø", "o").replace("æ", "ae").replace("œ", "oe")


#: Texts whose normal form is kept: every clause and message of a burst of long messages, so
#: one message's callers share the work. Not every phrasing of every language (~20,000, as
#: 65,536 did, to spare a second responder's build ~0.6 s): a serving bot filled that with
#: the messages it read and grew ~26 MB over 15,000 distinct ones, never given back.
RECENT_NORMALISED = 4096


@lru_cache(maxsize=RECENT_NORMALISED)
def normalise(text: str) -> str:
    """Lowercase words with slang expanded and punctuation gone: the form every matcher uses.

    Cached: one message is normalised by the empty check, triage, small talk and the matcher.
    """
    text = fold_accents(clean(text).casefold())
    text = _ELISION.sub(r"\1 ", text)
    text = _APOSTROPHES.sub("", text)
    text = _NON_WORD.sub(" ", text).replace("_", " ")
    text = _REPEATS.sub(r"\1\1", text)
    words = [_WORDS.get(word, word) for word in text.split()]
    text = " ".join(words)
    text = _TWO_AS_TO.sub("to ", text)
    text = _PHRASE_PATTERN.sub(lambda m: _PHRASES[m.group(0)], text)
    return " ".join(text.split())


def split_clauses(text: str, language: str | None = None) -> list[str]:
    """Split at sentence punctuation, commas and "but"-like words, where meaning turns.

    Negation and hypotheticals rarely cross these boundaries: in "no fever but pus coming
    out" the "no" belongs to the fever alone. ``language`` picks that language's "but"
    words; without it (and for English) every known language's are used.

    Cached: triage splits a message, then each of its clauses again per candidate language
    and per stage (the hindsight check, the net's context), so one message asks for the same
    split hundreds of times; each is worked out once.
    """
    return list(_clauses(text, language))


@lru_cache(maxsize=4096)
def _clauses(text: str, language: str | None) -> tuple[str, ...]:
    text = _ready_to_split(text)
    if _BREAK_PUNCTUATION.search(text) is None:  # only a turning word can break it
        pattern = _TURN_BREAKS.get(language or "", _TURN_BREAK)
    else:
        pattern = _CLAUSE_BREAKS.get(language or "", _CLAUSE_BREAK)
    parts = pattern.split(text)
    return tuple(part.strip() for part in parts if part and part.strip())


@lru_cache(maxsize=128)
def _ready_to_split(text: str) -> str:
    """``text`` cleaned, an emoji before a new sentence read as a full stop: the same for
    every language's split, so worked out once per text. Triage splits a message once per
    language it may be in, and the hindsight check each clause in all six languages; the
    emoji pass and ``clean`` (whose cache is small) were repeated each time (issue 16).
    128 texts hold one long message's clauses between its languages' passes, and at most
    ~2 MB (issue 17)."""
    if not text.isascii() and _EMOJI_START.search(text):
        text = _EMOJI_RUN.sub(_emoji_as_full_stop, text)
    return clean(text)


@lru_cache(maxsize=8)
def _stemmer(language: str) -> snowballstemmer.stemmer:
    found = snowballstemmer.stemmer(_STEMMERS.get(language, "english"))
    if hasattr(found, "maxCacheSize"):
        # PyStemmer's own cache (10,000 words, a list apiece) repeats ``stem``'s and gives
        # every full garbage collection 10,000 more objects per language to walk.
        found.maxCacheSize = 0
    return found


@lru_cache(maxsize=65536)
def stem(word: str, language: str = "en") -> str:
    """Snowball stem of one normalised word, so "swallowing" and "swallowed" agree."""
    return str(_stemmer(language).stemWord(word))


def is_meaningful(text: str) -> bool:
    """True when the message holds at least one letter or digit after cleaning."""
    return bool(normalise(text))
