"""Whether a clause *reports* a symptom, read with the triage rules' own context cues.

The model sees meaning but not scope: "my throat is not swelling" and "is swelling" look
alike to it. Before the safety net escalates on the model's word, the clause it fired on
must pass the same checks the rules apply: no negation, no hypothetical or information
question, not someone else's past, not a general question. Idioms are removed earlier, by
the model itself, with the knowledge's ``ignore_phrases``.

The cues are the rules' per-language ``ContextRules`` (``bot.core.triage.context``, public),
read through the triage module's public predicates, so the net and the rules never disagree
about what a clause says.
"""

from __future__ import annotations

import re
from typing import Literal

from bot.core.text import normalise
from bot.core.triage.context import rules_for
from bot.core.triage.detector import is_general_question, is_someone_elses_past
from bot.core.triage.romance import reword, without_inability

Reading = Literal[
    "affirmed", "negated", "hypothetical", "story", "general_question", "reassured", "idiom"
]

# "i can swallow fine, breathe fine", "puedo respirar bien": a function reported as working.
# The rules need no such cue (their phrasings hold the problem word); the model reads
# "swallow" + "breathe" alone. Not "normal" or "ok": "is it normal that i cant swallow"
# reports the symptom. A negated reassurance ("no puedo respirar bien") is negated first.
_REASSURED = re.compile(
    r"\b(?:fine(?! lines?\b)|all good|no problems?|no issues?|no trouble|perfectly"
    r"|bien|sin problemas?|gut|problemlos|ohne probleme|sans probleme|bene|senza problemi"
    r"|bem|sem problemas?"
    # the everyday "all fine" of each language ("atmen und schlucken passt alles")
    r"|passt|klappt|alles (?:gut|bestens|ok|okay|prima)|einwandfrei|tout va bien|nickel"
    r"|impeccable|todo (?:bien|ok|perfecto)|perfecto|perfectamente|tutto (?:ok|bene|a posto)"
    r"|benissimo|a posto|tudo (?:bem|certo|ok)|perfeitamente|otimo"
    # "completely normal" as a statement (not "is it normal that ...")
    r"|(?:vollig|ganz|total|absolut|totalmente|completamente|perfectamente|tout a fait) normal\w*"
    r"|normalissimo|normalmente"
    # a function the patient says works as usual: "respiro normal", "engulo normal" (not the
    # infinitive: "no puedo respirar normal", read without its inability, is a symptom)
    r"|(?:respiro|respirando|trago|tragando|engulo|engolindo|deglutisco|hablo|falo|parlo)"
    r" (?:(?:super|muy|bem|tudo|todo|del tutto) )?normal[e]?"
    # a list of functions summed up as all normal: "avaler, parler, respirer: tout est
    # normal", "deglutire, respirare: tutto normale" (the clause ends there: not "tout est
    # normal ?" asked, not "tout est normal sauf ...")
    r"|(?<!\bis )(?<!\bist )(?<!\bque )(?<!\bse )(?<!\bsi )"
    r"(?:all|everything|everythings|todo|tout|alles|tutto|tudo)(?: (?:is|s|seems|looks|est"
    r"|semble|e|ist|scheint|esta|parece|sembra|sono|va|totally|completely|perfectly|ganz"
    r"|vollig|del tutto|bien|bem|muy|molto))* (?:normal|normale|normali|normaux)$)\b"
)


# A clause that only names a function or part and says it is fine, in everyday words:
# "swallowing's grand", "my breathing is ok", "throat no bother", "voice all good". The
# whole clause is the sign and its state, so nothing else in it can be the symptom; a
# question ("is my breathing ok") is not one ("is" may not lead).
_ALL_WELL = re.compile(
    r"^(?!(?:is|are|am|does|do|can|could|will|would|should|how|what|whats|why)\b)"
    r"(?:(?:and|but|also|so|oh|yeah|otherwise|my|the|me|his|her) )*\w+(?: \w+)? "
    r"(?:(?:is|are|s|feels?|feeling|seems?|still|all|totally|completely|perfectly|absolutely"
    r"|just|really|pretty|grand|and) )*"
    r"(?:grand|fine|ok|okay|alright|all right|normal|sound|spot on|perfect|no bother|all good"
    r"|no bother at all|grand so|not a bother|unaffected|not affected)$"
)


# French "ne ... plus/pas" on what a body does is the symptom ("je ne respire plus", "je
# n'avale plus rien"), while on a sign it is gone ("ma paupière ne tombe plus"): the
# half-negation "ne" negates only the second.
_LOST_FUNCTION = re.compile(
    r"\bn(?:e)? (?:me |m )?(?:respire|avale|parle|vois|mange|bois|tiens|marche|bouge|ferme"
    r"|sens|arrive|peux|ouvre|reussis|parviens|entends|articule)\b"
    # "je n'ai plus de force dans les bras", "n'ai plus de voix": a strength or sense lost
    r"|\bn (?:ai|a) (?:plus|pas) (?:de |d )?(?:force|forces|energie|voix|souffle|air|sensations?"
    r"|prise|equilibre|controle)\b"
)


def read_clause(clause: str, language: str = "en") -> Reading:
    """How a clause speaks of whatever symptom it holds, by ``language``'s rules."""
    rules = rules_for(language)
    text = reword(normalise(clause), rules.language, rules.negations)
    text = " ".join(rules.not_negations.sub(" ", text).split())
    if rules.idioms is not None and rules.idioms.search(text):
        return "idiom"  # "mir bleibt die Luft weg", "j'ai un peu l'air fâchée"
    if rules.hypothetical.search(text):
        return "hypothetical"
    if is_someone_elses_past(text, rules):
        return "story"
    if is_general_question(text, rules):
        return "general_question"
    # "sem conseguir respirar", "no mastico bien": negations that belong to the symptom
    text = without_inability(text)
    words = text.split()
    if any(word in rules.negations for word in words) or (
        any(word in rules.weak_negations for word in words) and not _LOST_FUNCTION.search(text)
    ):
        return "negated"
    if (
        _ALL_WELL.match(text)
        or _REASSURED.search(text)
        or (rules.improving is not None and rules.improving.search(text))
    ):
        return "reassured"  # also the language's "the pain is getting weaker"
    return "affirmed"
