"""An assessment's own unit costs for the levers (``plan --costs COSTS.json``, the 改进计划 page).

The file is one JSON object: lever id → cost in 万元 per the lever's unit (a number ≥ 0), or
``null`` for a measure the plant cannot take. Levers left out keep the catalogue's default.
Every problem names the lever, the value and what is allowed; nothing is guessed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..errors import DomainError, Problem, show_value
from ..exact import MAX_DIGITS, significant_digits
from ..levers import MAX_COST, Catalogue
from ..numbers import NumberTextError, parse_number_text


class PlanInputError(DomainError):
    """A plan request that cannot be met as given (bad costs, an unknown target …)."""


def parse_costs(
    data: Any, catalogue: Catalogue, source: str = "costs", *, text_numbers: bool = False
) -> dict[str, Decimal | None]:
    """Lever id → unit cost (None: not available). ``text_numbers`` also reads a cost given as text
    the way a typed field is read (``0.003``, ``１,２００``); a JSON file must hold numbers."""
    if not isinstance(data, dict):
        raise PlanInputError(
            [
                Problem(
                    source,
                    f"成本表应为 JSON 对象（措施编号 → 万元/单位），实际为 {show_value(data)}",
                    "the cost table must be a JSON object (lever id → 10k CNY per unit)",
                )
            ]
        )
    problems: list[Problem] = []
    out: dict[str, Decimal | None] = {}
    known = catalogue.ids
    for key, value in data.items():
        path = f"{source}.{key}"
        if key not in known:
            problems.append(
                Problem(
                    path,
                    f"未知的改进措施 {show_value(key)}；目录 {catalogue.id} 中的措施：{'、'.join(known)}",
                    f"unknown lever {key!r}; the catalogue has: {', '.join(known)}",
                )
            )
            continue
        if value is None:
            out[key] = None
            continue
        if text_numbers and isinstance(value, str):
            try:
                value = parse_number_text(value) if value.strip() else None
            except NumberTextError as exc:
                problems.append(Problem(path, f"成本 {show_value(value)} 无法识别：{exc.zh}", f"cost {value!r}: {exc.en}"))
                continue
            if value is None:
                out[key] = None
                continue
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            problems.append(
                Problem(
                    path,
                    f"成本应为不小于 0 的数字（万元），或 null 表示不可采用，实际为 {show_value(value)}",
                    f"a cost is a number ≥ 0 (10k CNY), or null for not available; got {show_value(value)}",
                )
            )
            continue
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            problems.append(Problem(path, "成本不是有限数字", "the cost is not finite"))
            continue
        if number and significant_digits(number) > MAX_DIGITS:
            problems.append(
                Problem(path, f"成本的有效数字超过 {MAX_DIGITS} 位", f"more than {MAX_DIGITS} significant digits")
            )
            continue
        if number < 0 or number > MAX_COST:
            problems.append(
                Problem(
                    path,
                    f"成本 {show_value(value)} 超出允许范围（0–{MAX_COST} 万元/单位）",
                    f"cost {show_value(value)} is outside 0–{MAX_COST} (10k CNY per unit)",
                )
            )
            continue
        if number and number.adjusted() < -12:
            problems.append(
                Problem(
                    path,
                    f"成本 {show_value(value)} 过小：非零成本须不小于 1e-12 万元",
                    "a non-zero cost is at least 1e-12",
                )
            )
            continue
        out[key] = number
    if problems:
        raise PlanInputError(problems)
    return out
