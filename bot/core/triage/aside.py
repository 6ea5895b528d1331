"""An aside that hands over information ("in case it matters", "por si acaso te cuento"),
cut before a clause's hypothetical cues are read, in six languages.

"In case", "por si", "falls", "au cas où", "nel caso" and "caso" open a hypothetical ("in
case my lid drops, who do I call?"), so a sign after them is asked about, not reported. The
same words also open an aside whose "case" is the reader's need of the news, not the sign:
"falls das wichtig ist: meine Lippen schwellen gerade an", "nel caso servisse: mi si stanno
gonfiando le labbra". There the sign is reported, and the aside must not make it a mention.
When English writes a comma after the aside, the clause break already keeps it apart;
without one (or with a colon), only this reader does.

The aside is recognised by what its "case" is about: the news mattering, helping, being
relevant, or the reader wanting it ("in case you need to know", "por si te sirve", "falls es
hilft", "au cas où ça compte", "caso interesse"). A hypothetical sign never has that shape.
"""

from __future__ import annotations

import re

#: By language (normalised: no accents or apostrophes): the whole aside.
_ASIDE: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"\b(?:just )?in case (?:it|this|that|its|thats) (?:matters|helps|is relevant|is important"
        r"|makes a difference|is useful|counts)\b"
        r"|\b(?:just )?in case (?:you|u) (?:need|want|wanted|needed) (?:to know|it)\b"
    ),
    "es": re.compile(
        r"\bpor si (?:acaso )?(?:te |les |le |os )?(?:sirve|importa|ayuda|interesa|cuento"
        r"|comento|aviso|digo|es importante|es relevante|hace falta|lo necesitas|lo necesitan)\b"
        r"|\bpor si acaso te (?:lo )?(?:cuento|comento|digo|aviso)\b"
    ),
    "de": re.compile(
        r"\b(?:nur )?falls (?:das|es|dies) (?:\w+ )?(?:wichtig|relevant|hilft|hilfreich|eine rolle"
        r" spielt)(?: ist| sein sollte| sein)?\b"
        r"|\bfalls (?:ihr|sie|du) (?:das|es) wissen (?:musst|musst|mussen|wollt|wollen|willst)\b"
    ),
    "fr": re.compile(
        r"\bau cas ou (?:ca|cela|c) (?:compte|aide|serve|servirait|sert|est important"
        r"|a de l importance|interesse|change quelque chose)\b"
        r"|\bau cas ou (?:vous|tu) (?:voudriez|voudrais|auriez besoin|aurais besoin)"
        r"(?: de le savoir)?\b"
    ),
    "it": re.compile(
        r"\bnel caso (?:(?:vi|ti|le|gli) )?(?:servisse|serva|possa servire|interessi|interessasse"
        r"|sia utile|fosse utile|sia importante|fosse importante|conti|contasse)\b"
        r"|\bse (?:vi |ti |le )?(?:puo servire|serve saperlo|puo essere utile)\b"
    ),
    "pt": re.compile(
        r"\bcaso (?:(?:vos|te|lhe|lhes) )?(?:interesse|ajude|sirva|seja importante|seja relevante"
        r"|faca diferenca|precisem de saber|precise de saber)\b"
        r"|\bse (?:for|fizer) (?:importante|diferenca|relevante)\b"
    ),
}


def without_aside(text: str, language: str) -> str:
    """``text`` (a normalised clause) with an aside that hands over information, so that
    its hypothetical cues read only what is asked (see the module doc). The English rules
    read every message (their cues pool the other languages'), so they cut every aside."""
    asides = (
        _ASIDE.values() if language == "en" else [_ASIDE[language]] if language in _ASIDE else []
    )
    for aside in asides:
        text = aside.sub(_held, text)
    return text


def _held(found: re.Match[str]) -> str:
    """The aside's words, each held by a placeholder: the clause keeps its word count, so a
    cue found after it keeps its position among the clause's words."""
    return " ".join("qqaside" for _ in found.group(0).split())
