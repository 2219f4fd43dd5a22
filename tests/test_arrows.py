"""The arrows (README "Layout", docs/architecture.md): the domain core imports no Qt, database or file-format library.

Checked in a fresh interpreter, because this test process has long since imported everything.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import assessments
from tests.conftest import ROOT

FORBIDDEN = ("PySide6", "shiboken6", "sqlalchemy", "alembic", "openpyxl", "reportlab")

_PROBE = """
import importlib, json, sys
for name in {modules!r}:
    importlib.import_module(name)
roots = sorted({{m.split(".")[0] for m in sys.modules}})
print(json.dumps(roots))
"""


def loaded_roots(modules: list[str]) -> set[str]:
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE.format(modules=modules)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    roots: list[str] = json.loads(proc.stdout)
    assert modules[0].split(".")[0] in roots  # the probe really imported something
    return set(roots)


def all_assessment_modules() -> list[str]:
    names = ["assessments"]
    names += [m.name for m in pkgutil.walk_packages(assessments.__path__, "assessments.")]
    return names


def test_every_assessments_module_is_found() -> None:
    modules = all_assessment_modules()
    for expected in ("assessments.scoring", "assessments.document", "assessments.calc", "assessments.summary"):
        assert expected in modules
    assert len(modules) >= 15


def test_assessments_loads_no_gui_database_or_file_format_library() -> None:
    roots = loaded_roots(["assessments"])
    assert not roots & set(FORBIDDEN), roots & set(FORBIDDEN)


def test_every_assessments_submodule_loads_none_of_them() -> None:
    roots = loaded_roots(all_assessment_modules())
    assert not roots & set(FORBIDDEN), roots & set(FORBIDDEN)


def test_command_line_module_loads_no_qt() -> None:
    roots = loaded_roots(["app.cli"])
    assert "PySide6" not in roots and "shiboken6" not in roots


def test_probe_detects_a_forbidden_import() -> None:
    # The check itself works: importing a Qt-free stdlib module plus a library that is installed
    # (openpyxl is a project dependency) shows up in the probe.
    roots = loaded_roots(["json", "openpyxl"])
    assert "openpyxl" in roots


def test_scoring_a_file_loads_no_database_library() -> None:
    # `score FILE.json` must start fast: SQLAlchemy is imported only by the database commands.
    probe = (
        "import json, sys, app.cli;"
        f"code = app.cli.run(['score', {str(ROOT / 'assessments/examples/worked-example.json')!r}, '--json']);"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr)"
    )
    proc = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["total"] == 57.0
    roots = set(json.loads(proc.stderr.strip().splitlines()[-1]))
    assert not roots & {"sqlalchemy", "alembic", "PySide6", "openpyxl", "reportlab"}, roots


def test_the_window_paints_before_the_domain_or_the_database_layer_is_imported() -> None:
    # What the desktop imports up to its first paint (docs/architecture.md "Why imports are
    # deferred"): Qt and the window, not the domain, SQLAlchemy, Alembic or a file format.
    roots = loaded_roots(["app.__main__", "app.cli", "ui.application", "ui.main_window", "app.preview"])
    assert "PySide6" in roots
    assert not roots & {"assessments", "sqlalchemy", "alembic", "openpyxl", "reportlab", "highspy"}, roots
