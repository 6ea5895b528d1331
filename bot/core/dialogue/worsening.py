"""Whether a message says something has got worse, in any shipped language. Pure, like all
of core.

Just after a symptom's answer, such a message is triaged together with that symptom ("it's
got way worse" after the headache is a worsening headache; triage decides whether that is a
red flag). Lists of phrasings missed the next patient's words ("jetzt ist es richtig heftig
geworden ... tabletten helfen null" was no phrase of the German list), so the check reads
three word classes of ``dialogue.yaml``:

* a phrase of ``worse``, as written ("way worse", "breitet sich aus");
* a single word of ``worse`` in any inflection, by its stem in the message's language:
  "heftig" also says "heftiger", "empeora" also "empeoró", "peggiora" also "peggiorato";
* a remedy said not to work: a word of ``relief`` (any inflection) with a negation of the
  triage grammar at most ``RELIEF_REACH`` words before it ("o remédio não faz efeito",
  "nothing's touching it"), or after it in a language that puts its negations after the verb
  ("tabletten helfen null", "les cachets servent à rien"). Only there: in "o remédio ajudou e
  não está forte" the negation is the strength's, and the remedy helped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from bot.core.text import normalise, stem
from bot.core.triage.context import rules_for

#: A negation this many words before a word of relief (or after it, where negations follow
#: the verb) says the remedy fails ("nada me ayuda", "helfen null", "não faz efeito").
RELIEF_REACH = 3
#: Stems shorter than this are left out ("va"); so are message words shorter than
#: ``MIN_INFLECTED``, which only match a word of the list as written.
MIN_STEM = 3
MIN_INFLECTED = 5


@cache
def stems(words: tuple[str, ...], language: str) -> frozenset[str]:
    """The stems of the one-word entries of ``words`` (any inflection says the same)."""
    single = (normalise(w) for w in words)
    found = (stem(w, language) for w in single if w and " " not in w)
    return frozenset(s for s in found if len(s) >= MIN_STEM)


@cache
def negations(language: str) -> frozenset[str]:
    """The negations ``language``'s triage grammar knows, before the verb or after it."""
    rules = rules_for(language)
    return rules.negations | rules.post_negations


@cache
def negates_after(language: str) -> bool:
    """``language`` puts negations after the verb ("hilft nicht", "ne sert à rien")."""
    return bool(rules_for(language).post_negations)


def _negates(word: str, language: str) -> bool:
    """A negation ("not", "nada", "null"), also with a clitic s ("nothing's")."""
    known = negations(language)
    return word in known or (word.endswith("s") and word[:-1] in known)


def _remedy_fails(words: Sequence[str], relief: frozenset[str], language: str) -> bool:
    """A word of relief that a negation governs: before it, or after it where the language
    puts negations there."""
    after = RELIEF_REACH if negates_after(language) else 0
    for at, word in enumerate(words):
        if _inflected(word, relief, language):
            near = words[max(0, at - RELIEF_REACH) : at + after + 1]
            if any(_negates(other, language) for other in near):
                return True
    return False


def _inflected(word: str, wanted: frozenset[str], language: str) -> bool:
    return word in wanted or (len(word) >= MIN_INFLECTED and stem(word, language) in wanted)


def says_worse(
    text: str,
    *,
    phrases: Iterable[str],
    worse: Sequence[str],
    relief: Sequence[str],
    language: str,
) -> bool:
    """``text`` says something is getting worse. ``phrases``: the ``worse`` phrases of every
    language, normalised (a patient may mix them); ``worse`` and ``relief``: the message
    language's own words, read in any inflection."""
    norm = normalise(text)
    padded = f" {norm} "
    if any(f" {phrase} " in padded for phrase in phrases):
        return True
    words = norm.split()
    grown = stems(tuple(worse), language)
    if any(_inflected(word, grown, language) for word in words):
        return True
    return _remedy_fails(words, stems(tuple(relief), language), language)
