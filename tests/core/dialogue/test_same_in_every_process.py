"""The same message gets the same answer in every process: nothing the dialogue decides may
follow the order of a set of strings, which Python shuffles per process (PYTHONHASHSEED).
"what should i expect tonight and can i put ice on the bumps" named the bruise in some
processes and not in others, because "ice" names two entries and their tie was broken by a
frozenset's order."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bot.core.dialogue.keywords import KeywordIndex
from bot.core.responder import Responder

ROOT = Path(__file__).resolve().parents[3]
TIED = "what should i expect tonight and can i put ice on the bumps"


def test_an_english_keyword_names_its_entries_in_the_faqs_order(responder: Responder) -> None:
    faq_order = [entry.id for entry in responder.knowledge.faq]
    english = KeywordIndex(responder.knowledge).table("en")
    for keyword, ids in english.names.items():
        assert list(ids) == sorted(ids, key=faq_order.index), keyword
    assert KeywordIndex(responder.knowledge).table("en").ids("ice")[:2] == (
        "bruising",
        "swelling_redness",
    )


def _topics(seed: str) -> list[str]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "--env-file", os.devnull, "ask", "--json", TIED],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    topics: list[str] = json.loads(done.stdout.splitlines()[-1])["topics"]
    return topics


def test_a_tie_between_keywords_is_broken_alike_under_any_hash_seed() -> None:
    first, second = _topics("1"), _topics("2")
    assert first == second
    assert first[0] == "what_to_expect_first_day"
