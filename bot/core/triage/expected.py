"""Signs that aftercare-facts calls expected of the treatment named, not red flags (English).

* After a lip flip or lip treatment, "some words sound different" is routine (3.27, and E3's
  "not on its own"): a speech hit (E3) on a message that names the lip treatment, says the
  change is slight or limited to some sounds, and names no slurring, no voice change and no
  breathing or swallowing trouble, is the FAQ's lip-flip answer, not an emergency.
* A brow that has dropped is U1 only when it obstructs vision or the eyelid itself droops
  (3.26): a brow hit on a message that says the eyes open fine is the heavy-brow answer.

Each is read on the whole message, since the treatment and the reassurance are often in
another clause than the sign.
"""

from __future__ import annotations

import re

from bot.core.text import normalise
from bot.core.triage.mild import LIP_TREATMENT

_SPEECH = "E3_breathing_speaking"
_DROOP = "U1_eyelid_brow_droop"

#: The lip treatment is the one ``mild`` reads for dribbling after a lip flip.
_LIP_TREATMENT = LIP_TREATMENT["en"]
_SLIGHT = re.compile(
    r"\b(?:a (?:bit|little|tiny bit|touch)|slightly|tiny bit|certain (?:words|sounds|letters)"
    r"|some (?:words|sounds|letters)|(?:p|b|m|w)s?(?: and (?:p|b|m|w)s?)? sounds?)\b"
)
_NOT_THE_LIP = re.compile(
    r"\b(?:slur\w*|voice (?:\w+ )?(?:gone|changed|hoarse|croaky|different|weird|strange|lost)"
    r"|hoarse|croaky|breath\w*|swallow\w*|choking|tongue|drunk)\b"
)
_EYES_FINE = re.compile(
    r"\beyes? (?:(?:open|opens|opening|are|is|feel|look|both) )?(?:totally |completely |all )?"
    r"(?:fine|ok|okay|normal|normally|alright|all good|no problem)\b"
    r"|\b(?:vision|sight|eyelids?|lids?) (?:is |are )?(?:fine|ok|okay|normal|unaffected)\b"
    r"|\bcan (?:still )?(?:open my eyes?|see) (?:fine|ok|okay|normally|properly)\b"
)


def expected_of_treatment(flag_id: str, phrasing: str, text: str) -> bool:
    """Whether the hit (``flag_id`` by ``phrasing``) is the expected effect the message's
    treatment and wording describe (see the module doc)."""
    normal = normalise(text)
    if flag_id == _SPEECH:
        return (
            _LIP_TREATMENT.search(normal) is not None
            and _SLIGHT.search(normal) is not None
            and _NOT_THE_LIP.search(normal) is None
            and "$speak" in phrasing
        )
    if flag_id == _DROOP:
        return "$brow" in phrasing and _EYES_FINE.search(normal) is not None
    return False
