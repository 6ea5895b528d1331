"""The language identifier kept in the model cache identifies exactly as py3langid's packaged
model narrowed to the shipped languages (issue 17: no decompression at start)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.core.identifier import load_identifier
from bot.core.language import SHIPPED
from tests.conftest import DATA

# Beyond the labelled messages: other scripts, nothing to read, shouting, a long message.
ODD_TEXTS = ["", "   ", "1234", "привет, как дела", "你好吗", "مرحبا", "CAN I DRINK", "ok " * 300]
ODD_TEXTS += ["tab\there\x00\x7f", "ça va 🙂👍 naïve ß œ ÿ", "Ελληνικά · עברית · हिन्दी"]


def _texts() -> list[str]:
    texts = list(ODD_TEXTS)
    for path in sorted(DATA.glob("lang_dev_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


@pytest.fixture(scope="module")
def packaged() -> object:
    return load_identifier(SHIPPED, None)


def test_cached_identifier_ranks_exactly_as_the_packaged_one(
    packaged: object, tmp_path: Path
) -> None:
    built = load_identifier(SHIPPED, tmp_path)  # narrowed now, and written to the cache
    (folder,) = tmp_path.iterdir()
    assert sorted(p.name for p in folder.iterdir()) == [
        "bytemap.npy",
        "classes.npy",
        "nextmove.npy",
        "output.npy",
        "pc.npy",
        "ptc.npy",
        "rowbase.npy",
    ]
    # Bytes that move every state alike share a column: a narrower automaton to map.
    full_size = 4 * len(packaged.tk_nextmove)  # type: ignore[attr-defined]
    assert (folder / "nextmove.npy").stat().st_size < 0.8 * full_size
    mapped = load_identifier(SHIPPED, tmp_path)  # read back from the cache
    assert isinstance(mapped._rowbase, memoryview)  # the mapped automaton, not a rebuild
    texts = _texts()
    assert len(texts) > 200
    for text in texts:
        expected = packaged.rank(text)  # type: ignore[attr-defined]
        assert built.rank(text) == expected, text
        assert mapped.rank(text) == expected, text
        encoded = text.encode()  # py3langid also takes UTF-8 bytes
        assert mapped.rank(encoded) == packaged.rank(encoded), text  # type: ignore[attr-defined]
    assert mapped.rank("¿Puedo tomar alcohol esta noche?")[0][0] == "es"


@pytest.mark.parametrize("damage", ["weights not an array", "automaton cut short"])
def test_a_damaged_cache_is_rebuilt(packaged: object, tmp_path: Path, damage: str) -> None:
    load_identifier(SHIPPED, tmp_path)
    (folder,) = tmp_path.iterdir()
    if damage == "weights not an array":
        (folder / "pc.npy").write_bytes(b"not an array")
    else:
        automaton = folder / "nextmove.npy"
        automaton.write_bytes(automaton.read_bytes()[:4096])
    rebuilt = load_identifier(SHIPPED, tmp_path)
    text = "Darf ich heute Abend Alkohol trinken?"
    assert rebuilt.rank(text) == packaged.rank(text)  # type: ignore[attr-defined]
    mapped = load_identifier(SHIPPED, tmp_path)
    assert isinstance(mapped._rowbase, memoryview)
    assert mapped.rank(text) == packaged.rank(text)  # type: ignore[attr-defined]
