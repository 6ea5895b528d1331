"""A face that droops with speech gone wrong: the signs of a stroke, an emergency in anyone.

A drooping mouth or face alone is the urgent U5 (toxin that reached a muscle it should not);
with speech that comes out garbled, slurred or makes no sense beside it, it is what every
stroke campaign teaches (face, arms, speech: call the emergency number), whoever has it and
whatever caused it (issue 14). The rules' speech phrasings are said in the first person ("I
can't speak properly"); a relative's speech is told from outside ("meine mutter redet total
wirres zeug", "non si capisce cosa dice", "no se le entiende lo que dice", "não consegue
falar direito", "my husband is talking nonsense"), so it is read here, in every shipped
language, and only beside a face droop the rules already found as a report (not a story,
not a fear, not denied). A speech word that is denied ("spricht ganz normal", "she's talking
fine") says nothing.
"""

from __future__ import annotations

import re

from bot.core.text import normalise

#: The flags whose hit is a face or mouth that droops.
FACE_DROOP_FLAGS = frozenset({"U5_functional_asymmetry"})

#: Speech gone wrong, as told of someone or of oneself (normalised: no accents).
#: A word between a speaking verb and how it sounds, not a denial ("redet nicht wirr").
_GAP = r"(?:(?!(?:nicht|kein|nie|not|pas|plus|no|nao|non|nunca|mai)\b)\w+ )"

_GARBLED_SPEECH = re.compile(
    r"\b(?:"
    # English
    r"(?:talking|talks|speaking|speaks|sounds) (?:total |complete |utter )?"
    r"(?:nonsense|gibberish|rubbish|funny|strange|weird|oddly|odd|drunk|slurred|garbled)"
    r"|slurr(?:ing|ed|s) (?:her|his|their|my)? ?(?:words|speech)"
    r"|(?:cant|can not|cannot|couldnt) (?:understand|make out) (?:a word|what (?:she|he|they))"
    r"|(?:speech|words) (?:is |are )?(?:all )?(?:slurred|garbled|jumbled|muddled|coming out wrong)"
    # German
    rf"|(?:redet|spricht|sprach|redete) {_GAP}{{0,3}}?(?:wirres zeug|wirr|undeutlich|unverstandlich"
    r"|verwaschen|lallend|komisch|seltsam|merkwurdig|durcheinander)"
    r"|lallt|man versteht (?:sie|ihn|nichts|kein wort)|versteht man (?:sie|ihn) nicht"
    # Italian
    rf"|parla {_GAP}{{0,2}}?(?:strano|strana|confuso|confusa|male|a fatica|impastato|impastata)"
    r"|non si capisce (?:cosa|quello che|niente|nulla)|biascica|farfuglia"
    # Spanish
    rf"|habla {_GAP}{{0,2}}?(?:raro|rara|extrano|extrana|mal|arrastrando|enredado|enredada)"
    r"|no se le entiende|arrastra las palabras|balbucea"
    # Portuguese
    rf"|fala {_GAP}{{0,2}}?(?:estranho|estranha|enrolado|enrolada|arrastado|arrastada|embolado"
    r"|embolada|mal)"
    r"|(?:nao|n) (?:consegue|conseguia) falar|(?:nao|n) se entende|enrola a lingua"
    # French
    rf"|parle {_GAP}{{0,2}}?(?:bizarre|bizarrement|bizarement|mal|confus|confusement|de travers)"
    r"|(?:on )?(?:ne )?(?:la|le) comprend (?:plus|pas|rien)|articule mal|bafouille"
    r"|(?:n )?arrive (?:plus|pas) a parler"
    r")\b"
)

#: A denial just before the speech words: "she is not talking nonsense", "redet nicht wirr".
_DENIED_BEFORE = re.compile(r"\b(?:not|isnt|nicht|kein|non|no|nao|pas|ne)(?: \w+){0,1} $")


def garbled_speech(text: str) -> str | None:
    """The words in ``text`` (a whole message) that say speech has gone wrong, affirmed, or
    None. Read beside a face droop the rules found, they make a stroke's signs."""
    normalised = normalise(text)
    for found in _GARBLED_SPEECH.finditer(normalised):
        if not _DENIED_BEFORE.search(normalised[: found.start()]):
            return found.group(0)
    return None


__all__ = ["FACE_DROOP_FLAGS", "garbled_speech"]
