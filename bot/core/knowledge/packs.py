"""Language packs: ``knowledge/lang/<code>.yaml`` merged over the English knowledge.

A pack gives, for one language, the FAQ's titles, answers, phrasings and keywords (by entry
id), the fixed messages (the same keys as ``messages.yaml``) and the red flags' names,
messages and phrasings (by flag id), plus idioms to ignore and words for the ``$concepts``.

How a pack combines with ``red_flags.yaml``: its phrasings for a flag *replace* that
language's phrasings written inline in ``red_flags.yaml`` (the packs were written by native
speakers and include the good inline ones); its concept words and ignored idioms are *added*.

Problems that make a pack unusable or unsafe are load errors like any other, reported by
``aftercare-bot check`` and refused at start-up: bad YAML, an unknown entry or flag id, an
unknown placeholder, and a red flag an *enabled* language cannot recognise. For every
enabled language, ``Knowledge.language_gaps`` lists (and ``check`` prints as warnings) what
it lacks (an entry, a message) and what says something other than the English: a text whose
placeholders differ (a reply without ``{emergency_number}``) or an answer whose numbers
(hours, days, weeks) differ. Both are answered in English until the pack is brought up to
date, so a patient never reads a translation that contradicts the English advice (a clinic
that changes an English answer on the dashboard gets English in its other languages
meanwhile).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, StringConstraints

from bot.core.knowledge.nested import deep_merge, text_fields
from bot.core.knowledge.schemas import (
    EntryText,
    FaqEntry,
    Messages,
    RedFlag,
    _Strict,
)

#: The folder, inside a knowledge folder, that holds the packs.
PACK_DIR = "lang"
#: Messages given per language inside ``messages.yaml`` itself (a pack gives one text).
_PER_LANGUAGE_MESSAGES = ("emergency_action", "recognised")

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Ident = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_]+$", min_length=1, max_length=48)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]


class PackEntry(_Strict):
    """One FAQ entry in one language; the entry's rules (timing, related) stay English-only."""

    title: Title
    answer: Text
    questions: list[Text] = Field(min_length=1)
    keywords: list[Text] = Field(default_factory=list)


class PackFlag(_Strict):
    name: Text
    message: Text
    phrasings: list[Text] = Field(min_length=1)


class PackRedFlags(_Strict):
    ignore_phrases: list[Text] = Field(default_factory=list)
    concepts: dict[Ident, list[Text]] = Field(default_factory=dict)
    flags: dict[Ident, PackFlag] = Field(default_factory=dict)


class PackFile(_Strict):
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
    faq: dict[Ident, PackEntry] = Field(default_factory=dict)
    messages: dict[str, Any] = Field(default_factory=dict)
    red_flags: PackRedFlags = Field(default_factory=PackRedFlags)


@dataclass(frozen=True, slots=True)
class Merged:
    """Everything the packs add to the English knowledge."""

    texts: dict[str, dict[str, EntryText]]
    messages: dict[str, Messages]
    red_flags: tuple[RedFlag, ...]
    ignore_phrases: dict[str, tuple[str, ...]]
    concepts: dict[str, dict[str, tuple[str, ...]]]
    gaps: tuple[str, ...]


ReadYaml = Any  # (path, problems) -> parsed mapping or None; the loader's strict reader
Validate = Any  # (file name, data, model, problems) -> model or None


def english_texts(faq: Iterable[FaqEntry]) -> dict[str, EntryText]:
    return {
        entry.id: EntryText(
            title=entry.title,
            answer=entry.answer,
            questions=tuple(entry.questions),
            keywords=tuple(entry.keywords),
        )
        for entry in faq
    }


def merge_packs(
    knowledge_dir: Path,
    *,
    faq: Sequence[FaqEntry],
    flags: Sequence[RedFlag],
    ignore: Mapping[str, tuple[str, ...]],
    concepts: Mapping[str, Mapping[str, tuple[str, ...]]],
    messages: Messages,
    enabled: Sequence[str],
    read_yaml: ReadYaml,
    validate: Validate,
    check_template: Any,
    problems: list[str],
) -> Merged:
    """Read every pack under ``knowledge_dir/lang`` and merge it over the English knowledge.

    Load errors go to ``problems``; what an *enabled* language lacks goes to ``gaps``.
    """
    english = english_texts(faq)
    texts: dict[str, dict[str, EntryText]] = {}
    localized: dict[str, Messages] = {"en": messages}
    merged_flags = {flag.id: flag for flag in flags}
    merged_ignore = {lang: tuple(items) for lang, items in ignore.items()}
    merged_concepts = {name: dict(by_lang) for name, by_lang in concepts.items()}
    english_dump = messages.model_dump()
    pack_dir = knowledge_dir / PACK_DIR
    paths = sorted(pack_dir.glob("*.yaml")) if pack_dir.is_dir() else []
    if not faq or not flags:
        paths = []  # faq.yaml or red_flags.yaml is broken: its problems say so, not ours
    entry_ids = {entry.id for entry in faq}
    for path in paths:
        label = f"{PACK_DIR}/{path.name}"
        data = read_yaml(path, problems)
        if data is None:
            continue
        pack = validate(label, data, PackFile, problems)
        if not isinstance(pack, PackFile):
            continue
        lang = pack.language
        if lang != path.stem:
            problems.append(f"{label}: field 'language' is {lang!r}, but the file is {path.name}")
            continue
        if lang == "en":
            problems.append(f"{label}: English lives in faq.yaml, messages.yaml and red_flags.yaml")
            continue
        texts[lang] = _pack_texts(label, pack, entry_ids, check_template, problems)
        found = _pack_messages(label, lang, pack.messages, english_dump, validate, problems)
        if found is not None:
            localized[lang] = found
            for where, text in text_fields(found.model_dump(), number_items=False):
                check_template(label, f"message '{where}'", text, problems)
        for name, words in pack.red_flags.concepts.items():
            for word in words:
                if len(word.split()) != 1:
                    problems.append(
                        f"{label}: concept '{name}' has {word!r}; "
                        "concept words must be single words"
                    )
            before = merged_concepts.setdefault(name, {}).get(lang, ())
            merged_concepts[name][lang] = tuple(dict.fromkeys((*before, *words)))
        merged_ignore[lang] = tuple(
            dict.fromkeys((*merged_ignore.get(lang, ()), *pack.red_flags.ignore_phrases))
        )
        for flag_id, given in pack.red_flags.flags.items():
            flag = merged_flags.get(flag_id)
            if flag is None:
                problems.append(f"{label}: flag '{flag_id}' is not a flag in red_flags.yaml")
                continue
            check_template(label, f"flag '{flag_id}': field 'message'", given.message, problems)
            merged_flags[flag_id] = flag.model_copy(
                update={
                    "name": {**flag.name, lang: given.name},
                    "message": {**flag.message, lang: given.message},
                    "phrasings": {**flag.phrasings, lang: list(given.phrasings)},
                }
            )
    final_flags = tuple(merged_flags[flag.id] for flag in flags)
    for flag in final_flags:
        for lang, phrasings in flag.phrasings.items():
            for phrasing in phrasings:
                for concept in re.findall(r"\$([A-Za-z0-9_]+)", phrasing):
                    if lang not in merged_concepts.get(concept, {}) and "en" not in (
                        merged_concepts.get(concept, {})
                    ):
                        problems.append(
                            f"flag '{flag.id}': phrasing {phrasing!r} ({lang}) uses unknown "
                            f"concept ${concept}"
                        )
    serious: list[str] = []
    stale = _Stale()
    gaps = _gaps(
        enabled,
        english,
        texts,
        localized,
        english_dump,
        final_flags,
        paths,
        pack_dir,
        serious,
        stale,
    )
    problems.extend(serious)
    final_flags = _use_english_where_stale(stale, english, texts, localized, final_flags, validate)
    return Merged(
        texts=texts,
        messages=localized,
        red_flags=final_flags,
        ignore_phrases=merged_ignore,
        concepts={name: dict(by_lang) for name, by_lang in merged_concepts.items()},
        gaps=gaps,
    )


def _pack_texts(
    label: str,
    pack: PackFile,
    entry_ids: set[str],
    check_template: Any,
    problems: list[str],
) -> dict[str, EntryText]:
    found: dict[str, EntryText] = {}
    for entry_id, given in pack.faq.items():
        if entry_id not in entry_ids:
            problems.append(f"{label}: entry '{entry_id}' is not an entry in faq.yaml")
            continue
        check_template(label, f"entry '{entry_id}': field 'answer'", given.answer, problems)
        found[entry_id] = EntryText(
            title=given.title,
            answer=given.answer,
            questions=tuple(given.questions),
            keywords=tuple(given.keywords),
        )
    return found


def _pack_messages(
    label: str,
    lang: str,
    given: Mapping[str, Any],
    english: Mapping[str, Any],
    validate: Validate,
    problems: list[str],
) -> Messages | None:
    """The pack's messages over the English ones, so a missing message falls back to English."""
    changes = dict(given)
    for key in _PER_LANGUAGE_MESSAGES:
        if isinstance(changes.get(key), str):
            changes[key] = {lang: changes[key]}
    unknown = sorted(set(changes) - set(english))
    for key in unknown:
        problems.append(f"{label}: message '{key}' is not a message in messages.yaml")
    merged = deep_merge(dict(english), {k: v for k, v in changes.items() if k in english})
    found = validate(label, merged, Messages, problems)
    return found if isinstance(found, Messages) else None


def _flat(value: Any, where: str = "") -> dict[str, str]:
    """Dotted path -> text, for texts (not phrasing lists) in a messages dump."""
    found: dict[str, str] = {}
    if isinstance(value, str):
        found[where] = value
    elif isinstance(value, dict):
        for key, item in value.items():
            found.update(_flat(item, f"{where}.{key}" if where else str(key)))
    return found


def placeholders(template: str) -> frozenset[str]:
    try:
        return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)
    except ValueError:
        return frozenset()


_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?(?![\w])")


def numbers(text: str) -> frozenset[str]:
    """The figures a text states ("24", "2", "0.5"), decimal commas read as points."""
    return frozenset(match.replace(",", ".") for match in _NUMBER.findall(text))


@dataclass
class _Stale:
    """Translations that say something other than the English (other numbers, other
    placeholders): never shown; English is used until the translation is brought up to date
    (a clinic that changes an English answer gets English in its other languages meanwhile)."""

    answers: set[tuple[str, str]] = field(default_factory=set)
    messages: dict[str, list[str]] = field(default_factory=dict)
    flag_messages: set[tuple[str, str]] = field(default_factory=set)


def _use_english_where_stale(
    stale: _Stale,
    english: Mapping[str, EntryText],
    texts: dict[str, dict[str, EntryText]],
    localized: dict[str, Messages],
    flags: tuple[RedFlag, ...],
    validate: Validate,
) -> tuple[RedFlag, ...]:
    for lang, entry_id in stale.answers:
        texts[lang][entry_id] = replace(texts[lang][entry_id], answer=english[entry_id].answer)
    english_dump = localized["en"].model_dump()
    for lang, keys in stale.messages.items():
        dump = localized[lang].model_dump()
        for key in keys:
            *path, last = key.split(".")
            source, target = english_dump, dump
            for part in path:
                source, target = source[part], target[part]
            target[last] = source[last]
        fixed = validate(f"{PACK_DIR}/{lang}.yaml", dump, Messages, [])
        if isinstance(fixed, Messages):
            localized[lang] = fixed
    return tuple(
        flag.model_copy(
            update={
                "message": {
                    lang: flag.message["en"] if (lang, flag.id) in stale.flag_messages else text
                    for lang, text in flag.message.items()
                }
            }
        )
        for flag in flags
    )


def _gaps(
    enabled: Sequence[str],
    english_texts_: Mapping[str, EntryText],
    texts: Mapping[str, Mapping[str, EntryText]],
    localized: Mapping[str, Messages],
    english_dump: Mapping[str, Any],
    flags: Sequence[RedFlag],
    paths: Sequence[Path],
    pack_dir: Path,
    serious: list[str],
    stale: _Stale,
) -> tuple[str, ...]:
    """What each enabled language lacks or says differently from English (returned, and
    noted in ``stale``), or cannot recognise (added to ``serious``)."""
    gaps: list[str] = []
    english_flat = _flat(english_dump)
    have_pack = {path.stem for path in paths}
    for lang in enabled:
        if lang == "en":
            continue
        label = f"{PACK_DIR}/{lang}.yaml"
        if lang not in have_pack:
            gaps.append(
                f"language '{lang}' is enabled in clinic.yaml, but {pack_dir}/{lang}.yaml "
                "does not exist: everything would be answered in English"
            )
            continue
        own = texts.get(lang, {})
        for entry_id, english in english_texts_.items():
            entry = own.get(entry_id)
            if entry is None:
                gaps.append(f"{label}: entry '{entry_id}' is missing (answered in English)")
                continue
            if placeholders(entry.answer) != placeholders(english.answer):
                stale.answers.add((lang, entry_id))
                gaps.append(
                    f"{label}: entry '{entry_id}': the answer's placeholders differ "
                    f"from the English answer's{_MEANWHILE}"
                )
            if numbers(entry.answer) != numbers(english.answer):
                stale.answers.add((lang, entry_id))
                gaps.append(
                    f"{label}: entry '{entry_id}': the answer's numbers "
                    f"({_listed(numbers(entry.answer))}) differ from the English answer's "
                    f"({_listed(numbers(english.answer))}){_MEANWHILE}"
                )
        messages = localized.get(lang)
        if messages is not None:
            own_flat = _flat(messages.model_dump())
            for key, english_text in english_flat.items():
                if key.split(".")[0] in _PER_LANGUAGE_MESSAGES:
                    continue
                text = own_flat.get(key)
                if text is None or (text == english_text and _has_letters(text)):
                    gaps.append(f"{label}: message '{key}' is missing (English is used)")
                elif placeholders(text) != placeholders(english_text):
                    stale.messages.setdefault(lang, []).append(key)
                    gaps.append(
                        f"{label}: message '{key}' uses {_listed(placeholders(text))}, the "
                        f"English one {_listed(placeholders(english_text))}{_MEANWHILE}"
                    )
            for key in _PER_LANGUAGE_MESSAGES:
                if lang not in getattr(messages, key):
                    gaps.append(f"{label}: message '{key}' is missing (English is used)")
        for flag in flags:
            if not flag.phrasings.get(lang):
                serious.append(
                    f"{label}: flag '{flag.id}' has no phrasings: it is not recognised "
                    "in this language"
                )
            if lang not in flag.message or lang not in flag.name:
                gaps.append(f"{label}: flag '{flag.id}' has no name or message (English is used)")
            elif placeholders(flag.message[lang]) != placeholders(flag.message["en"]):
                stale.flag_messages.add((lang, flag.id))
                gaps.append(
                    f"{label}: flag '{flag.id}': the message's placeholders differ from "
                    f"the English message's{_MEANWHILE}"
                )
    return tuple(gaps)


_MEANWHILE = ": English is used until the translation is updated"


def _has_letters(text: str) -> bool:
    """True for a sentence; a label like "Lip flip" or an emoji may rightly stay the same."""
    return len(re.findall(r"[^\W\d_]", text)) > 12


def _listed(items: Iterable[str]) -> str:
    found = sorted(items)
    return ", ".join(f"{{{item}}}" if item.isidentifier() else item for item in found) or "none"
