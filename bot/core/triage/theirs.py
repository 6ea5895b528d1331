"""Somebody else's sign, in every shipped language: a friend's hives, a sister's droopy lid.

"a mi hermana le salió urticaria después del relleno, a mí nada", "el párpado caído era el de
mi amiga, no el mío", "minha amiga teve urticária", "mi hijo tiene ronchas por la varicela":
the sign is someone else's, and the patient asks about their own care. English had its own
readers (``is_someone_elses_past``, ``elsewhere_illness``); a word shared with English
("urticaria") was read by the English rules, which see no third party in a Spanish clause,
and the other languages' rules knew few past forms. This reader looks at the clause with
every language's third-party words and asks one of three things of the message:

* a story: the sign is told in a past or reported form ("le salieron", "era el de", "dice
  que", "teve", "hatte", "avait", "ha avuto"), and nothing says it goes on ("it keeps
  growing", "todavía", "immer noch");
* a contrast: the patient says it is not theirs or they are fine ("a mí nada", "no el mío",
  "ich nicht", "moi rien", "io niente", "eu nada", "mine's fine");
* an everyday illness that explains it (chickenpox, a hangover, tonsillitis, a cold).

Someone else's emergency still escalates unless it is both a story and contrasted with the
patient ("my mum cant breathe" is an emergency whoever has it); an urgent sign needs one of
the three. A clause where the patient is the subject is never someone else's.
"""

from __future__ import annotations

import re

from bot.core.text import normalise
from bot.core.triage.attributed import with_clause_before
from bot.core.triage.context import rules_for

_LANGUAGES = ("en", "es", "de", "fr", "it", "pt")

#: "the one of my friend": "el de mi amiga", "celle de ma sœur", "quella di mia sorella",
#: "a da minha irmã", "die von meiner Freundin", "bei meiner Kollegin".
_ONE_OF = re.compile(
    r"\b(?:(?:el|la|los|las) de (?:mi|mis|una?)|(?:celle|celui|ceux|celles) de (?:ma|mon|mes)"
    r"|(?:quell[aoei]|quelli) di (?:mia|mio|mie|miei)|(?:a|o|as|os) d[ao]s? (?:minha|meu)"
    r"|(?:die|der|das) von (?:meiner|meinem)|bei (?:meiner|meinem))\b"
)
#: Told as heard or past: reported speech and past forms the languages' own lists lack.
_TOLD = re.compile(
    r"\b(?:says|said|told|tells|dice|dijo|conto|cuenta|sagt|sagte|erzahlt|erzahlte|dit|disait"
    r"|raconte|diceva|detto|racconta|diz|disse|contou|era|eran|fue|fueron|estaba|tenia|tuvo"
    r"|eram|foi|teve|tinha|ficou|erano|aveva|avuto|war|hatte|hing|wurde|etait|avait|a eu"
    r"|\w{3,}(?:aron|ieron))\b"
)
#: The patient says it is not theirs, or that they are fine.
_NOT_MINE = re.compile(
    r"\b(?:a mi (?:nada|no)|no (?:el|la|los|las) mi[oa]s?|yo (?:estoy|me siento|ando)"
    r" (?:bien|perfect[ao]|genial|fenomenal)|(?:im|i am) (?:fine|ok|okay|good|grand)"
    r"|mine(?: s| is| are)? (?:fine|ok|okay|great|good|grand|perfect)|not mine|ich nicht"
    r"|bei mir (?:alles|nichts|ist alles)|mir geht es gut|moi rien|pas (?:la|le|les) mienn?e?s?"
    r"|moi (?:ca va|je vais bien)|io niente|non (?:la|il|le|i) mi[aeoi]|io sto bene|eu nada"
    r"|nao (?:a|o|as|os) minh?[ao]s?|eu estou (?:otima|otimo|bem)|comigo nada|a me niente)\b"
)
#: The patient in what is said after the other person: "told me my eyelid", "dice que tengo".
_ME_AFTER = re.compile(
    r"\b(?:my|me|i|im|ive|mine|mis|yo|tengo|estoy|mein\w*|mir|mich|ich|mon|mes|moi|je|j"
    r"|mio|miei|mie|io|ho|sono|meu|minha|meus|minhas|eu|estou|tenho)\b"
)
#: Ordinary illnesses that explain someone else's rash, headache or fever.
_EVERYDAY_ILLNESS = re.compile(
    r"\b(?:chicken ?pox|measles|hangover|hungover|tonsillitis|teething|nursery bug|a cold|flu"
    r"|varicela|sarampion|resaca|amigdalitis|guarderia|windpocken|masern|kater|kita"
    r"|mandelentzundung|varicelle|rougeole|gueule de bois|angine|creche|varicella|morbillo"
    r"|sbornia|tonsillite|asilo|catapora|sarampo|ressaca|amigdalite|creche|resfriad[oa]"
    r"|constipad[oa]|gripe|grippe|erkaltung|rhume|raffreddore|influenza)\b"
)


#: A treatment named: someone else's sign after it is a complication, unless contrasted.
_TREATED = re.compile(
    r"\b(?:botox|tox|toxin|filler|fillers|lip flip|relleno|preenchimento|inject\w*|inyecc\w*"
    r"|spritze\w*|iniezion\w*|aplicacao|tratamiento|behandlung|traitement|trattamento"
    r"|tratamento)\b"
)


def someone_elses_sign(level: str, clause: str, text: str) -> bool:
    """Whether a ``level`` hit in ``clause`` (raw, as ``FlagHit.clause`` holds it) is somebody
    else's sign in the message ``text`` (see the module doc)."""
    own = normalise(clause.split(" / ")[0])
    found = [rules_for(language).third_party.search(own) for language in _LANGUAGES]
    speakers = [language for language, match in zip(_LANGUAGES, found, strict=True) if match]
    ends = [match.end() for match in (*found, _ONE_OF.search(own)) if match is not None]
    if not ends:
        return False
    if any(rules_for(language).first_person_subject.search(own) for language in speakers):
        return False
    if _ME_AFTER.search(own[min(ends) :]):
        return False  # "my husband told me my eyelid is drooping": the patient's own sign
    message = normalise(text)
    going_on = any(rules_for(language).still_happening.search(message) for language in _LANGUAGES)
    story = not going_on and (
        _TOLD.search(own) is not None
        or any(rules_for(language).past_verb.search(own) for language in speakers)
    )
    contrast = _NOT_MINE.search(message) is not None
    if level == "emergency":
        return story and contrast
    if _TREATED.search(with_clause_before(own, text)):
        return contrast  # "my mum had botox, her lid droops": hers, to escalate
    return story or contrast or _EVERYDAY_ILLNESS.search(message) is not None
