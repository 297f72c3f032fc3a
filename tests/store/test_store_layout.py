"""The store's modules import one another in one direction: no cycle, even through an import made
inside a function, so that each can be read, and loaded, on its own."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

from maturity_workshop.store import engine

STORE = Path(engine.__file__).resolve().parent


def _store_imports(path: Path) -> set[str]:
    """The store modules ``path`` imports, wherever in the file the import is."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
    return found


def test_the_store_modules_import_one_another_without_a_cycle() -> None:
    graph = {path.stem: _store_imports(path) for path in STORE.glob("*.py") if path.stem != "__init__"}
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as error:
        raise AssertionError(f"an import cycle between store modules: {error.args[1]}") from None
    assert graph["sqlite"] == set()  # every store module can import it
    assert order.index("sqlite") < order.index("backups") < order.index("engine")
    assert "engine" not in graph["backups"] and "engine" not in graph["integrity"]
