"""Crisis words aimed at a thing, not at the patient's life (English).

"I don't see the point anymore" and "I just want to disappear" are a crisis (E5), and stay
one however they are asked. The same words with a treatment, a payment or a face line as
their object are not: "I don't see the point of paying for a top up if it wears off", "I
want these lines to disappear", "the bruise seems to disappear with concealer". This reader
lowers an E5 hit to a mention only when:

* the phrasing that found it is one of the open ones ("point", "disappear"), never a plain
  statement of harm ("kill myself", "want to die", "end it all");
* the clause aims it at a thing: "point of/in" a payment or treatment, or a face line, bruise
  or mark that is to "disappear";
* nothing in the message speaks of the patient's life, being here, or going on.
"""

from __future__ import annotations

import re

from bot.core.text import normalise

_CRISIS = "E5_mental_health_crisis"
_OPEN_WORDS = re.compile(r"\b(?:point|disappear)\b")

_THING = (
    r"(?:lines?|wrinkles?|frown\w*|crows feet|11s|elevens|creases?|bruis\w*|marks?|spots?|dots?"
    r"|bumps?|lumps?|swelling|redness|puffiness|results?|effect|botox|tox|filler)"
)
_AIMED = re.compile(
    r"\bpoint (?:of|in) (?:\w+ )?(?:paying|pay|spending|buying|booking|getting|having|doing"
    r"|coming|going back|another|more|a top ?up|top ?ups?|botox|tox|treatments?|the (?:review"
    r"|appointment|top ?up|treatment|clinic)|units?)\b"
    rf"|\b{_THING}\b(?: \w+){{0,3}}? disappear\w*"
    r"|\bdisappear\w* (?:with|under|behind) (?:\w+ )?(?:concealer|makeup|make up|foundation)\b"
)
_LIFE = re.compile(
    r"\b(?:life|living|alive|live|here anymore|be here|exist\w*|myself|me|anything|everything"
    r"|forever|for good|go on|going on|carry on|carrying on|die|dead|end it)\b"
)


def aimed_at_a_thing(flag_id: str, phrasing: str, clause: str, text: str) -> bool:
    """Whether an E5 hit (``phrasing`` in ``clause``) aims its words at a treatment, payment or
    face line in ``text``, not at the patient's life (see the module doc)."""
    if flag_id != _CRISIS or not _OPEN_WORDS.search(phrasing):
        return False
    told = normalise(clause.split(" / ")[0])
    if _LIFE.search(normalise(text)):
        return False
    return _AIMED.search(told) is not None
