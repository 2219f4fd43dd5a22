"""A small strict reader for the JSON data files (criteria, factors).

Every complaint names the file and the path of the entry ("indicators[3] (P4).weight"), so a
bureau editing a criteria file sees exactly which line to fix.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Set
from typing import Any, NoReturn

from .errors import CriteriaError, Problem
from .texts import LocalText


class DataReader:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, path: str, zh: str, en: str) -> NoReturn:
        raise CriteriaError([Problem(f"{self.source}: {path}", zh, en)])

    def obj(self, value: Any, path: str, required: Set[str], optional: Set[str] = frozenset()) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            self.fail(path, "应为对象", "must be an object")
        missing = sorted(required - value.keys())
        if missing:
            self.fail(path, f"缺少字段 {', '.join(missing)}", f"missing keys {', '.join(missing)}")
        unknown = sorted(value.keys() - required - optional)
        if unknown:
            self.fail(path, f"未知字段 {', '.join(unknown)}", f"unknown keys {', '.join(unknown)}")
        return value

    def text(self, value: Any, path: str) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(path, "应为非空文本", "must be non-empty text")
        return value

    def number(self, value: Any, path: str, *, lo: float | None = None, hi: float | None = None) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            self.fail(path, "应为有限数字", "must be a finite number")
        number = float(value)
        if (lo is not None and number < lo) or (hi is not None and number > hi):
            self.fail(path, f"应在 {lo}–{hi} 之间", f"must be within {lo}–{hi}")
        return number

    def array(self, value: Any, path: str, *, nonempty: bool = True) -> list[Any]:
        if not isinstance(value, list) or (nonempty and not value):
            self.fail(path, "应为非空数组", "must be a non-empty array")
        return value

    def choice(self, value: Any, path: str, allowed: Set[str]) -> str:
        # Not a string (a list or object in a hand-edited file) is refused, not a TypeError.
        if not isinstance(value, str) or value not in allowed:
            self.fail(path, f"应为 {', '.join(sorted(allowed))} 之一", f"must be one of {', '.join(sorted(allowed))}")
        return str(value)


def read_text(reader: DataReader, value: Any, path: str) -> LocalText:
    data = reader.obj(value, path, {"zh", "en"})
    return LocalText(reader.text(data["zh"], f"{path}.zh"), reader.text(data["en"], f"{path}.en"))
