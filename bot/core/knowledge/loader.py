"""The strict loader for ``knowledge/*.yaml``.

Every problem in every file is collected and raised at once as a ``KnowledgeError`` whose
lines read like ``faq.yaml: entry 'exercise_gym': field 'answer' is empty`` — a clinic
editor fixes them all in one pass. ``aftercare-bot check`` and start-up run this same code.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ValidationError

from bot.core.knowledge.countries import (
    COUNTRIES_FILE,
    CountriesFile,
    CountryProfile,
    missing_without_profile,
    with_profile,
)
from bot.core.knowledge.dialogue import DIALOGUE_FILE, DIALOGUE_LANGUAGES, DialogueFile
from bot.core.knowledge.nested import deep_merge, text_fields
from bot.core.knowledge.overrides import change_pack, merge_entries
from bot.core.knowledge.packs import merge_packs
from bot.core.knowledge.schemas import (
    CLINIC_FILE,
    EMERGENCY_LANGUAGES,
    FAQ_FILE,
    MESSAGES_FILE,
    RED_FLAGS_FILE,
    TEMPLATE_FIELDS,
    WEEKDAYS,
    Clinic,
    ClinicFile,
    FaqEntry,
    FaqFile,
    Knowledge,
    Messages,
    OpeningHours,
    RedFlag,
    RedFlagsFile,
    _Strict,
    parse_range,
)
from bot.errors import KnowledgeError

# libyaml's parser when it is installed: the language packs make the knowledge large.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """``yaml.SafeLoader`` that refuses duplicate mapping keys instead of keeping the last."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return dict(loader.construct_mapping(node))


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def _read_yaml(path: Path, problems: list[str]) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(f"{path.name}: file not found in {path.parent}")
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path.name}: cannot be read ({exc})")
        return None
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        where = ""
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        if mark is not None:
            where = f" at line {mark.line + 1}, column {mark.column + 1}"
        problem = getattr(exc, "problem", None) or str(exc)
        problems.append(f"{path.name}: not valid YAML{where}: {problem}")
        return None
    if not isinstance(data, dict):
        problems.append(f"{path.name}: expected a mapping at the top level, found {_kind(data)}")
        return None
    return data


def _kind(value: object) -> str:
    return "nothing" if value is None else type(value).__name__


def _describe(error: Mapping[str, Any]) -> tuple[str, str]:
    """Turn one pydantic error into (field path, plain-English problem)."""
    loc = [str(part) for part in error["loc"]]
    field = ".".join(loc) if loc else "(top level)"
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        return field, "is missing"
    if kind == "extra_forbidden":
        return field, "is not a known field"
    if kind in {"string_too_short", "too_short"} and (value == "" or value == [] or value is None):
        return field, "is empty"
    if kind == "string_too_short":
        return field, "is empty"
    if kind == "too_short":
        return field, str(error["msg"]).replace("List", "list")
    if kind == "string_type":
        return field, f"should be text, found {_kind(value)}"
    if kind == "list_type":
        return field, f"should be a list, found {_kind(value)}"
    if kind in {"dict_type", "model_type"}:
        return field, f"should be a mapping, found {_kind(value)}"
    return field, str(error["msg"])


def _validate_items(
    file_name: str,
    items: Iterable[Any],
    model: type[_Strict],
    noun: str,
    problems: list[str],
    *,
    start: int = 1,
) -> list[Any]:
    """Validate each list item on its own so every error names its entry."""
    valid: list[Any] = []
    for index, raw in enumerate(items, start=start):
        label = f"{noun} #{index}"
        if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw["id"].strip():
            label = f"{noun} '{raw['id']}'"
        if not isinstance(raw, dict):
            problems.append(f"{file_name}: {label}: should be a mapping, found {_kind(raw)}")
            continue
        try:
            valid.append(model.model_validate(raw))
        except ValidationError as exc:
            for error in exc.errors():
                field, message = _describe(error)
                problems.append(f"{file_name}: {label}: field '{field}' {message}")
    return valid


def _validate_model(
    file_name: str, data: Any, model: type[BaseModel], problems: list[str]
) -> Any | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            field, message = _describe(error)
            problems.append(f"{file_name}: field '{field}' {message}")
        return None


def _check_templates(file_name: str, where: str, template: str, problems: list[str]) -> None:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    except ValueError as exc:
        problems.append(f"{file_name}: {where}: broken placeholder ({exc})")
        return
    unknown = sorted(names - TEMPLATE_FIELDS)
    if unknown:
        problems.append(
            f"{file_name}: {where}: unknown placeholder {{{unknown[0]}}} "
            f"(known: {', '.join(sorted(TEMPLATE_FIELDS))})"
        )


def _load_faq(
    path: Path, problems: list[str], overrides: Path | None = None
) -> tuple[list[FaqEntry], set[str]]:
    """The shipped FAQ with a clinic's changes (``overrides``): the entries, and the ids the
    clinic switched off. See ``overrides`` for what a clinic's item may change."""
    data = _read_yaml(path, problems)
    if data is None:
        return [], set()
    top = _validate_model(path.name, data, FaqFile, problems)
    if top is None:
        return [], set()
    for index, item in enumerate(top.entries, start=1):
        if not isinstance(item, dict):
            found = _kind(item)
            problems.append(f"{path.name}: entry #{index}: should be a mapping, found {found}")
    shipped = [item if isinstance(item, dict) else {} for item in top.entries]
    merged_items: list[dict[str, Any]] = shipped
    source: dict[str, str] = {}
    disabled: set[str] = set()
    if overrides is not None and overrides.exists():
        label = f"{overrides.parent.name}/{overrides.name}"
        extra = _read_yaml(overrides, problems) if _has_content(overrides) else None
        extra_top = _validate_model(label, extra, FaqFile, problems) if extra else None
        if extra_top is not None:
            merged = merge_entries(shipped, extra_top.entries, label, problems)
            merged_items, source, disabled = merged.items, merged.source, merged.disabled
    entries: list[FaqEntry] = []
    for index, item in enumerate(merged_items, start=1):
        if index <= len(top.entries) and not isinstance(top.entries[index - 1], dict):
            continue
        entry_id = item.get("id")
        file_name = source.get(entry_id, path.name) if isinstance(entry_id, str) else path.name
        entries += _validate_items(file_name, [item], FaqEntry, "entry", problems, start=index)
    for entry in entries:
        where = f"entry '{entry.id}': field 'answer'"
        _check_templates(source.get(entry.id, path.name), where, entry.answer, problems)
    # Cross-checks read the raw items, so an entry with its own problem still counts here.
    seen_ids: set[str] = set()
    owner_of: dict[str, str] = {}
    for item in merged_items:
        entry_id = item.get("id")
        if not isinstance(entry_id, str) or not entry_id.strip():
            continue
        file_name = source.get(entry_id, path.name)
        if entry_id in seen_ids:
            problems.append(f"{file_name}: entry '{entry_id}': field 'id' is used by another entry")
        seen_ids.add(entry_id)
        questions = item.get("questions")
        for question in questions if isinstance(questions, list) else []:
            if not isinstance(question, str):
                continue
            key = " ".join(question.casefold().split())
            other = owner_of.setdefault(key, entry_id)
            if other != entry_id:
                problems.append(
                    f"{file_name}: entry '{entry_id}': field 'questions' repeats "
                    f"{question!r}, already under entry '{other}'"
                )
    for entry in entries:
        file_name = source.get(entry.id, path.name)
        for related in entry.related:
            if related not in seen_ids:
                problems.append(
                    f"{file_name}: entry '{entry.id}': field 'related' names unknown "
                    f"entry '{related}'"
                )
            elif related == entry.id:
                problems.append(f"{file_name}: entry '{entry.id}': field 'related' names itself")
    if entries and {entry.id for entry in entries} <= disabled:
        label = source.get(entries[0].id, path.name)
        problems.append(f"{label}: every FAQ entry is switched off; keep at least one")
    return entries, disabled


def without(entries: Iterable[FaqEntry], off: set[str]) -> list[FaqEntry]:
    """The entries that are on, with no ``related`` link to a switched-off one."""
    kept = []
    for entry in entries:
        if entry.id in off:
            continue
        if any(related in off for related in entry.related):
            entry = entry.model_copy(update={"related": [r for r in entry.related if r not in off]})
        kept.append(entry)
    return kept


ConceptMap = dict[str, dict[str, tuple[str, ...]]]


def _load_red_flags(
    path: Path, problems: list[str]
) -> tuple[list[RedFlag], dict[str, tuple[str, ...]], ConceptMap]:
    data = _read_yaml(path, problems)
    if data is None:
        return [], {}, {}
    top = _validate_model(path.name, data, RedFlagsFile, problems)
    if top is None:
        return [], {}, {}
    flags: list[RedFlag] = _validate_items(path.name, top.flags, RedFlag, "flag", problems)
    # Cross-checks read the raw items, so a flag with its own problem is still checked here.
    seen: set[str] = set()
    for item in top.flags:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            continue
        label = f"{path.name}: flag '{item['id']}'"
        if item["id"] in seen:
            problems.append(f"{label}: field 'id' is used by another flag")
        seen.add(item["id"])
        for field in ("name", "phrasings", "message"):
            value = item.get(field)
            if isinstance(value, dict) and "en" not in value:
                problems.append(f"{label}: field '{field}.en' is missing")
        if item.get("level") == "emergency":
            for field in ("phrasings", "message"):
                value = item.get(field)
                for lang in EMERGENCY_LANGUAGES:
                    if isinstance(value, dict) and lang not in value:
                        problems.append(f"{label}: field '{field}.{lang}' is missing (emergency)")
    for flag in flags:
        for lang, phrasings in flag.phrasings.items():
            if not phrasings:
                problems.append(f"{path.name}: flag '{flag.id}': field 'phrasings.{lang}' is empty")
        for lang, text in flag.message.items():
            _check_templates(path.name, f"flag '{flag.id}': field 'message.{lang}'", text, problems)
    concepts: ConceptMap = {
        name: {lang: tuple(words) for lang, words in by_language.items()}
        for name, by_language in top.concepts.items()
    }
    for name, by_language in concepts.items():
        for lang, words in by_language.items():
            for word in words:
                if len(word.split()) != 1:
                    problems.append(
                        f"{path.name}: concept '{name}': field '{lang}' has {word!r}; "
                        "concept words must be single words"
                    )
    for flag in flags:
        for lang, phrasings in flag.phrasings.items():
            for phrasing in phrasings:
                for token in phrasing.split():
                    concept = token[1:].strip(".,;:!?") if token.startswith("$") else None
                    if concept is not None and concept not in concepts:
                        problems.append(
                            f"{path.name}: flag '{flag.id}': field 'phrasings.{lang}' uses "
                            f"unknown concept ${concept}"
                        )
    ignore = {lang: tuple(items) for lang, items in top.ignore_phrases.items()}
    return flags, ignore, concepts


def _check_hours(file_name: str, hours: OpeningHours, problems: list[str]) -> None:
    try:
        ZoneInfo(hours.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(
            f"{file_name}: field 'clinic.opening_hours.timezone' is not a known time zone "
            f"({hours.timezone!r}; use a name like Europe/London or America/New_York)"
        )
    for day in WEEKDAYS:
        try:
            parse_range(getattr(hours, day))
        except ValueError as exc:
            problems.append(f"{file_name}: field 'clinic.opening_hours.{day}' {exc}")


def _load_countries(path: Path, problems: list[str]) -> dict[str, CountryProfile]:
    """The country profiles; none when the knowledge folder has no ``countries.yaml`` (then
    every clinic states its own emergency number and routes)."""
    if not path.exists():
        return {}
    data = _read_yaml(path, problems)
    top = _validate_model(path.name, data, CountriesFile, problems) if data is not None else None
    if top is None:
        return {}
    profiles: dict[str, CountryProfile] = {}
    for code, raw in top.countries.items():
        if not isinstance(raw, dict):
            problems.append(f"{path.name}: country '{code}': should be a mapping")
            continue
        try:
            profiles[code] = CountryProfile.model_validate(raw)
        except ValidationError as exc:
            for error in exc.errors():
                field, message = _describe(error)
                problems.append(f"{path.name}: country '{code}': field '{field}' {message}")
    for code, profile in profiles.items():
        for zone in profile.timezones:
            try:
                ZoneInfo(zone)
            except (ZoneInfoNotFoundError, ValueError):
                problems.append(
                    f"{path.name}: country '{code}': field 'timezones' names unknown {zone!r}"
                )
    return profiles


def load_countries(knowledge_dir: Path) -> dict[str, CountryProfile]:
    """The country profiles of a knowledge folder (``init-clinic`` fills a clinic from them)."""
    problems: list[str] = []
    profiles = _load_countries(knowledge_dir / COUNTRIES_FILE, problems)
    if problems:
        raise KnowledgeError(problems)
    return profiles


def _load_clinic(
    path: Path, problems: list[str], countries: Mapping[str, CountryProfile]
) -> tuple[Clinic | None, CountryProfile | None]:
    """The clinic, its emergency number and routes filled in from its country's profile."""
    data = _read_yaml(path, problems)
    if data is None:
        return None, None
    raw = data.get("clinic")
    profile = None
    if isinstance(raw, dict):
        country = raw.get("country")
        profile = countries.get(country) if isinstance(country, str) else None
        missing = missing_without_profile(raw) if profile is None else []
        if missing and isinstance(country, str):
            known = ", ".join(sorted(countries)) or "none"
            problems.append(
                f"{path.name}: field 'clinic.country' {country!r} has no profile in "
                f"{COUNTRIES_FILE} (profiles: {known}), so clinic.yaml must give "
                f"{', '.join(missing)}"
            )
        data = {**data, "clinic": with_profile(raw, profile)}
    top = _validate_model(path.name, data, ClinicFile, problems)
    if top is None:
        return None, profile
    clinic: Clinic = top.clinic
    if clinic.opening_hours is not None:
        _check_hours(path.name, clinic.opening_hours, problems)
    for field in ("welcome", "sign_off"):
        value = getattr(clinic, field)
        if value:
            _check_templates(path.name, f"field 'clinic.{field}'", value, problems)
    return clinic, profile


def _has_content(path: Path) -> bool:
    """False for an optional file that holds only comments (a starter left unedited)."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) is not None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return True  # let the strict reader report it


def _load_messages(
    path: Path, problems: list[str], overrides: Path | None = None
) -> Messages | None:
    """The shipped messages, with any keys a clinic's own ``messages.yaml`` rewords."""
    data = _read_yaml(path, problems)
    if data is None:
        return None
    if overrides is not None and overrides.exists() and _has_content(overrides):
        extra = _read_yaml(overrides, problems)
        if extra is not None:
            data = deep_merge(data, extra)
    messages = _validate_model(path.name, data, Messages, problems)
    if messages is None:
        return None
    for where, text in text_fields(messages.model_dump()):
        _check_templates(path.name, f"field '{where}'", text, problems)
    return messages if isinstance(messages, Messages) else None


def _load_dialogue(
    path: Path, problems: list[str], faq_ids: set[str], flag_ids: set[str] | None = None
) -> DialogueFile | None:
    """The conversation words (``dialogue.yaml``); a folder without the file follows no
    conversation (every message is answered on its own), as before it existed."""
    if not path.exists():
        return None
    data = _read_yaml(path, problems)
    top = _validate_model(path.name, data, DialogueFile, problems) if data is not None else None
    if not isinstance(top, DialogueFile):
        return None
    for lang in DIALOGUE_LANGUAGES:
        if lang not in top.languages:
            problems.append(f"{path.name}: field 'languages.{lang}' is missing")
    named = {
        "if_not_topics": [id_ for pair in top.if_not_topics.items() for id_ in pair],
        "course_topics": top.course_topics,
        "effect_topics": top.effect_topics,
        "remedy_topic": [top.remedy_topic] if top.remedy_topic else [],
        "remedy_after": top.remedy_after,
        "lasting_topic": [top.lasting_topic] if top.lasting_topic else [],
        "again_topic": [top.again_topic] if top.again_topic else [],
        "effect_topic": [top.effect_topic] if top.effect_topic else [],
        "price_topic": [top.price_topic] if top.price_topic else [],
        "rebook_topic": [top.rebook_topic] if top.rebook_topic else [],
        "rebook_after": top.rebook_after,
        "signs_topics": top.signs_topics,
        "priced_topics": top.priced_topics,
        "again_after": top.again_after,
        "again_with": top.again_with,
        "top_up_after": top.top_up_after,
        "flag_topics": list(top.flag_topics.values()),
    }
    for field, entry_ids in named.items() if faq_ids else ():  # no FAQ: said already
        for entry_id in entry_ids:
            if entry_id not in faq_ids:
                problems.append(f"{path.name}: field {field!r} names unknown entry {entry_id!r}")
    known_flags = flag_ids or set()
    for flag_id in top.flag_topics if known_flags else ():  # no red flags: said already
        if flag_id not in known_flags:
            problems.append(f"{path.name}: field 'flag_topics' names unknown red flag {flag_id!r}")
    for where, text in text_fields(top.model_dump()):
        _check_templates(path.name, f"field '{where}'", text, problems)
    return top


def _pack_reader(
    knowledge_dir: Path, clinic_dir: Path | None, switched_off: set[str], problems: list[str]
) -> Callable[[Path, list[str]], Any]:
    """How the language packs are read: the shipped pack with the clinic's own pack (same
    file name under ``clinic_dir/lang``) applied, by entry id and only what differs."""
    own_dir = clinic_dir / "lang" if clinic_dir is not None else None
    if own_dir is not None and own_dir.is_dir():
        for path in sorted(own_dir.glob("*.yaml")):
            if not (knowledge_dir / "lang" / path.name).exists():
                problems.append(
                    f"{own_dir.parent.name}/lang/{path.name}: there is no shipped "
                    f"lang/{path.name} to change"
                )

    def read(path: Path, problems: list[str]) -> Any:
        data = _read_yaml(path, problems)
        own_path = own_dir / path.name if own_dir is not None else None
        if data is None or own_path is None or not own_path.exists():
            return data
        own = _read_yaml(own_path, problems) if _has_content(own_path) else None
        if own is None:
            return data
        label = f"{own_path.parent.parent.name}/lang/{path.name}"
        merged, off = change_pack(data, own, label, problems)
        switched_off.update(off)
        return merged

    return read


def load_knowledge(knowledge_dir: Path, clinic_dir: Path | None = None) -> Knowledge:
    """Load and cross-check a knowledge folder; raise ``KnowledgeError`` listing every problem.

    ``clinic_dir``, when given, supplies the clinic's own ``clinic.yaml`` in place of the
    shipped example (its country's profile in ``countries.yaml`` fills in what it leaves
    out); its optional ``faq.yaml`` adds entries, changes shipped ones by id (only the fields
    it names, see ``overrides``) or switches them off, its optional ``messages.yaml``
    rewords any of the shipped messages, and its optional ``lang/<code>.yaml`` changes a
    language pack's entries and messages the same way.
    """
    problems: list[str] = []
    if not knowledge_dir.is_dir():
        raise KnowledgeError([f"knowledge folder not found: {knowledge_dir}"])
    if clinic_dir is not None and not clinic_dir.is_dir():
        raise KnowledgeError([f"clinic folder not found: {clinic_dir}"])
    clinic_source = clinic_dir if clinic_dir is not None else knowledge_dir
    own = (lambda name: clinic_dir / name) if clinic_dir is not None else (lambda name: None)

    faq, switched_off = _load_faq(knowledge_dir / FAQ_FILE, problems, own(FAQ_FILE))
    flags, ignore, concepts = _load_red_flags(knowledge_dir / RED_FLAGS_FILE, problems)
    countries = _load_countries(knowledge_dir / COUNTRIES_FILE, problems)
    clinic, country = _load_clinic(clinic_source / CLINIC_FILE, problems, countries)
    messages = _load_messages(knowledge_dir / MESSAGES_FILE, problems, own(MESSAGES_FILE))
    dialogue = _load_dialogue(
        knowledge_dir / DIALOGUE_FILE, problems, {e.id for e in faq}, {f.id for f in flags}
    )

    packs = (
        merge_packs(
            knowledge_dir,
            faq=faq,
            flags=flags,
            ignore=ignore,
            concepts=concepts,
            messages=messages,
            enabled=clinic.languages if clinic is not None else ("en",),
            read_yaml=_pack_reader(knowledge_dir, clinic_dir, switched_off, problems),
            validate=_validate_model,
            check_template=_check_templates,
            problems=problems,
        )
        if messages is not None
        else None
    )

    if problems or clinic is None or messages is None or packs is None:
        raise KnowledgeError(problems or ["knowledge could not be loaded"])
    return Knowledge(
        faq=tuple(without(faq, switched_off)),
        red_flags=packs.red_flags,
        ignore_phrases=packs.ignore_phrases,
        concepts=packs.concepts,
        clinic=clinic,
        messages=messages,
        country=country,
        switched_off=tuple(entry for entry in faq if entry.id in switched_off),
        texts=packs.texts,
        localized_messages=packs.messages,
        language_gaps=packs.gaps,
        dialogue=dialogue,
    )
