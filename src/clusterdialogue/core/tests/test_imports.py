"""The core's import graph: no module imports another in a circle, and nothing imports Django.

Imports under ``if TYPE_CHECKING:`` and inside functions count too: a circle hidden there is
still a circle a reader has to hold in their head, and the next runtime import closes it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

import clusterdialogue.core

CORE = Path(clusterdialogue.core.__file__).parent
PACKAGE = "clusterdialogue.core"


def module_name(path: Path) -> str:
    parts = path.relative_to(CORE).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((PACKAGE, *parts))


def imported_names(path: Path) -> set[str]:
    """Every module name an ``import`` or ``from ... import`` statement of ``path`` names."""
    this = module_name(path)
    package = this if path.name == "__init__.py" else this.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            names.add(base)
            # ``from package import module`` names the module, not only the package.
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def core_modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for path in sorted(CORE.rglob("*.py"))
        if "tests" not in path.relative_to(CORE).parts
    }


def import_graph() -> nx.DiGraph:
    modules = core_modules()
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        graph.add_edges_from(
            (name, target) for target in imported_names(path) & modules.keys() if target != name
        )
    return graph


def test_the_graph_sees_the_imports():
    graph = import_graph()
    assert graph.has_edge(
        "clusterdialogue.core.matching.engine", "clusterdialogue.core.matching.reasons"
    )
    assert graph.has_edge("clusterdialogue.core.relatedness", "clusterdialogue.core.mapping")


def test_no_import_cycle_in_core():
    cycles = list(nx.simple_cycles(import_graph()))
    assert cycles == [], "core modules import each other in a circle: " + "; ".join(
        " -> ".join([*cycle, cycle[0]]) for cycle in cycles
    )


def outside_core(name: str) -> bool:
    """Django, DRF, or a Django-side module of the project (each of which imports Django)."""
    top = name.split(".")[0]
    if top in {"django", "rest_framework"}:
        return True
    return top == "clusterdialogue" and name != PACKAGE and not name.startswith(f"{PACKAGE}.")


@pytest.mark.parametrize("name", sorted(core_modules()))
def test_core_imports_no_django(name):
    outside = sorted(n for n in imported_names(core_modules()[name]) if outside_core(n))
    assert outside == [], f"{name} imports {', '.join(outside)}: the core stays free of Django"


@pytest.mark.parametrize(
    ("name", "outside"),
    [
        ("django.db.models", True),
        ("rest_framework", True),
        ("clusterdialogue.statistics.models", True),
        ("clusterdialogue.core", False),
        ("clusterdialogue.core.mapping", False),
        ("numpy", False),
    ],
)
def test_outside_core_names_the_django_side(name, outside):
    assert outside_core(name) is outside
