from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest

# Before any QApplication exists (pytest-qt creates it lazily).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_PATH = ROOT / "assessments" / "examples" / "worked-example.json"
_EXAMPLE = json.loads(EXAMPLE_PATH.read_text(encoding="utf-8"))


def example() -> dict[str, Any]:
    """A fresh deep copy of the worked example (CRITERIA.md §8) as a JSON dict."""
    return copy.deepcopy(_EXAMPLE)


@pytest.fixture
def example_dict() -> dict[str, Any]:
    return example()
