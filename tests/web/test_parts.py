"""The dashboard's pure parts: question grouping, SVG charts, the FAQ editor, its tables."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import yaml
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from bot.config import DEFAULT_KNOWLEDGE_DIR
from bot.core.knowledge import load_knowledge
from bot.core.responder import Responder
from bot.errors import KnowledgeError
from bot.storage import Storage
from bot.storage.dashboard import UnansweredText
from bot.storage.dashboard_schema import DASHBOARD_TABLES
from bot.storage.engine import create_engine, parse_database_url
from bot.storage.schema import metadata
from bot.web.charts import Series, bars, columns_by_day
from bot.web.faq_editor import FaqEditError, FaqEditor
from bot.web.grouping import cluster, group_questions

NOW = datetime(2026, 1, 20, 12, tzinfo=UTC)


def _texts(*items: tuple[str, int]) -> list[UnansweredText]:
    return [UnansweredText(text, count, NOW) for text, count in items]


def test_similar_questions_are_grouped_and_a_shared_word_is_not_enough() -> None:
    texts = _texts(
        ("can i drink alcohol tonight", 3),
        ("alcohol tonight?", 2),
        ("Can I drink alcohol tonight", 1),
        ("can i drink", 1),
        ("can my dog lick my face", 1),
    )
    groups = [[texts[i].text for i in members] for members in cluster(texts)]
    assert groups[0] == [
        "can i drink alcohol tonight",
        "alcohol tonight?",
        "Can I drink alcohol tonight",
    ]
    assert ["can i drink"] in groups and ["can my dog lick my face"] in groups


def test_groups_carry_the_matchers_suggestion(responder: Responder) -> None:
    groups = group_questions(_texts(("can my dog lick my face after", 2)), responder)
    (group,) = groups
    assert group.count == 2 and group.suggestions
    assert group.answered_now_by is None
    solved = group_questions(_texts(("can i drink wine tonight", 1)), responder)
    assert solved[0].answered_now_by == "alcohol"


def test_charts_are_accessible_svg_with_escaped_labels() -> None:
    days = [date(2026, 1, 1) + timedelta(days=i) for i in range(3)]
    chart = columns_by_day("Messages <b>", "desc", days, [Series("answered", (1, 0, 4))])
    assert chart.svg.startswith("<svg") and 'role="img"' in chart.svg
    assert "Messages &lt;b&gt;" in chart.svg and "<b>" not in chart.svg
    assert chart.rows[2] == ("2026-01-03", "4", "4") and not chart.empty
    topic = bars("Topics", "d", ["<script>"], [Series("helpful", (0,))])
    assert "<script>" not in topic.svg and topic.empty


@pytest.fixture
def clinic_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "riverside"
    folder.mkdir()
    shutil.copyfile(DEFAULT_KNOWLEDGE_DIR / "clinic.yaml", folder / "clinic.yaml")
    return folder


def test_the_editor_never_saves_what_the_loader_refuses(clinic_folder: Path) -> None:
    editor = FaqEditor(DEFAULT_KNOWLEDGE_DIR, clinic_folder)
    entry: dict[str, Any] = {"id": "alcohol", "category": "aftercare", "title": "x"}
    with pytest.raises(FaqEditError) as caught:
        editor.save_entry({**entry, "questions": ["a"], "answer": "b"})
    assert any("riverside/faq.yaml: entry 'alcohol'" in p for p in caught.value.problems)
    assert not (clinic_folder / "faq.yaml").exists()
    with pytest.raises(FaqEditError):
        editor.add_phrasings("alcohol", ["how long does botox last"])  # another entry's
    assert not (clinic_folder / "faq.yaml").exists()


def test_switched_off_entries_are_validated(clinic_folder: Path) -> None:
    (clinic_folder / "faq.yaml").write_text(
        "entries:\n  - id: no_such_entry\n    enabled: false\n", encoding="utf-8"
    )
    with pytest.raises(KnowledgeError, match="no_such_entry"):
        load_knowledge(DEFAULT_KNOWLEDGE_DIR, clinic_folder)
    every = [e.id for e in load_knowledge(DEFAULT_KNOWLEDGE_DIR).faq]
    off = "".join(f"  - id: {entry_id}\n    enabled: false\n" for entry_id in every[1:])
    (clinic_folder / "faq.yaml").write_text(f"entries:\n{off}", encoding="utf-8")
    editor = FaqEditor(DEFAULT_KNOWLEDGE_DIR, clinic_folder)
    assert [e.id for e in editor.current().knowledge.faq] == every[:1]
    with pytest.raises(FaqEditError, match="every FAQ entry is switched off"):
        editor.set_enabled(every[0], False)


def test_a_hand_edit_is_picked_up(clinic_folder: Path) -> None:
    editor = FaqEditor(DEFAULT_KNOWLEDGE_DIR, clinic_folder)
    before = editor.current()
    (clinic_folder / "faq.yaml").write_text(
        "entries:\n  - id: alcohol\n    enabled: false\n", encoding="utf-8"
    )
    after = editor.current()
    assert after.version != before.version and after.disabled == {"alcohol"}
    assert after.entry("alcohol") is not None  # still listed, to switch it back on


def test_the_editor_writes_only_what_differs_from_the_shipped_entry(clinic_folder: Path) -> None:
    # The same numbers as the shipped answer: the demo clinic answers in every language, and
    # check refuses an English rule that the other languages' answers contradict.
    editor = FaqEditor(DEFAULT_KNOWLEDGE_DIR, clinic_folder)
    shipped = load_knowledge(DEFAULT_KNOWLEDGE_DIR).entry("exercise_gym")
    wanted = shipped.model_dump()
    wanted["answer"] = "At our clinic: nothing hard for 24 hours, no gym for 48 hours."
    wanted["questions"] = [*shipped.questions[1:], "can i do crossfit tomorrow"]
    knowledge = editor.save_entry(wanted)
    written = yaml.safe_load((clinic_folder / "faq.yaml").read_text(encoding="utf-8"))
    assert written == {
        "entries": [
            {
                "id": "exercise_gym",
                "answer": "At our clinic: nothing hard for 24 hours, no gym for 48 hours.",
                "questions": ["can i do crossfit tomorrow"],
                "remove_questions": [shipped.questions[0]],
            }
        ]
    }
    assert knowledge.entry("exercise_gym").questions == wanted["questions"]
    editor.set_enabled("exercise_gym", False)
    editor.set_enabled("alcohol", False)
    editor.set_enabled("alcohol", True)  # back on: nothing left to say about it
    written = yaml.safe_load((clinic_folder / "faq.yaml").read_text(encoding="utf-8"))
    assert [item["id"] for item in written["entries"]] == ["exercise_gym"]
    assert written["entries"][0]["enabled"] is False
    state = editor.current()
    assert state.disabled == {"exercise_gym"} and state.is_own("exercise_gym")
    assert state.entry("exercise_gym").answer.startswith("At our clinic")  # type: ignore[union-attr]


def _differences(connection: sa.Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, metadata))


async def test_the_migration_creates_the_dashboard_tables_as_the_schema_says(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    await (await Storage.open(url)).close()
    engine = create_engine(parse_database_url(url))
    try:
        async with engine.connect() as connection:
            names = await connection.run_sync(lambda c: set(sa.inspect(c).get_table_names()))
            differences = await connection.run_sync(_differences)
    finally:
        await engine.dispose()
    assert {table.name for table in DASHBOARD_TABLES} <= names
    assert differences == []
