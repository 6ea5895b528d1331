"""A sign's word inside the name of something else, cut before any phrasing is looked for.

Some everyday names hold the word of a red flag without the sign: a cold sore is a "fever
blister", a "calentura en el labio", a "bouton de fièvre", "febbre sul labbro", a "bolha de
febre"; hay fever is "fiebre del heno", "rhume des foins", "febbre da fieno", "febre dos
fenos". Neither is a fever, nor a complication of the treatment (a cold sore is out of
scope for triage, as hay fever is an allergy of old). In English a word that qualifies a
garment or the nose is not the throat's: "can i wear a tight top" after "had my neck done",
"blocked nose" after "my throat is scratchy" put the throat and the tightness in two
clauses, and a two-clause phrasing ("$throat $closing") joined them.

The names are pooled over the shipped languages (normalised: no accents), since they are
distinctive, and the English rules read every message. Only the name goes: a real fever said
beside it ("cold sore and a fever of 39") is still read.
"""

from __future__ import annotations

import re

#: A cold sore, in six languages.
_COLD_SORE = (
    r"fever blisters?|cold sores?|calenturas? (?:\w+ )?(?:en|del?) (?:el |los |mi |mis )?labios?"
    r"|fuegos? (?:en|del?) (?:el |los |mi |mis )?labios?|herpes labial|boutons? de fievre"
    r"|febbre (?:sul|del|al|nel) labbro|febbri? labiali?|bolhas? de febre"
    r"|febre (?:no|do|nos|dos) labios?|fieberblas\w*"
)
#: Hay fever, in six languages (the English "hay fever's" normalises to "hay fevers").
_HAY_FEVER = (
    r"hay ?fevers?|fiebre del heno|rhume des foins|febbre da fieno|febre dos fenos"
    r"|febre do feno"
)
#: A tightness or blockage that belongs to a garment or the nose, not to the throat.
_ELSEWHERE = (
    r"(?:tight|tighter|snug)(?= (?:fitting )?(?:tops?|shirts?|t shirts?|collars?|jumpers?"
    r"|polo necks?|roll necks?|turtle ?necks?|dress(?:es)?|clothes|necklaces?|chokers?|scarf"
    r"|scarves|jeans|bras?|ties?|hoodies?)\b)"
    r"|(?:blocked|stuffy|bunged up|congested)(?= (?:up )?(?:nose|sinus\w*|ears?)\b)"
)
_NAMES = re.compile(rf"\b(?:{_COLD_SORE}|{_HAY_FEVER}|{_ELSEWHERE})\b")


def without_other_names(text: str) -> str:
    """``text`` (a normalised clause) without the names of other things that hold a sign's
    word (see the module doc)."""
    return _NAMES.sub(" ", text)
