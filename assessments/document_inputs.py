"""Parsing the document's sections: water, pollutant intensity, product carbon, history, factors."""

from __future__ import annotations

from typing import Any

from .document_model import (
    FactorChoices,
    FuelOverride,
    History,
    PollutantIntensity,
    ProductCarbon,
    Water,
    WaterPollutant,
)
from .document_parser import (
    COD_NAMES,
    ELECTRICITY_BASES,
    MAX_CONCENTRATION,
    MAX_T,
    MAX_WATER_POLLUTANTS,
    NH3N_NAMES,
    Parser,
    fmt_value,
)
from .document_sections import report_incomplete_rows
from .errors import show_value
from .vocabulary import NA, NaMark


def _water_kind(name: str) -> str | None:
    key = name.replace(" ", "").lower()
    if key in COD_NAMES:
        return "COD"
    if key in NH3N_NAMES:
        return "NH3-N"
    return None


def parse_water(p: Parser, value: Any) -> Water | None:
    data = p.obj(value, "water")
    if data is None:
        return None
    p.keys(data, "water", ("zld", "pollutants"), ("zld",))
    zld = p.boolean(data["zld"], "water.zld") if "zld" in data else None
    pollutants: list[WaterPollutant] = []
    names: list[str] = []  # also of rejected entries: a bad concentration is not a missing COD
    if "pollutants" in data:
        items = data["pollutants"]
        if not isinstance(items, list):
            p.problem("water.pollutants", f"应为数组，实际为 {show_value(items)}", "must be an array")
            items = []
        if len(items) > MAX_WATER_POLLUTANTS:
            p.problem("water.pollutants", f"污染物过多（{len(items)} 项）", f"too many pollutants ({len(items)})")
            items = []
        for i, item in enumerate(items):
            path = f"water.pollutants[{i}]"
            d = p.obj(item, path)
            if d is None:
                continue
            p.keys(d, path, ("name", "concentration", "limit"), ("name", "concentration", "limit"))
            name = p.text(d["name"], f"{path}.name", 50) if "name" in d else None
            conc = (
                p.number(d["concentration"], f"{path}.concentration", 0, MAX_CONCENTRATION, unit=" mg/L")
                if "concentration" in d
                else None
            )
            limit = (
                p.number(d["limit"], f"{path}.limit", 0, MAX_CONCENTRATION, unit=" mg/L", divisor=True)
                if "limit" in d
                else None
            )
            if name is not None:
                names.append(name)
            if name is not None and conc is not None and limit is not None:
                pollutants.append(WaterPollutant(name, conc, limit))
    if p.partial:
        report_incomplete_rows(p, "water", data, "water.pollutants")
    if zld is None:
        return None
    if not zld and not p.partial:
        kinds = {_water_kind(name) for name in names}
        for needed in ("COD", "NH3-N"):
            if needed not in kinds:
                p.problem(
                    "water.pollutants",
                    f"非零排放时至少需要填写 COD 和 NH3-N（氨氮），缺少 {needed}",
                    f"without zero liquid discharge, COD and NH3-N are required; {needed} is missing",
                )
    return Water(zld, tuple(pollutants))


def parse_intensity(p: Parser, value: Any) -> PollutantIntensity | NaMark | None:
    if value == NA:
        return NA
    data = p.obj(value, "pollutant_intensity")
    if data is None:
        return None
    p.keys(data, "pollutant_intensity", ("value", "benchmark", "leading", "reduction_pct_3y"))
    if "reduction_pct_3y" in data:
        if data.keys() & {"value", "benchmark", "leading"}:
            p.problem(
                "pollutant_intensity",
                "只能二选一：填写 reduction_pct_3y，或 value/benchmark/leading",
                "give either reduction_pct_3y or value/benchmark/leading, not both",
            )
            return None
        r = p.number(data["reduction_pct_3y"], "pollutant_intensity.reduction_pct_3y", -1000, 100, unit="%")
        return None if r is None else PollutantIntensity(reduction_pct_3y=r)
    missing = [k for k in ("value", "benchmark", "leading") if k not in data]
    if missing:
        p.problem(
            "pollutant_intensity",
            f'缺少 {", ".join(missing)}（或改填 reduction_pct_3y，或 "na"）',
            f'missing {", ".join(missing)} (or give reduction_pct_3y, or "na")',
        )
        return None
    v = p.number(data["value"], "pollutant_intensity.value", 0, 10**9)
    b = p.number(data["benchmark"], "pollutant_intensity.benchmark", 0, 10**9, lo_open=True)
    lead = p.number(data["leading"], "pollutant_intensity.leading", 0, 10**9)
    if v is None or b is None or lead is None:
        return None
    if lead >= b:
        p.problem(
            "pollutant_intensity.leading",
            f"引领值 {fmt_value(lead)} 应小于基准值 {fmt_value(b)}（强度越低越好）",
            f"leading value {fmt_value(lead)} must be below the benchmark {fmt_value(b)}",
        )
        return None
    return PollutantIntensity(value=v, benchmark=b, leading=lead)


def parse_product_carbon(p: Parser, value: Any) -> ProductCarbon | NaMark | None:
    if value == NA:
        return NA
    data = p.obj(value, "product_carbon")
    if data is None:
        return None
    p.keys(data, "product_carbon", ("benchmark", "leading"), ("benchmark", "leading"))
    if "benchmark" not in data or "leading" not in data:
        return None
    b = p.number(data["benchmark"], "product_carbon.benchmark", 0, 10**6, lo_open=True)
    lead = p.number(data["leading"], "product_carbon.leading", 0, 10**6)
    if b is None or lead is None:
        return None
    if lead >= b:
        p.problem(
            "product_carbon.leading",
            f"引领值 {fmt_value(lead)} 应小于基准值 {fmt_value(b)}（排放越低越好）",
            f"leading value {fmt_value(lead)} must be below the benchmark {fmt_value(b)}",
        )
        return None
    return ProductCarbon(b, lead)


def parse_history(p: Parser, value: Any) -> History | NaMark | None:
    if value == NA:
        return NA
    data = p.obj(value, "history")
    if data is None:
        return None
    p.keys(data, "history", ("co2_t_3y_ago", "output_3y_ago"), ("co2_t_3y_ago", "output_3y_ago"))
    if "co2_t_3y_ago" not in data or "output_3y_ago" not in data:
        return None
    co2 = p.number(data["co2_t_3y_ago"], "history.co2_t_3y_ago", 0, MAX_T, unit=" t", divisor=True)
    out = p.number(data["output_3y_ago"], "history.output_3y_ago", 0, 10**13, divisor=True)
    if co2 is None or out is None:
        return None
    return History(co2, out)


def parse_factors(p: Parser, value: Any) -> FactorChoices | None:
    data = p.obj(value, "factors")
    if data is None:
        return None
    p.keys(data, "factors", ("electricity_basis", "electricity_kgce_per_kwh", "grid_factor_year", "fuels", "note"))
    basis = data.get("electricity_basis", "equivalent")
    if basis not in ELECTRICITY_BASES:
        p.problem(
            "factors.electricity_basis",
            f"{show_value(basis)} 不是允许的值：equivalent（当量值）或 equal_value（等价值）",
            "must be 'equivalent' or 'equal_value'",
        )
        basis = "equivalent"
    kgce = None
    if "electricity_kgce_per_kwh" in data:
        kgce = p.number(
            data["electricity_kgce_per_kwh"], "factors.electricity_kgce_per_kwh", 0.05, 1.0, unit=" kgce/kWh"
        )
    if basis == "equal_value" and "electricity_kgce_per_kwh" not in data:
        p.problem(
            "factors.electricity_kgce_per_kwh",
            "选择等价值时须填写折标系数（kgce/kWh）",
            "the equal-value basis needs an explicit coefficient",
        )
    if basis == "equivalent" and "electricity_kgce_per_kwh" in data:
        p.problem(
            "factors.electricity_kgce_per_kwh",
            "当量值固定为 0.1229 kgce/kWh，只有等价值需要填写系数",
            "only the equal-value basis takes a coefficient",
        )
        kgce = None
    year = None
    if "grid_factor_year" in data:
        y = p.number(data["grid_factor_year"], "factors.grid_factor_year", 2000, 2100, integer=True)
        if y is not None:
            year = int(y)
            if p.factors.grid_factor_year(year) is None:
                years = "、".join(str(g.year) for g in p.factors.grid_factors)
                p.problem(
                    "factors.grid_factor_year",
                    f"没有 {year} 年的电网排放因子，可选：{years}",
                    f"no grid factor for {year}; available: {years}",
                )
                year = None
    fuels: dict[str, FuelOverride] = {}
    if "fuels" in data:
        fd = p.obj(data["fuels"], "factors.fuels")
        if fd is not None:
            fuel_ids = tuple(c.id for c in p.factors.carriers if c.co2.method == "fuel")
            p.keys(fd, "factors.fuels", fuel_ids)
            for cid in fuel_ids:
                if cid not in fd:
                    continue
                path = f"factors.fuels.{cid}"
                od = p.obj(fd[cid], path)
                if od is None:
                    continue
                p.keys(od, path, ("lhv", "carbon_content", "oxidation", "note"))
                if not ({"lhv", "carbon_content", "oxidation"} & od.keys()):
                    p.problem(
                        path,
                        "至少填写 lhv、carbon_content、oxidation 之一",
                        "give at least one of lhv, carbon_content, oxidation",
                    )
                fuels[cid] = FuelOverride(
                    lhv=p.number(od["lhv"], f"{path}.lhv", 0, 10**4, lo_open=True) if "lhv" in od else None,
                    carbon_content=p.number(od["carbon_content"], f"{path}.carbon_content", 0, 0.2, lo_open=True)
                    if "carbon_content" in od
                    else None,
                    oxidation=p.number(od["oxidation"], f"{path}.oxidation", 0.5, 1.0) if "oxidation" in od else None,
                    note=p.text(od["note"], f"{path}.note", 500, required=False) if "note" in od else None,
                )
    note = p.text(data["note"], "factors.note", 500, required=False) if "note" in data else None
    return FactorChoices(basis, kgce, year, fuels, note or None)
