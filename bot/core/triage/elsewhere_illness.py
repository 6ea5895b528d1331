"""Someone else's everyday illness, told while the patient asks about their own care.

"My baby has a fever, can I still go to my appointment?" and "my daughter has chickenpox
spots, can I come in for my top up?" name an urgent sign (fever, a rash), but the sign is a
child's or a partner's ordinary illness, not a complication of anyone's treatment: the
patient asks about their own booking, and the FAQ answers that.

The reading is narrow, because a third party's complication is still ours to escalate:

* urgent signs only: someone else's emergency ("my son is choking", "my mum cant breathe")
  always escalates, whoever has it;
* the clause of the sign has someone else as its subject ("my baby", "my husband", "she"),
  and the patient is not in it ("i", "me", "my face");
* no one else in the message had a treatment ("my mum had botox tuesday and her eyelid is
  drooping" is her complication: it escalates);
* the patient asks about their own appointment or treatment ("can i still go", "my
  appointment", "reschedule", "cancel").

English only: the other languages keep escalating such messages until their words are here.
"""

from __future__ import annotations

import re

from bot.core.text import normalise

_SOMEONE = re.compile(
    r"\b(?:my|our) (?:baby|babies|toddler|kids?|children|child|little one|little boy|little girl"
    r"|boy|girl|son|daughter|husband|hubby|wife|partner|other half|mum|mom|mother|dad|father"
    r"|sister|brother|friend|mate|flatmate|housemate|roommate|nan|gran|grandma|grandad"
    r"|grandpa|boyfriend|girlfriend|bf|gf|fiance|fiancee|dog|cat|puppy|family|household)s?\b"
    r"|^(?:she|he|they)\b|\b(?:the kids|the baby|everyone at home|whole family)\b"
)
_ME = re.compile(
    r"\b(?:i|im|ive|id|ill|me|myself|mine)\b|\bmy (?:\w+ )?(?:face|forehead|skin|eyes?|eyelids?"
    r"|lids?|lips?|cheeks?|brows?|eyebrows?|chest|throat|head|jaw|neck|arms?|legs?|tongue)\b"
)
_TREATED = re.compile(
    r"\b(?:had|has had|got|getting|did|done|after|since)\b(?: \w+){0,4}? "
    r"(?:botox|tox|toxin|jabs?|injections?|filler|lip flip|treatment|11s|forehead done"
    r"|crows feet)\b"
)
_OWN_CARE = re.compile(
    r"\b(?:can|could|should|shall|do|will|am|may) i\b|\bok for me\b|\bfor me to\b"
    r"|\bmy (?:appointment|appt|booking|treatment|botox|tox|review|top ?up|follow ?up|session"
    r"|jabs?)\b|\breschedul\w*|\bcancel\w*|\bpostpone\w*|\bmove my\b|\bcome in\b"
    r"|\bstill (?:go|come|have|get)\b"
)


def someone_elses_illness(level: str, clause: str, text: str) -> bool:
    """Whether an ``level`` hit in ``clause`` is someone else's everyday illness, told while the
    patient asks about their own care in ``text`` (see the module doc)."""
    if level != "urgent":
        return False
    told = normalise(clause.split(" / ")[0])
    if not _SOMEONE.search(told) or _ME.search(_SOMEONE.sub(" ", told)):
        return False
    message = normalise(text)
    others = [part for part in re.split(r"[.,;!?\n]| and | but ", text.lower()) if part.strip()]
    if any(_TREATED.search(normalise(part)) and not _ME.search(normalise(part)) for part in others):
        return False
    return _OWN_CARE.search(message) is not None
