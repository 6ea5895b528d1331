"""Someone else's event, told by the patient: what in the clause is the patient's own and
which past forms tell it (issues 12, 14).

``is_someone_elses_past`` reads a clause as a story when it names a third party, a past verb
and nothing of the patient's own happening now. Two things hid such stories:

- The patient's own part of the clause is only a feeling about the story ("my mates piercing
  got pus in it last month and now im paranoid", "fiquei com medo") or the patient as the
  one who was told ("ma cousine m'a dit qu'elle ...", "mi prima me dijo que ..."): neither
  is a sign of the patient's, so ``without_own_feeling`` cuts them before the clause is read.
- The past verbs were short lists, so a verb outside them ("meu marido engasgou", "mi marido
  se atraganto", "mio marito si è strozzato", "my husband choked") was read as now. When
  the message says it is over (``said_over``: "ja passou", "it's passed"; not otherwise: "my
  mum choked on a sweet and cant breathe" is now), ``told_in_past`` reads each language's
  regular past forms too: English "-ed", the
  Portuguese preterite ("-ou", "-eu", "-iu"), a reflexive preterite in Spanish ("se ...o"),
  Italian and French reflexive perfects ("si è ...ato", "s'est ...é") and German perfects
  ("hat sich ... verschluckt", "hat ... gehabt").

Only the third-party reading uses these: the patient's own past ("i choked yesterday") has a
first-person subject and is read as before, and someone's collapse, or anything said to be
happening now ("still", "agora", "jetzt"), is never a story (``is_someone_elses_past``).
"""

from __future__ import annotations

import re

from bot.core.triage.over import any_of as _any

#: The patient's feeling about what they were told, or the patient as its listener.
_OWN_FEELING: dict[str, re.Pattern[str]] = {
    "en": _any(
        r"(?:and |but |so )?(?:now )?(?:im|i am|i m|i feel|ive been|i was|i got|i get)"
        r" (?:so |really |a bit |bit |kinda |kind of |totally |super |very |abit |lowkey )?"
        r"(?:paranoid|terrified|scared|worried|nervous|anxious|freaked out|freaking out"
        r"|panicking|panicky|stressed|stressing|worrying|concerned|afraid|spooked|shook|shaken)",
        r"(?:and |but |so )?(?:it |that |this )?(?:scared|freaked|spooked|worried|terrified"
        r"|frightened|panicked) (?:me|the life out of me|the hell out of me)(?: out)?",
    ),
    "es": _any(
        r"(?:y |pero )?(?:ahora )?(?:me (?:asuste|asusta|preocupa|preocupe|da miedo|dio miedo"
        r"|entro miedo|quede con miedo)|tengo miedo|estoy (?:\w+ )?(?:asustad[ao]|preocupad[ao]"
        r"|nervios[ao]|paranoic[ao]|rayad[ao]))",
        r"me (?:dijo|conto|explico|escribio|comento) que",
    ),
    "de": _any(
        r"(?:und |aber )?(?:jetzt )?(?:ich )?(?:hab|habe) (?:mich )?(?:\w+ )?(?:erschrocken"
        r"|angst|panik|sorge)|ich bin (?:\w+ )?(?:besorgt|erschrocken|beunruhigt|paranoid|nervos)"
        r"|(?:ich )?mach(?:e)? mir (?:\w+ )?sorgen",
        r"(?:hat|hatte) mir (?:\w+ )?(?:erzahlt|gesagt|geschrieben)|erzahlte mir|sagte mir",
    ),
    "fr": _any(
        r"(?:et |mais )?(?:maintenant )?(?:j ai (?:eu )?(?:\w+ )?peur|ca m a fait peur"
        r"|je suis (?:\w+ )?(?:inquiete?|angoissee?|paranoiaque|stressee?|flippee?)"
        r"|j (?:ai|avais) (?:\w+ )?flippe|je flippe)",
        r"m (?:a|avait) (?:\w+ )?(?:dit|raconte|explique|ecrit)",
    ),
    "it": _any(
        r"(?:e |ma )?(?:ora |adesso )?(?:mi sono (?:\w+ )?spaventat[oa]|ho (?:\w+ )?paura"
        r"|sono (?:\w+ )?(?:preoccupat[oa]|spaventat[oa]|in ansia|paranoic[oa])"
        r"|mi (?:preoccupa|spaventa))",
        r"mi ha (?:\w+ )?(?:detto|raccontato|scritto|spiegato)|mi diceva",
    ),
    "pt": _any(
        r"(?:e |mas )?(?:agora )?(?:fiquei (?:\w+ )?(?:com medo|assustad[oa]|preocupad[oa]"
        r"|nervos[oa])|estou (?:\w+ )?(?:com medo|assustad[oa]|preocupad[oa]|paranoic[oa])"
        r"|tenho medo)",
        r"me (?:disse|contou|falou|explicou|escreveu) que",
    ),
}

#: Each language's regular past forms (normalised: no accents), read with a third party.
_PAST_FORM: dict[str, re.Pattern[str]] = {
    # Not "-eed" ("need", "bleed") nor the treatment told ("injected", "treated", "booked").
    "en": re.compile(
        r"\b(?!(?:injected|treated|booked|filled|tweaked|topped|jabbed|needed|used|supposed"
        r"|worried|scared|concerned|married|related|qualified|aged|based|interested)\b)"
        r"\w{2,}[a-df-z]ed\b"
    ),
    "pt": re.compile(
        r"\b(?!(?:estou|sou|vou|dou|tou|ou|meu|seu|teu|eu|ceu|deu|judeu|europeu)\b)"
        r"\w{2,}(?:ou|eu|iu)\b"
    ),
    "es": re.compile(r"\bse \w{3,}o\b|\b\w{3,}(?:aron|ieron)\b|\bha \w{3,}(?:ado|ido)\b"),
    "it": re.compile(r"\b(?:si|gli|le) e \w{3,}(?:at|ut|it)[oaie]\b"),
    "fr": re.compile(r"\bs est \w{3,}(?:e|ee|es|ees|i|ie|u|ue)\b"),
    "de": re.compile(r"\b(?:hat|hatte) (?:sich )?(?:\w+ ){0,5}(?:ge\w+t|ver\w+t|er\w+t)\b"),
}


#: The message says what happened is over: "its passed", "ja passou", "ya pasó", "è passato",
#: "c'est passé", "ist schon vorbei", "she's fine now" (normalised).
_SAID_OVER = re.compile(
    r"\b(?:(?:its|it s|it is|it has|it) (?:all )?(?:passed|over now|all over)|ja passou"
    r"|ya (?:se le )?paso|e (?:gia )?passato|c est passe|(?:ist )?schon vorbei"
    r"|ist (?:wieder )?vorbei|(?:fine|ok|okay|better|alright) now|ja esta bem|ya esta bien"
    r"|sta bene adesso|va mieux|geht (?:es|s) (?:ihr|ihm) (?:wieder )?gut)\b"
)


def said_over(message: str) -> bool:
    """Whether ``message`` (normalised) says what happened is over (see ``_SAID_OVER``)."""
    return _SAID_OVER.search(message) is not None


def without_own_feeling(text: str, language: str) -> str:
    """``text`` (a normalised clause) without the patient's feeling about someone else's event
    and without the patient as its listener (see the module doc)."""
    pattern = _OWN_FEELING.get(language)
    return text if pattern is None else " ".join(pattern.sub(" ", text).split())


def told_in_past(text: str, language: str) -> bool:
    """Whether ``text`` (a normalised clause) holds a regular past form of ``language``."""
    pattern = _PAST_FORM.get(language)
    return pattern is not None and pattern.search(text) is not None


__all__ = ["said_over", "told_in_past", "without_own_feeling"]
