"""Names, units and display precision of the computed metrics (for summaries and filings)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .exact import EXACT, fmt_number, round_half_up, to_number


@dataclass(frozen=True, slots=True)
class MetricInfo:
    zh: str
    en: str
    unit: str
    places: int


METRICS: dict[str, MetricInfo] = {
    "total_tce": MetricInfo("综合能源消费量", "Total energy consumption", "tce", 2),
    "scope1_t": MetricInfo("范围一排放", "Scope 1 emissions", "tCO₂", 1),
    "scope2_t": MetricInfo("范围二排放", "Scope 2 emissions", "tCO₂", 1),
    "co2_t": MetricInfo("二氧化碳排放总量", "Total CO₂", "tCO₂", 1),
    "co2_per_tce": MetricInfo("单位能耗碳排放", "CO₂ per tce", "tCO₂/tce", 3),
    "non_fossil_share": MetricInfo("非化石能源消费占比", "Non-fossil share", "%", 2),
    "renewable_electricity_share": MetricInfo("可再生能源电力占比", "Renewable electricity share", "%", 2),
    "electrification": MetricInfo("终端电气化率", "Electrification", "%", 2),
    "coal_change": MetricInfo("煤炭消费较2020年变化", "Coal use change vs 2020", "%", 2),
    "worst_air_ratio": MetricInfo("大气污染物最大浓度比", "Worst air ratio", "", 3),
    "worst_water_ratio": MetricInfo("水污染物最大浓度比", "Worst water ratio", "", 3),
    "product_carbon_intensity": MetricInfo("单位产品碳排放", "CO₂ per unit of product", "tCO₂/单位产品", 4),
    "offset_coverage": MetricInfo("抵消覆盖比例", "Offset coverage", "%", 2),
    "carbon_elasticity": MetricInfo("碳排放弹性系数", "Carbon elasticity", "", 3),
    "elec_kwh": MetricInfo("总用电量", "Electricity use", "kWh", 0),
    "gec_cover_kwh": MetricInfo("绿证覆盖电量", "GEC-covered electricity", "kWh", 0),
    "coal_tce_now": MetricInfo("报告年度煤炭消费", "Coal use (reporting year)", "tce", 2),
    "coal_tce_2020": MetricInfo("2020年煤炭消费", "Coal use (2020)", "tce", 2),
}


def metric_text(metric: str, value: Decimal | float | None, lang: str = "zh") -> str:
    """A metric value as shown to people; coal_change is stored as a fraction, shown in %."""
    info = METRICS[metric]
    if value is None:
        return "—"
    unit = f" {info.unit}" if info.unit and info.unit != "%" else info.unit
    return f"{fmt_number(shown_value(metric, value), info.places)}{unit}"


def shown_value(metric: str, value: Decimal | float) -> Decimal:
    """The metric in its display unit, exactly (coal_change ×100 moves the decimal point only)."""
    number = to_number(value)
    decimal = number if isinstance(number, Decimal) else Decimal(number)
    return decimal.scaleb(2, EXACT) if metric == "coal_change" else decimal


def shown_metric(key: str, value: Decimal | float | None) -> Decimal | None:
    """A metric rounded half up to its display precision (coal_change is shown in %), exactly."""
    if value is None:
        return None
    return round_half_up(shown_value(key, value), METRICS[key].places)
