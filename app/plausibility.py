"""Values that are valid but implausible (typically a unit slip), or that the bureau could not
check: a warning under the field, never a refusal."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from assessments.criteria import Criteria
from assessments.factors import Factors
from assessments.texts import LocalText

from .units import format_input


def is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def positive(value: Any) -> bool:
    return is_number(value) and value > 0


# ---------------------------------------------------------------------- plausibility (warn, never block)

_ELECTRICITY_MIN_KWH = 10_000.0  # a plant using less than 1 万kWh a year is almost certainly a unit slip
_ELECTRICITY_MAX_KWH = 5e10  # 500 亿kWh: more than any single plant in the city
_GAS_MAX_WAN_M3 = 1e5  # 10 亿 m³
_SOLID_MAX_T = 5e7


def plausibility_warning(criteria: Criteria, factors: Factors, key: str, value: Any) -> LocalText | None:
    """A warning for a value that is valid but implausible (typically a unit slip), or that the
    bureau could not check."""
    if key == "outlets":
        return _custom_limits_without_standard(value)
    if not positive(value):
        return None
    v = float(value)
    head, _, ident = key.partition(".")
    if head == "energy":
        try:
            carrier = factors.carrier(ident)
        except KeyError:
            return None
        if carrier.unit == "kWh" and v < _ELECTRICITY_MIN_KWH:
            return LocalText(
                f"{carrier.name.zh}仅 {format_input(value)} kWh，明显偏小：是否把“万kWh”的数字按“kWh”填写了？请核对单位。",
                f"{carrier.name.en} is only {format_input(value)} kWh: was a figure in 10⁴ kWh entered as kWh? "
                "Please check the unit.",
            )
        if carrier.unit == "kWh" and v > _ELECTRICITY_MAX_KWH:
            return LocalText(
                f"{carrier.name.zh}达 {format_input(value)} kWh，明显偏大：是否把“kWh”的数字按“万kWh”填写了？",
                f"{carrier.name.en} is {format_input(value)} kWh: was a figure in kWh entered as 10⁴ kWh?",
            )
        if carrier.unit == "10^4 m3" and v > _GAS_MAX_WAN_M3:
            return LocalText(
                f"{carrier.name.zh}达 {format_input(value)} 万m³，明显偏大：是否把“m³”的数字按“万m³”填写了？",
                f"{carrier.name.en} is {format_input(value)} 10⁴ m³: was a figure in m³ entered as 10⁴ m³?",
            )
        if carrier.unit == "t" and v > _SOLID_MAX_T:
            return LocalText(
                f"{carrier.name.zh}达 {format_input(value)} 吨，明显偏大：是否把“千克”的数字按“吨”填写了？",
                f"{carrier.name.en} is {format_input(value)} t: was a figure in kg entered as t?",
            )
        return None
    if head == "answers":
        try:
            spec = criteria.indicator(ident).answer
        except KeyError:
            return None
        if spec.type == "number" and spec.unit == "%" and v <= 1.0:
            return LocalText(
                f"填写的是 {format_input(value)}%：是否把百分数写成了小数？例如 85% 应填 85。",
                f"You entered {format_input(value)}%: was a percentage written as a fraction? 85% is entered as 85.",
            )
    return None


def _custom_limits_without_standard(outlets: Any) -> LocalText | None:
    # The document allows custom limits without the standard's name (the worked example has one),
    # but a reviewer cannot check a limit whose source is not named: warn, do not refuse.
    if not isinstance(outlets, list):
        return None
    names = [
        str(o.get("name", ""))
        for o in outlets
        if isinstance(o, dict) and o.get("source") == "custom" and not str(o.get("standard") or "").strip()
    ]
    if not names:
        return None
    return LocalText(
        f"排放口“{'”“'.join(names)}”使用自定义限值，但未填写适用标准名称及编号；备案审核需据此核对限值，请补填。",
        f"Outlet(s) {', '.join(names)} use custom limits without naming the standard; "
        "the bureau needs it to check the limits.",
    )
