"""The house's layers, checked: a lower layer never imports a higher one.

Every import counts, wherever it is written: at the top, inside a function (kept there for
start-up time) or under `TYPE_CHECKING` (a type is a dependency too). The rule, also written in
docs/architecture.md ("The layer rule"):

- `core` is pure Python: it never imports Textual, the UI, the server or the command line.
- Inside `core`: leaves (paths, glyphs, safe files, standings) < routines < library and session
  (which never import each other) < history < the features at the top of `core` (settings,
  notifications, reminders, ...). A new package of `core` starts at the top.
- `ui` never imports `serving` or `cli`; `serving` imports only `core` and itself.
- No circle of imports between modules anywhere in `src/`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[2] / "src"
PACKAGE = SOURCE / "unknot"

#: Rank of each part of core; a module may import its own part and lower ranks, never higher ones.
CORE_RANKS = {
    "paths": 0,
    "glyphs": 0,
    "safe_files": 0,
    "standings": 0,
    "routines": 1,
    "library": 2,
    "session": 2,
    "history": 3,
}
TOP_RANK = 4
#: Third-party packages only the UI and the server may use.
UI_ONLY = ("textual", "textual_serve", "aiohttp", "rich")


def module_name(path: Path) -> str:
    """Return the dotted module name of a file under `src/`."""
    parts = list(path.relative_to(SOURCE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_names(path: Path) -> Iterator[str]:
    """Yield every module a file imports, at any depth of its code, as an absolute dotted name."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            yield target
            # `from . import x` and `from .pkg import module` name modules too.
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                if _is_module(candidate):
                    yield candidate


def _is_module(name: str) -> bool:
    relative = Path(*name.split("."))
    return (SOURCE / relative).with_suffix(".py").is_file() or (SOURCE / relative / "__init__.py").is_file()


@cache
def import_graph() -> dict[str, frozenset[str]]:
    """Return each module of the package with the modules (ours or third-party) it imports."""
    return {module_name(path): frozenset(imported_names(path)) for path in sorted(PACKAGE.rglob("*.py"))}


def core_part(module: str) -> str | None:
    """Return the part of core a module belongs to (`routines`, `settings`, ...), None outside core."""
    parts = module.split(".")
    if parts[:2] != ["unknot", "core"] or len(parts) < 3:
        return None
    return parts[2]


def core_rank(module: str) -> int:
    """Return the layer of a core module (or of the package root, which only holds the version)."""
    if module == "unknot":
        return 0
    part = core_part(module)
    assert part is not None
    return CORE_RANKS.get(part, TOP_RANK)


def violations() -> list[str]:
    """Return every import that breaks the layer rule, as `importer -> imported: why`."""
    found = []
    for module, targets in import_graph().items():
        for target in targets:
            why = _broken_rule(module, target)
            if why:
                found.append(f"{module} -> {target}: {why}")
    return sorted(found)


def _broken_rule(module: str, target: str) -> str | None:
    top = target.split(".")[0]
    if core_part(module) is not None:
        if top in UI_ONLY:
            return "core is pure Python"
        if target.startswith(("unknot.ui", "unknot.serving", "unknot.cli")):
            return "core never imports the UI, the server or the command line"
        if target == "unknot" or target.startswith("unknot.core."):
            if core_part(target) == core_part(module):
                return None
            rank, target_rank = core_rank(module), core_rank(target)
            if target_rank > rank:
                return f"a lower layer ({rank}) imports a higher one ({target_rank})"
            if target_rank == rank < TOP_RANK:
                return "library and session never import each other"
        return None
    if module.startswith("unknot.ui") and target.startswith(("unknot.serving", "unknot.cli")):
        return "the UI never imports the server or the command line"
    if (
        module.startswith("unknot.serving")
        and target.startswith("unknot.")
        and not target.startswith(("unknot.core", "unknot.serving"))
    ):
        return "the server imports only core and itself"
    return None


def import_circles(graph: dict[str, set[str]] | None = None) -> list[list[str]]:
    """Return the circles of imports between modules (of the package, unless a graph is given)."""
    graph = (
        graph
        if graph is not None
        else {
            module: {target for target in targets if target in import_graph()}
            for module, targets in import_graph().items()
        }
    )
    index = 0
    stack: list[str] = []
    on_stack: set[str] = set()
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    circles = []

    def visit(module: str) -> None:
        nonlocal index
        order[module] = low[module] = index
        index += 1
        stack.append(module)
        on_stack.add(module)
        for target in graph[module]:
            if target not in order:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], order[target])
        if low[module] == order[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for module in sorted(graph):
        if module not in order:
            visit(module)
    return circles


def test_no_import_breaks_the_layer_rule() -> None:
    assert violations() == []


def test_no_circle_of_imports() -> None:
    assert import_circles() == []


@pytest.mark.parametrize(
    ("module", "target", "broken"),
    [
        ("unknot.core.routines.model", "unknot.core.library.library", True),
        ("unknot.core.library.search", "unknot.core.history.due", True),
        ("unknot.core.session.player", "unknot.core.library.library", True),
        ("unknot.core.history.store", "unknot.core.session.events", False),
        ("unknot.core.settings", "unknot.core.history.store", False),
        ("unknot.core.notify", "textual.app", True),
        ("unknot.core.history.store", "unknot.ui.app", True),
        ("unknot.ui.screens.player", "unknot.serving.server", True),
        ("unknot.serving.server", "unknot.ui.app", True),
        ("unknot.serving.server", "unknot.core.page_messages", False),
        ("unknot.cli.serve", "unknot.serving.server", False),
    ],
)
def test_the_rule_itself(module: str, target: str, broken: bool) -> None:
    """The checker would catch each kind of wrong import (so the tests above cannot pass by accident)."""
    assert (_broken_rule(module, target) is not None) is broken


def test_the_checker_sees_imports_inside_functions_and_type_checking() -> None:
    targets = import_graph()["unknot.core.history.due"]
    assert "unknot.core.library.library" in targets  # inside read_standings
    assert "unknot.core.history.store" in targets  # under TYPE_CHECKING


def test_the_circle_finder_finds_circles() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert import_circles(graph) == [["a", "b", "c"]]
