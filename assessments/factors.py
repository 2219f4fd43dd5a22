"""Factor tables as data: tce coefficients, fuel CO2 parameters, grid factors, ultra-low limits.

Each row keeps its source and a verified/unverified status (docs/criteria.md "Factors"), so the wizard
can mark unverified defaults and a filing can print where every number came from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ._reader import DataReader, read_text
from .errors import CriteriaError, Problem
from .texts import LocalText
from .vocabulary import POLLUTANTS as POLLUTANTS  # re-exported for ui/wizard/sections.py (being split elsewhere)

STATUSES = {"verified", "unverified"}
CO2_METHODS = {"fuel", "fixed", "grid"}
CARRIER_KINDS = {"fossil", "coal", "heat", "electricity", "non_fossil"}
CO2_PER_C = 44.0 / 12.0


@dataclass(frozen=True, slots=True)
class InputUnit:
    id: str
    label: LocalText
    factor: float  # canonical units per one of this unit


@dataclass(frozen=True, slots=True)
class Co2Spec:
    method: str  # fuel | fixed | grid
    lhv: float | None  # GJ per canonical unit
    carbon_content: float | None  # tC/GJ
    oxidation: float | None
    t_per_unit: float | None  # for fixed
    scope: int
    source: str
    status: str

    def fuel_factor(self) -> float:
        """t CO2 per canonical unit = LHV × carbon content × oxidation × 44/12."""
        assert self.lhv is not None and self.carbon_content is not None and self.oxidation is not None
        return self.lhv * self.carbon_content * self.oxidation * CO2_PER_C


@dataclass(frozen=True, slots=True)
class Carrier:
    id: str
    name: LocalText
    unit: str
    kinds: frozenset[str]
    tce_per_unit: float
    tce_source: str
    tce_status: str
    co2: Co2Spec
    input_units: tuple[InputUnit, ...]

    @property
    def is_electricity(self) -> bool:
        return "electricity" in self.kinds

    def unit_factor(self, unit_id: str) -> float:
        for unit in self.input_units:
            if unit.id == unit_id:
                return unit.factor
        raise KeyError(unit_id)


@dataclass(frozen=True, slots=True)
class GridFactor:
    year: int
    used: float  # kgCO2/kWh, excluding market-traded non-fossil electricity
    national_average: float
    fossil: float
    source: str
    status: str


@dataclass(frozen=True, slots=True)
class UltraLowLimit:
    source_type: str
    name: LocalText
    limits: dict[str, float]
    source: str
    status: str


@dataclass(frozen=True, slots=True)
class ElectricityBasis:
    kgce_per_kwh: float
    name: LocalText
    source: str
    status: str


@dataclass(frozen=True, slots=True)
class Factors:
    id: str
    title: LocalText
    kgce_mj: float
    carriers: tuple[Carrier, ...]
    electricity_equivalent: ElectricityBasis
    electricity_equal_value_default: ElectricityBasis
    grid_factors: tuple[GridFactor, ...]  # sorted by year
    grid_series: LocalText
    ultra_low: tuple[UltraLowLimit, ...]
    custom_source_name: LocalText

    def carrier(self, carrier_id: str) -> Carrier:
        for carrier in self.carriers:
            if carrier.id == carrier_id:
                return carrier
        raise KeyError(carrier_id)

    @property
    def carrier_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.carriers)

    def grid_factor_for(self, reporting_year: int) -> GridFactor:
        """Newest factor year not later than the reporting year; the earliest if none (§4.2)."""
        chosen = self.grid_factors[0]
        for factor in self.grid_factors:
            if factor.year <= reporting_year:
                chosen = factor
        return chosen

    def grid_factor_year(self, year: int) -> GridFactor | None:
        for factor in self.grid_factors:
            if factor.year == year:
                return factor
        return None

    def source_types(self) -> tuple[str, ...]:
        return (*(u.source_type for u in self.ultra_low), "custom")

    def ultra_low_limits(self, source_type: str) -> UltraLowLimit | None:
        for row in self.ultra_low:
            if row.source_type == source_type:
                return row
        return None


def _read_basis(r: DataReader, value: Any, path: str) -> ElectricityBasis:
    d = r.obj(value, path, {"kgce_per_kwh", "name", "source", "status"})
    return ElectricityBasis(
        r.number(d["kgce_per_kwh"], f"{path}.kgce_per_kwh", lo=0.0, hi=10.0),
        read_text(r, d["name"], f"{path}.name"),
        r.text(d["source"], f"{path}.source"),
        r.choice(d["status"], f"{path}.status", STATUSES),
    )


def _read_carrier(r: DataReader, value: Any, path: str) -> Carrier:
    d = r.obj(
        value,
        path,
        {"id", "name", "unit", "kinds", "tce_per_unit", "tce_source", "tce_status", "co2", "input_units"},
    )
    cid = r.text(d["id"], f"{path}.id")
    path = f"{path} ({cid})"
    kinds = frozenset(r.choice(k, f"{path}.kinds", CARRIER_KINDS) for k in r.array(d["kinds"], f"{path}.kinds"))
    c = r.obj(
        d["co2"],
        f"{path}.co2",
        {"method", "source", "status"},
        {"lhv", "carbon_content", "oxidation", "t_per_unit", "scope"},
    )
    method = r.choice(c["method"], f"{path}.co2.method", CO2_METHODS)
    if method == "fuel":
        for key in ("lhv", "carbon_content", "oxidation"):
            if key not in c:
                r.fail(f"{path}.co2", f"fuel 方法需要 {key}", f"method 'fuel' needs {key}")
    if method == "fixed" and "t_per_unit" not in c:
        r.fail(f"{path}.co2", "fixed 方法需要 t_per_unit", "method 'fixed' needs t_per_unit")
    co2 = Co2Spec(
        method=method,
        lhv=r.number(c["lhv"], f"{path}.co2.lhv", lo=0.0) if "lhv" in c else None,
        carbon_content=r.number(c["carbon_content"], f"{path}.co2.carbon_content", lo=0.0, hi=1.0)
        if "carbon_content" in c
        else None,
        oxidation=r.number(c["oxidation"], f"{path}.co2.oxidation", lo=0.0, hi=1.0) if "oxidation" in c else None,
        t_per_unit=r.number(c["t_per_unit"], f"{path}.co2.t_per_unit", lo=0.0) if "t_per_unit" in c else None,
        scope=int(r.number(c.get("scope", 1), f"{path}.co2.scope", lo=1, hi=2)),
        source=r.text(c["source"], f"{path}.co2.source"),
        status=r.choice(c["status"], f"{path}.co2.status", STATUSES),
    )
    units = []
    for i, u in enumerate(r.array(d["input_units"], f"{path}.input_units")):
        ud = r.obj(u, f"{path}.input_units[{i}]", {"id", "label", "factor"})
        units.append(
            InputUnit(
                r.text(ud["id"], f"{path}.input_units[{i}].id"),
                read_text(r, ud["label"], f"{path}.input_units[{i}].label"),
                r.number(ud["factor"], f"{path}.input_units[{i}].factor", lo=1e-12),
            )
        )
    canonical = r.text(d["unit"], f"{path}.unit")
    if not any(u.id == canonical and u.factor == 1 for u in units):
        r.fail(f"{path}.input_units", "须包含系数为1的规范单位", "must include the canonical unit with factor 1")
    return Carrier(
        id=cid,
        name=read_text(r, d["name"], f"{path}.name"),
        unit=canonical,
        kinds=kinds,
        tce_per_unit=r.number(d["tce_per_unit"], f"{path}.tce_per_unit", lo=0.0),
        tce_source=r.text(d["tce_source"], f"{path}.tce_source"),
        tce_status=r.choice(d["tce_status"], f"{path}.tce_status", STATUSES),
        co2=co2,
        input_units=tuple(units),
    )


def parse_factors(data: Any, source: str) -> Factors:
    """Validate a factor table document; raise CriteriaError naming the broken entry."""
    r = DataReader(source)
    d = r.obj(
        data,
        "$",
        {
            "schema",
            "id",
            "title",
            "kgce_mj",
            "carriers",
            "electricity_tce",
            "grid_factors",
            "grid_factor_series",
            "ultra_low_limits",
            "custom_source",
        },
    )
    if d["schema"] != "dnz-factors/1":
        r.fail("$.schema", "应为 dnz-factors/1", "must be dnz-factors/1")
    carriers = tuple(_read_carrier(r, c, f"carriers[{i}]") for i, c in enumerate(r.array(d["carriers"], "carriers")))
    ids = [c.id for c in carriers]
    if len(set(ids)) != len(ids):
        r.fail("carriers", "能源品种 id 重复", "duplicate carrier ids")
    e = r.obj(d["electricity_tce"], "electricity_tce", {"equivalent", "equal_value_default"})
    grid = []
    for i, g in enumerate(r.array(d["grid_factors"], "grid_factors")):
        gd = r.obj(g, f"grid_factors[{i}]", {"year", "used", "national_average", "fossil", "source", "status"})
        grid.append(
            GridFactor(
                int(r.number(gd["year"], f"grid_factors[{i}].year", lo=2000, hi=2100)),
                r.number(gd["used"], f"grid_factors[{i}].used", lo=0.0, hi=5.0),
                r.number(gd["national_average"], f"grid_factors[{i}].national_average", lo=0.0, hi=5.0),
                r.number(gd["fossil"], f"grid_factors[{i}].fossil", lo=0.0, hi=5.0),
                r.text(gd["source"], f"grid_factors[{i}].source"),
                r.choice(gd["status"], f"grid_factors[{i}].status", STATUSES),
            )
        )
    grid.sort(key=lambda g: g.year)
    if len({g.year for g in grid}) != len(grid):
        r.fail("grid_factors", "因子年份重复", "duplicate factor years")
    limits = []
    for i, u in enumerate(r.array(d["ultra_low_limits"], "ultra_low_limits")):
        path = f"ultra_low_limits[{i}]"
        ud = r.obj(u, path, {"source_type", "name", "limits", "source", "status"})
        ld = r.obj(ud["limits"], f"{path}.limits", set(), set(POLLUTANTS))
        limits.append(
            UltraLowLimit(
                r.text(ud["source_type"], f"{path}.source_type"),
                read_text(r, ud["name"], f"{path}.name"),
                {k: r.number(v, f"{path}.limits.{k}", lo=1e-9) for k, v in ld.items()},
                r.text(ud["source"], f"{path}.source"),
                r.choice(ud["status"], f"{path}.status", STATUSES),
            )
        )
    custom = r.obj(d["custom_source"], "custom_source", {"source_type", "name"})
    if custom["source_type"] != "custom":
        r.fail("custom_source.source_type", "应为 custom", "must be 'custom'")
    return Factors(
        id=r.text(d["id"], "id"),
        title=read_text(r, d["title"], "title"),
        kgce_mj=r.number(d["kgce_mj"], "kgce_mj", lo=1.0),
        carriers=carriers,
        electricity_equivalent=_read_basis(r, e["equivalent"], "electricity_tce.equivalent"),
        electricity_equal_value_default=_read_basis(r, e["equal_value_default"], "electricity_tce.equal_value_default"),
        grid_factors=tuple(grid),
        grid_series=read_text(r, d["grid_factor_series"], "grid_factor_series"),
        ultra_low=tuple(limits),
        custom_source_name=read_text(r, custom["name"], "custom_source.name"),
    )


@lru_cache(maxsize=8)
def load_factors(factors_id: str) -> Factors:
    """Load a bundled factor table by id (cached: the data is immutable)."""
    name = f"{factors_id}.json"
    try:
        raw = resources.files("assessments").joinpath("factors", name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise CriteriaError([Problem(name, f"找不到因子表：{exc}", f"factor table not found: {exc}")]) from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise CriteriaError(
            [
                Problem(
                    name, f"JSON 格式错误（第{exc.lineno}行第{exc.colno}列）", f"bad JSON at {exc.lineno}:{exc.colno}"
                )
            ]
        ) from exc
    return parse_factors(data, name)
