"""The shape of the code, read from its imports with ``ast``: which layer may import which, no
import cycle at run time, and no test module leaning on another test module.

Every ``import x`` and ``from x import y`` counts, relative ones resolved and those inside
functions too (they run, later); those under ``if TYPE_CHECKING:`` do not (they never run).
``from package import name`` is an import of ``package.name`` when that is a module, else of the
package itself, whose ``__init__`` hands the name on.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
APP_ROOT = REPO_ROOT / "app"

# Where each module of the app belongs, by the first name under the package. Top-level modules
# without Qt (and the package's own __init__, named "") sit on the domain's level; the entry
# points start everything, so they may import anything.
LAYER_OF = {
    "": "domain",
    "domain": "domain",
    "locations": "domain",
    "marks": "domain",
    "colours": "domain",
    "diagnostics": "domain",
    "store": "store",
    "org": "org",
    "export": "export",
    "services": "services",
    "voting": "voting",
    "ui": "ui",
    "cli": "entry",
    "cli_support": "entry",
    "cli_organisation": "entry",
    "__main__": "entry",
    "selftest": "entry",
}

# The rule: domain <- store <- services <- ui, and export <- domain (services make the exports);
# voting (the phones' server) sits beside services: on the domain and the store, under the ui.
# org (the organisation's PostgreSQL database) sits beside the store, under services: the ui
# reaches it only through services, and the store never through it.
# A layer may import the layers in its row, nothing else of the app.
ALLOWED = {
    #  layer       may import
    "domain":   {"domain"},
    "store":    {"store", "domain"},
    "org":      {"org", "store", "domain"},
    "export":   {"export", "domain"},
    "services": {"services", "org", "store", "export", "domain"},
    "voting":   {"voting", "store", "domain"},
    "ui":       {"ui", "services", "voting", "domain"},
    "entry":    {"entry", "ui", "services", "voting", "export", "org", "store", "domain"},
}  # fmt: skip

# Qt is the window's: only these layers may import it (the command line runs without it).
QT_LAYERS = {"ui", "entry"}


@dataclass(frozen=True)
class Import:
    importer: str  # dotted module names
    target: str
    path: Path
    line: int

    def where(self, root: Path) -> str:
        return f"{self.path.relative_to(root)}:{self.line}"


def modules_under(root: Path, package: str) -> dict[str, Path]:
    """Every module of ``package`` (a folder in ``root``), by dotted name; a package by its own."""
    found = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _run_time_imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """The import statements that can run: all of them but those under ``if TYPE_CHECKING:``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                yield from _run_time_imports(ast.Module(body=[child], type_ignores=[]))
        else:
            yield from _run_time_imports(node)


def imports_of(module: str, path: Path, known: Iterable[str]) -> list[Import]:
    known = set(known)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in _run_time_imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [Import(module, alias.name, path, node.lineno) for alias in node.names]
            continue
        base = node.module or ""
        if node.level:
            parts = package.split(".")
            anchor = ".".join(parts[: len(parts) - (node.level - 1)])
            base = f"{anchor}.{base}" if base else anchor
        for alias in node.names:
            target = f"{base}.{alias.name}"
            found.append(Import(module, target if target in known else base, path, node.lineno))
    return list(dict.fromkeys(found))  # once per target and line


def import_graph(root: Path, package: str) -> dict[str, list[Import]]:
    """Each module of ``package`` with the imports it runs (of anything, the app's or not)."""
    modules = modules_under(root, package)
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def _inside(target: str, package: str) -> bool:
    return target == package or target.startswith(package + ".")


def layer_offences(root: Path, package: str, graph: dict[str, list[Import]]) -> list[str]:
    def layer(module: str) -> str | None:
        first = module.removeprefix(package).removeprefix(".").split(".")[0]
        return LAYER_OF.get(first)

    paths = modules_under(root, package)
    offences = []
    for module, imports in graph.items():
        own = layer(module)
        if own is None:
            offences.append(f"{paths[module].relative_to(root)}: {module} is in no layer (add it to LAYER_OF)")
            continue
        for found in imports:
            if _inside(found.target, package):
                other = layer(found.target)
                if other not in ALLOWED[own]:
                    offences.append(f"{found.where(root)}: {own} imports {other} ({module} -> {found.target})")
            elif _inside(found.target, "PySide6") and own not in QT_LAYERS:
                offences.append(f"{found.where(root)}: {own} imports Qt ({module} -> {found.target})")
    return offences


def cycles(graph: dict[str, list[Import]]) -> list[list[str]]:
    """The import cycles: each strongly connected component of more than one module (or a module
    importing itself), by Tarjan's algorithm."""
    edges = {m: sorted({i.target for i in imports if i.target in graph}) for m, imports in graph.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in edges[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in edges[node]:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(found)


def cycle_offences(root: Path, graph: dict[str, list[Import]]) -> list[str]:
    offences = []
    for component in cycles(graph):
        members = set(component)
        links = [
            f"    {i.where(root)}: {i.importer} -> {i.target}"
            for module in component
            for i in graph[module]
            if i.target in members
        ]
        offences.append(f"import cycle between {', '.join(component)}:\n" + "\n".join(links))
    return offences


def borrowed_test_helpers(root: Path, package: str, graph: dict[str, list[Import]]) -> list[str]:
    """Imports by a ``test_*`` module of another ``test_*`` module or of a conftest."""
    def borrowable(module: str) -> bool:
        last = module.rpartition(".")[2]
        return not (last.startswith("test_") or last == "conftest")

    return [
        f"{i.where(root)}: {module} imports {i.target}; move what it shares into a helpers module"
        for module, imports in graph.items()
        if module.rpartition(".")[2].startswith("test_")
        for i in imports
        if _inside(i.target, package) and i.target != module and not borrowable(i.target)
    ]


def _fail_on(offences: list[str], what: str) -> None:
    if offences:
        pytest.fail(f"{len(offences)} {what}:\n" + "\n".join(f"  {o}" for o in offences), pytrace=False)


# -- the app -----------------------------------------------------------------------------------
def test_imports_follow_the_layers():
    offences = layer_offences(APP_ROOT, "maturity_workshop", import_graph(APP_ROOT, "maturity_workshop"))
    _fail_on(offences, "imports against the layers (see ALLOWED in tests/test_architecture.py)")


def test_no_import_cycle_at_run_time():
    offences = cycle_offences(APP_ROOT, import_graph(APP_ROOT, "maturity_workshop"))
    _fail_on(offences, "import cycles")


def test_no_test_module_imports_another_or_a_conftest():
    offences = borrowed_test_helpers(REPO_ROOT, "tests", import_graph(REPO_ROOT, "tests"))
    _fail_on(offences, "imports by test modules of other test modules or of a conftest")


# -- the checker itself ------------------------------------------------------------------------
def _tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_the_checker_finds_wrong_imports_and_cycles(tmp_path):
    _tree(
        tmp_path,
        {
            "fake/__init__.py": "",
            "fake/marks.py": "import PySide6.QtGui\n",
            "fake/domain/__init__.py": "from .model import Model\n",
            "fake/domain/model.py": "class Model: ...\n",
            "fake/store/__init__.py": "",
            "fake/store/engine.py": "from ..domain import Model\n\ndef migrate():\n    from .backups import back_up\n",
            "fake/store/backups.py": "from . import engine\n\ndef back_up(): ...\n",
            "fake/services/__init__.py": "from .work import Service\n",
            "fake/services/work.py": "from ..store.engine import migrate\nclass Service: ...\n",
            "fake/ui/__init__.py": "",
            "fake/ui/window.py": (
                "from typing import TYPE_CHECKING\n"
                "from fake.services import Service\n"
                "if TYPE_CHECKING:\n    from ..store.backups import back_up\n"
                "else:\n    import fake.export.pdf\n"
                "def open():\n    from ..store import engine\n"
            ),
            "fake/export/__init__.py": "",
            "fake/export/pdf.py": "from .. import marks\n",
            "fake/plugins.py": "",
        },
    )
    graph = import_graph(tmp_path, "fake")
    assert [i.target for i in graph["fake.ui.window"]] == ["typing", "fake.services", "fake.export.pdf", "fake.store.engine"]
    assert layer_offences(tmp_path, "fake", graph) == [
        "fake/marks.py:1: domain imports Qt (fake.marks -> PySide6.QtGui)",
        "fake/plugins.py: fake.plugins is in no layer (add it to LAYER_OF)",
        "fake/ui/window.py:6: ui imports export (fake.ui.window -> fake.export.pdf)",
        "fake/ui/window.py:8: ui imports store (fake.ui.window -> fake.store.engine)",
    ]
    assert cycles(graph) == [["fake.store.backups", "fake.store.engine"]]
    assert cycle_offences(tmp_path, graph) == [
        "import cycle between fake.store.backups, fake.store.engine:\n"
        "    fake/store/backups.py:1: fake.store.backups -> fake.store.engine\n"
        "    fake/store/engine.py:4: fake.store.engine -> fake.store.backups"
    ]


def test_the_checker_finds_a_package_importing_itself_through_its_init(tmp_path):
    _tree(tmp_path, {"fake/__init__.py": "", "fake/ui/__init__.py": "from .a import A\n",
                     "fake/ui/a.py": "from . import b\nA = 1\n", "fake/ui/b.py": "from ..ui import A\n"})
    assert cycles(import_graph(tmp_path, "fake")) == [["fake.ui", "fake.ui.a", "fake.ui.b"]]


def test_the_checker_finds_tests_borrowing_from_tests(tmp_path):
    _tree(
        tmp_path,
        {
            "tests/__init__.py": "",
            "tests/conftest.py": "def rows(): ...\n",
            "tests/helpers.py": "",
            "tests/ui/__init__.py": "",
            "tests/ui/test_a.py": "from .. import helpers\nfrom ..conftest import rows\n",
            "tests/ui/test_b.py": "from .test_a import click\nfrom tests.ui import test_a\n",
        },
    )
    assert borrowed_test_helpers(tmp_path, "tests", import_graph(tmp_path, "tests")) == [
        "tests/ui/test_a.py:2: tests.ui.test_a imports tests.conftest; move what it shares into a helpers module",
        "tests/ui/test_b.py:1: tests.ui.test_b imports tests.ui.test_a; move what it shares into a helpers module",
        "tests/ui/test_b.py:2: tests.ui.test_b imports tests.ui.test_a; move what it shares into a helpers module",
    ]
