from __future__ import annotations

import atexit
import copy
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

# Before any QApplication exists (pytest-qt creates it lazily).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# No test may touch the real user folders: the default data folder (and anything a subprocess
# derives from it) points into a throw-away directory for the whole session.
_SESSION_HOME = tempfile.mkdtemp(prefix="dnz-test-home-")
os.environ["XDG_DATA_HOME"] = os.path.join(_SESSION_HOME, "data")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_SESSION_HOME, "config")
os.environ["APPDATA"] = os.path.join(_SESSION_HOME, "appdata")
atexit.register(shutil.rmtree, _SESSION_HOME, True)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_PATH = ROOT / "assessments" / "examples" / "worked-example.json"
_EXAMPLE = json.loads(EXAMPLE_PATH.read_text(encoding="utf-8"))


def example() -> dict[str, Any]:
    """A fresh deep copy of the worked example (docs/criteria.md §8) as a JSON dict (``json.loads``: floats)."""
    return copy.deepcopy(_EXAMPLE)


def example_decimal() -> dict[str, Any]:
    """The worked example as the program reads JSON (``jsonnum.loads``: numbers as typed decimals)."""
    from assessments import jsonnum

    data: dict[str, Any] = jsonnum.loads(EXAMPLE_PATH.read_text(encoding="utf-8"))
    return data


@pytest.fixture
def example_dict() -> dict[str, Any]:
    return example()
