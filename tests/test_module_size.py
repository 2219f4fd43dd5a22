"""No module in the program's packages is over 500 lines: a module a newcomer can read in one go."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 500
PACKAGES = ("assessments", "models", "app", "ui")


def _over(package: str) -> dict[str, int]:
    sizes = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > LIMIT:
            sizes[path.relative_to(ROOT).as_posix()] = lines
    return sizes


def test_no_domain_module_is_over_the_limit() -> None:
    assert _over("assessments") == {}


def test_no_module_is_over_the_limit() -> None:
    over = {name: n for package in PACKAGES for name, n in _over(package).items()}
    assert over == {}
