"""No import cycles, read statically from the source (grimp: import-linter's graph).

Every import counts: at the top of a module, inside a function (deferred for start-up time) and
under ``TYPE_CHECKING``. A deferred import hides a cycle from a run-time probe; this test sees it.
The layer contracts themselves are in pyproject.toml (``lint-imports``, run by the test command).
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterable, Mapping
from pathlib import Path

import grimp
import pytest

PACKAGES = ("ui", "app", "models", "assessments")


def import_cycles(imports: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The groups of modules that import each other, directly or round a loop (Tarjan's strongly
    connected components, iterative: no recursion limit on a deep chain)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = 0
    for root in sorted(imports):
        if root in index:
            continue
        work: list[tuple[str, list[str]]] = [(root, sorted(imports.get(root, ())))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, todo = work[-1]
            if todo:
                nxt = todo.pop()
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, sorted(imports.get(nxt, ()))))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1 or node in imports.get(node, ()):
                    groups.append(sorted(group))
    return sorted(groups)


def graph_imports(*packages: str) -> dict[str, set[str]]:
    graph = grimp.build_graph(*packages, include_external_packages=False, cache_dir=None)
    return {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}


def test_finder_sees_a_loop_and_a_clean_chain() -> None:
    assert import_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert import_cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []
    long_chain = {f"m{i}": {f"m{i + 1}"} for i in range(5000)}
    assert import_cycles(long_chain) == []
    long_chain["m5000"] = {"m0"}
    assert len(import_cycles(long_chain)[0]) == 5001


@pytest.fixture()
def planted_package(tmp_path: Path) -> Iterable[str]:
    """A package whose two modules import each other only inside a function and under TYPE_CHECKING."""
    name = "dnz_planted_cycle"
    pkg = tmp_path / name
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "first.py").write_text(
        textwrap.dedent(
            """
            def later():
                from dnz_planted_cycle import second
                return second
            """
        )
    )
    (pkg / "second.py").write_text(
        textwrap.dedent(
            """
            from typing import TYPE_CHECKING
            if TYPE_CHECKING:
                from dnz_planted_cycle.first import later
            """
        )
    )
    sys.path.insert(0, str(tmp_path))
    try:
        yield name
    finally:
        sys.path.remove(str(tmp_path))
        for mod in [m for m in sys.modules if m.split(".")[0] == name]:
            del sys.modules[mod]


def test_a_cycle_through_deferred_and_type_checking_imports_is_found(planted_package: str) -> None:
    cycles = import_cycles(graph_imports(planted_package))
    assert cycles == [[f"{planted_package}.first", f"{planted_package}.second"]]


def test_the_program_has_no_import_cycle() -> None:
    imports = graph_imports(*PACKAGES)
    assert imports["assessments.scoring"] and imports["ui.main_window"]  # the graph is really read
    # The entry point starts the GUI with an import written inside a function: the graph has it.
    assert "ui.application" in imports["app.__main__"]
    assert sum(len(v) for v in imports.values()) > 500
    cycles = import_cycles(imports)
    assert cycles == [], "import cycles (break them with a protocol or by moving code):\n" + "\n".join(
        " ↔ ".join(group) for group in cycles
    )
