"""The labelled sentences the understanding model learns from, and their fingerprint.

Everything comes from the knowledge the bot runs with, so a clinic's edit changes the
fingerprint and the model retrains:

* FAQ head: every entry's title and questions (``faq.yaml`` and ``knowledge/lang/*.yaml``),
  seed questions in languages without a pack yet, many out-of-scope messages, and the FAQ's
  border (``domain_examples.yaml``: near-topic messages on both sides of it);
* red-flag head: every flag's phrasings in every language (``$concept`` slots filled in with
  the concept's words), placed in a few carrier sentences so short phrasings look like real
  messages, and about 1,200 realistic labelled patient messages (``labelled_messages.yaml``,
  copied from ``tests/data`` by ``scripts/build-training-data``); negatives are FAQ
  questions, out-of-scope messages, the labelled sets' benign and FAQ messages, and written
  hard negatives (negated, hypothetical, someone else's past, idioms, mild expected effects).
"""

from __future__ import annotations

import bisect
import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from bot.core.knowledge import Knowledge
from bot.core.understanding.language import detect_language

#: Class label for messages the FAQ does not cover.
OUT_OF_SCOPE = "__out_of_scope__"
#: Class label for messages that report no red flag.
NO_FLAG = "__none__"
#: Bump when the corpus or the model changes in a way the knowledge's content does not show.
CORPUS_VERSION = "5"
#: Realistic labelled messages (package data), by the source set they were copied from.
LABELLED_FILE = "labelled_messages.yaml"
LABELLED_SOURCES: tuple[str, ...] = (
    "triage_eval",
    "triage_holdout",
    "triage_blind2",
    "faq_eval",
    "faq_holdout",
    # /work/blind_dev triage sets (issue 12), copied into tests/data and used for training.
    "triage_blind3",
    "triage_ml_blind1_de",
    "triage_ml_blind1_es",
    "triage_ml_blind1_fr",
    "triage_ml_blind1_it",
    "triage_ml_blind1_pt",
)
#: The FAQ's border: near-topic out-of-scope messages, and in-scope questions that name the
#: same things around the treatment (always in training, like ``out_of_scope.yaml``).
DOMAIN_FILE = "domain_examples.yaml"
#: Whole-message red-flag reports and hard negatives written by hand, per language (always
#: in training; not a labelled set, so never left out by calibration).
EXAMPLES_FILE = "triage_examples.yaml"
#: Every file of such reports: ``triage_examples.yaml`` and any ``triage_examples_<name>.yaml``
#: beside it (same shape), so that reports written apart (one file per language or per
#: writer) never fight over one file.
EXAMPLES_PREFIX = "triage_examples"
#: A realistic message counts this many template sentences: they are few, and worded as
#: patients write.
LABELLED_WEIGHT = 3.0
#: An out-of-scope message counts double for the FAQ head: "balanced" class weights would
#: otherwise give the whole out-of-scope class the weight of one FAQ entry.
OUT_OF_SCOPE_WEIGHT = 2.0

# libyaml's loader when present: the language packs are large and this runs at every start.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_CONCEPT = re.compile(r"\$([A-Za-z0-9_]+)")
_MAX_CONCEPT_VARIANTS = 4

# Sentences a patient might wrap a symptom in; "{}" is the phrasing. One is used per phrasing
# (chosen by its text), beside the phrasing alone and, for about half, buried after an FAQ
# question.
_CARRIERS: dict[str, tuple[str, ...]] = {
    "en": (
        "had botox on monday and now {}",
        "{} since this morning",
        "help {} after my injections",
        "i think {} is that normal",
        "since the jabs yesterday {}",
        "{} what should i do",
    ),
    "es": ("me pusieron botox ayer y {}", "{} desde esta manana", "ayuda {}", "{} que hago"),
    "de": ("seit der botox behandlung {}", "{} seit heute morgen", "hilfe {}", "{} was tun"),
    "fr": ("depuis le botox {}", "{} depuis ce matin", "aidez moi {}", "{} que faire"),
    "it": ("dopo il botox {}", "{} da stamattina", "aiuto {}", "{} cosa faccio"),
    "pt": ("depois do botox {}", "{} desde esta manha", "ajuda {}", "{} o que faco"),
    "ru": ("после ботокса {}", "{} с утра", "помогите {}", "{} что делать"),
}


@dataclass(frozen=True, slots=True)
class Example:
    """One training sentence and its class."""

    text: str
    label: str
    language: str
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class Labelled:
    """One realistic patient message: a flag id or ``NO_FLAG``, and the set it came from."""

    text: str
    label: str
    source: str


@dataclass(frozen=True, slots=True)
class Corpus:
    """Training sets for both heads, the levels of the flags, and a content fingerprint."""

    faq: tuple[Example, ...]
    red_flags: tuple[Example, ...]
    levels: Mapping[str, str]
    ignore_phrases: tuple[str, ...]
    fingerprint: str

    @property
    def flag_languages(self) -> frozenset[str]:
        """Languages with red-flag phrasings to learn from: the safety net speaks only these."""
        return frozenset(e.language for e in self.red_flags if e.label != NO_FLAG)


@cache
def _packaged(name: str) -> Mapping[str, Any]:
    data = yaml.load(_packaged_bytes(name).decode("utf-8"), Loader=_SafeLoader)
    if not isinstance(data, dict):
        raise ValueError(f"{name}: expected a mapping at the top level")
    return data


@cache
def labelled_messages() -> tuple[Labelled, ...]:
    """The packaged labelled messages (``labelled_messages.yaml``), in file order."""
    data = _packaged(LABELLED_FILE)
    return tuple(
        Labelled(str(text), NO_FLAG if label == "none" else str(label), str(source))
        for source, by_label in data.items()
        for label, texts in (by_label or {}).items()
        for text in texts
    )


def _language_packs(folder: Path | None) -> list[Mapping[str, Any]]:
    """The raw ``<code>.yaml`` language packs in ``folder``, sorted by file name."""
    packs: list[Mapping[str, Any]] = []
    if folder is not None and folder.is_dir():
        for path in sorted(folder.glob("*.yaml")):
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SafeLoader)
            if isinstance(data, dict):
                data = dict(data)
                data.setdefault("language", path.stem)
                packs.append(data)
    return packs


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(item) for item in value if isinstance(item, str | int | float)]
    return []


def _fill_concepts(
    phrasing: str, language: str, concepts: Mapping[str, Mapping[str, Sequence[str]]]
) -> list[str]:
    """A phrasing with each ``$concept`` replaced by a few of its words (deterministic)."""
    names = _CONCEPT.findall(phrasing)
    if not names:
        return [phrasing]
    variants = []
    for k in range(_MAX_CONCEPT_VARIANTS):
        text = phrasing
        for n, name in enumerate(names):
            words = list(
                concepts.get(name, {}).get(language) or concepts.get(name, {}).get("en", ())
            )
            if not words:
                return []
            text = text.replace(f"${name}", words[(k + n * 3) % len(words)], 1)
        variants.append(text)
    return list(dict.fromkeys(variants))


def build_corpus(
    knowledge: Knowledge,
    language_packs: Path | None = None,
    labelled: Sequence[Labelled] | None = None,
) -> Corpus:
    """Collect the training sentences from ``knowledge`` and the ``<code>.yaml`` language
    packs in the folder ``language_packs`` (``knowledge/lang``), when given.

    ``labelled`` replaces the packaged labelled messages (calibration leaves one set out);
    messages labelled with a flag this knowledge does not have are skipped.
    """
    entry_ids = {entry.id for entry in knowledge.faq}
    levels = {flag.id: flag.level for flag in knowledge.red_flags}
    faq: list[Example] = []
    for entry in knowledge.faq:
        faq.extend(Example(q, entry.id, "en") for q in [entry.title, *entry.questions])
    concepts: dict[str, dict[str, list[str]]] = {
        name: {lang: list(words) for lang, words in by_lang.items()}
        for name, by_lang in knowledge.concepts.items()
    }
    phrasings: list[tuple[str, str, str]] = []  # (text, flag id, language)
    for flag in knowledge.red_flags:
        for language, items in flag.phrasings.items():
            phrasings.extend((p, flag.id, language) for p in items)
    ignore = [p for items in knowledge.ignore_phrases.values() for p in items]
    packed_languages: set[str] = set()
    for pack in _language_packs(language_packs):
        language = str(pack.get("language"))
        packed_languages.add(language)
        for entry_id, spec in (pack.get("faq") or {}).items():
            if entry_id in entry_ids and isinstance(spec, dict):
                texts = _strings(spec.get("title")) + _strings(spec.get("questions"))
                faq.extend(Example(t, entry_id, language) for t in texts)
        red = pack.get("red_flags") or {}
        for name, words in (red.get("concepts") or {}).items():
            mapping = concepts.setdefault(str(name), {})
            mapping[language] = _strings(words.get(language) if isinstance(words, dict) else words)
        for flag_id, spec in (red.get("flags") or {}).items():
            if flag_id in levels and isinstance(spec, dict):
                phrasings.extend((p, flag_id, language) for p in _strings(spec.get("phrasings")))
        ignore.extend(_strings(red.get("ignore_phrases")))
    seeds = _packaged("seed_examples.yaml")
    for language, by_entry in seeds["faq"].items():
        if language in packed_languages:
            continue
        for entry_id, texts in by_entry.items():
            if entry_id in entry_ids:
                faq.extend(Example(t, entry_id, language) for t in texts)
    for language, by_flag in seeds["red_flags"].items():
        if language in packed_languages:
            continue
        for flag_id, texts in by_flag.items():
            if flag_id in levels:
                phrasings.extend((t, flag_id, language) for t in texts)
    out_of_scope = [
        Example(t, OUT_OF_SCOPE, lang, OUT_OF_SCOPE_WEIGHT)
        for lang, texts in _packaged("out_of_scope.yaml").items()
        for t in texts
    ]
    faq.extend(out_of_scope)
    red = _red_flag_examples(phrasings, concepts, faq)
    negatives = _packaged("triage_negatives.yaml")
    red.extend(Example(t, NO_FLAG, lang) for lang, texts in negatives.items() for t in texts)
    red.extend(Example(e.text, NO_FLAG, e.language) for e in faq)
    # After the red-flag sets are built: the border is the FAQ head's to learn, and leaves the
    # red-flag head's training (its carrier sentences, its negatives) exactly as it was.
    faq.extend(_border_examples(entry_ids))
    red.extend(Example(p, NO_FLAG, "en") for p in ignore)
    red.extend(
        Example(str(t), NO_FLAG if label == "none" else str(label), str(lang), LABELLED_WEIGHT)
        for name in example_files()
        for lang, by_label in _packaged(name).items()
        for label, texts in (by_label or {}).items()
        if label == "none" or label in levels
        for t in texts
    )
    red.extend(
        Example(m.text, m.label, detect_language(m.text), LABELLED_WEIGHT)
        for m in (labelled_messages() if labelled is None else labelled)
        if m.label == NO_FLAG or m.label in levels
    )
    return Corpus(
        faq=tuple(faq),
        red_flags=tuple(red),
        levels=levels,
        ignore_phrases=tuple(sorted(set(ignore))),
        fingerprint=fingerprint(knowledge, language_packs, labelled),
    )


def _border_examples(entry_ids: set[str]) -> list[Example]:
    """The FAQ's border (``domain_examples.yaml``): near-topic messages that are not about the
    treatment (out of scope, weighted like the rest of that class) and questions naming the
    same things around the treatment (their entry; skipped when this knowledge lacks it)."""
    data = _packaged(DOMAIN_FILE)
    examples = [
        Example(str(t), OUT_OF_SCOPE, str(lang), OUT_OF_SCOPE_WEIGHT)
        for lang, texts in (data.get("out_of_scope") or {}).items()
        for t in texts or ()
    ]
    examples.extend(
        Example(str(t), str(entry_id), str(lang))
        for lang, by_entry in (data.get("in_scope") or {}).items()
        for entry_id, texts in (by_entry or {}).items()
        if entry_id in entry_ids
        for t in texts or ()
    )
    return examples


def _red_flag_examples(
    phrasings: Iterable[tuple[str, str, str]],
    concepts: Mapping[str, Mapping[str, Sequence[str]]],
    faq: Sequence[Example],
) -> list[Example]:
    """Each phrasing alone, in one carrier sentence and, for about half of them, buried after
    an FAQ question: every choice is made from the phrasing's own text (``stable_number``),
    so adding, removing or moving one phrasing changes only its own training sentences, and an
    FAQ question added or removed moves only the phrasings it is nearest to
    (``_QuestionRing``). A running counter here once made one edit rewrite a third of the
    red-flag head's training text and move near-threshold messages anywhere."""
    ring = _QuestionRing(e.text for e in faq if e.label != OUT_OF_SCOPE and e.language == "en")
    examples: list[Example] = []
    for phrasing, flag_id, language in phrasings:
        carriers = _CARRIERS.get(language, ("{}",))
        for text in _fill_concepts(phrasing, language, concepts):
            number = stable_number(text)
            examples.append(Example(text, flag_id, language))
            carrier = carriers[number % len(carriers)]
            examples.append(Example(carrier.format(text), flag_id, language))
            question = ring.nearest(number) if (number >> 32) % 2 == 0 else None
            if question is not None:
                examples.append(Example(f"{question} also {text}", flag_id, language))
    return examples


def stable_number(text: str) -> int:
    """A 64-bit number from ``text`` alone: the same on every machine, run and Python (unlike
    ``hash``, which is salted per process)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


class _QuestionRing:
    """FAQ questions placed on a ring of 64-bit numbers by their own text (consistent hashing):
    a phrasing goes with the first question at or after its number. A question added or
    removed changes only the phrasings between it and the question before it."""

    def __init__(self, questions: Iterable[str]) -> None:
        placed = sorted({(stable_number(q), q) for q in questions})
        self._numbers = [number for number, _ in placed]
        self._questions = [question for _, question in placed]

    def nearest(self, number: int) -> str | None:
        if not self._questions:
            return None
        index = bisect.bisect_left(self._numbers, number) % len(self._questions)
        return self._questions[index]


@cache
def example_files() -> tuple[str, ...]:
    """The hand-written red-flag report files, ``triage_examples.yaml`` first."""
    folder = resources.files("bot.core.understanding").joinpath("data")
    names = sorted(
        entry.name
        for entry in folder.iterdir()
        if entry.name.startswith(EXAMPLES_PREFIX) and entry.name.endswith(".yaml")
    )
    return tuple(sorted(names, key=lambda name: name != EXAMPLES_FILE))


PACKAGED_FILES: tuple[str, ...] = (
    "out_of_scope.yaml",
    DOMAIN_FILE,
    "seed_examples.yaml",
    "triage_negatives.yaml",
    LABELLED_FILE,
)


def fingerprint(
    knowledge: Knowledge,
    language_packs: Path | None = None,
    labelled: Sequence[Labelled] | None = None,
) -> str:
    """A SHA-256 of every input ``build_corpus`` reads, computed without building it.

    Start-up checks the cache with this (milliseconds) and builds the corpus only to train.
    Inputs: the knowledge's FAQ titles and questions, red flags (levels, phrasings), concepts
    and idioms; the language pack files' bytes; the packaged data files' bytes (or the
    labelled messages given instead); and ``CORPUS_VERSION``. A change to any of them
    changes the fingerprint, so a model is never used for knowledge it was not trained on.
    """
    digest = hashlib.sha256()

    def add(tag: str, payload: bytes) -> None:
        digest.update(f"{tag}:{len(payload)}:".encode())
        digest.update(payload)

    add("version", f"{CORPUS_VERSION}:{LABELLED_WEIGHT}:{OUT_OF_SCOPE_WEIGHT}".encode())
    known = {
        "faq": [(e.id, e.title, list(e.questions)) for e in knowledge.faq],
        "flags": [
            (f.id, f.level, sorted((k, list(v)) for k, v in f.phrasings.items()))
            for f in knowledge.red_flags
        ],
        "ignore": sorted((k, list(v)) for k, v in knowledge.ignore_phrases.items()),
        "concepts": sorted(
            (name, sorted((k, list(v)) for k, v in by_lang.items()))
            for name, by_lang in knowledge.concepts.items()
        ),
    }
    add("knowledge", json.dumps(known, ensure_ascii=False).encode("utf-8"))
    if language_packs is not None and language_packs.is_dir():
        for path in sorted(language_packs.glob("*.yaml")):
            add(f"pack:{path.name}", path.read_bytes())
    for name in (*PACKAGED_FILES, *example_files()):
        if name == LABELLED_FILE and labelled is not None:
            rows = [(m.text, m.label, m.source) for m in labelled]
            add("labelled", json.dumps(rows, ensure_ascii=False).encode("utf-8"))
        else:
            add(f"data:{name}", _packaged_bytes(name))
    return digest.hexdigest()


def _packaged_bytes(name: str) -> bytes:
    return resources.files("bot.core.understanding").joinpath("data", name).read_bytes()
