"""The figures a filing shows, keyed the same way for both formats, and their Chinese labels.

``expected_figures(report)`` is what a filing built from ``report`` must show; the readers
return what a file actually shows under the same keys, and ``verify`` compares the two.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from assessments.factors import POLLUTANTS
from assessments.report import POLLUTANT_ZH, FilingReport, number_text

Figures = dict[str, Any]


def expected_figures(report: FilingReport) -> Figures:
    f: Figures = {}
    for item in report.enterprise:
        f[f"enterprise.{item.label}"] = item.value
    f["year"] = float(report.year)
    f["criteria"] = report.criteria_id
    f["criteria_version"] = report.criteria_version
    f["total"] = report.total
    f["grade"] = report.grade_name
    f["summary.total"] = report.total
    f["summary.grade"] = report.grade_name
    for dim in report.dimensions:
        f[f"dimension.{dim.name}"] = dim.score
    for row in report.answers:
        f[f"answer.{row.id}"] = row.answer
        if row.kind == "indicator":
            f[f"points.{row.id}"] = row.points if row.points is not None else "不适用"
    e = report.energy
    for line in e.carriers:
        f[f"carrier.{line.name}.amount"] = line.amount
        f[f"carrier.{line.name}.tce"] = line.tce
        f[f"carrier.{line.name}.co2"] = line.co2_t
    for metric in e.metrics:
        f[f"metric.{metric.label}"] = metric.value if metric.value is not None else "—"
    f["grid.year"] = float(e.grid_year)
    f["grid.value"] = e.grid_value
    for i, outlet in enumerate(report.monitoring.outlets, 1):
        f[f"outlet.{i}.name"] = outlet.name
        for pol, value in zip(POLLUTANTS, outlet.measured, strict=True):
            f[f"outlet.{i}.{pol}"] = value if value is not None else "—"
        f[f"outlet.{i}.hourly_compliance"] = outlet.hourly_compliance if outlet.hourly_compliance is not None else "—"
    for i, w in enumerate(report.monitoring.water, 1):
        f[f"water.{i}.name"] = w.name
        f[f"water.{i}.concentration"] = w.concentration
        f[f"water.{i}.limit"] = w.limit
    for i, ev in enumerate(report.evidence, 1):
        f[f"evidence.{i}.name"] = ev.original_name
        f[f"evidence.{i}.sha256"] = ev.sha256
    return f


_PREFIX = {
    "dimension": "维度“{}”得分",
    "answer": "{} 的回答",
    "points": "指标 {} 得分",
    "metric": "{}",
}
_FIXED = {
    "year": "报告年度",
    "criteria": "评价标准",
    "criteria_version": "评价标准版本",
    "total": "总分",
    "grade": "等级",
    "summary.total": "得分汇总中的总分",
    "summary.grade": "得分汇总中的等级",
    "grid.year": "电网排放因子年份",
    "grid.value": "电网排放因子",
}


def figure_label(key: str) -> str:
    if key in _FIXED:
        return _FIXED[key]
    head, _, rest = key.partition(".")
    if head == "enterprise":
        return rest
    if head in _PREFIX:
        return _PREFIX[head].format(rest)
    if head == "carrier":
        name, _, what = rest.rpartition(".")
        return f"能源“{name}”的" + {"amount": "消费量", "tce": "折标煤量", "co2": "CO₂ 排放量"}[what]
    if head in ("outlet", "water", "evidence"):
        index, _, what = rest.partition(".")
        noun = {"outlet": "排放口", "water": "水污染物", "evidence": "佐证材料"}[head]
        what_zh = {
            "name": "名称" if head != "evidence" else "文件名",
            "sha256": "SHA-256",
            "concentration": "浓度",
            "limit": "限值",
            "hourly_compliance": "小时达标率",
            **{pol: f"{POLLUTANT_ZH[pol]}实测浓度" for pol in POLLUTANTS},
        }[what]
        return f"第 {index} 个{noun}的{what_zh}"
    return key


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def same(shown: Any, expected: Any) -> bool:
    # Figures are exact Decimals (or ints as typed, or one-decimal floats); a cell holds a double.
    if _is_number(expected) and _is_number(shown):
        return math.isclose(float(shown), float(expected), rel_tol=1e-12, abs_tol=1e-9)
    if isinstance(expected, str) and isinstance(shown, str):
        return shown.strip() == expected.strip()
    if expected is None:
        return shown in (None, "", "—")
    return False


def places_of(key: str) -> int | None:
    """Scores are shown with one decimal; other numbers as they are."""
    return 1 if key in ("total", "summary.total") or key.startswith(("dimension.", "points.")) else None


def show(value: Any, places: int | None = None) -> str:
    if value is None or value == "":
        return "（空白）"
    if isinstance(value, bool):
        return str(value)
    if _is_number(value):
        return number_text(value, places)
    return f"“{value}”"
