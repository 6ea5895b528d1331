"""A red flag written at the end of a message near Telegram's 4,096-character limit still
escalates, in every language triage reads (issue 16: bounded work must never hide a red flag).

The model and the language identifier read only a bounded start of a message
(``MODEL_MAX_CHARS``, ``IDENTIFY_MAX_CHARS``); past it, finding a red flag is the rules' job
alone. Any future bound on the rules' work (a window, a clause gate) must keep this true, so
the flags and their wordings come from the shipped knowledge, not from this file: every
emergency flag, a few of its phrasings per language, each placed after about 4,000
characters of an everyday story in the same language.
"""

from __future__ import annotations

import pytest

from bot.core.knowledge import Knowledge
from bot.core.responder import Responder
from bot.core.text import MAX_TEXT_CHARS
from bot.core.triage.detector import TriageDetector

#: A harmless day out, one sentence per language, repeated to fill the message.
STORIES = {
    "en": "We went to the park and then had lunch with my sister. ",
    "de": "Wir waren im Park und haben danach mit meiner Schwester zu Mittag gegessen. ",
    "fr": "Nous sommes allés au parc puis nous avons déjeuné avec ma sœur. ",
    "es": "Fuimos al parque y luego comimos con mi hermana. ",
    "it": "Siamo andati al parco e poi abbiamo pranzato con mia sorella. ",
    "pt": "Fomos ao parque e depois almoçámos com a minha irmã. ",
    "ru": "Мы гуляли в парке, а потом обедали с сестрой. ",
}
#: Phrasings tried per flag and language (spread through each list): enough to vary the
#: wording, few enough for a loaded two-core machine.
PER_FLAG = 3


def _at_the_end(story: str, sign: str) -> str:
    """``sign`` as the last sentence of a message that fills Telegram's limit."""
    room = MAX_TEXT_CHARS - len(sign) - 2
    preface = (story * (room // len(story) + 1))[:room]
    preface = preface[: preface.rfind(". ") + 2]  # end on a whole sentence
    return f"{preface}{sign}."


def _phrasings(knowledge: Knowledge, language: str) -> list[tuple[str, str]]:
    chosen = []
    for flag in knowledge.red_flags:
        if flag.level != "emergency":
            continue
        phrasings = [p for p in flag.phrasings.get(language, ()) if "$" not in p]
        step = max(1, len(phrasings) // PER_FLAG)
        chosen.extend((flag.id, p) for p in phrasings[::step][:PER_FLAG])
    return chosen


@pytest.mark.parametrize("language", sorted(STORIES))
def test_an_emergency_at_the_end_of_4000_characters_escalates(
    responder: Responder, knowledge: Knowledge, language: str
) -> None:
    """Every phrasing that escalates after one sentence of story still escalates after
    4,000 characters of it; the story alone raises nothing. (Compared with one sentence,
    not with the phrasing alone: what the story's words mean to a sign is context, which
    is not this test's subject; its length is.)"""
    triage: TriageDetector = responder.triage
    story = STORIES[language]
    assert not triage.assess(story * 70).escalates, "the story alone must be harmless"
    tried = 0
    lost = []
    for flag_id, phrasing in _phrasings(knowledge, language):
        if triage.assess(f"{story}{phrasing}.").level != "emergency":
            continue  # read in the story's context as no report (context, not length)
        tried += 1
        text = _at_the_end(story, phrasing)
        assert len(text) > 3_900
        late = triage.assess(text)
        if late.level != "emergency":
            lost.append((flag_id, phrasing, late.level))
    assert tried >= 7, f"{language}: only {tried} phrasings escalate after one sentence"
    assert not lost, f"{language}: hidden by a long preface: {lost}"


@pytest.mark.parametrize("language", sorted(STORIES))
def test_the_reply_to_a_late_emergency_is_the_escalation(
    responder: Responder, knowledge: Knowledge, language: str
) -> None:
    """The whole responder (model, fusion, FAQ after it), not only the rules: the model
    reads the first 1,500 characters, the story, and must not talk the rules out of it."""
    for flag_id, phrasing in _phrasings(knowledge, language):
        if responder.triage.assess(f"{STORIES[language]}{phrasing}.").level == "emergency":
            reply = responder.respond(_at_the_end(STORIES[language], phrasing))
            assert (reply.kind, reply.level) == ("escalation", "emergency"), (flag_id, phrasing)
            return
    pytest.fail(f"{language}: no phrasing escalates after one sentence")
