"""The layering rules hold: a pure core, Telegram at the edge, and no import cycle in ``bot``."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parent.parent / "bot"
CORE = BOT / "core"
#: Libraries only the edges may import: Telegram and the web server (tg/, serve/, cli),
#: the database (storage/).
FORBIDDEN_IN_CORE = ("telegram", "sqlalchemy", "starlette", "alembic", "uvicorn", "bot.tg")
FORBIDDEN_IN_CORE += ("bot.serve", "bot.storage", "bot.web")


def module_name(path: Path) -> str:
    parts = path.relative_to(BOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, *, module_level_only: bool = False) -> Iterator[str]:
    """Every module ``path`` imports (absolute names), lazily inside functions too unless
    ``module_level_only``; imports under ``if TYPE_CHECKING:`` never run and are skipped."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path) if path.name == "__init__.py" else module_name(path.parent)

    def visit(node: ast.AST) -> Iterator[str]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if module_level_only and isinstance(
                child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
            ):
                continue
            if isinstance(child, ast.Import):
                yield from (alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")[: len(package.split(".")) - child.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                yield base
                # "from bot.storage import models" imports the submodule bot.storage.models
                for alias in child.names:
                    yield f"{base}.{alias.name}"
            yield from visit(child)

    yield from visit(tree)


def sources(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "migrations" not in p.parts)


@pytest.mark.parametrize("path", sources(CORE), ids=lambda p: str(p.relative_to(BOT)))
def test_core_imports_no_telegram_database_or_web_library(path: Path) -> None:
    bad = sorted(
        {
            name
            for name in imports(path)
            for forbidden in FORBIDDEN_IN_CORE
            if name == forbidden or name.startswith(f"{forbidden}.")
        }
    )
    assert not bad, f"{path.relative_to(BOT)} imports {bad}"


def import_graph(*, module_level_only: bool = True) -> dict[str, set[str]]:
    """Module -> the ``bot`` modules it imports (at module level: what runs on import)."""
    known = {module_name(path): path for path in sources(BOT)}
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        targets = {t for t in imports(path, module_level_only=module_level_only) if t in known}
        graph[name] = targets - {name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path of module names, or None (depth-first search)."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_finder_reports_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize("module_level_only", [True, False], ids=["module-level", "with-lazy"])
def test_no_import_cycle_among_bot_modules(module_level_only: bool) -> None:
    """Not even through imports inside functions (the old app <-> webhook cycle was one)."""
    cycle = find_cycle(import_graph(module_level_only=module_level_only))
    assert cycle is None, " -> ".join(cycle or [])


def test_only_storage_imports_sqlalchemy_and_only_the_edges_import_telegram() -> None:
    for path in sources(BOT):
        name = module_name(path)
        found = set(imports(path))
        if any(n.split(".")[0] in {"sqlalchemy", "alembic"} for n in found):
            assert name.startswith("bot.storage"), name
        if any(n.split(".")[0] in {"telegram", "starlette", "uvicorn"} for n in found):
            assert name.startswith(("bot.tg", "bot.serve", "bot.web")), name
