"""A long-standing condition told before a question about having the treatment (English).

"ive always had a bit of trouble swallowing, should i have mentioned that", "had swallowing
issues since a stroke years ago, can i still have tox", "i have ME and get weak muscles
anyway, should i tell the clinic" (that "anyway", not the one that changes the subject): the
patient gives their medical history and asks whether it matters for the treatment, which the
FAQ on other conditions answers. Nothing in the message may say the sign is new or changed
("worse", "since the botox", "now", "today"): a history that has changed is a report again,
at its own level.
"""

from __future__ import annotations

import re

from bot.core.text import normalise

_LONG_STANDING = re.compile(
    r"\b(?:always (?:had|have|been|get|got|struggled|suffered)|(?:have|ive|i ve) always"
    r"|all my life|my whole life|since (?:i was (?:a )?(?:kid|child|baby|born|little|young|teen\w*)"
    r"|birth|childhood|(?:a|my|the) (?:stroke|accident|operation|surgery|op|illness|diagnosis)"
    r"|years)|for (?:years|ages|a long time)|years ago|(?:get|have|had|got) (?:\w+ ){1,3}anyway"
    r"|chronic|long ?standing"
    r"|diagnosed with|i have (?:me|ms|mnd|myasthenia|als|parkinsons|cfs|fibromyalgia|lupus|eds))\b"
)
_ASKS_ABOUT_TREATMENT = re.compile(
    r"\b(?:should i (?:have )?(?:mention\w*|told|tell|say|let)"
    r"|do i (?:need|have) to (?:tell|mention)"
    r"|(?:can|could|should) i (?:still )?(?:have|get|go ahead)|does (?:it|that|this) matter"
    r"|(?:is|would) (?:it|botox|tox|that) (?:be )?(?:ok|okay|safe|a problem|an issue)"
    r"|will (?:it|that|botox|tox) (?:affect|matter))\b"
)
_CHANGED = re.compile(
    r"\b(?:worse|worsening|new|now|suddenly|today|tonight|this morning|right now|different"
    r"|changed|getting|(?:since|after) (?:the |my |having |having my )?(?:botox|tox|injections?"
    r"|jabs?|treatment|appointment|lip flip|flip|procedure|session|masseters?|it was done))\b"
)


def tells_history(text: str) -> bool:
    """Whether ``text`` tells a long-standing condition and asks whether it matters for the
    treatment, with nothing saying it is new or changed (see the module doc)."""
    normal = normalise(text)
    return (
        _LONG_STANDING.search(normal) is not None
        and _ASKS_ABOUT_TREATMENT.search(normal) is not None
        and _CHANGED.search(normal) is None
    )
