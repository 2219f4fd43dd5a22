"""No module in the program's packages is over 500 lines: a module a newcomer can read in one go."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 500
PACKAGES = ("assessments", "models", "app", "ui")
# Still over the limit on this branch: another part of the same change splits them. The lead
# removes this list (and the skip below) once those parts are merged.
SPLIT_ELSEWHERE = frozenset(
    {
        "app/services.py",
        "app/filing/xlsx_read.py",
        "app/filing/xlsx.py",
        "app/filing/pdf.py",
        "models/repo.py",
        "ui/wizard/sections.py",
        "ui/main_window.py",
    }
)


def _over(package: str) -> dict[str, int]:
    sizes = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > LIMIT:
            sizes[path.relative_to(ROOT).as_posix()] = lines
    return sizes


def test_no_domain_module_is_over_the_limit() -> None:
    assert _over("assessments") == {}


def test_no_other_module_grows_over_the_limit() -> None:
    over = {name: n for package in PACKAGES[1:] for name, n in _over(package).items()}
    assert set(over) <= SPLIT_ELSEWHERE, {k: v for k, v in over.items() if k not in SPLIT_ELSEWHERE}


@pytest.mark.skip(reason="expected to pass only once the app/models/ui split is merged: " + ", ".join(sorted(SPLIT_ELSEWHERE)))
def test_no_module_is_over_the_limit() -> None:
    over = {name: n for package in PACKAGES for name, n in _over(package).items()}
    assert over == {}
