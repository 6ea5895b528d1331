"""The dashboard's pure parts: question grouping, SVG charts, the FAQ editor, its tables."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
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
from bot.web.faq_editor import DISABLED_FILE, FaqEditError, FaqEditor, load_clinic_knowledge
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
    (clinic_folder / DISABLED_FILE).write_text("disabled: [no_such_entry]\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="no_such_entry"):
        load_clinic_knowledge(DEFAULT_KNOWLEDGE_DIR, clinic_folder)
    every = [e.id for e in load_knowledge(DEFAULT_KNOWLEDGE_DIR).faq]
    editor = FaqEditor(DEFAULT_KNOWLEDGE_DIR, clinic_folder)
    (clinic_folder / DISABLED_FILE).write_text(f"disabled: {every[1:]}\n", encoding="utf-8")
    with pytest.raises(FaqEditError, match="every FAQ entry is switched off"):
        editor.set_enabled(every[0], False)


def test_a_hand_edit_is_picked_up(clinic_folder: Path) -> None:
    editor = FaqEditor(DEFAULT_KNOWLEDGE_DIR, clinic_folder)
    before = editor.current()
    (clinic_folder / DISABLED_FILE).write_text("disabled: [alcohol]\n", encoding="utf-8")
    after = editor.current()
    assert after.version != before.version and after.disabled == {"alcohol"}


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
